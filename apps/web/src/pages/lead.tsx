import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, STAGES, type LeadSummary, type Stage } from '../api.js';
import type { AssignDto, CreateActivityDto, CreateTaskDto, UpdateTaskDto } from '../api-types.gen.js';
import { EP } from '../endpoints.js';
import { hasKey, useI18n, useTitle } from '../i18n.js';
import { ownerName, useStageLabel, useStageMove } from './board.js';
import { useMe } from '../auth.js';
import { useConsultants } from '../consultants.js';

interface Reason {
  code?: string;
  ok?: boolean;
  text_zh?: string;
  text_en?: string;
}
interface Match {
  listingId?: string;
  id?: string;
  score?: number;
  listing?: {
    id: string;
    title?: string;
    name?: string;
    kind?: string;
    areaSqm?: number | null;
    region?: string | null;
    parkName?: string | null;
  };
  title?: string;
  reasons?: Reason[];
  [k: string]: unknown;
}
interface MatchesResponse {
  listings?: Match[];
  matches?: Match[];
  items?: Match[];
  /** How many policies apply; `policies` are the most useful of them (20 unless asked for more). */
  policiesTotal?: number;
  policies?: {
    policy?: { id: string; title: string };
    eligible?: boolean | 'unknown';
    reasons?: Reason[];
    estimatedBenefitWan?: number | null;
  }[];
}
interface ActivityView {
  id: string;
  type: string;
  body: string;
  at: string;
  authorName: string | null;
}
interface StageChangeView {
  id: string;
  from: string;
  to: string;
  reason: string | null;
  lostReason: string | null;
  lostNote: string | null;
  actorName: string | null;
  at: string;
}
interface EventView {
  id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}
interface Task {
  id: string;
  title: string;
  dueAt: string;
  status: string;
  doneAt: string | null;
  assigneeName?: string | null;
}
interface LeadDetail extends LeadSummary {
  parsed?: Record<string, unknown>;
  activities?: ActivityView[];
  stageHistory?: StageChangeView[];
  events?: EventView[];
  tasks?: Task[];
}
interface TimelineEntry {
  key: string;
  at: string;
  tag: string;
  color?: string;
  text: string;
  who?: string | null;
}

const ACTIVITY_TYPES = ['call', 'wechat', 'visit', 'meeting', 'email', 'note'] as const;

