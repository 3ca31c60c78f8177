import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Result,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, CHANNELS, itemsOf } from '../api.js';
import type { CreateRuleDto, IngestArticleDto, RuleConditionsDto, SimulateDto, UpdatePolicyDto, UpdateRuleDto } from '../api-types.gen.js';
import { useMe } from '../auth.js';
import { useConsultants } from '../consultants.js';
import { plainPolicy, type PolicyView } from '../policyText.js';
import { EP } from '../endpoints.js';
import { hasKey, useI18n, useTitle } from '../i18n.js';

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
  const cols =
    keys ??
    Object.keys(rows[0] ?? {})
      .filter((k) => ['string', 'number', 'boolean'].includes(typeof rows[0]?.[k]) && k !== 'id')
      .slice(0, 7);
  return (
    <Table<Obj>
      size="small"
      rowKey={(r) => String(r.id ?? JSON.stringify(r))}
      loading={loading}
      dataSource={rows}
      scroll={{ x: 700 }}
      columns={cols.map((k) => ({
        title: labels?.[k] ?? k,
        dataIndex: k,
        render: (v: unknown) => (typeof v === 'boolean' ? (v ? '✓' : '') : String(v ?? '')),
      }))}
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
  const rowErrors: RowError[] =
    result?.errors ?? result?.rowErrors ?? err?.fields.map((f) => ({ row: Number(/\d+/.exec(f.field)?.[0] ?? 0), ...f })) ?? [];
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
              ? {
                  externalCode: '编号',
                  title: '标题',
                  kind: '类型',
                  deal: '租售',
                  region: '区域',
                  areaSqm: '面积(㎡)',
                  areaMu: '亩',
                  rentYuanPerSqmMonth: '租金(元/㎡/月)',
                  status: '状态',
                }
              : {
                  externalCode: 'Code',
                  title: 'Title',
                  kind: 'Kind',
                  deal: 'Deal',
                  region: 'Region',
                  areaSqm: 'Area (m²)',
                  areaMu: 'Mu',
                  rentYuanPerSqmMonth: 'Rent (yuan/m²/month)',
                  status: 'Status',
                }
          }
        />
      )}
    </>
  );
}

