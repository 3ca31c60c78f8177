import { normalizeText } from './text.js';
import { findPhone } from './phone.js';

export const MESSAGE_FIELDS = ['need', 'usage', 'tax', 'company', 'contact', 'phone', 'email', 'wechat', 'region', 'investment'] as const;
export type MessageField = (typeof MESSAGE_FIELDS)[number];
export type MessageFields = Partial<Record<MessageField, string>>;

/** The fields the call to action asks for (需求、用途、税收、公司、联系人、手机号). */
export const CORE_FIELDS: readonly MessageField[] = ['need', 'usage', 'tax', 'company', 'contact', 'phone'];

const LABELS: Record<MessageField, string[]> = {
  need: ['需求', '需求描述', '项目需求', '载体需求', '厂房需求', '用地需求', '需求情况', '需要'],
  usage: [
    '用途',
    '用途说明',
    '项目用途',
    '产业',
    '行业',
    '所属行业',
    '项目',
    '项目名称',
    '主营',
    '主营业务',
    '产品',
    '项目类型',
    '项目情况',
    '生产内容',
  ],
  tax: ['税收', '年税收', '预计税收', '税收贡献', '纳税', '年纳税', '预计年纳税', '纳税额', '年纳税额', '亩均税收', '预计年税收'],
  company: ['公司', '公司名称', '公司名', '企业', '企业名称', '单位', '单位名称', '客户', '客户名称'],
  contact: ['联系人', '联系人姓名', '姓名', '称呼', '对接人', '负责人'],
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '联系电话',
    '联系方式',
    '电话号码',
    '座机',
    '联系手机',
    'tel',
    'Tel',
    'TEL',
    'mobile',
    'Mobile',
  ],
  email: ['邮箱', '电子邮箱', '邮件', 'email', 'Email', 'E-mail', 'e-mail', 'EMAIL'],
  wechat: ['微信', '微信号', 'wechat', 'WeChat', 'vx', 'VX', 'V信'],
  region: ['区域', '地区', '意向区域', '意向地区', '选址', '地点', '位置', '意向地', '意向城市', '城市', '区位'],
  investment: ['投资', '总投资', '投资额', '投资总额', '计划投资', '投资规模'],
};

const LABEL_TO_FIELD = new Map<string, MessageField>();
for (const f of MESSAGE_FIELDS) for (const l of LABELS[f]) LABEL_TO_FIELD.set(l, f);
const ALL_LABELS = [...LABEL_TO_FIELD.keys()].sort((a, b) => b.length - a.length);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `需求：` / `需求:` / `【需求】` / `[需求]`, preceded by a start, a separator or a digit/letter-free boundary. */
const LABEL_ALT = ALL_LABELS.map(escape).join('|');
/**
 * `需求：` / `需求:` / `【需求】` / `[需求]` anywhere (not inside a longer word), or a label at the start of a
 * line followed by a space (`需求 厂房4000平`).
 */
const LABEL_RE = new RegExp(
  `(?:【\\s*(${LABEL_ALT})\\s*】|\\[\\s*(${LABEL_ALT})\\s*\\]|(?<![\\u4e00-\\u9fa5A-Za-z])(${LABEL_ALT})\\s*[:=]|(?<=^|\\n)[ \\t]*(${LABEL_ALT})[ \\t]+(?=\\S))`,
  'g',
);
const TRIM_RE = /^[\s,;.。、，；:|/\-—~]+|[\s,;.。、，；:|/\-—~！!]+$/g;

const COMPANY_RE =
  /[\u4e00-\u9fa5A-Za-z0-9()（）·・&]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团|公司|工厂|厂)(?=的|[^\u4e00-\u9fa5]|$)/;
