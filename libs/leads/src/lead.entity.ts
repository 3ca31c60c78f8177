import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { User } from '@app/identity';
import { numericTransformer } from '@app/database';

export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'site_visit', 'negotiating', 'signed', 'landed', 'lost'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
/** Stages after which a new inquiry from the same phone opens a new lead. */
export const CLOSED_STAGES: readonly LeadStage[] = ['signed', 'landed', 'lost'];
export const OPEN_STAGES: readonly LeadStage[] = LEAD_STAGES.filter((s) => !CLOSED_STAGES.includes(s));

export const LEAD_CHANNELS = ['web', 'article', 'wechat', 'phone', 'referral', 'import'] as const;
export type LeadChannel = (typeof LEAD_CHANNELS)[number];

export const PROPERTY_TYPES = ['factory', 'land', 'office', 'warehouse'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export const DEAL_TYPES = ['rent', 'buy'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

/** 招商需求: one investor's request, from intake to signed/landed or lost. */
@Entity('lead')
@Index(['ownerId', 'createdAt', 'id'])
export class Lead {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short human reference, e.g. ZS-2026-000123 (from the lead_reference_seq sequence). */
  @Index({ unique: true })
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text', default: 'new' })
  stage: LeadStage;

  /** null = in the pool (公海) or not yet routed. Indexed with createdAt, id (class index): the consultant's list page. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User> | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  pooledAt: Date | null;

  /** Honeypot filled: kept for audit, never routed. */
  @Column({ type: 'boolean', default: false })
  spam: boolean;

  @Column({ type: 'text', default: 'web' })
  channel: LeadChannel;

  /** Article the investor came from (no FK: articles may be purged). */
  @Column({ type: 'uuid', nullable: true })
  sourceArticleId: string | null;

  @Column({ type: 'text' })
  company: string;

  @Column({ type: 'text' })
  contactName: string;

  /** E.164 phone, AES-GCM encrypted. */
  @Column({ type: 'text' })
  phoneEnc: string;

  /** Keyed hash of the E.164 phone, for dedupe. */
  @Index()
  @Column({ type: 'text' })
  phoneHash: string;

  @Column({ type: 'text' })
  phoneMasked: string;

  @Column({ type: 'text' })
  phoneLast4: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  wechat: string | null;

  /** 需求 as written. */
  @Column({ type: 'text', default: '' })
  need: string;

  /** 用途 as written. */
  @Column({ type: 'text', default: '' })
  usage: string;

  /** 税收 as written. */
  @Column({ type: 'text', default: '' })
  taxText: string;

  /** Pasted WeChat message, when there was one. */
  @Column({ type: 'text', nullable: true })
  message: string | null;

  /** The parser's structured result (ParsedNeed). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  parsed: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  propertyType: PropertyType | null;

  @Column({ type: 'text', nullable: true })
  dealType: DealType | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  areaSqmMin: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  areaSqmMax: number | null;

  /** Unit the investor wrote: 'sqm' or 'mu'. */
  @Column({ type: 'text', nullable: true })
  areaUnit: string | null;

  /** GB/T 4754-2017 division, e.g. C36. */
  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  @Column({ type: 'text', nullable: true })
  industryName: string | null;

  /** 战略性新兴产业 label, e.g. 新能源汽车. */
  @Column({ type: 'text', nullable: true })
  strategicIndustry: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  annualTaxWan: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  investmentWan: number | null;

  /** 亩均税收 (万元/亩). */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  taxPerMuWan: number | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** clearHeightM, floorLoadT, craneT, powerKva, envApproval. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  requirements: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastActivityAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lostReason: string | null;

  @Column({ type: 'text', nullable: true })
  lostNote: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  signedInvestmentWan: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  signedAnnualTaxWan: number | null;

  @Column({ type: 'uuid', nullable: true })
  signedParkId: string | null;

  @Column({ type: 'uuid', nullable: true })
  signedListingId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  /** Earlier closed lead of the same phone. */
  @Column({ type: 'uuid', nullable: true })
  previousLeadId: string | null;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