export function PoliciesPage() {
  const { t, lang } = useI18n();
  useTitle(t('policies'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'extracted';
  const q = useQuery({ queryKey: ['policies', status], queryFn: () => api.get<PolicyView[]>(EP.policiesReview, { status }) });
  const review = useMutation({
    mutationFn: (v: { id: string; status: NonNullable<UpdatePolicyDto['status']> }) =>
      api.patch<unknown, UpdatePolicyDto>(EP.policy(v.id), { status: v.status }),
    onSuccess: () => {
      void message.success(t('saved'));
      void qc.invalidateQueries({ queryKey: ['policies'] });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.text(lang) : t('error')),
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('policies')}
      </Typography.Title>
      <Tabs
        activeKey={status}
        onChange={(k) => setParams({ status: k }, { replace: true })}
        items={(['extracted', 'reviewed', 'rejected'] as const).map((k) => ({ key: k, label: t(`pol_${k}`) }))}
      />
      {q.error ? (
        <Empty description={t('notAvailable')} />
      ) : (
        <Table<PolicyView>
          rowKey="id"
          loading={q.isLoading}
          dataSource={itemsOf<PolicyView>(q.data)}
          scroll={{ x: 800 }}
          columns={[
            { title: t('name'), dataIndex: 'title', width: 200 },
            { title: t('kind'), dataIndex: 'kind', width: 140 },
            { title: t('summary'), key: 'plain', width: 200, render: (_: unknown, r) => plainPolicy(r, lang) },
            { title: t('originalText'), dataIndex: 'quote', render: (v: string) => <Typography.Text mark>{v}</Typography.Text> },
            {
              title: '',
              key: 'a',
              width: 150,
              render: (_: unknown, r) => (
                <Space>
                  {r.status !== 'reviewed' && (
                    <Button size="small" type="primary" onClick={() => review.mutate({ id: r.id, status: 'reviewed' })}>
                      {t('approve')}
                    </Button>
                  )}
                  {r.status !== 'rejected' && (
                    <Button size="small" danger onClick={() => review.mutate({ id: r.id, status: 'rejected' })}>
                      {t('reject')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

interface Rule {
  id: string;
  name: string;
  position: number;
  active: boolean;
  strategy: string;
  targetType: string;
  conditions: Record<string, unknown>;
}
interface SimulateResult {
  consultant: { id: string; name: string } | null;
  rule: { id: string; name: string } | null;
  steps: { code: string; message: string }[];
}

interface RuleForm {
  name: string;
  industries?: string[];
  regions?: string[];
  propertyTypes?: NonNullable<RuleConditionsDto['propertyTypes']>;
  channels?: NonNullable<RuleConditionsDto['channels']>;
  annualTaxMinWan?: number;
  targetType: CreateRuleDto['targetType'];
  targetConsultantId?: string;
  strategy: NonNullable<CreateRuleDto['strategy']>;
  requireOnDuty: boolean;
}

export function RoutingPage() {
  const { t, lang, pick } = useI18n();
  useTitle(t('routing'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const consultants = useConsultants(!!me.data, me.data?.role === 'admin');
  const [ruleForm] = Form.useForm<RuleForm>();
  const rules = useQuery({ queryKey: ['routing-rules'], queryFn: () => api.get<Rule[]>(EP.routingRules) });
  const onErr = (e: unknown) => void message.error(e instanceof ApiError ? e.text(lang) : t('error'));
  const refresh = () => void qc.invalidateQueries({ queryKey: ['routing-rules'] });
  const createRule = useMutation({
    mutationFn: (v: RuleForm) => {
      const conditions: RuleConditionsDto = {};
      if (v.industries?.length) conditions.industries = v.industries;
      if (v.regions?.length) conditions.regions = v.regions;
      if (v.propertyTypes?.length) conditions.propertyTypes = v.propertyTypes;
      if (v.channels?.length) conditions.channels = v.channels;
      if (v.annualTaxMinWan != null) conditions.annualTaxMinWan = v.annualTaxMinWan;
      return api.post<Rule, CreateRuleDto>(EP.routingRules, {
        name: v.name.trim(),
        conditions,
        targetType: v.targetType,
        ...(v.targetType === 'consultant' && v.targetConsultantId ? { targetConsultantId: v.targetConsultantId } : {}),
        strategy: v.strategy,
        requireOnDuty: v.requireOnDuty,
      });
    },
    onSuccess: () => {
      void message.success(t('saved'));
      ruleForm.resetFields();
      refresh();
    },
  });
  const ruleErr = createRule.error instanceof ApiError ? createRule.error : null;
  const rfe = (name: string) => {
    const f = ruleErr?.fields.find((x) => x.field === name || x.field.endsWith(`.${name}`));
    return f ? { validateStatus: 'error' as const, help: <span role="alert">{pick(f.message_zh, f.message_en)}</span> } : {};
  };
  const toggleRule = useMutation({
    mutationFn: (r: Rule) => api.patch<Rule, UpdateRuleDto>(`${EP.routingRules}/${r.id}`, { active: !r.active }),
    onSuccess: refresh,
    onError: onErr,
  });
  const deleteRule = useMutation({ mutationFn: (r: Rule) => api.del(`${EP.routingRules}/${r.id}`), onSuccess: refresh, onError: onErr });
  const targetType = Form.useWatch('targetType', ruleForm);
  const sim = useMutation({ mutationFn: (v: SimulateDto) => api.post<SimulateResult, SimulateDto>(EP.routingSimulate, v) });
  const simErr = sim.error instanceof ApiError ? sim.error : null;
  const fe = (name: string) => {
    const f = simErr?.fields.find((x) => x.field === name);
    return f ? { validateStatus: 'error' as const, help: <span role="alert">{lang === 'zh' ? f.message_zh : f.message_en}</span> } : {};
  };
  if (rules.error) return <Result status="info" title={t('routing')} subTitle={t('notAvailable')} />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('routing')}
      </Typography.Title>
      <Table<Rule>
        rowKey="id"
        size="small"
        loading={rules.isLoading}
        dataSource={itemsOf<Rule>(rules.data)}
        pagination={false}
        scroll={{ x: 700 }}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '#', dataIndex: 'position', width: 50 },
          { title: t('name'), dataIndex: 'name' },
          {
            title: t('active'),
            key: 'active',
            render: (_: unknown, r) => (
              <Switch size="small" checked={r.active} aria-label={`${t('active')} ${r.name}`} onChange={() => toggleRule.mutate(r)} />
            ),
          },
          { title: t('strategy'), dataIndex: 'strategy' },
          {
            title: t('rules'),
            key: 'c',
            render: (_: unknown, r) =>
              Object.entries(r.conditions ?? {})
                .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
                .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('、') : String(v)}`)
                .join('；'),
          },
          {
            title: '',
            key: 'del',
            render: (_: unknown, r) => (
              <Popconfirm title={t('deleteConfirm')} okText={t('confirm')} cancelText={t('cancel')} onConfirm={() => deleteRule.mutate(r)}>
                <Button size="small" danger aria-label={`${t('delete')} ${r.name}`}>
                  {t('delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('newRule')}</h2>} style={{ marginBottom: 16 }}>
        <Form
          form={ruleForm}
          layout="vertical"
          name="rule"
          initialValues={{ targetType: 'consultant', strategy: 'least_loaded', requireOnDuty: false }}
          onFinish={(v) => createRule.mutate(v)}
        >
          <Space wrap align="start">
            <Form.Item name="name" label={t('name')} rules={[{ required: true, message: t('name') }]} {...rfe('name')}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="industries" label={t('industriesCodes')} {...rfe('industries')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} style={{ width: 200 }} placeholder="C36" />
            </Form.Item>
            <Form.Item name="regions" label={t('regions')} {...rfe('regions')}>
              <Select mode="tags" tokenSeparators={[',', '，']} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="propertyTypes" label={t('propertyType')} {...rfe('propertyTypes')}>
              <Select
                mode="multiple"
                style={{ width: 200 }}
                options={(['factory', 'land', 'office', 'warehouse'] as const).map((v) => ({ value: v, label: t(`pt_${v}`) }))}
              />
            </Form.Item>
            <Form.Item name="channels" label={t('channel')} {...rfe('channels')}>
              <Select mode="multiple" style={{ width: 200 }} options={CHANNELS.map((c) => ({ value: c, label: t(`ch_${c}`) }))} />
            </Form.Item>
            <Form.Item name="annualTaxMinWan" label={t('annualTaxMin')} {...rfe('annualTaxMinWan')}>
              <InputNumber min={0} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="targetType" label={t('assignee')} {...rfe('targetType')}>
              <Select
                style={{ width: 140 }}
                options={[
                  { value: 'consultant', label: t('by_consultant') },
                  { value: 'pool', label: t('pool') },
                ]}
              />
            </Form.Item>
            {targetType === 'consultant' && (
              <Form.Item
                name="targetConsultantId"
                label={t('by_consultant')}
                rules={[{ required: true, message: t('by_consultant') }]}
                {...rfe('targetConsultantId')}
              >
                <Select
                  style={{ width: 180 }}
                  loading={consultants.isLoading}
                  options={(consultants.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
            )}
            <Form.Item name="strategy" label={t('strategy')} {...rfe('strategy')}>
              <Select
                style={{ width: 160 }}
                options={[
                  { value: 'least_loaded', label: t('leastLoaded') },
                  { value: 'round_robin', label: t('roundRobin') },
                ]}
              />
            </Form.Item>
            <Form.Item name="requireOnDuty" label={t('onDutyOnly')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          {ruleErr && !ruleErr.fields.length && <Alert role="alert" type="error" title={ruleErr.text(lang)} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={createRule.isPending}>
            {t('save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('simulate')}</h2>}>
        <Form
          layout="vertical"
          name="simulate"
          onFinish={(v: SimulateDto) =>
            sim.mutate(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '')) as SimulateDto)
          }
        >
          <Space wrap align="start">
            <Form.Item name="industryCode" label={t('industryCode')} {...fe('industryCode')}>
              <Input placeholder="C36" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="region" label={t('region')} {...fe('region')}>
              <Input placeholder="浙江省金华市" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="propertyType" label={t('propertyType')} {...fe('propertyType')}>
              <Select
                allowClear
                style={{ width: 140 }}
                options={(['factory', 'land', 'office', 'warehouse'] as const).map((v) => ({ value: v, label: t(`pt_${v}`) }))}
              />
            </Form.Item>
            <Form.Item name="annualTaxWan" label={t('annualTax')} {...fe('annualTaxWan')}>
              <InputNumber min={0} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="channel" label={t('channel')} {...fe('channel')}>
              <Select allowClear style={{ width: 140 }} options={CHANNELS.map((c) => ({ value: c, label: t(`ch_${c}`) }))} />
            </Form.Item>
          </Space>
          <Button htmlType="submit" type="primary" loading={sim.isPending}>
            {t('simulate')}
          </Button>
        </Form>
        {simErr && !simErr.fields.length && <Alert role="alert" type="error" style={{ marginTop: 12 }} title={simErr.text(lang)} />}
        {sim.data && (
          <div role="status" style={{ marginTop: 12 }}>
            <p>
              {t('assignee')}：<strong>{sim.data.consultant?.name ?? t('pool')}</strong>
              {sim.data.rule && <Tag style={{ marginLeft: 8 }}>{sim.data.rule.name}</Tag>}
            </p>
            <ol>
              {sim.data.steps.map((st, i) => (
                <li key={i}>{st.message}</li>
              ))}
            </ol>
          </div>
        )}
      </Card>
    </>
  );
}

interface NotificationRow {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export function NotificationsPage() {
  const { t, lang } = useI18n();
  useTitle(t('notifications'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const q = useQuery({ queryKey: ['notifications', status], queryFn: () => api.get<NotificationRow[]>(EP.notifications, { status }) });
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
        items={(['all', 'pending', 'sent', 'failed', 'dead'] as const).map((k) => ({ key: k, label: t(`ns_${k}`) }))}
      />
      <Table<NotificationRow>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={itemsOf<NotificationRow>(q.data)}
        scroll={{ x: 900 }}
        columns={[
          { title: t('createdAt'), dataIndex: 'createdAt', render: (d: string) => new Date(d).toLocaleString() },
          { title: t('notifyChannel'), dataIndex: 'channel' },
          { title: t('recipient'), dataIndex: 'recipient' },
          { title: t('subject'), dataIndex: 'subject' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'failed' || s === 'dead' ? 'red' : s === 'sent' ? 'green' : undefined}>
                {hasKey(`ns_${s}`) ? t(`ns_${s}` as 'ns_sent') : s}
              </Tag>
            ),
          },
          { title: t('attempts'), dataIndex: 'attempts' },
          { title: t('lastError'), dataIndex: 'lastError' },
          {
            title: '',
            key: 'a',
            render: (_: unknown, r) =>
              r.status === 'failed' || r.status === 'dead' ? (
                <Button size="small" onClick={() => retry.mutate(r.id)}>
                  {t('retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

interface IngestResult {
  id: string;
  title: string;
  created: boolean;
  parks: { id: string; name: string }[];
  industries: { name: string; code: string }[];
  policies: PolicyView[];
  statistics: { label: string; value: number; unit: string; quote: string }[];
}

/** The body with every extracted quote highlighted (<mark>), so a reviewer sees where each policy came from. */
function Highlighted({ text, quotes }: { text: string; quotes: string[] }) {
  const qs = [...new Set(quotes.filter((q) => q && text.includes(q)))].sort((a, b) => b.length - a.length);
  if (!qs.length) return <>{text}</>;
  const re = new RegExp(`(${qs.map((q) => q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return <>{text.split(re).map((part, i) => (qs.includes(part) ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>))}</>;
}

export function ArticlesAdminPage() {
  const { t, lang, pick } = useI18n();
  useTitle(t('articlesAdmin'));
  const [form] = Form.useForm<{ title: string; sourceUrl?: string; body: string }>();
  const articles = useQuery({
    queryKey: ['articles'],
    queryFn: () => api.get<{ id: string; title: string; publishedAt: string | null; parks: { name: string }[] }[]>('/api/articles'),
  });
  const qc = useQueryClient();
  const ingest = useMutation({
    mutationFn: (v: { title: string; sourceUrl?: string; body: string }) =>
      api.post<IngestResult, IngestArticleDto>('/api/articles', {
        title: v.title.trim(),
        body: v.body,
        ...(v.sourceUrl?.trim() ? { sourceUrl: v.sourceUrl.trim() } : {}),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['articles'] }),
  });
  const err = ingest.error instanceof ApiError ? ingest.error : null;
  const fe = (name: string) => {
    const f = err?.fields.find((x) => x.field === name);
    return f ? { validateStatus: 'error' as const, help: <span role="alert">{pick(f.message_zh, f.message_en)}</span> } : {};
  };
  const body = Form.useWatch('body', form) ?? '';
  const r = ingest.data;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('articlesAdmin')}
      </Typography.Title>
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ingest')}</h2>} style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" name="article" onFinish={(v) => ingest.mutate(v)}>
          <Form.Item name="title" label={t('name')} rules={[{ required: true, message: t('name') }]} {...fe('title')}>
            <Input />
          </Form.Item>
          <Form.Item name="sourceUrl" label={t('source')} {...fe('sourceUrl')}>
            <Input type="url" placeholder="https://" />
          </Form.Item>
          <Form.Item name="body" label={t('articleBody')} rules={[{ required: true, message: t('articleBody') }]} {...fe('body')}>
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} />
          </Form.Item>
          <Space wrap>
            <label htmlFor="article-file">{t('orUpload')}</label>
            <input
              id="article-file"
              type="file"
              accept=".txt,.html,.htm"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) form.setFieldsValue({ body: await f.text(), title: form.getFieldValue('title') || f.name.replace(/\.\w+$/, '') });
              }}
            />
            <Button type="primary" htmlType="submit" loading={ingest.isPending}>
              {t('ingest')}
            </Button>
          </Space>
        </Form>
        {err && !err.fields.length && <Alert role="alert" type="error" style={{ marginTop: 12 }} title={err.text(lang)} />}
      </Card>
      {r && (
        <Card size="small" role="status" title={<h2 style={{ fontSize: 16, margin: 0 }}>{r.title}</h2>} style={{ marginBottom: 16 }}>
          <p>
            {r.created ? t('saved') : t('updated')} · {t('by_park')}: {r.parks.map((p) => p.name).join('、') || '—'} · {t('by_industry')}:{' '}
            {r.industries.map((i) => `${i.name}(${i.code})`).join('、') || '—'}
          </p>
          <Table<PolicyView>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={r.policies}
            scroll={{ x: 700 }}
            columns={[
              { title: t('name'), dataIndex: 'title' },
              { title: t('summary'), key: 'p', render: (_: unknown, p) => plainPolicy(p, lang) },
              {
                title: t('status'),
                dataIndex: 'status',
                render: (s: string) => (hasKey(`pol_${s}`) ? t(`pol_${s}` as 'pol_extracted') : s),
              },
            ]}
          />
          <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
            {t('originalText')}
          </Typography.Title>
          <div style={{ whiteSpace: 'pre-wrap', maxHeight: 400, overflow: 'auto', background: '#fafafa', padding: 8 }}>
            <Highlighted text={body} quotes={[...r.policies.map((p) => p.quote), ...r.statistics.map((s) => s.quote)]} />
          </div>
        </Card>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={articles.isLoading}
        dataSource={articles.data ?? []}
        scroll={{ x: 600 }}
        columns={[
          { title: t('name'), dataIndex: 'title', render: (v: string, a) => <a href={`/articles/${a.id}`}>{v}</a> },
          { title: t('by_park'), key: 'p', render: (_: unknown, a) => a.parks.map((p) => p.name).join('、') },
          { title: t('createdAt'), dataIndex: 'publishedAt', render: (d: string | null) => (d ? new Date(d).toLocaleDateString() : '') },
        ]}
      />
    </>
  );
}

interface ParkRow {
  id: string;
  name: string;
  aliases: string[];
  level: string | null;
  region: string | null;
  minTaxPerMuWan: number | null;
  minInvestIntensityWanPerMu: number | null;
  industries: { name: string; code: string }[];
}

export function ParksPage() {
  const { t, lang } = useI18n();
  useTitle(t('parks'));
  const [params, setParams] = useSearchParams();
  const parkId = params.get('park') ?? undefined;
  const parks = useQuery({ queryKey: ['parks'], queryFn: () => api.get<ParkRow[]>('/api/parks') });
  const policies = useQuery({
    queryKey: ['policies', 'park', parkId],
    enabled: !!parkId,
    queryFn: () => api.get<PolicyView[]>(EP.policiesReview, { parkId }),
  });
  const selected = itemsOf<ParkRow>(parks.data).find((p) => p.id === parkId);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('parks')}
      </Typography.Title>
      <Table<ParkRow>
        rowKey="id"
        size="small"
        loading={parks.isLoading}
        dataSource={itemsOf<ParkRow>(parks.data)}
        scroll={{ x: 800 }}
        pagination={false}
        style={{ marginBottom: 16 }}
        rowClassName={(p) => (p.id === parkId ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: t('name'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setParams({ park: p.id }, { replace: true })}>
                {v}
              </Button>
            ),
          },
          { title: t('region'), dataIndex: 'region' },
          { title: t('by_industry'), key: 'i', render: (_: unknown, p) => p.industries.map((i) => `${i.name}(${i.code})`).join('、') },
          { title: t('minTaxPerMu'), dataIndex: 'minTaxPerMuWan' },
          { title: t('minInvestPerMu'), dataIndex: 'minInvestIntensityWanPerMu' },
        ]}
      />
      {selected && (
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{`${selected.name} · ${t('policies')}`}</h2>}>
          <Table<PolicyView>
            rowKey="id"
            size="small"
            loading={policies.isLoading}
            dataSource={itemsOf<PolicyView>(policies.data)}
            scroll={{ x: 700 }}
            columns={[
              { title: t('name'), dataIndex: 'title' },
              { title: t('summary'), key: 'p', render: (_: unknown, p) => plainPolicy(p, lang) },
              {
                title: t('status'),
                dataIndex: 'status',
                render: (s: string) => (hasKey(`pol_${s}`) ? t(`pol_${s}` as 'pol_extracted') : s),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
