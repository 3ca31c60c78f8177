import type { DealType, LeadChannel, PropertyType } from './lead.entity.js';
import type { ParsedNeed } from './parsing/need-parser.js';

/** What an investor (or a consultant pasting a message) submits. Already type-checked by the API DTO. */
export interface IntakeInput {
  need?: string;
  usage?: string;
  tax?: string | number;
  company?: string;
  contact?: string;
  phone?: string;
  email?: string;
  wechat?: string;
  consent?: boolean;
  shareConsent?: boolean;
  message?: string;
  sourceArticleId?: string;
  channel?: LeadChannel;
  propertyType?: PropertyType;
  dealType?: DealType;
  areaSqmMin?: number;
  areaSqmMax?: number;
  region?: string;
  annualTaxWan?: number;
  investmentWan?: number;
  /** Honeypot: invisible in the form; a bot fills it. */
  website?: string;
}

export interface IntakeContext {
  ip: string | null;
  userAgent: string | null;
  idempotencyKey?: string | null;
  /** Demo seed. */
  demo?: boolean;
}

export interface IntakeCreated {
  id: string;
  reference: string;
  stage: 'new';
  duplicate: false;
  parsed: ParsedNeed;
}

export interface IntakeDuplicate {
  id: string;
  reference: string;
  duplicate: true;
}

export interface IntakeResult {
  /** 201 new lead, 200 appended to an open lead. */
  status: 201 | 200;
  body: IntakeCreated | IntakeDuplicate;
  /** True when the response is a replay of an earlier Idempotency-Key. */
  replayed: boolean;
}

export interface LeadStatus {
  reference: string;
  stage: string;
  ownerFirstName: string | null;
}
