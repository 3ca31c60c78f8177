import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Popconfirm, Result, Skeleton, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../api.js';
import type { SelfWithdrawalDto } from '../api-types.gen.js';
import { hasKey, useI18n, useTitle } from '../i18n.js';
import { IntakeForm, type IntakeResult } from '../IntakeForm.js';
import { plainPolicy, type PolicyView } from '../policyText.js';

/** A second request from the same phone joins the open one (same reference): the success page says so. */
function successPath(r: IntakeResult): string {
  return `/submitted/${encodeURIComponent(r.reference)}${r.duplicate ? '?dup=1' : ''}`;
}

export function IntakePage() {
  const { t } = useI18n();
  useTitle(t('intakeTitle'));
  const nav = useNavigate();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('intakeTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intakeIntro')}</Typography.Paragraph>
      <IntakeForm onDone={(r) => void nav(successPath(r))} />
    </>
  );
}

export function SuccessPage() {
  const { t } = useI18n();
  useTitle(t('successTitle'));
  const { reference = '' } = useParams();
  const [params] = useSearchParams();
  return (
    <Card>
      <Result
        status="success"
        title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('successTitle')}</h1>}
        subTitle={
          <>
            <p style={{ fontSize: 16 }}>
              {t('successText')}
              <strong data-testid="reference" style={{ fontSize: 20, color: '#000' }}>
                {reference}
              </strong>
            </p>
            {params.get('dup') && <p>{t('successDuplicate')}</p>}
            <p>{t('successHint')}</p>
          </>
        }
        extra={[
          <Link key="s" to={`/status?reference=${encodeURIComponent(reference)}`}>
            <Button type="primary">{t('checkStatus')}</Button>
          </Link>,
          <Link key="n" to="/">
            <Button>{t('submitAnother')}</Button>
          </Link>,
        ]}
      />
    </Card>
  );
}

interface StatusResult {
  reference: string;
  stage: string;
  ownerFirstName?: string | null;
  [k: string]: unknown;
}

export function StatusPage() {
  const { t, pick, lang } = useI18n();
  useTitle(t('statusTitle'));
  const [params, setParams] = useSearchParams();
  const [phone, setPhone] = useState('');
  const lookup = useMutation({
    mutationFn: (v: { reference: string; phone: string }) => api.get<StatusResult>('/api/leads/status', v),
  });
  const err = lookup.error instanceof ApiError ? lookup.error : null;
  // PIPL Art. 15: withdrawing consent is as easy as giving it — the same reference + phone
  const withdraw = useMutation({
    mutationFn: (v: SelfWithdrawalDto) =>
      api.post<{ consentsWithdrawn: number }, SelfWithdrawalDto>('/api/privacy/consent-withdrawal/self', v),
  });
  const fe = (name: string) => {
    const f = err?.fields.find((x) => x.field === name);
    return f ? { validateStatus: 'error' as const, help: <span role="alert">{pick(f.message_zh, f.message_en)}</span> } : {};
  };
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('statusTitle')}
      </Typography.Title>
      <Form
        layout="vertical"
        className="card-pad"
        initialValues={{ reference: params.get('reference') ?? '' }}
        onFinish={(v: { reference: string }) => {
          setParams({ reference: v.reference.trim() }, { replace: true });
          lookup.mutate({ reference: v.reference.trim(), phone: phone.trim() });
        }}
      >
        <Form.Item name="reference" label={t('reference')} required {...fe('reference')}>
          <Input placeholder="ZS-2026-000123" />
        </Form.Item>
        <Form.Item label={t('phone')} htmlFor="status-phone" required {...fe('phone')}>
          <Input id="status-phone" inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={lookup.isPending}>
          {t('lookup')}
        </Button>
      </Form>
      {err && !err.fields.length && <Alert role="alert" type="error" title={err.text(lang)} />}
      {lookup.data && (
        <Card role="status">
          <Typography.Text type="secondary">{lookup.data.reference}</Typography.Text>
          <p style={{ fontSize: 18, margin: '8px 0 0' }}>
            {t('currentStage')}：
            <Tag color="red" style={{ fontSize: 16, padding: '2px 10px' }} data-testid="stage">
              {hasKey(`st_${lookup.data.stage}`) ? t(`st_${lookup.data.stage}` as never) : lookup.data.stage}
            </Tag>
          </p>
          {lookup.data.ownerFirstName && (
            <p style={{ margin: '8px 0 0' }}>
              {t('yourConsultant')}：{lang === 'zh' ? `${lookup.data.ownerFirstName}顾问` : lookup.data.ownerFirstName}
            </p>
          )}
          <div style={{ marginTop: 16 }}>
            {withdraw.isSuccess ? (
              <Alert type="success" title={t('withdrawn')} />
            ) : (
              <Popconfirm
                title={t('withdrawConfirm')}
                okText={t('confirm')}
                cancelText={t('cancel')}
                onConfirm={() => withdraw.mutate({ reference: lookup.data.reference, phone: phone.trim() })}
              >
                <Button size="small" danger loading={withdraw.isPending}>
                  {t('withdrawConsent')}
                </Button>
              </Popconfirm>
            )}
            {withdraw.error instanceof ApiError && (
              <Alert role="alert" type="error" style={{ marginTop: 8 }} title={withdraw.error.text(lang)} />
            )}
          </div>
        </Card>
      )}
    </>
  );
}

