import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Result, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, itemsOf } from '../api.js';
import { EP } from '../endpoints.js';
import { useI18n, useTitle } from '../i18n.js';

type Obj = Record<string, unknown>;

interface RowError {
  row: number;
  column?: string;
  field?: string;
  code?: string;
  message_zh?: string;
  message_en?: string;
  message?: string;
}
interface ImportResult {
  imported?: number;
  created?: number;
  updated?: number;
  errors?: RowError[];
  rowErrors?: RowError[];
  [k: string]: unknown;
}

/** Generic table of API objects: the first few scalar columns. */
function AutoTable({ rows, keys, loading, labels }: { rows: Obj[]; keys?: string[]; loading?: boolean; labels?: Record<string, string> }) {
  const cols = keys ?? Object.keys(rows[0] ?? {}).filter((k) => ['string', 'number', 'boolean'].includes(typeof rows[0]?.[k]) && k !== 'id').slice(0, 7);
  return (
    <Table<Obj>
      size="small"
      rowKey={(r) => String(r.id ?? JSON.stringify(r))}
      loading={loading}
      dataSource={rows}
      scroll={{ x: 700 }}
      columns={cols.map((k) => ({ title: labels?.[k] ?? k, dataIndex: k, render: (v: unknown) => (typeof v === 'boolean' ? (v ? '✓' : '') : String(v ?? '')) }))}
    />
  );
}

export function ListingsPage() {
  const { t, pick, lang } = useI18n();
  useTitle(t('listings'));
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const listings = useQuery({ queryKey: ['listings'], queryFn: () => api.get<unknown>(EP.listings, { limit: 200 }) });
  // ImportResult: {created, updated, unchanged, errors: [{row, column, message_zh, message_en}]}
  const upload = useMutation({
    mutationFn: (f: File) => {
      const fd = new FormData();
      fd.append('file', f, f.name);
      return api.post<ImportResult>(EP.listingsImport, fd);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['listings'] }),
  });
  const result = upload.data;
  const err = upload.error instanceof ApiError ? upload.error : null;
  const rowErrors: RowError[] = result?.errors ?? result?.rowErrors ?? (err?.fields.map((f) => ({ row: Number(/\d+/.exec(f.field)?.[0] ?? 0), ...f })) ?? []);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('listings')}
      </Typography.Title>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('importListings')}</h2>} style={{ marginBottom: 16 }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate(file);
          }}
        >
          <Space wrap>
            <label htmlFor="listings-file">{t('chooseFile')}</label>
            <input id="listings-file" type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <Button type="primary" htmlType="submit" disabled={!file} loading={upload.isPending}>
              {t('upload')}
            </Button>
          </Space>
        </form>
        {result && (
          <Alert
            role="status"
            style={{ marginTop: 12 }}
            type={rowErrors.length ? 'warning' : 'success'}
            title={`${t('imported')}: ${String(result.imported ?? Number(result.created ?? 0) + Number(result.updated ?? 0))}${result.unchanged ? ` · ${t('unchanged')}: ${String(result.unchanged)}` : ''}${rowErrors.length ? ` · ${t('rowErrors')}: ${rowErrors.length}` : ''}`}
          />
        )}
        {err && !rowErrors.length && <Alert role="alert" type="error" style={{ marginTop: 12 }} title={err.text(lang)} />}
        {rowErrors.length > 0 && (
          <Table<RowError>
            style={{ marginTop: 12 }}
            size="small"
            data-testid="row-errors"
            title={() => <strong>{t('rowErrors')}</strong>}
            rowKey={(r) => `${r.row}-${r.column ?? r.field}-${r.message_en ?? r.message}`}
            dataSource={rowErrors}
            pagination={false}
            columns={[
              { title: t('row'), dataIndex: 'row' },
              { title: t('field'), key: 'f', render: (_: unknown, r) => r.column ?? r.field },
              { title: t('message'), key: 'm', render: (_: unknown, r) => pick(r.message_zh ?? r.message, r.message_en ?? r.message) },
            ]}
          />
        )}
      </Card>
      {listings.error ? (
        <Empty description={t('notAvailable')} />
      ) : (
        <AutoTable
          rows={itemsOf<Obj>(listings.data)}
          loading={listings.isLoading}
          keys={['externalCode', 'title', 'kind', 'deal', 'region', 'areaSqm', 'areaMu', 'rentYuanPerSqmMonth', 'status']}
          labels={
            lang === 'zh'
              ? { externalCode: '编号', title: '标题', kind: '类型', deal: '租售', region: '区域', areaSqm: '面积(㎡)', areaMu: '亩', rentYuanPerSqmMonth: '租金(元/㎡/月)', status: '状态' }
              : { externalCode: 'Code', title: 'Title', kind: 'Kind', deal: 'Deal', region: 'Region', areaSqm: 'Area (m²)', areaMu: 'Mu', rentYuanPerSqmMonth: 'Rent (yuan/m²/month)', status: 'Status' }
          }
        />
      )}
    </>
  );
}

