import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popover,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, itemsOf, STAGES, CHANNELS, type LeadSummary, type Stage } from '../api.js';
import type { ChangeStageDto, UpdateTaskDto } from '../api-types.gen.js';
import { EP } from '../endpoints.js';
import { useI18n, useTitle } from '../i18n.js';
import { useMe } from '../auth.js';

export const LOST_REASONS = ['price', 'area_mismatch', 'policy', 'chose_other_park', 'invalid', 'unreachable', 'other'] as const;

export function useStageLabel() {
  const { t } = useI18n();
  return (s: string) => ((STAGES as readonly string[]).includes(s) ? t(`st_${s as Stage}`) : s);
}

export function ownerName(l: LeadSummary): string {
  return l.owner?.name ?? l.ownerName ?? '';
}

type DialogKind = 'lost' | 'signed' | 'back';
interface StageForm {
  lostReason?: NonNullable<ChangeStageDto['lostReason']>;
  lostNote?: string;
  reason?: string;
  signedInvestmentWan?: number;
  signedAnnualTaxWan?: number;
  signedParkId?: string;
  signedAt?: Dayjs;
}

const PIPELINE: Stage[] = ['new', 'contacted', 'qualified', 'site_visit', 'negotiating', 'signed', 'landed'];

/** What a move needs first: lost → the reason; signed → the deal (investment, tax, park, date); back or reopen → why. */
function dialogFor(from: Stage, to: Stage): DialogKind | null {
  if (to === 'lost') return 'lost';
  if (from === 'lost' || PIPELINE.indexOf(to) < PIPELINE.indexOf(from)) return 'back';
  if (to === 'signed') return 'signed';
  return null;
}

/**
 * Moves a lead to a stage. Moving to lost asks for the reason, to signed for the signed deal, and moving back
 * (or reopening) for why; the API's field errors show next to the dialog's inputs.
 */
