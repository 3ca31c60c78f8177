import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, type FieldError } from '@app/errors';
import { PersonalDataCipher, maskPhone, maskPhonesInText } from '@app/privacy';
import { RateLimitService } from '@app/rate-limit';
import { Lead } from './lead.entity.js';
import { LeadLifecycle } from './lead-lifecycle.js';
import { LeadsRepository } from './leads.repository.js';
import { extractFields, type MessageFields } from './parsing/fields.js';
import { parseMessage, type ParsedMessage } from './parsing/message-parser.js';
import { parseNeed, type ParsedNeed } from './parsing/need-parser.js';
import { normalizePhone, type NormalizedPhone } from './parsing/phone.js';
import type { IntakeContext, IntakeCreated, IntakeDuplicate, IntakeInput, IntakeResult, LeadStatus } from './intake-types.js';

/** Largest plausible area (15 000 亩 = 10 km²) and amounts (1000亿 tax, 1万亿 investment), in ㎡ and 万元. */
export const INTAKE_LIMITS = { maxAreaSqm: 10_000_000, maxAnnualTaxWan: 10_000_000, maxInvestmentWan: 100_000_000 };

interface Prepared {
  merged: {
    need: string;
    usage: string;
    tax: string;
    company: string;
    contact: string;
    phone: string;
    email: string | null;
    wechat: string | null;
    region: string | null;
  };
  phone: NormalizedPhone | null;
  parsed: ParsedNeed;
  errors: FieldError[];
}

function fieldError(field: string, code: string, zh: string, en: string): FieldError {
  return { field, code, message_zh: zh, message_en: en };
}

const text = (v: string | undefined | null, max: number): string => (v ?? '').trim().slice(0, max);

/** What a lead saved by intake holds in the columns intake does not set. */
const LEAD_DEFAULTS: Partial<Lead> = {
  stage: 'new',
  ownerId: null,
  assignedAt: null,
  pooledAt: null,
  firstResponseAt: null,
  lastActivityAt: null,
  lostReason: null,
  lostNote: null,
  signedInvestmentWan: null,
  signedAnnualTaxWan: null,
  signedParkId: null,
  signedListingId: null,
  signedAt: null,
};

/** { phoneHash: … } → { phone_hash: … } (the column names zs_lead_intake reads). */
function columnsOf(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in fields) {
    let c = COLUMN_NAMES.get(k);
    if (c === undefined) COLUMN_NAMES.set(k, (c = k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)));
    out[c] = fields[k];
  }
  return out;
}
const COLUMN_NAMES = new Map<string, string>();

/** 王小明 → 王 (family name, shown as 王顾问); John Smith → John. */
export function firstNameOf(name: string | null | undefined): string | null {
  const n = (name ?? '').trim();
  if (!n) return null;
  if (/^[\u4e00-\u9fff]/.test(n)) return [...n][0];
  return n.split(/\s+/)[0];
}

/**
 * Lead intake: merges the JSON fields with a pasted message, validates, parses the need, then
 * saves one lead per open phone with its consent (`LeadsRepository.intake`: in the batch statement
 * of the intakes arriving together, serialised per phone and per Idempotency-Key), and once that
 * committed runs the LeadLifecycle "created" hooks.
 */