function eventText(d: Record<string, unknown>): string {
  return Object.entries(d ?? {})
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

function val(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function LeadPage() {
  const { t, pick, lang } = useI18n();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'matches';
  const stageLabel = useStageLabel();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const lead = useQuery({ queryKey: ['lead', id], queryFn: () => api.get<LeadDetail>(EP.lead(id)) });
  useTitle(lead.data ? `${lead.data.company} ${lead.data.reference}` : t('leads'));
  // The page shows the ranked listings and the policies, not the ruled-out list; the 20 most useful policies until asked for all.
  const [allPolicies, setAllPolicies] = useState(false);
  const matches = useQuery({
    queryKey: ['lead', id, 'matches', allPolicies],
    queryFn: () =>
      api.get<MatchesResponse | Match[]>(EP.leadMatches(id), allPolicies ? { excluded: 'false', policyLimit: 200 } : { excluded: 'false' }),
  });
  const { request, modal } = useStageMove();
  const me = useMe();
  const isManager = me.data?.role === 'manager' || me.data?.role === 'admin';
  const consultants = useConsultants(isManager, me.data?.role === 'admin');
  const assign = useMutation({
    mutationFn: (consultantId: string) => api.post<unknown, AssignDto>(EP.leadAssign(id), { consultantId }),
    onSuccess: () => {
      void message.success(t('saved'));
      void qc.invalidateQueries({ queryKey: ['lead', id] });
      void qc.invalidateQueries({ queryKey: ['leads'] });
    },
    onError: (e: unknown) => onErr(e),
  });
  const release = useMutation({
    mutationFn: () => api.post(EP.leadRelease(id)),
    onSuccess: () => {
      void message.success(t('saved'));
      void qc.invalidateQueries({ queryKey: ['lead', id] });
      void qc.invalidateQueries({ queryKey: ['leads'] });
    },
    onError: (e: unknown) => onErr(e),
  });
  const [actForm] = Form.useForm<CreateActivityDto>();
  const [taskForm] = Form.useForm<{ title: string; dueAt?: Dayjs }>();
  const onErr = (e: unknown) =>
    void message.error(
      e instanceof ApiError ? (e.fields[0] ? pick(e.fields[0].message_zh, e.fields[0].message_en) : e.text(lang)) : t('error'),
    );
  const logActivity = useMutation({
    mutationFn: (v: CreateActivityDto) =>
      api.post<unknown, CreateActivityDto>(EP.leadActivities(id), { type: v.type, body: v.body.trim() }),
    onSuccess: () => {
      void message.success(t('saved'));
      actForm.resetFields(['body']);
      void qc.invalidateQueries({ queryKey: ['lead', id] });
    },
    onError: onErr,
  });
  const addTask = useMutation({
    mutationFn: (v: { title: string; dueAt?: Dayjs }) =>
      api.post<unknown, CreateTaskDto>(EP.leadTasks(id), {
        title: v.title.trim(),
        dueAt: (v.dueAt ?? dayjs().add(1, 'day').hour(10).minute(0).second(0).millisecond(0)).toISOString(),
      }),
    onSuccess: () => {
      void message.success(t('saved'));
      taskForm.resetFields();
      void qc.invalidateQueries({ queryKey: ['lead', id] });
    },
    onError: onErr,
  });
  const doneTask = useMutation({
    mutationFn: (taskId: string) => api.patch<unknown, UpdateTaskDto>(EP.task(taskId), { status: 'done' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['lead', id] }),
    onError: onErr,
  });
  const reveal = useMutation({ mutationFn: () => api.post<{ phone: string }>(EP.leadPhone(id)), onError: onErr });

  if (lead.isLoading) return <Skeleton active />;
  if (lead.error || !lead.data) return <Result status="404" title={t('notFound')} subTitle={(lead.error as Error | null)?.message} />;
  const l = lead.data;
  const parsed = (l.parsed ?? {}) as Record<string, unknown>;
  const m = matches.data;
  const listingMatches: Match[] = Array.isArray(m) ? m : (m?.listings ?? m?.matches ?? m?.items ?? []);
  const policyMatches = Array.isArray(m) ? [] : (m?.policies ?? []);
  const morePolicies = Array.isArray(m) ? 0 : Math.max(0, (m?.policiesTotal ?? 0) - policyMatches.length);
  const taskList = l.tasks ?? [];
  const describeEvent = (e: EventView): string => {
    const d = e.data ?? {};
    const str = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
    switch (e.type) {
      case 'inquiry':
        return [
          str('channel') && hasKey(`ch_${str('channel')}`) ? t(`ch_${str('channel')}` as 'ch_web') : str('channel'),
          str('need') && `${t('need')}：${str('need')}`,
          str('usage') && `${t('usage')}：${str('usage')}`,
          str('tax') && `${t('tax')}：${str('tax')}`,
        ]
          .filter(Boolean)
          .join(' · ');
      case 'assignment': {
        const to = str('to');
        const who = to && to === l.ownerId ? ownerName(l) : to ? to.slice(0, 8) : t('pool');
        return `→ ${who}${str('by') ? ` (${str('by')})` : ''}`;
      }
      default:
        return eventText(d);
    }
  };
  const entries: TimelineEntry[] = [
    ...(l.activities ?? []).map((a) => ({
      key: `a-${a.id}`,
      at: a.at,
      tag: hasKey(`act_${a.type}`) ? t(`act_${a.type}` as 'act_call') : a.type,
      color: 'blue',
      text: a.body,
      who: a.authorName,
    })),
    ...(l.stageHistory ?? []).map((c) => ({
      key: `s-${c.id}`,
      at: c.at,
      tag: t('stageChange'),
      color: c.to === 'lost' ? 'red' : 'green',
      text: `${stageLabel(c.from)} → ${stageLabel(c.to)}${c.lostReason ? ` · ${hasKey(`lr_${c.lostReason}`) ? t(`lr_${c.lostReason}` as 'lr_other') : c.lostReason}` : ''}${c.lostNote ? ` · ${c.lostNote}` : ''}${c.reason ? ` · ${c.reason}` : ''}`,
      who: c.actorName,
    })),
    // activities and stage changes are listed above from their own records
    ...(l.events ?? [])
      .filter((e) => e.type !== 'activity' && e.type !== 'stage_change')
      .map((e) => ({
        key: `e-${e.id}`,
        at: e.at,
        tag: hasKey(`ev_${e.type}`) ? t(`ev_${e.type}` as 'ev_inquiry') : e.type,
        text: describeEvent(e),
      })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  const reasonTags = (rs?: Reason[]) => (
    <Space wrap size={[4, 4]}>
      {(rs ?? []).map((r, i) => (
        <Tag key={i} className="reason-tag" color={r.ok === false ? 'orange' : 'green'}>
          {pick(r.text_zh, r.text_en)}
        </Tag>
      ))}
    </Space>
  );

  return (
    <div className="lead-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <div>
          <Typography.Text type="secondary">{l.reference}</Typography.Text>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {l.company} <Tag color="red">{stageLabel(l.stage)}</Tag>
          </Typography.Title>
        </div>
        <Select
          aria-label={t('moveTo')}
          placeholder={t('moveTo')}
          value={null}
          style={{ width: 160 }}
          options={STAGES.filter((s) => s !== l.stage).map((s) => ({ value: s, label: stageLabel(s) }))}
          onChange={(to: Stage) => request(l, to)}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('facts')}</h2>} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('contact')}>{val(l.contactName)}</Descriptions.Item>
              <Descriptions.Item label={t('phone')}>
                <Space>
                  <span data-testid="phone">{reveal.data?.phone ?? val(l.phone ?? l.phoneMasked)}</span>
                  {!reveal.data && String(l.phone ?? l.phoneMasked ?? '').includes('*') && (
                    <Button size="small" type="link" onClick={() => reveal.mutate()}>
                      {t('revealPhone')}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('need')}>{val(l.need)}</Descriptions.Item>
              <Descriptions.Item label={t('usage')}>{val(l.usage)}</Descriptions.Item>
              <Descriptions.Item label={t('tax')}>{val(l.taxText)}</Descriptions.Item>
              <Descriptions.Item label={t('channel')}>
                {hasKey(`ch_${l.channel}`) ? t(`ch_${l.channel}` as 'ch_web') : val(l.channel)}
              </Descriptions.Item>
              <Descriptions.Item label={t('owner')}>
                <Space wrap>
                  <span>{ownerName(l) || t('pool')}</span>
                  {isManager && (
                    <Select
                      size="small"
                      aria-label={t('assignTo')}
                      placeholder={t('assignTo')}
                      style={{ width: 140 }}
                      value={null}
                      loading={consultants.isLoading || assign.isPending}
                      options={(consultants.data ?? []).filter((c) => c.id !== l.ownerId).map((c) => ({ value: c.id, label: c.name }))}
                      onChange={(v: string) => assign.mutate(v)}
                    />
                  )}
                  {l.ownerId && (isManager || l.ownerId === me.data?.id) && (
                    <Button size="small" onClick={() => release.mutate()} loading={release.isPending}>
                      {t('releaseToPool')}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('createdAt')}>{l.createdAt ? new Date(l.createdAt).toLocaleString() : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('parsedNeed')}</h2>} size="small" style={{ marginTop: 16 }}>
            <Descriptions column={1} size="small">
              {(
                [
                  [
                    'propertyType',
                    l.propertyType && hasKey(`pt_${String(l.propertyType)}`)
                      ? t(`pt_${String(l.propertyType)}` as 'pt_land')
                      : l.propertyType,
                  ],
                  ['dealType', l.dealType && hasKey(`dt_${String(l.dealType)}`) ? t(`dt_${String(l.dealType)}` as 'dt_rent') : l.dealType],
                  ['areaMin', l.areaSqmMin],
                  ['areaMax', l.areaSqmMax],
                  ['usage', l.industryName ?? l.strategicIndustry],
                  ['tax', l.annualTaxWan != null ? `${String(l.annualTaxWan)} ${lang === 'zh' ? '万元' : '×10k yuan'}` : null],
                  ['investment', l.investmentWan],
                  ['region', l.region],
                ] as const
              ).map(([k, v]) => (
                <Descriptions.Item key={k} label={t(k)}>
                  {val(v ?? parsed[k])}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('logActivity')}</h2>} size="small" style={{ marginTop: 16 }}>
            <Form form={actForm} layout="vertical" name="activity" initialValues={{ type: 'call' }} onFinish={(v) => logActivity.mutate(v)}>
              <Form.Item name="type" label={t('activityType')}>
                <Select options={ACTIVITY_TYPES.map((a) => ({ value: a, label: t(`act_${a}`) }))} />
              </Form.Item>
              <Form.Item name="body" label={t('summary')} rules={[{ required: true, message: t('summary') }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={logActivity.isPending}>
                {t('save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams({ tab: k }, { replace: true })}
            items={[
              {
                key: 'matches',
                label: t('matches'),
                children: matches.error ? (
                  <Empty description={t('notAvailable')} />
                ) : (
                  <List
                    loading={matches.isLoading}
                    dataSource={listingMatches}
                    locale={{ emptyText: <Empty description={t('noLeads')} /> }}
                    renderItem={(x) => (
                      <List.Item data-testid="match">
                        <List.Item.Meta
                          title={
                            <Space wrap>
                              <span>{x.listing?.title ?? x.title ?? x.listingId}</span>
                              {x.listing?.areaSqm != null && <Typography.Text type="secondary">{x.listing.areaSqm} ㎡</Typography.Text>}
                              {x.listing?.region && <Typography.Text type="secondary">{x.listing.region}</Typography.Text>}
                              {x.score != null && (
                                <Tag color="blue">
                                  {t('score')} {Math.round(Number(x.score))}
                                </Tag>
                              )}
                            </Space>
                          }
                          description={reasonTags(x.reasons)}
                        />
                      </List.Item>
                    )}
                  />
                ),
              },
              {
                key: 'policies',
                label: t('eligiblePolicies'),
                children: (
                  <List
                    dataSource={policyMatches}
                    locale={{ emptyText: <Empty description={t('noPolicies')} /> }}
                    footer={
                      morePolicies > 0 ? (
                        <Space data-testid="more-policies">
                          <Typography.Text type="secondary">{t('morePolicies').replace('{n}', String(morePolicies))}</Typography.Text>
                          {!allPolicies && (
                            <Button size="small" onClick={() => setAllPolicies(true)}>
                              {t('showAllPolicies')}
                            </Button>
                          )}
                        </Space>
                      ) : undefined
                    }
                    renderItem={(p) => (
                      <List.Item data-testid="policy-match">
                        <List.Item.Meta
                          title={
                            <Space wrap>
                              <span>{p.policy?.title}</span>
                              <Tag color={p.eligible === true ? 'green' : p.eligible === false ? 'default' : 'gold'}>
                                {p.eligible === true ? t('eligible') : p.eligible === false ? t('notEligible') : t('unknownEligible')}
                              </Tag>
                              {p.estimatedBenefitWan != null && <Tag color="red">≈ {p.estimatedBenefitWan} 万元</Tag>}
                            </Space>
                          }
                          description={reasonTags(p.reasons)}
                        />
                      </List.Item>
                    )}
                  />
                ),
              },
              {
                key: 'timeline',
                label: t('timeline'),
                children: (
                  <Timeline
                    items={entries.map((e) => ({
                      key: e.key,
                      color: e.color,
                      content: (
                        <div data-testid="timeline-item">
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {new Date(e.at).toLocaleString()} {e.who ?? ''}
                          </Typography.Text>
                          <div>
                            <Tag>{e.tag}</Tag>
                            {e.text}
                          </div>
                        </div>
                      ),
                    }))}
                  />
                ),
              },
              {
                key: 'tasks',
                label: t('tasks'),
                children: (
                  <>
                    <Form
                      form={taskForm}
                      layout="inline"
                      name="task"
                      onFinish={(v) => addTask.mutate(v)}
                      style={{ marginBottom: 12, rowGap: 8 }}
                    >
                      <Form.Item name="title" label={t('taskTitle')} rules={[{ required: true, message: t('taskTitle') }]}>
                        <Input />
                      </Form.Item>
                      <Form.Item name="dueAt" label={t('dueAt')}>
                        <DatePicker showTime />
                      </Form.Item>
                      <Button htmlType="submit" loading={addTask.isPending}>
                        {t('addTask')}
                      </Button>
                    </Form>
                    <List
                      dataSource={taskList}
                      locale={{ emptyText: <Empty /> }}
                      renderItem={(x) => (
                        <List.Item
                          actions={
                            x.status !== 'open'
                              ? [<Tag key="d">{t('done')}</Tag>]
                              : [
                                  <Button key="d" size="small" onClick={() => doneTask.mutate(x.id)}>
                                    {t('done')}
                                  </Button>,
                                ]
                          }
                        >
                          {x.title}{' '}
                          {x.dueAt ? <Typography.Text type="secondary">{new Date(x.dueAt).toLocaleString()}</Typography.Text> : null}
                        </List.Item>
                      )}
                    />
                  </>
                ),
              },
            ]}
          />
        </Col>
      </Row>
      {modal}
    </div>
  );
}