export function useStageMove() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [pending, setPending] = useState<{ lead: LeadSummary; to: Stage; kind: DialogKind } | null>(null);
  const [form] = Form.useForm<StageForm>();
  const parks = useQuery({
    queryKey: ['parks'],
    enabled: pending?.kind === 'signed',
    queryFn: () => api.get<{ id: string; name: string }[]>('/api/parks'),
  });
  const move = useMutation({
    mutationFn: (v: { id: string; to: Stage } & StageForm) => {
      const body: ChangeStageDto = { stage: v.to };
      if (v.lostReason) body.lostReason = v.lostReason;
      if (v.lostNote?.trim()) body.lostNote = v.lostNote.trim();
      if (v.reason?.trim()) body.reason = v.reason.trim();
      if (v.signedInvestmentWan != null) body.signedInvestmentWan = v.signedInvestmentWan;
      if (v.signedAnnualTaxWan != null) body.signedAnnualTaxWan = v.signedAnnualTaxWan;
      if (v.signedParkId) body.signedParkId = v.signedParkId;
      if (v.signedAt) body.signedAt = v.signedAt.toISOString();
      return api.patch<unknown, ChangeStageDto>(EP.leadStage(v.id), body);
    },
    onSuccess: () => {
      setPending(null);
      void message.success(t('moved'));
      void qc.invalidateQueries({ queryKey: ['leads'] });
      void qc.invalidateQueries({ queryKey: ['lead'] });
    },
    onError: (e) => {
      if (!(e instanceof ApiError)) return void message.error(t('error'));
      const names = ['lostReason', 'lostNote', 'reason', 'signedInvestmentWan', 'signedAnnualTaxWan', 'signedParkId', 'signedAt'];
      const inDialog = pending ? e.fields.filter((f) => names.includes(f.field)) : [];
      if (inDialog.length)
        form.setFields(inDialog.map((f) => ({ name: f.field as keyof StageForm, errors: [pick(f.message_zh, f.message_en)] })));
      else {
        setPending(null);
        const f = e.fields[0];
        void message.error(f ? pick(f.message_zh, f.message_en) : e.text(lang));
      }
    },
  });
  const request = (lead: LeadSummary, to: Stage) => {
    if (lead.stage === to) return;
    const kind = dialogFor(lead.stage, to);
    if (kind) {
      form.resetFields();
      setPending({ lead, to, kind });
    } else move.mutate({ id: lead.id, to });
  };
  const stageLabel = (s: Stage) => t(`st_${s}`);
  const title = !pending
    ? ''
    : pending.kind === 'lost'
      ? t('lostTitle')
      : pending.kind === 'signed'
        ? t('signedTitle')
        : `${t('moveTo')} ${stageLabel(pending.to)}`;
  const modal = (
    <Modal
      open={!!pending}
      title={title}
      okText={t('confirm')}
      cancelText={t('cancel')}
      confirmLoading={move.isPending}
      onCancel={() => setPending(null)}
      onOk={async () => {
        const v = await form.validateFields();
        if (pending) move.mutate({ id: pending.lead.id, to: pending.to, ...v });
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>{pending?.lead.company}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="stage-change" initialValues={{ signedAt: dayjs() }}>
        {pending?.kind === 'lost' && (
          <>
            <Form.Item name="lostReason" label={t('lostReason')} rules={[{ required: true, message: t('lostReason') }]}>
              <Select options={LOST_REASONS.map((r) => ({ value: r, label: t(`lr_${r}`) }))} />
            </Form.Item>
            <Form.Item
              name="lostNote"
              label={t('lostNote')}
              dependencies={['lostReason']}
              rules={[({ getFieldValue }) => ({ required: getFieldValue('lostReason') === 'other', message: t('lostNote') })]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        )}
        {pending?.kind === 'back' && (
          <Form.Item name="reason" label={t('whyBack')} rules={[{ required: true, message: t('whyBack') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {pending?.kind === 'signed' && (
          <>
            <Form.Item
              name="signedInvestmentWan"
              label={t('signedInvestment')}
              rules={[{ required: true, message: t('signedInvestment') }]}
            >
              <InputNumber min={0} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="signedAnnualTaxWan" label={t('signedTax')} rules={[{ required: true, message: t('signedTax') }]}>
              <InputNumber min={0} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="signedParkId" label={t('signedPark')} rules={[{ required: true, message: t('signedPark') }]}>
              <Select loading={parks.isLoading} options={(parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
            <Form.Item name="signedAt" label={t('signedAt')} rules={[{ required: true, message: t('signedAt') }]}>
              <DatePicker />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
  return { request, modal, pending: move.isPending };
}

interface MatchPreview {
  listings: {
    listing: { id: string; title: string; areaSqm: number | null };
    score: number;
    reasons: { ok: boolean; text_zh: string; text_en: string }[];
  }[];
}

/** The lead's best listings, loaded when the consultant opens them on the card. */
function CardMatches({ lead }: { lead: LeadSummary }) {
  const { t, pick } = useI18n();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: ['lead', lead.id, 'matches', 'preview'],
    enabled: open,
    queryFn: () => api.get<MatchPreview>(EP.leadMatches(lead.id), { excluded: 'false', limit: 3 }),
  });
  const top = q.data?.listings ?? [];
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottom"
      title={`${t('matches')} · ${lead.reference}`}
      content={
        <div style={{ maxWidth: 300 }} data-testid="card-matches">
          {q.isLoading ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : top.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            top.map((m) => (
              <div key={m.listing.id} style={{ marginBottom: 8 }}>
                <strong>{m.listing.title}</strong> <Tag color="blue">{Math.round(m.score)}</Tag>
                <div style={{ fontSize: 12, color: '#555' }}>
                  {m.reasons
                    .filter((r) => r.ok)
                    .slice(0, 2)
                    .map((r) => pick(r.text_zh, r.text_en))
                    .join('；')}
                </div>
              </div>
            ))
          )}
          <Link to={`/app/leads/${lead.id}`}>{t('open')}</Link>
        </div>
      }
    >
      <Button size="small" type="link" style={{ padding: 0, fontSize: 12 }} aria-label={`${t('matches')} (${lead.reference})`}>
        {t('matches')}
      </Button>
    </Popover>
  );
}

export function BoardPage() {
  const { t } = useI18n();
  useTitle(t('board'));
  const me = useMe();
  const stageLabel = useStageLabel();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [over, setOver] = useState<string | null>(null);
  const leads = useQuery({
    queryKey: ['leads', 'mine', me.data?.id],
    queryFn: async () => {
      // every open lead of mine: follow the cursor (100 a page, at most 10 pages)
      const all: LeadSummary[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        // consultants: my leads; managers and admins: everyone's
        const ownerId = me.data?.role === 'consultant' ? me.data.id : undefined;
        const page = await api.get<{ items: LeadSummary[]; nextCursor: string | null }>(EP.leads, { ownerId, limit: 100, cursor });
        all.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return all;
    },
    enabled: !!me.data,
  });
  const { request, modal } = useStageMove();
  if (leads.error) return <Result status="warning" title={t('error')} subTitle={(leads.error as Error).message} />;
  const all = itemsOf<LeadSummary>(leads.data).filter(
    (l) => !q || [l.company, l.contactName, l.reference, l.need].some((x) => String(x ?? '').includes(q)),
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('board')}
        </Typography.Title>
        <Input.Search
          aria-label={t('search')}
          placeholder={t('searchPh')}
          defaultValue={q}
          allowClear
          onSearch={(v) => setParams(v ? { q: v } : {}, { replace: true })}
          style={{ width: 240 }}
        />
      </Space>
      <Typography.Paragraph type="secondary">{t('dragHint')}</Typography.Paragraph>
      {leads.isLoading ? (
        <Skeleton active />
      ) : (
        <div className="board" role="list" aria-label={t('board')}>
          {STAGES.map((s) => {
            const col = all.filter((l) => l.stage === s);
            return (
              <section
                key={s}
                role="listitem"
                aria-label={stageLabel(s)}
                data-stage={s}
                className={`board-col${over === s ? ' drop-over' : ''}`}
                onDragOver={(e) => {
                  e.preventDefault();
                  setOver(s);
                }}
                onDragLeave={() => setOver((o) => (o === s ? null : o))}
                onDrop={(e) => {
                  e.preventDefault();
                  setOver(null);
                  const id = e.dataTransfer.getData('text/plain');
                  const lead = all.find((l) => l.id === id);
                  if (lead) request(lead, s);
                }}
              >
                <h2>
                  <span>{stageLabel(s)}</span>
                  <Tag>{col.length}</Tag>
                </h2>
                {col.map((l) => (
                  <div
                    key={l.id}
                    className="lead-card"
                    draggable
                    data-lead-id={l.id}
                    data-reference={l.reference}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', l.id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                  >
                    <div className="ref">{l.reference}</div>
                    <Link to={`/app/leads/${l.id}`} style={{ fontWeight: 600 }}>
                      {l.company}
                    </Link>
                    <div style={{ fontSize: 12, color: '#555' }}>
                      {l.contactName} {l.phoneMasked}
                      {me.data?.role !== 'consultant' && l.ownerName ? ` · ${l.ownerName}` : ''}
                    </div>
                    {l.need && <div style={{ fontSize: 12, marginTop: 2 }}>{String(l.need).slice(0, 40)}</div>}
                    <CardMatches lead={l} />
                    <Select
                      size="small"
                      style={{ width: '100%', marginTop: 6 }}
                      aria-label={`${t('moveTo')} (${l.reference})`}
                      placeholder={t('moveTo')}
                      value={null}
                      options={STAGES.filter((x) => x !== l.stage).map((x) => ({ value: x, label: stageLabel(x) }))}
                      onChange={(to: Stage) => request(l, to)}
                    />
                  </div>
                ))}
                {col.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noLeads')} />}
              </section>
            );
          })}
        </div>
      )}
      {modal}
    </>
  );
}

export function PoolPage() {
  const { t, lang } = useI18n();
  useTitle(t('pool'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const stageLabel = useStageLabel();
  const pool = useQuery({ queryKey: ['leads', 'pool'], queryFn: () => api.get<unknown>(EP.leads, { ownerId: 'pool', limit: 100 }) });
  const claim = useMutation({
    mutationFn: (id: string) => api.post(EP.leadClaim(id)),
    onSuccess: () => {
      void message.success(t('claimed'));
      void qc.invalidateQueries({ queryKey: ['leads'] });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.text(lang) : t('error')),
  });
  if (pool.error) return <Result status="info" title={t('pool')} subTitle={t('notAvailable')} />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('pool')}
      </Typography.Title>
      <Table<LeadSummary>
        rowKey="id"
        loading={pool.isLoading}
        dataSource={itemsOf<LeadSummary>(pool.data)}
        scroll={{ x: 600 }}
        columns={[
          { title: t('reference'), dataIndex: 'reference' },
          { title: t('company'), dataIndex: 'company' },
          { title: t('need'), dataIndex: 'need', ellipsis: true },
          { title: t('stage'), dataIndex: 'stage', render: (s: string) => stageLabel(s) },
          {
            title: '',
            key: 'a',
            render: (_: unknown, l) => (
              <Button size="small" onClick={() => claim.mutate(l.id)} loading={claim.isPending && claim.variables === l.id}>
                {t('claim')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

export function LeadsListPage() {
  const { t } = useI18n();
  useTitle(t('leads'));
  const stageLabel = useStageLabel();
  const [params, setParams] = useSearchParams();
  const stage = params.get('stage') ?? undefined;
  const channel = params.get('channel') ?? undefined;
  const q = params.get('q') ?? undefined;
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setCursors([]);
    setParams(next, { replace: true });
  };
  const leads = useQuery({
    queryKey: ['leads', 'all', stage, channel, q, cursor],
    queryFn: () => api.get<unknown>(EP.leads, { stage, channel, q, cursor, limit: 50 }),
  });
  const nextCursor = (leads.data as { nextCursor?: string | null } | undefined)?.nextCursor;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('leads')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('search')}
          placeholder={t('searchPh')}
          defaultValue={q}
          allowClear
          onSearch={(v) => set('q', v)}
          style={{ width: 220 }}
        />
        <Select
          aria-label={t('stage')}
          placeholder={t('allStages')}
          allowClear
          value={stage}
          onChange={(v?: string) => set('stage', v)}
          style={{ width: 140 }}
          options={STAGES.map((s) => ({ value: s, label: stageLabel(s) }))}
        />
        <Select
          aria-label={t('channel')}
          placeholder={t('allChannels')}
          allowClear
          value={channel}
          onChange={(v?: string) => set('channel', v)}
          style={{ width: 140 }}
          options={CHANNELS.map((c) => ({ value: c, label: t(`ch_${c}`) }))}
        />
      </Space>
      {leads.error ? (
        <Result status="warning" title={t('error')} subTitle={(leads.error as Error).message} />
      ) : (
        <Table<LeadSummary>
          rowKey="id"
          loading={leads.isLoading}
          dataSource={itemsOf<LeadSummary>(leads.data)}
          scroll={{ x: 800 }}
          pagination={false}
          footer={() => (
            <Space>
              <Button disabled={!cursors.length} onClick={() => setCursors((c) => c.slice(0, -1))}>
                {t('prevPage')}
              </Button>
              <Button disabled={!nextCursor} onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}>
                {t('nextPage')}
              </Button>
            </Space>
          )}
          columns={[
            { title: t('reference'), dataIndex: 'reference', render: (r: string, l) => <Link to={`/app/leads/${l.id}`}>{r}</Link> },
            { title: t('company'), dataIndex: 'company' },
            { title: t('contact'), dataIndex: 'contactName' },
            { title: t('stage'), dataIndex: 'stage', render: (s: string) => <Tag>{stageLabel(s)}</Tag> },
            {
              title: t('channel'),
              dataIndex: 'channel',
              render: (c: string) => ((CHANNELS as readonly string[]).includes(c) ? t(`ch_${c as 'web'}`) : c),
            },
            { title: t('owner'), key: 'owner', render: (_: unknown, l) => ownerName(l) },
            { title: t('createdAt'), dataIndex: 'createdAt', render: (d?: string) => (d ? new Date(d).toLocaleString() : '') },
          ]}
        />
      )}
    </>
  );
}

interface TaskRow {
  id: string;
  leadId: string;
  leadReference: string | null;
  title: string;
  dueAt: string;
  status: string;
}

export function TasksPage() {
  const { t, lang } = useI18n();
  useTitle(t('tasks'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const due = params.get('due') ?? 'all';
  const tasks = useQuery({
    queryKey: ['tasks', 'mine', due],
    queryFn: () => api.get<TaskRow[]>(EP.tasks, { mine: true, status: 'open', due: due === 'all' ? undefined : due }),
  });
  const done = useMutation({
    mutationFn: (id: string) => api.patch<unknown, UpdateTaskDto>(EP.task(id), { status: 'done' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
    onError: (e) => void message.error(e instanceof ApiError ? e.text(lang) : t('error')),
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('tasks')}
      </Typography.Title>
      <Select
        aria-label={t('dueAt')}
        value={due}
        style={{ width: 160, marginBottom: 12 }}
        onChange={(v: string) => setParams(v === 'all' ? {} : { due: v }, { replace: true })}
        options={[
          { value: 'all', label: t('allTasks') },
          { value: 'today', label: t('dueToday') },
          { value: 'overdue', label: t('overdue') },
        ]}
      />
      <Table<TaskRow>
        rowKey="id"
        loading={tasks.isLoading}
        dataSource={itemsOf<TaskRow>(tasks.data)}
        scroll={{ x: 500 }}
        columns={[
          { title: t('taskTitle'), dataIndex: 'title' },
          { title: t('dueAt'), dataIndex: 'dueAt', render: (d: string) => new Date(d).toLocaleString() },
          {
            title: t('reference'),
            key: 'ref',
            render: (_: unknown, r) => <Link to={`/app/leads/${r.leadId}?tab=tasks`}>{r.leadReference ?? t('open')}</Link>,
          },
          {
            title: '',
            key: 'a',
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => done.mutate(r.id)}>
                {t('done')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
