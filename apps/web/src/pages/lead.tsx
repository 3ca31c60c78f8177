import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, List, Result, Row, Select, Skeleton, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, ApiError, itemsOf, STAGES, type LeadSummary, type Stage } from '../api.js';
import { EP } from '../endpoints.js';
import { hasKey, useI18n, useTitle } from '../i18n.js';
import { ownerName, useStageLabel, useStageMove } from './board.js';

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
  listing?: { id: string; title?: string; name?: string; kind?: string; areaSqm?: number | null; region?: string | null; parkName?: string | null };
  title?: string;
  reasons?: Reason[];
  [k: string]: unknown;
}
interface MatchesResponse {
  listings?: Match[];
  matches?: Match[];
  items?: Match[];
  policies?: { id?: string; policyId?: string; title?: string; name?: string; eligible?: boolean; reasons?: Reason[]; [k: string]: unknown }[];
}
interface Event {
  id?: string;
  type?: string;
  kind?: string;
  summary?: string;
  text?: string;
  note?: string;
  createdAt?: string;
  at?: string;
  occurredAt?: string;
  [k: string]: unknown;
}
interface Task {
  id: string;
  title: string;
  dueAt?: string | null;
  doneAt?: string | null;
  done?: boolean;
}

const ACTIVITY_TYPES = ['call', 'wechat', 'visit', 'meeting', 'email', 'note'] as const;

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
  const lead = useQuery({ queryKey: ['lead', id], queryFn: () => api.get<LeadSummary>(EP.lead(id)) });
  useTitle(lead.data ? `${lead.data.company} ${lead.data.reference}` : t('leads'));
  const matches = useQuery({ queryKey: ['lead', id, 'matches'], queryFn: () => api.get<MatchesResponse | Match[]>(EP.leadMatches(id)) });
  const timeline = useQuery({ queryKey: ['lead', id, 'timeline'], queryFn: () => api.get<unknown>(EP.leadTimeline(id)) });
  const tasks = useQuery({ queryKey: ['lead', id, 'tasks'], queryFn: () => api.get<unknown>(EP.leadTasks(id)) });
  const { request, modal } = useStageMove();
  const [actForm] = Form.useForm<{ type: string; summary: string }>();
  const [taskForm] = Form.useForm<{ title: string; dueAt?: Dayjs }>();
  const onErr = (e: unknown) => void message.error(e instanceof ApiError ? (e.fields[0] ? pick(e.fields[0].message_zh, e.fields[0].message_en) : e.text(lang)) : t('error'));
  const logActivity = useMutation({
    mutationFn: (v: { type: string; summary: string }) => api.post(EP.leadActivities(id), v),
    onSuccess: () => {
      void message.success(t('saved'));
      actForm.resetFields(['summary']);
      void qc.invalidateQueries({ queryKey: ['lead', id] });
    },
    onError: onErr,
  });
  const addTask = useMutation({
    mutationFn: (v: { title: string; dueAt?: Dayjs }) => api.post(EP.leadTasks(id), { title: v.title, ...(v.dueAt ? { dueAt: v.dueAt.toISOString() } : {}) }),
    onSuccess: () => {
      void message.success(t('saved'));
      taskForm.resetFields();
      void qc.invalidateQueries({ queryKey: ['lead', id, 'tasks'] });
    },
    onError: onErr,
  });
  const doneTask = useMutation({
    mutationFn: (taskId: string) => api.patch(EP.task(taskId), { done: true }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['lead', id, 'tasks'] }),
    onError: onErr,
  });
  const reveal = useMutation({ mutationFn: () => api.get<{ phone: string }>(EP.leadPhone(id)), onError: onErr });

  if (lead.isLoading) return <Skeleton active />;
  if (lead.error || !lead.data) return <Result status="404" title={t('notFound')} subTitle={(lead.error as Error | null)?.message} />;
  const l = lead.data;
  const parsed = (l.parsed ?? {}) as Record<string, unknown>;
  const m = matches.data;
  const listingMatches: Match[] = Array.isArray(m) ? m : (m?.listings ?? m?.matches ?? m?.items ?? []);
  const policyMatches = Array.isArray(m) ? [] : (m?.policies ?? []);
  const events = itemsOf<Event>(timeline.data);
  const taskList = itemsOf<Task>(tasks.data);

  const reasonTags = (rs?: Reason[]) => (
    <Space wrap size={[4, 4]}>
      {(rs ?? []).map((r, i) => (
        <Tag key={i} color={r.ok === false ? 'orange' : 'green'}>
          {pick(r.text_zh, r.text_en)}
        </Tag>
      ))}
    </Space>
  );

  return (
    <>
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
                  {!reveal.data && !l.phone && (
                    <Button size="small" type="link" onClick={() => reveal.mutate()}>
                      {t('revealPhone')}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('need')}>{val(l.need)}</Descriptions.Item>
              <Descriptions.Item label={t('usage')}>{val(l.usage)}</Descriptions.Item>
              <Descriptions.Item label={t('tax')}>{val(l.taxText)}</Descriptions.Item>
              <Descriptions.Item label={t('channel')}>{hasKey(`ch_${l.channel}`) ? t(`ch_${l.channel}` as 'ch_web') : val(l.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('owner')}>{ownerName(l) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('createdAt')}>{l.createdAt ? new Date(l.createdAt).toLocaleString() : '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('parsedNeed')}</h2>} size="small" style={{ marginTop: 16 }}>
            <Descriptions column={1} size="small">
              {(
                [
                  ['propertyType', l.propertyType],
                  ['dealType', l.dealType],
                  ['areaMin', l.areaSqmMin],
                  ['areaMax', l.areaSqmMax],
                  ['usage', l.industryName ?? l.strategicIndustry],
                  ['tax', l.annualTaxWan != null ? `${String(l.annualTaxWan)} 万元` : null],
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
              <Form.Item name="summary" label={t('summary')} rules={[{ required: true, message: t('summary') }]}>
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
                              <span>{x.listing?.title ?? x.listing?.name ?? x.title ?? x.listingId}</span>
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
                    renderItem={(p) => (
                      <List.Item>
                        <List.Item.Meta title={p.title ?? p.name ?? p.policyId} description={reasonTags(p.reasons)} />
                      </List.Item>
                    )}
                  />
                ),
              },
              {
                key: 'timeline',
                label: t('timeline'),
                children: timeline.error ? (
                  <Empty description={t('notAvailable')} />
                ) : (
                  <Timeline
                    items={events.map((e, i) => ({
                      key: e.id ?? i,
                      children: (
                        <div data-testid="timeline-item">
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {new Date(String(e.createdAt ?? e.at ?? e.occurredAt ?? '')).toLocaleString()}{' '}
                          </Typography.Text>
                          <Tag>{hasKey(`act_${e.type}`) ? t(`act_${e.type}` as 'act_call') : (e.type ?? e.kind)}</Tag>
                          {e.summary ?? e.text ?? e.note ?? ''}
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
                    <Form form={taskForm} layout="inline" name="task" onFinish={(v) => addTask.mutate(v)} style={{ marginBottom: 12, rowGap: 8 }}>
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
                      locale={{ emptyText: <Empty description={tasks.error ? t('notAvailable') : undefined} /> }}
                      renderItem={(x) => (
                        <List.Item
                          actions={
                            x.done || x.doneAt
                              ? [<Tag key="d">{t('done')}</Tag>]
                              : [
                                  <Button key="d" size="small" onClick={() => doneTask.mutate(x.id)}>
                                    {t('done')}
                                  </Button>,
                                ]
                          }
                        >
                          {x.title} {x.dueAt ? <Typography.Text type="secondary">{new Date(x.dueAt).toLocaleString()}</Typography.Text> : null}
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
    </>
  );
}
