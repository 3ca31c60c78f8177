import { useState } from 'react';
import { Alert, Button, Checkbox, Collapse, Form, Input, InputNumber, Select, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError, type FieldError } from './api.js';
import type { CreateLeadDto, IntakeResponse, ParseResponse, ParseTextDto } from './api-types.gen.js';
import { hasKey, useI18n, type TKey } from './i18n.js';

/** The six call-to-action fields, then the optional ones. Names are the API's intake fields. */
const CORE = ['need', 'usage', 'tax', 'company', 'contact', 'phone'] as const;
type Core = (typeof CORE)[number];
const LABEL: Record<Core, TKey> = { need: 'need', usage: 'usage', tax: 'tax', company: 'company', contact: 'contact', phone: 'phone' };
const PLACEHOLDER: Partial<Record<Core, TKey>> = { need: 'needPh', usage: 'usagePh', tax: 'taxPh' };
/** Optional structured fields the intake DTO accepts (sent only when filled in). */
const STRUCTURED = ['wechat', 'propertyType', 'dealType', 'areaSqmMin', 'areaSqmMax', 'region', 'investmentWan'] as const;

export type IntakeResult = IntakeResponse;

type Values = Record<string, unknown>;

export function IntakeForm({
  channel,
  sourceArticleId,
  onDone,
}: {
  channel?: 'web' | 'article' | 'wechat';
  sourceArticleId?: string;
  onDone: (r: IntakeResult) => void;
}) {
  const { t, pick, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [parseInfo, setParseInfo] = useState<{ missing: string[] } | null>(null);
  const [pasted, setPasted] = useState('');

  const err = (name: string) => {
    const fe = errors[name];
    return fe ? { validateStatus: 'error' as const, help: <span role="alert">{pick(fe.message_zh, fe.message_en)}</span> } : {};
  };

  const parse = useMutation({
    mutationFn: (text: string) => api.post<ParseResponse, ParseTextDto>('/api/leads/parse', { text }),
    onSuccess: (r) => {
      const patch: Values = {};
      for (const [k, v] of Object.entries((r.fields ?? {}) as Record<string, unknown>)) {
        if (v === null || v === undefined || v === '') continue;
        if ((CORE as readonly string[]).includes(k) || k === 'email' || (STRUCTURED as readonly string[]).includes(k)) patch[k] = v;
      }
      form.setFieldsValue(patch);
      setErrors((e) => {
        const next = { ...e };
        for (const k of Object.keys(patch)) delete next[k];
        return next;
      });
      setParseInfo({ missing: r.missing ?? [] });
    },
    onError: (e) => setFormError(e instanceof ApiError ? e : null),
  });

  const submit = useMutation({
    mutationFn: (v: Values) => {
      const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
      const structured: Partial<CreateLeadDto> = {};
      for (const k of STRUCTURED) if (v[k] !== undefined && v[k] !== null && v[k] !== '') Object.assign(structured, { [k]: v[k] });
      const body: CreateLeadDto = {
        need: text('need'),
        usage: text('usage'),
        tax: text('tax'),
        company: text('company'),
        contact: text('contact'),
        phone: text('phone'),
        ...(text('email') ? { email: text('email') } : {}),
        ...structured,
        consent: v.consent === true,
        ...(v.shareConsent ? { shareConsent: true } : {}),
        ...(pasted.trim() ? { message: pasted.trim() } : {}),
        channel: channel ?? (pasted.trim() ? 'wechat' : 'web'),
        ...(sourceArticleId ? { sourceArticleId } : {}),
        ...(text('website') ? { website: text('website') } : {}), // honeypot
      };
      return api.post<IntakeResult, CreateLeadDto>('/api/leads', body);
    },
    onSuccess: (r) => onDone(r),
    onError: (e) => {
      if (e instanceof ApiError) {
        const map: Record<string, FieldError> = {};
        for (const f of e.fields) map[f.field.split('.')[0]!] = f;
        setErrors(map);
        setFormError(e);
        const first = Object.keys(map)[0];
        if (first) form.scrollToField(first, { block: 'center', focus: true });
      } else
        setFormError(new ApiError(0, { code: 'NETWORK', message_zh: '网络错误，请重试', message_en: 'Network error, please try again' }));
    },
  });

  const clearOnChange = (changed: Values) => {
    const keys = Object.keys(changed);
    if (keys.some((k) => errors[k])) {
      setErrors((e) => {
        const next = { ...e };
        for (const k of keys) delete next[k];
        return next;
      });
    }
  };

  const missingLabel = (m: string) => (hasKey(m) ? t(m) : m);
  const unknownFieldErrors = Object.values(errors).filter(
    (f) => ![...CORE, 'email', 'consent', 'shareConsent', ...STRUCTURED].includes(f.field.split('.')[0] as never),
  );

  return (
    <div>
      <div className="card-pad">
        <Form layout="vertical" component="div">
          <Form.Item label={t('pasteLabel')} htmlFor="intake-paste" style={{ marginBottom: 8 }}>
            <Input.TextArea
              id="intake-paste"
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 8 }}
              placeholder={t('pastePlaceholder')}
            />
          </Form.Item>
          <Button onClick={() => pasted.trim() && parse.mutate(pasted)} loading={parse.isPending} disabled={!pasted.trim()}>
            {t('parseButton')}
          </Button>
          {parseInfo && (
            <Alert
              style={{ marginTop: 8 }}
              role="status"
              type={parseInfo.missing.length ? 'warning' : 'success'}
              title={t('parsedOk')}
              description={parseInfo.missing.length ? t('parsedMissing') + parseInfo.missing.map(missingLabel).join('、') : undefined}
            />
          )}
        </Form>
      </div>
      <Form
        form={form}
        layout="vertical"
        name="intake"
        className="card-pad"
        onFinish={(v) => {
          setFormError(null);
          submit.mutate(v);
        }}
        onValuesChange={clearOnChange}
        initialValues={{ consent: false, shareConsent: false }}
        requiredMark
      >
        {CORE.map((k) => (
          <Form.Item key={k} name={k} label={t(LABEL[k])} required {...err(k)}>
            {k === 'need' ? (
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder={PLACEHOLDER[k] ? t(PLACEHOLDER[k]) : undefined} />
            ) : (
              <Input
                placeholder={PLACEHOLDER[k] ? t(PLACEHOLDER[k]) : undefined}
                inputMode={k === 'phone' ? 'tel' : undefined}
                autoComplete={k === 'phone' ? 'tel' : k === 'contact' ? 'name' : k === 'company' ? 'organization' : 'off'}
              />
            )}
          </Form.Item>
        ))}
        <Form.Item name="email" label={t('email')} {...err('email')}>
          <Input type="email" inputMode="email" autoComplete="email" />
        </Form.Item>
        <Collapse
          ghost
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'more',
              label: t('more'),
              forceRender: true,
              children: (
                <>
                  <Form.Item name="wechat" label={t('wechatId')} {...err('wechat')}>
                    <Input autoComplete="off" />
                  </Form.Item>
                  <Form.Item name="propertyType" label={t('propertyType')} {...err('propertyType')}>
                    <Select
                      allowClear
                      options={(['factory', 'land', 'office', 'warehouse'] as const).map((v) => ({ value: v, label: t(`pt_${v}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name="dealType" label={t('dealType')} {...err('dealType')}>
                    <Select allowClear options={(['rent', 'buy'] as const).map((v) => ({ value: v, label: t(`dt_${v}`) }))} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name="areaSqmMin" label={t('areaMin')} {...err('areaSqmMin')}>
                      <InputNumber min={0} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name="areaSqmMax" label={t('areaMax')} {...err('areaSqmMax')}>
                      <InputNumber min={0} style={{ width: 160 }} />
                    </Form.Item>
                  </Space>
                  <Form.Item name="region" label={t('region')} {...err('region')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="investmentWan" label={t('investment')} {...err('investmentWan')}>
                    <InputNumber min={0} style={{ width: 200 }} />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        {/* honeypot: hidden from people and from assistive technology */}
        <div aria-hidden="true" style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}>
          <Form.Item name="website" label="website">
            <Input tabIndex={-1} autoComplete="off" />
          </Form.Item>
        </div>
        <section className="privacy-notice" aria-labelledby="privacy-title">
          <strong id="privacy-title">{t('privacyTitle')}</strong>
          <p style={{ margin: '6px 0 0' }}>{t('privacyText')}</p>
        </section>
        <Form.Item name="consent" valuePropName="checked" {...err('consent')} style={{ marginBottom: 4 }}>
          <Checkbox id="intake-consent">{t('consent')}</Checkbox>
        </Form.Item>
        <Form.Item name="shareConsent" valuePropName="checked" {...err('shareConsent')}>
          <Checkbox id="intake-shareConsent">{t('shareConsent')}</Checkbox>
        </Form.Item>
        {formError && (
          <Alert
            role="alert"
            type="error"
            style={{ marginBottom: 12 }}
            title={formError.fields.length ? t('fixErrors') : formError.text(lang)}
            description={unknownFieldErrors.length ? unknownFieldErrors.map((f) => pick(f.message_zh, f.message_en)).join('；') : undefined}
          />
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
          {t('submit')}
        </Button>
      </Form>
    </div>
  );
}
