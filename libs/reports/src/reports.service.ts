import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/errors';
import { LOST_REASON_LABELS_ZH, PIPELINE_STAGES, STAGE_LABELS_ZH, type LostReason } from '@app/pipeline';
import { DEFAULT_WORKING_HOURS, RoutingService, type WorkingHours } from '@app/routing';
import { workingMinutes } from './working-minutes.js';
import { ReportsRepository, type ReportFilter } from './reports.repository.js';
import {
  addCount,
  conversion,
  funnel,
  lostReasons,
  periodsBetween,
  responseTimes,
  trend,
  type ConversionRow,
  type Funnel,
  type GroupBy,
  type Interval,
  type LostReasonRow,
  type MinuteCounts,
  type ResponseTimeRow,
  type TrendRow,
} from './report-math.js';
import type { ReportTable } from './report-table.js';

export const CHANNEL_LABELS_ZH: Record<string, string> = {
  web: '网页表单',
  article: '文章页',
  wechat: '微信',
  phone: '电话',
  referral: '转介绍',
  import: '导入',
};

const GROUP_HEADERS_ZH: Record<GroupBy, string> = {
  channel: '渠道',
  article: '来源文章',
  park: '签约园区',
  consultant: '顾问',
  industry: '行业',
};
const NONE_LABELS_ZH: Record<GroupBy, string> = {
  channel: '未知',
  article: '无来源文章',
  park: '未签约',
  consultant: '公海/未分配',
  industry: '未识别行业',
};

export interface Window {
  from: string;
  to: string;
}
export interface Labeled {
  key: string | null;
  label: string;
}
export type FunnelReport = Window & Funnel;
export type ConversionReport = Window & { groupBy: GroupBy; rows: (ConversionRow & Labeled)[] };
export type ResponseTimeReport = Window & {
  groupBy: GroupBy;
  slaMinutes: number;
  minutes: 'working';
  rows: (ResponseTimeRow & Labeled)[];
};
export type TrendReport = Window & { interval: Interval; rows: TrendRow[] };
export type LostReasonReport = Window & { total: number; rows: (LostReasonRow & { label: string })[] };

const pct = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);

