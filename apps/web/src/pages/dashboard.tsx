import { Card, Col, DatePicker, Empty, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, withQuery } from '../api.js';
import { EP } from '../endpoints.js';
import { hasKey, useI18n, useTitle, type TKey } from '../i18n.js';
import { Chart } from '../Chart.js';
import { useStageLabel } from './board.js';

interface Funnel {
  total: number;
  steps: { stage: string; label: string; count: number; rateFromPrevious: number | null }[];
  overallConversion: number | null;
}
interface ConversionRow {
  key: string | null;
  label: string;
  leads: number;
  contacted: number;
  siteVisits: number;
  signed: number;
  conversionRate: number | null;
}
interface ResponseRow {
  key: string | null;
  label: string;
  leads: number;
  responded: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  slaCompliance: number | null;
}
interface TrendRow {
  period: string;
  newLeads: number;
  signed: number;
  lost: number;
}
interface LostRow {
  reason: string;
  label: string;
  count: number;
}

const GROUP_BYS = ['channel', 'article', 'park', 'consultant', 'industry'] as const;
type Range = { from: string; to: string };

function useReport<T>(name: string, range: Range, extra?: Record<string, string>) {
  return useQuery({ queryKey: ['report', name, range, extra], queryFn: () => api.get<T>(EP.reports(name), { ...range, ...extra }) });
}