export function PoliciesPage() {
  const { t, pick, lang } = useI18n();
  useTitle(t('policies'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'pending';
  const q = useQuery({ queryKey: ['policies', status], queryFn: () => api.get<unknown>(EP.policiesReview, { status }) });
  const review = useMutation({
    mutationFn: (v: { id: string; status: string }) => api.patch(EP.policy(v.id), { status: v.status }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['policies'] }),
    onError: (e) => void message.error(e instanceof ApiError ? e.text(lang) : t('error')),
  });
  const rows = itemsOf<Obj>(q.data);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('policies')}
      </Typography.Title>
      <Tabs activeKey={status} onChange={(k) => setParams({ status: k }, { replace: true })} items={['pending', 'approved', 'rejected'].map((k) => ({ key: k, label: k }))} />
      {q.error ? (
        <Empty description={t('notAvailable')} />
      ) : (
        <Table<Obj>
          rowKey={(r) => String(r.id)}
          loading={q.isLoading}
          dataSource={rows}
          scroll={{ x: 700 }}
          columns={[
            { title: t('policies'), key: 'title', render: (_: unknown, r) => String(r.title ?? r.name ?? r.kind ?? '') },
            { title: '', key: 'quote', render: (_: unknown, r) => <Typography.Text mark>{String(r.quote ?? r.sourceQuote ?? r.sentence ?? '')}</Typography.Text> },
            {
              title: '',
              key: 'a',
              render: (_: unknown, r) =>
                status === 'pending' ? (
                  <Space>
                    <Button size="small" type="primary" onClick={() => review.mutate({ id: String(r.id), status: 'approved' })}>
                      {t('approve')}
                    </Button>
                    <Button size="small" danger onClick={() => review.mutate({ id: String(r.id), status: 'rejected' })}>
                      {t('reject')}
                    </Button>
                  </Space>
                ) : (
                  <Tag>{pick(String(r.status ?? ''), String(r.status ?? ''))}</Tag>
                ),
            },
          ]}
        />
      )}
    </>
  );
}

export function RoutingPage() {
  const { t, lang } = useI18n();
  useTitle(t('routing'));
  const rules = useQuery({ queryKey: ['routing-rules'], queryFn: () => api.get<unknown>(EP.routingRules) });
  const sim = useMutation({ mutationFn: (v: Obj) => api.post<Obj>(EP.routingSimulate, v) });
  if (rules.error) return <Result status="info" title={t('routing')} subTitle={t('notAvailable')} />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('routing')}
      </Typography.Title>
      <AutoTable rows={itemsOf<Obj>(rules.data)} loading={rules.isLoading} />
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('simulate')}</h2>}>
        <Form layout="vertical" name="simulate" onFinish={(v: Obj) => sim.mutate(Object.fromEntries(Object.entries(v).filter(([, x]) => x)))}>
          <Form.Item name="usage" label={t('usage')}>
            <Input />
          </Form.Item>
          <Form.Item name="region" label={t('region')}>
            <Input />
          </Form.Item>
          <Button htmlType="submit" loading={sim.isPending}>
            {t('simulate')}
          </Button>
        </Form>
        {sim.error instanceof ApiError && <Alert role="alert" type="error" style={{ marginTop: 12 }} title={sim.error.text(lang)} />}
        {sim.data && (
          <pre role="status" style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>
            {JSON.stringify(sim.data, null, 2)}
          </pre>
        )}
      </Card>
    </>
  );
}

export function NotificationsPage() {
  const { t, lang } = useI18n();
  useTitle(t('notifications'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const q = useQuery({ queryKey: ['notifications', status], queryFn: () => api.get<unknown>(EP.notifications, { status }) });
  const retry = useMutation({
    mutationFn: (id: string) => api.post(EP.notificationRetry(id)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
    onError: (e) => void message.error(e instanceof ApiError ? e.text(lang) : t('error')),
  });
  if (q.error) return <Result status="info" title={t('notifications')} subTitle={t('notAvailable')} />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('notifications')}
      </Typography.Title>
      <Tabs
        activeKey={status ?? 'all'}
        onChange={(k) => setParams(k === 'all' ? {} : { status: k }, { replace: true })}
        items={['all', 'pending', 'sent', 'failed'].map((k) => ({ key: k, label: k }))}
      />
      <Table<Obj>
        rowKey={(r) => String(r.id)}
        size="small"
        loading={q.isLoading}
        dataSource={itemsOf<Obj>(q.data)}
        scroll={{ x: 700 }}
        columns={[
          { title: 'channel', dataIndex: 'channel' },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'failed' ? 'red' : s === 'sent' ? 'green' : undefined}>{s}</Tag> },
          { title: 'attempts', dataIndex: 'attempts' },
          { title: 'error', key: 'e', render: (_: unknown, r) => String(r.lastError ?? r.lastErrcode ?? '') },
          { title: t('createdAt'), dataIndex: 'createdAt', render: (d?: string) => (d ? new Date(d).toLocaleString() : '') },
          {
            title: '',
            key: 'a',
            render: (_: unknown, r) =>
              r.status === 'failed' ? (
                <Button size="small" onClick={() => retry.mutate(String(r.id))}>
                  {t('retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}