interface Article {
  id: string;
  title: string;
  body: string;
  sourceUrl: string | null;
  publishedAt: string | null;
  parks: { id: string; name: string }[];
  policies: PolicyView[];
}

export function ArticlePage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const nav = useNavigate();
  const q = useQuery({ queryKey: ['article', id], queryFn: () => api.get<Article>(`/api/articles/${encodeURIComponent(id)}`) });
  useTitle(q.data?.title ?? t('articleTitle'));
  if (q.isLoading) return <Skeleton active />;
  if (q.error || !q.data) return <Result status="404" title={t('notFound')} extra={<Link to="/">{t('navSubmit')}</Link>} />;
  const a = q.data;
  const body = a.body ?? '';
  const policies = a.policies ?? [];
  return (
    <>
      <article className="card-pad">
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {a.title}
        </Typography.Title>
        <div style={{ marginBottom: 8 }}>
          {a.parks.map((p) => (
            <Tag key={p.id} color="red">
              {p.name}
            </Tag>
          ))}
          {a.publishedAt && <Typography.Text type="secondary">{new Date(a.publishedAt).toLocaleDateString()}</Typography.Text>}
        </div>
        {body.split(/\n+/).map((para, i) => (
          <Typography.Paragraph key={i}>{para}</Typography.Paragraph>
        ))}
        {a.sourceUrl && (
          <Typography.Text type="secondary">
            {t('source')}：{a.sourceUrl}
          </Typography.Text>
        )}
      </article>
      <section className="card-pad" aria-labelledby="policies-title">
        <Typography.Title level={2} id="policies-title" style={{ fontSize: 18 }}>
          {t('policiesTitle')}
        </Typography.Title>
        {policies.length === 0 ? (
          <Empty description={t('noPolicies')} />
        ) : (
          <ul style={{ paddingLeft: 20 }}>
            {policies.map((p) => (
              <li key={p.id} style={{ marginBottom: 10 }} data-testid="policy">
                <strong>{p.title}</strong>
                {plainPolicy(p, lang) && <div>{plainPolicy(p, lang)}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('originalText')}：“{p.quote}”
                </Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('articleFormTitle')}
      </Typography.Title>
      <IntakeForm channel="article" sourceArticleId={a.id} onDone={(r) => void nav(successPath(r))} />
    </>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  useTitle(t('notFound'));
  return <Result status="404" title={<h1 style={{ fontSize: 22 }}>{t('notFound')}</h1>} extra={<Link to="/">{t('navSubmit')}</Link>} />;
}