const HONORIFIC = '[\\u4e00-\\u9fa5]{1,2}?(?:先生|女士|小姐|总|经理|老板|工|董)';
const CONTACT_INTRO_RE = new RegExp(`(?:联系人|联系|对接人|负责人|我姓[\\u4e00-\\u9fa5]|找|姓名)(?:是|为)?\\s*(${HONORIFIC})`);
const CONTACT_RE = new RegExp(`(?:^|[^\\u4e00-\\u9fa5])(${HONORIFIC})(?!您好|你好|好)`);
const COMPANY_PREFIX_RE = /^(?:我们是|我们这边是|我们|我司是|我司|本公司|我是|我们公司是|公司是)/;
const EMAIL_RE = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,12}/;
const TAX_PHRASE_RE = /(?:亩均税收|年税收|年纳税|税收|纳税|年税)[^;,，。\n\d]{0,10}\d[^;,，。\n]{0,12}?(?:万元|万|亿元|亿)(?:\/年)?/;
const USAGE_PHRASE_RE = /(?:用于|用途为|用作|做|从事|生产|主营)([^;,，。\n]{2,30})/;
const NEED_PHRASE_RE = /[^;,，。\n]{0,40}(?:厂房|车间|土地|用地|拿地|地块|写字楼|办公|仓库|仓储|库房)[^;,，。\n]{0,60}/;

function clean(value: string): string {
  return value.replace(TRIM_RE, '').trim();
}

/**
 * Splits a pasted message into the call-to-action fields. Labels (`需求：…；用途：…`) may come in any
 * order, with full- or half-width punctuation and noise around them; a field without a label is
 * recognised by its shape (a phone, an email, `王先生`, `…有限公司`, `年税收…万`) where possible.
 */
export function extractFields(input: string): MessageFields {
  const text = normalizeText(input).slice(0, 20_000);
  const out: MessageFields = {};
  const marks = [...text.matchAll(LABEL_RE)].map((m) => ({
    field: LABEL_TO_FIELD.get(m[1] ?? m[2] ?? m[3] ?? m[4])!,
    start: m.index,
    valueStart: m.index + m[0].length,
  }));
  for (let i = 0; i < marks.length; i++) {
    const end = i + 1 < marks.length ? marks[i + 1].start : text.length;
    let value = text.slice(marks[i].valueStart, end);
    // A value ends at the next label, a line break or a semicolon (the separators people type).
    const stop = value.search(/[\n;]/);
    if (stop > 0 && value.slice(0, stop).trim()) value = value.slice(0, stop);
    value = clean(value);
    if (value && !out[marks[i].field]) out[marks[i].field] = value.slice(0, 2000);
  }

  if (out.phone) out.phone = findPhone(out.phone) ?? out.phone;
  if (out.contact) {
    const name = clean(out.contact.replace(/(?:\+?86)?[\d\s-]{7,}/g, ' ').split(/[\s,，(（]/)[0] ?? '');
    out.contact = name || out.contact;
  }
  if (out.email) out.email = EMAIL_RE.exec(out.email)?.[0] ?? out.email;
  // A company value followed by other words (`杭州某某有限公司 联系：金总`): keep the company itself.
  if (out.company) out.company = COMPANY_RE.exec(out.company)?.[0] ?? out.company;

  out.phone ??= findPhone(text) ?? undefined;
  out.email ??= EMAIL_RE.exec(text)?.[0];
  out.company ??= COMPANY_RE.exec(text)?.[0].replace(COMPANY_PREFIX_RE, '');
  out.contact ??= CONTACT_INTRO_RE.exec(text)?.[1] ?? CONTACT_RE.exec(text)?.[1];
  out.tax ??= TAX_PHRASE_RE.exec(text)?.[0];
  out.usage ??= USAGE_PHRASE_RE.exec(text)?.[1]?.trim();
  out.need ??= clean(NEED_PHRASE_RE.exec(text)?.[0] ?? '') || undefined;
  for (const k of MESSAGE_FIELDS) if (out[k] === undefined || out[k] === '') delete out[k];
  return out;
}

/** Core fields still missing after extraction. */
export function missingFields(fields: MessageFields): MessageField[] {
  return CORE_FIELDS.filter((f) => !fields[f]);
}