/** Manager reports: counts from the database (reports.repository.ts), arithmetic in pure functions (report-math.ts). */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly routing: RoutingService,
  ) {}

  /**
   * Working minutes (routing's calendar: the owner's hours or 09:00–18:00 Mon–Fri Asia/Shanghai, with
   * China's holidays and make-up days), as the first-response SLA counts them.
   */
  private async workingMinutes(): Promise<(from: Date, to: Date, ownerHours: unknown) => number> {
    const calendar = await this.routing.calendar();
    return (from, to, ownerHours) => workingMinutes(from, to, (ownerHours as WorkingHours | null) ?? DEFAULT_WORKING_HOURS, calendar);
  }

  private window(f: ReportFilter): Window {
    if (f.from >= f.to) throw DomainError.field('from', 'RANGE_EMPTY', 'from 必须早于 to', 'from must be before to');
    return { from: f.from.toISOString(), to: f.to.toISOString() };
  }

  private async labels(keys: (string | null)[], by: GroupBy): Promise<Map<string | null, string>> {
    const present = keys.filter((k): k is string => k !== null);
    const names =
      by === 'consultant'
        ? await this.repo.userNames(present)
        : by === 'industry'
          ? await this.repo.industryNames(present)
          : by === 'article'
            ? await this.repo.articleTitles(present)
            : by === 'park'
              ? await this.repo.parkNames(present)
              : new Map<string, string>();
    return new Map(
      keys.map((k) => {
        if (k === null) return [k, NONE_LABELS_ZH[by]];
        if (by === 'channel') return [k, CHANNEL_LABELS_ZH[k] ?? k];
        if (by === 'industry') return [k, names.has(k) ? `${k} ${names.get(k)}` : k];
        return [k, names.get(k) ?? k];
      }),
    );
  }

  async funnel(f: ReportFilter): Promise<{ data: FunnelReport; table: ReportTable }> {
    const w = this.window(f);
    const [all] = await this.repo.groupCounts(f, 'none');
    const data = { ...w, ...funnel(all ?? { leads: 0, reached: [] }) };
    const table: ReportTable = {
      title: '转化漏斗',
      columns: [
        { key: 'label', header: '阶段' },
        { key: 'count', header: '线索数' },
        { key: 'fromPrevious', header: '较上一阶段转化率(%)' },
        { key: 'fromTotal', header: '占全部线索(%)' },
      ],
      rows: data.steps.map((s) => ({
        label: s.label,
        count: s.count,
        fromPrevious: pct(s.rateFromPrevious),
        fromTotal: pct(s.rateFromTotal),
      })),
    };
    return { data, table };
  }

  async conversion(f: ReportFilter, groupBy: GroupBy): Promise<{ data: ConversionReport; table: ReportTable }> {
    const w = this.window(f);
    const rows = conversion(await this.repo.groupCounts(f, groupBy));
    const labels = await this.labels(
      rows.map((r) => r.key),
      groupBy,
    );
    const data = { ...w, groupBy, rows: rows.map((r) => ({ ...r, label: labels.get(r.key)! })) };
    const table: ReportTable = {
      title: '转化报表',
      columns: [
        { key: 'label', header: GROUP_HEADERS_ZH[groupBy] },
        { key: 'key', header: '编号' },
        { key: 'leads', header: '线索数' },
        { key: 'contacted', header: '已联系' },
        { key: 'siteVisits', header: '实地考察' },
        { key: 'signed', header: '已签约' },
        { key: 'conversionRate', header: '转化率(%)' },
        { key: 'signedInvestmentWan', header: '签约投资额(万元)' },
        { key: 'signedAnnualTaxWan', header: '预计年税收(万元)' },
      ],
      rows: data.rows.map((r) => ({ ...r, conversionRate: pct(r.conversionRate) })),
    };
    return { data, table };
  }

  /** `slaMinutes` defaults to routing's first-response SLA. */
  async responseTimes(
    f: ReportFilter,
    groupBy: GroupBy,
    slaMinutesOverride?: number,
  ): Promise<{ data: ResponseTimeReport; table: ReportTable }> {
    const w = this.window(f);
    const slaMinutes = slaMinutesOverride ?? (await this.routing.settings()).firstResponseMinutes;
    const { sizes, defaultMinutes, answered } = await this.repo.responses(f, groupBy, DEFAULT_WORKING_HOURS);
    const minutes = new Map<string | null, MinuteCounts>([...sizes.keys()].map((k) => [k, new Map(defaultMinutes.get(k) ?? [])]));
    if (answered.length) {
      const minutesOf = await this.workingMinutes();
      for (const a of answered) {
        const h = minutes.get(a.key);
        if (h) addCount(h, Math.max(0, minutesOf(a.from, a.to, a.ownerHours)), 1);
      }
    }
    const rows = responseTimes(
      [...sizes].map(([key, leads]) => ({ key, leads, minutes: minutes.get(key) ?? new Map() })),
      slaMinutes,
    );
    const labels = await this.labels(
      rows.map((r) => r.key),
      groupBy,
    );
    const data = { ...w, groupBy, slaMinutes, minutes: 'working' as const, rows: rows.map((r) => ({ ...r, label: labels.get(r.key)! })) };
    const table: ReportTable = {
      title: '首次响应时间',
      columns: [
        { key: 'label', header: GROUP_HEADERS_ZH[groupBy] },
        { key: 'key', header: '编号' },
        { key: 'leads', header: '线索数' },
        { key: 'responded', header: '已响应' },
        { key: 'medianMinutes', header: '响应时间中位数(工作分钟)' },
        { key: 'p90Minutes', header: '响应时间P90(工作分钟)' },
        { key: 'withinSla', header: 'SLA内响应' },
        { key: 'slaCompliance', header: 'SLA达标率(%)' },
      ],
      rows: data.rows.map((r) => ({ ...r, slaCompliance: pct(r.slaCompliance) })),
    };
    return { data, table };
  }

  async trend(f: ReportFilter, interval: Interval): Promise<{ data: TrendReport; table: ReportTable }> {
    const w = this.window(f);
    if (periodsBetween(f.from, f.to, interval).length > 1000) {
      throw DomainError.field('from', 'RANGE_TOO_LONG', '时间范围过长（最多1000个周期）', 'The range spans more than 1000 periods');
    }
    const data = { ...w, interval, rows: trend(await this.repo.trendCounts(f, interval), interval, f.from, f.to) };
    const table: ReportTable = {
      title: '趋势',
      columns: [
        { key: 'period', header: interval === 'day' ? '日期' : interval === 'week' ? '周（周一）' : '月份' },
        { key: 'newLeads', header: '新增线索' },
        { key: 'signed', header: '签约' },
        { key: 'lost', header: '流失' },
      ],
      rows: data.rows.map((r) => ({ ...r })),
    };
    return { data, table };
  }

  async lostReasons(f: ReportFilter): Promise<{ data: LostReasonReport; table: ReportTable }> {
    const w = this.window(f);
    const { total, rows } = lostReasons(await this.repo.lostCounts(f));
    const data = { ...w, total, rows: rows.map((r) => ({ ...r, label: LOST_REASON_LABELS_ZH[r.reason as LostReason] ?? r.reason })) };
    const table: ReportTable = {
      title: '流失原因',
      columns: [
        { key: 'label', header: '流失原因' },
        { key: 'count', header: '流失线索数' },
        { key: 'share', header: '占比(%)' },
        ...PIPELINE_STAGES.map((s) => ({ key: `at_${s}`, header: `流失于${STAGE_LABELS_ZH[s]}` })),
      ],
      rows: data.rows.map((r) => ({
        label: r.label,
        count: r.count,
        share: pct(r.share),
        ...Object.fromEntries(PIPELINE_STAGES.map((s) => [`at_${s}`, r.atStage[s]])),
      })),
    };
    return { data, table };
  }
}
