import { Card, Col, DatePicker, Empty, Row, Skeleton, Space, Typography, Button } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, withQuery } from '../api.js';
import { EP } from '../endpoints.js';
import { hasKey, useI18n, useTitle, type TKey } from '../i18n.js';
import { Chart } from '../Chart.js';
import { useStageLabel } from './board.js';

type Row_ = Record<string, unknown>;

/** Reports come as arrays or wrapped ({rows|items|stages|series}); take the first array found. */
function rowsOf(d: unknown): Row_[] {
  if (Array.isArray(d)) return d as Row_[];
  if (d && typeof d === 'object') for (const v of Object.values(d as Row_)) if (Array.isArray(v)) return v as Row_[];
  return [];
}
function num(r: Row_, ...keys: string[]): number {
  for (const k of keys) if (typeof r[k] === 'number' || (typeof r[k] === 'string' && r[k] !== '' && !isNaN(Number(r[k])))) return Number(r[k]);
  return 0;
}
function str(r: Row_, ...keys: string[]): string {
  for (const k of keys) if (r[k] !== undefined && r[k] !== null) return String(r[k]);
  return '';
}

function useReport(name: string, range: { from?: string; to?: string }, extra?: Record<string, string>) {
  return useQuery({ queryKey: ['report', name, range, extra], queryFn: () => api.get<unknown>(EP.reports(name), { ...range, ...extra }) });
}

function Panel({ title, children, loading, empty }: { title: string; children: React.ReactNode; loading: boolean; empty: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}>
      {loading ? <Skeleton active /> : empty ? <Empty description={t('notAvailable')} /> : children}
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  useTitle(t('dashboard'));
  const stageLabel = useStageLabel();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? dayjs().subtract(90, 'day').format('YYYY-MM-DD');
  const to = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  const range = { from, to };
  const funnel = useReport('funnel', range);
  const channel = useReport('conversion', range, { by: 'channel' });
  const response = useReport('response-times', range);
  const trend = useReport('trend', range);

  const funnelRows = rowsOf(funnel.data);
  const channelRows = rowsOf(channel.data);
  const responseRows = rowsOf(response.data);
  const trendRows = rowsOf(trend.data);
  const label = (s: string) => (hasKey(`ch_${s}`) ? t(`ch_${s}` as TKey) : s);

  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('dashboard')}
        </Typography.Title>
        <Space wrap>
          <DatePicker.RangePicker
            aria-label={`${t('from')} – ${t('to')}`}
            value={[dayjs(from), dayjs(to)]}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) setParams({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') }, { replace: true });
            }}
          />
          <Button href={withQuery(EP.reports('export'), { ...range, format: 'csv' })}>{t('export')}</Button>
        </Space>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Panel title={t('funnel')} loading={funnel.isLoading} empty={!!funnel.error || funnelRows.length === 0}>
            <Chart
              testId="funnel-chart"
              label={`${t('funnel')}: ${funnelRows.map((r) => `${stageLabel(str(r, 'stage', 'name'))} ${num(r, 'count', 'value', 'reached')}`).join(', ')}`}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'funnel',
                    sort: 'none',
                    minSize: '10%',
                    label: { show: true, formatter: '{b}: {c}' },
                    data: funnelRows.map((r) => ({ name: stageLabel(str(r, 'stage', 'name')), value: num(r, 'count', 'value', 'reached') })),
                  },
                ],
              }}
            />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title={t('byChannel')} loading={channel.isLoading} empty={!!channel.error || channelRows.length === 0}>
            <Chart
              label={t('byChannel')}
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                grid: { left: 40, right: 16, bottom: 30, top: 40 },
                xAxis: { type: 'category', data: channelRows.map((r) => label(str(r, 'channel', 'key', 'name'))) },
                yAxis: { type: 'value' },
                series: [
                  { type: 'bar', name: t('leads'), data: channelRows.map((r) => num(r, 'leads', 'total', 'count')) },
                  { type: 'bar', name: t('st_signed'), data: channelRows.map((r) => num(r, 'signed', 'won', 'converted')) },
                ],
              }}
            />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title={t('responseTimes')} loading={response.isLoading} empty={!!response.error || responseRows.length === 0}>
            <Chart
              label={t('responseTimes')}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 50, right: 16, bottom: 30, top: 20 },
                xAxis: { type: 'category', data: responseRows.map((r) => str(r, 'bucket', 'label', 'consultant', 'name', 'key')) },
                yAxis: { type: 'value' },
                series: [{ type: 'bar', data: responseRows.map((r) => num(r, 'count', 'value', 'medianMinutes', 'avgMinutes')) }],
              }}
            />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title={t('trend')} loading={trend.isLoading} empty={!!trend.error || trendRows.length === 0}>
            <Chart
              label={t('trend')}
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                grid: { left: 40, right: 16, bottom: 30, top: 40 },
                xAxis: { type: 'category', data: trendRows.map((r) => str(r, 'week', 'period', 'date', 'label')) },
                yAxis: { type: 'value' },
                series: [
                  { type: 'line', name: t('leads'), data: trendRows.map((r) => num(r, 'leads', 'created', 'count')) },
                  { type: 'line', name: t('st_signed'), data: trendRows.map((r) => num(r, 'signed', 'won')) },
                ],
              }}
            />
          </Panel>
        </Col>
      </Row>
    </>
  );
}