const pct = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`);

function Panel(props: {
  title: string;
  children: React.ReactNode;
  loading: boolean;
  empty: boolean;
  failed: boolean;
  exportHref: string;
  extra?: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{props.title}</h2>}
      extra={
        <Space size="small">
          {props.extra}
          <a href={props.exportHref} aria-label={`${t('export')} ${props.title} (Excel)`}>
            {t('export')}
          </a>
        </Space>
      }
    >
      {props.loading ? (
        <Skeleton active />
      ) : props.failed ? (
        <Empty description={t('notAvailable')} />
      ) : props.empty ? (
        <Empty description={t('noData')} />
      ) : (
        props.children
      )}
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  useTitle(t('dashboard'));
  const stageLabel = useStageLabel();
  const [params, setParams] = useSearchParams();
  const fromDay = params.get('from') ?? dayjs().subtract(90, 'day').format('YYYY-MM-DD');
  const toDay = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  const by = (params.get('by') as (typeof GROUP_BYS)[number] | null) ?? 'channel';
  // the API's `to` is exclusive: the day after the last day picked
  const range: Range = { from: dayjs(fromDay).startOf('day').toISOString(), to: dayjs(toDay).add(1, 'day').startOf('day').toISOString() };
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const funnel = useReport<Funnel>('funnel', range);
  const conversion = useReport<{ rows: ConversionRow[] }>('conversion', range, { groupBy: by });
  const response = useReport<{ rows: ResponseRow[]; slaMinutes: number }>('response-times', range);
  const trend = useReport<{ rows: TrendRow[] }>('trend', range, { interval: 'week' });
  const lost = useReport<{ rows: LostRow[]; total: number }>('lost-reasons', range);
  const xlsx = (name: string, extra?: Record<string, string>) => withQuery(EP.reports(name), { ...range, ...extra, format: 'xlsx' });
  const keyLabel = (r: { key: string | null; label: string }) =>
    by === 'channel' && r.key && hasKey(`ch_${r.key}`) ? t(`ch_${r.key}` as TKey) : r.label || r.key || '—';

  const steps = funnel.data?.steps ?? [];
  const convRows = conversion.data?.rows ?? [];
  const respRows = response.data?.rows ?? [];
  const trendRows = trend.data?.rows ?? [];
  const lostRows = (lost.data?.rows ?? []).filter((r) => r.count > 0);

  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('dashboard')}
        </Typography.Title>
        <DatePicker.RangePicker
          aria-label={`${t('from')} – ${t('to')}`}
          value={[dayjs(fromDay), dayjs(toDay)]}
          allowClear={false}
          onChange={(v) => {
            if (v?.[0] && v[1]) {
              const next = new URLSearchParams(params);
              next.set('from', v[0].format('YYYY-MM-DD'));
              next.set('to', v[1].format('YYYY-MM-DD'));
              setParams(next, { replace: true });
            }
          }}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Panel
            title={t('funnel')}
            loading={funnel.isLoading}
            failed={!!funnel.error}
            empty={!funnel.data?.total}
            exportHref={xlsx('funnel')}
          >
            <Chart
              testId="funnel-chart"
              label={`${t('funnel')}: ${steps.map((s) => `${stageLabel(s.stage)} ${s.count}`).join(', ')}`}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'funnel',
                    sort: 'none',
                    minSize: '8%',
                    left: '5%',
                    width: '90%',
                    label: { show: true, position: 'inside', formatter: '{b}  {c}' },
                    data: steps.map((s) => ({ name: stageLabel(s.stage), value: s.count })),
                  },
                ],
              }}
            />
            <Typography.Text type="secondary">
              {t('overall')}: {pct(funnel.data?.overallConversion)}
            </Typography.Text>
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel
            title={t('conversion')}
            loading={conversion.isLoading}
            failed={!!conversion.error}
            empty={convRows.length === 0}
            exportHref={xlsx('conversion', { groupBy: by })}
            extra={
              <Select
                size="small"
                aria-label={t('groupBy')}
                value={by}
                style={{ width: 90 }}
                onChange={(v: string) => setParam('by', v)}
                options={GROUP_BYS.map((g) => ({ value: g, label: t(`by_${g}`) }))}
              />
            }
          >
            <Chart
              label={`${t('conversion')}: ${convRows.map((r) => `${keyLabel(r)} ${r.leads}/${r.signed}`).join(', ')}`}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 40, right: 40, bottom: 50, top: 36 },
                xAxis: { type: 'category', data: convRows.map(keyLabel), axisLabel: { interval: 0, rotate: convRows.length > 4 ? 30 : 0 } },
                yAxis: [{ type: 'value' }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
                series: [
                  { type: 'bar', name: t('leads'), data: convRows.map((r) => r.leads) },
                  { type: 'bar', name: t('st_contacted'), data: convRows.map((r) => r.contacted) },
                  { type: 'bar', name: t('st_signed'), data: convRows.map((r) => r.signed) },
                  {
                    type: 'line',
                    name: t('rate'),
                    yAxisIndex: 1,
                    data: convRows.map((r) => (r.conversionRate == null ? null : Math.round(r.conversionRate * 1000) / 10)),
                  },
                ],
              }}
            />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel
            title={t('responseTimes')}
            loading={response.isLoading}
            failed={!!response.error}
            empty={respRows.length === 0}
            exportHref={xlsx('response-times')}
          >
            <Chart
              label={`${t('responseTimes')}: ${respRows.map((r) => `${r.label} ${r.medianMinutes ?? '—'} min, SLA ${pct(r.slaCompliance)}`).join(', ')}`}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 50, right: 40, bottom: 40, top: 36 },
                xAxis: { type: 'category', data: respRows.map((r) => r.label || '—') },
                yAxis: [
                  { type: 'value', name: t('minutes') },
                  { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                ],
                series: [
                  { type: 'bar', name: t('median'), data: respRows.map((r) => r.medianMinutes) },
                  { type: 'bar', name: 'P90', data: respRows.map((r) => r.p90Minutes) },
                  {
                    type: 'line',
                    name: `SLA ${response.data?.slaMinutes ?? ''}′`,
                    yAxisIndex: 1,
                    data: respRows.map((r) => (r.slaCompliance == null ? null : Math.round(r.slaCompliance * 1000) / 10)),
                  },
                ],
              }}
            />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel
            title={t('trend')}
            loading={trend.isLoading}
            failed={!!trend.error}
            empty={trendRows.length === 0}
            exportHref={xlsx('trend', { interval: 'week' })}
          >
            <Chart
              label={t('trend')}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 40, right: 16, bottom: 30, top: 36 },
                xAxis: { type: 'category', data: trendRows.map((r) => r.period.slice(5)) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  { type: 'line', name: t('newLeads'), data: trendRows.map((r) => r.newLeads) },
                  { type: 'line', name: t('st_signed'), data: trendRows.map((r) => r.signed) },
                  { type: 'line', name: t('st_lost'), data: trendRows.map((r) => r.lost) },
                ],
              }}
            />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel
            title={t('lostReasons')}
            loading={lost.isLoading}
            failed={!!lost.error}
            empty={lostRows.length === 0}
            exportHref={xlsx('lost-reasons')}
          >
            <Chart
              label={`${t('lostReasons')}: ${lostRows.map((r) => `${r.label} ${r.count}`).join(', ')}`}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 100, right: 16, bottom: 30, top: 10 },
                yAxis: { type: 'category', data: lostRows.map((r) => (hasKey(`lr_${r.reason}`) ? t(`lr_${r.reason}` as TKey) : r.label)) },
                xAxis: { type: 'value', minInterval: 1 },
                series: [{ type: 'bar', data: lostRows.map((r) => r.count) }],
              }}
            />
          </Panel>
        </Col>
      </Row>
    </>
  );
}
