import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Lead, numericTransformer, type LeadStage } from '@app/leads';

/**
 * One narrow row per lead with what the reports count, kept by database triggers on `lead` (insert
 * and update) and on `lead_stage_change` (furthest stage reached, last loss), whoever writes them.
 * Reports scan this table instead of the wide lead rows and their histories.
 */
@Entity('lead_report_fact')
@Index(['createdAt'])
@Index(['signedAt'])
@Index(['lostAt'])
@Index(['ownerId', 'createdAt'])
export class LeadReportFact {
  @PrimaryColumn({ type: 'uuid' })
  leadId: string;

  @OneToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'boolean' })
  spam: boolean;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'uuid', nullable: true })
  sourceArticleId: string | null;

  @Column({ type: 'uuid', nullable: true })
  signedParkId: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  @Column({ type: 'text' })
  stage: LeadStage;

  /** Furthest pipeline stage reached: new = 0 … landed = 6. */
  @Column({ type: 'smallint', default: 0 })
  furthestRank: number;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  signedInvestmentWan: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  signedAnnualTaxWan: number | null;

  @Column({ type: 'text', nullable: true })
  lostReason: string | null;

  /** The last loss: when and from which stage (kept even after a reopen; count it only while stage = lost). */
  @Column({ type: 'timestamptz', nullable: true })
  lostAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lostFrom: string | null;

  /** Working minutes to the first response on the default hours (stored by zs_report_refresh), valid for responseStart → responseAt. */
  @Column({ type: 'int', nullable: true })
  responseMinutes: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  responseStart: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  responseAt: Date | null;
}