@Injectable()
export class LeadIntakeService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly lifecycle: LeadLifecycle,
    private readonly cipher: PersonalDataCipher,
    private readonly rateLimits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The parser alone, for the form's paste box and for consultants. */
  parse(textIn: string): ParsedMessage {
    return parseMessage(textIn.slice(0, 20_000));
  }

  async submit(input: IntakeInput, ctx: IntakeContext): Promise<IntakeResult> {
    const key = ctx.idempotencyKey?.trim() || null;
    if (key) {
      const stored = await this.leads.findIdempotent(key);
      if (stored) return this.replay(stored.status, stored.response);
    }
    if (ctx.ip && !ctx.demo) {
      const r = await this.rateLimits.consume(`intake:ip:${ctx.ip}`, this.config.intakeLimitPerIpPerMinute, 60);
      if (!r.allowed) throw DomainError.rateLimited(r.retryAfterSeconds);
    }

    const { merged, phone, parsed, errors } = this.validated.get(input) ?? this.prepare(input);
    if (errors.length) throw DomainError.validation(errors);

    const e164 = phone!.e164;
    const phoneHash = this.cipher.hash(e164);
    if (!ctx.demo) {
      const r = await this.rateLimits.consume(`intake:phone:${phoneHash}`, this.config.intakeLimitPerPhonePerHour, 3600);
      if (!r.allowed) throw DomainError.rateLimited(r.retryAfterSeconds, 'phone');
    }
    // The phone lives encrypted in phoneEnc; free texts keep it only masked (a pasted message usually contains it).
    const stored = {
      need: maskPhonesInText(merged.need),
      usage: maskPhonesInText(merged.usage),
      tax: maskPhonesInText(merged.tax),
      message: typeof input.message === 'string' ? maskPhonesInText(input.message) : null,
    };
    const spam = typeof input.website === 'string' && input.website.trim() !== '';
    const channel = input.channel ?? (input.sourceArticleId ? 'article' : 'web');
    const inquiry = {
      channel,
      sourceArticleId: input.sourceArticleId ?? null,
      need: stored.need,
      usage: stored.usage,
      tax: stored.tax,
      company: merged.company,
      contactName: merged.contact,
      message: stored.message,
      parsed,
    };

    const consent = {
      notice_version: this.config.privacyNoticeVersion,
      purposes: input.shareConsent ? ['follow_up', 'share_with_parks'] : ['follow_up'],
      share_consent: input.shareConsent === true,
      channel,
      ip: ctx.ip,
      user_agent: ctx.userAgent?.slice(0, 500) ?? null,
    };
    const fields = {
      spam,
      channel,
      sourceArticleId: input.sourceArticleId ?? null,
      company: merged.company,
      contactName: merged.contact,
      phoneEnc: this.cipher.encrypt(e164),
      phoneHash,
      phoneMasked: maskPhone(e164),
      phoneLast4: e164.slice(-4),
      email: merged.email,
      wechat: merged.wechat,
      need: stored.need,
      usage: stored.usage,
      taxText: stored.tax,
      message: stored.message,
      parsed: parsed as unknown as Record<string, unknown>,
      propertyType: parsed.propertyType,
      dealType: parsed.dealType,
      areaSqmMin: parsed.areaSqm?.min ?? null,
      areaSqmMax: parsed.areaSqm?.max ?? null,
      areaUnit: parsed.areaUnit,
      industryCode: parsed.industry?.code ?? null,
      industryName: parsed.industry?.name ?? null,
      strategicIndustry: parsed.strategicIndustry,
      annualTaxWan: parsed.annualTaxWan,
      investmentWan: parsed.investmentWan,
      taxPerMuWan: parsed.taxPerMuWan,
      region: parsed.region,
      requirements: parsed.requirements as Record<string, unknown>,
      demo: ctx.demo === true,
    } satisfies Partial<Lead>;

    const out = await this.leads.intake({ key, lead: columnsOf(fields), inquiry, consent });
    if (out.outcome === 'replayed') return this.replay(out.status, out.response);
    if (out.outcome === 'created' && !spam) {
      // Committed: routing runs now, batched with the other intakes of this process; the
      // response waits for it but never fails because of it (the queue row keeps the lead routable).
      await this.lifecycle.afterCreated(
        Object.assign(new Lead(), LEAD_DEFAULTS, fields, {
          id: out.id!,
          reference: out.reference!,
          previousLeadId: out.previousLeadId ?? null,
          createdAt: new Date(out.createdAt!),
          updatedAt: new Date(out.updatedAt!),
        }),
      );
    }
    return { status: out.status, body: out.response as unknown as IntakeCreated | IntakeDuplicate, replayed: false };
  }

  /**
   * Every field-level problem of a submission (consent, phone, required fields, absurd areas and
   * money), without touching the database; the API merges these with the DTO's type errors.
   */
  validate(input: IntakeInput): FieldError[] {
    const prepared = this.prepare(input);
    this.validated.set(input, prepared);
    return prepared.errors;
  }

  /** What {@link validate} prepared, by input object: the API validates and then submits the same object, parsed once. */
  private readonly validated = new WeakMap<IntakeInput, Prepared>();

  /** Merges the JSON with the pasted message, parses the need and collects every field error. */
  private prepare(input: IntakeInput): Prepared {
    // JSON null means "not given"; anything else of the wrong type was already refused by the DTO.
    input = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as IntakeInput;
    const fromMessage: MessageFields = typeof input.message === 'string' ? extractFields(input.message) : {};
    const pick = (k: keyof MessageFields, own: unknown): string | undefined =>
      typeof own === 'string' && own.trim() !== '' ? own : fromMessage[k];
    const taxOwn = typeof input.tax === 'number' ? String(input.tax) : input.tax;
    const merged = {
      need: text(pick('need', input.need) ?? (input.message && !fromMessage.need ? input.message : undefined), 5000),
      usage: text(pick('usage', input.usage), 2000),
      tax: text(pick('tax', taxOwn), 500),
      company: text(pick('company', input.company), 200),
      contact: text(pick('contact', input.contact), 100),
      phone: text(pick('phone', input.phone), 60),
      email: text(pick('email', input.email), 200) || null,
      wechat: text(pick('wechat', input.wechat), 100) || null,
      region: text(input.region ?? fromMessage.region, 100) || null,
    };

    const errors: FieldError[] = [];
    if (input.consent !== true) {
      errors.push(
        fieldError(
          'consent',
          'CONSENT_REQUIRED',
          '授权同意：请阅读并勾选同意《个人信息处理规则》后提交',
          'consent must be true: read and accept the privacy notice to submit',
        ),
      );
    }
    const phone = merged.phone ? normalizePhone(merged.phone) : null;
    if (!merged.phone) {
      errors.push(fieldError('phone', 'REQUIRED', '手机号：必填', 'phone is required'));
    } else if (!phone) {
      errors.push(
        fieldError(
          'phone',
          'PHONE_INVALID',
          '手机号：不是有效的中国大陆手机、固话或400号码',
          'phone is not a valid Chinese mobile, landline or 400 number',
        ),
      );
    }
    if (!merged.company) errors.push(fieldError('company', 'REQUIRED', '公司名称：不能为空', 'company must not be empty'));
    if (!merged.contact) errors.push(fieldError('contact', 'REQUIRED', '联系人：不能为空', 'contact must not be empty'));
    if (!merged.need) errors.push(fieldError('need', 'REQUIRED', '需求：不能为空', 'need must not be empty'));

    const other = input.message && merged.company ? input.message.split(merged.company).join(' ') : (input.message ?? '');
    const parsed = this.applyOverrides(
      parseNeed({ need: merged.need, usage: merged.usage, tax: merged.tax, region: merged.region, other: other.slice(0, 20_000) }),
      input,
    );
    errors.push(...this.checkRanges(parsed, input));
    return { merged, phone, parsed, errors };
  }

  /** Stage and the owner's first name, only when reference and phone belong together. */
  async status(reference: string, phoneRaw: string, ip: string | null): Promise<LeadStatus> {
    if (ip) {
      const r = await this.rateLimits.consume(`lead-status:ip:${ip}`, this.config.intakeLimitPerIpPerMinute, 60);
      if (!r.allowed) throw DomainError.rateLimited(r.retryAfterSeconds);
    }
    const phone = normalizePhone(phoneRaw);
    const lead: Lead | null = phone ? await this.leads.findByReferenceWithOwner(reference) : null;
    if (!lead || !phone || lead.spam || lead.phoneHash !== this.cipher.hash(phone.e164)) {
      throw DomainError.notFound('Lead with this reference and phone', '该编号与手机号对应的需求');
    }
    return { reference: lead.reference, stage: lead.stage, ownerFirstName: firstNameOf(lead.owner?.name) };
  }

  private replay(status: number, response: Record<string, unknown>): IntakeResult {
    return { status: status === 200 ? 200 : 201, body: response as unknown as IntakeCreated | IntakeDuplicate, replayed: true };
  }

  /** Structured fields the form sent win over what the parser read. */
  private applyOverrides(p: ParsedNeed, input: IntakeInput): ParsedNeed {
    const out: ParsedNeed = { ...p };
    if (input.propertyType) out.propertyType = input.propertyType;
    if (input.dealType) out.dealType = input.dealType;
    if (input.areaSqmMin !== undefined || input.areaSqmMax !== undefined) {
      out.areaSqm = { min: input.areaSqmMin ?? null, max: input.areaSqmMax ?? null };
      out.areaUnit = 'sqm';
      out.area = { min: input.areaSqmMin ?? null, max: input.areaSqmMax ?? null, unit: 'sqm', raw: 'form' };
    }
    if (input.region) out.region = input.region.trim().slice(0, 100);
    if (input.annualTaxWan !== undefined) out.annualTaxWan = input.annualTaxWan;
    if (input.investmentWan !== undefined) out.investmentWan = input.investmentWan;
    return out;
  }

  private checkRanges(p: ParsedNeed, input: IntakeInput): FieldError[] {
    const errors: FieldError[] = [];
    const areaField = input.areaSqmMin !== undefined || input.areaSqmMax !== undefined ? 'areaSqmMin' : 'need';
    const { min, max } = p.areaSqm ?? { min: null, max: null };
    if ((min !== null && min > INTAKE_LIMITS.maxAreaSqm) || (max !== null && max > INTAKE_LIMITS.maxAreaSqm)) {
      errors.push(
        fieldError(
          areaField === 'need' ? 'need' : max !== null && max > INTAKE_LIMITS.maxAreaSqm ? 'areaSqmMax' : 'areaSqmMin',
          'AREA_OUT_OF_RANGE',
          '面积：超出合理范围（最大 1000 万平方米 / 1.5 万亩），请核对单位',
          'area is out of range (at most 10,000,000 ㎡ / 15,000 亩); check the unit',
        ),
      );
    } else if (min !== null && max !== null && min > max) {
      errors.push(
        fieldError('areaSqmMax', 'AREA_RANGE_INVERTED', '面积：最大值不能小于最小值', 'areaSqmMax must not be less than areaSqmMin'),
      );
    }
    if (p.annualTaxWan !== null && p.annualTaxWan > INTAKE_LIMITS.maxAnnualTaxWan) {
      errors.push(
        fieldError(
          input.annualTaxWan !== undefined ? 'annualTaxWan' : 'tax',
          'TAX_OUT_OF_RANGE',
          '税收：超出合理范围（最大 1000 亿元/年），请核对单位',
          'annual tax is out of range (at most 100 billion yuan a year); check the unit',
        ),
      );
    }
    if (p.investmentWan !== null && p.investmentWan > INTAKE_LIMITS.maxInvestmentWan) {
      errors.push(
        fieldError(
          input.investmentWan !== undefined ? 'investmentWan' : 'need',
          'INVESTMENT_OUT_OF_RANGE',
          '投资额：超出合理范围（最大 1 万亿元），请核对单位',
          'investment is out of range (at most 1 trillion yuan); check the unit',
        ),
      );
    }
    return errors;
  }
}
