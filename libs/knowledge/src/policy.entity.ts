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
import type { ConditionRule } from './extraction/conditions.js';
import type { PolicyKind, PolicyStatus } from './extraction/policy-kinds.js';
import { numericTransformer } from '@app/database';
import { Article } from './article.entity.js';
import { Park } from './park.entity.js';

/** One policy clause of a park, with the sentence it came from and its structure. */
@Entity('policy')
@Index(['parkId', 'status'])
export class Policy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  parkId: string | null;

  @ManyToOne(() => Park, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'park_id' })
  park?: Relation<Park> | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  articleId: string | null;

  @ManyToOne(() => Article, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'article_id' })
  article?: Relation<Article> | null;

  @Column({ type: 'text' })
  kind: PolicyKind;

  @Column({ type: 'text' })
  title: string;

  /** Exact words of the article this policy came from. */
  @Column({ type: 'text' })
  quote: string;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  amountWan: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  percent: number | null;

  /** What `percent` is a share of: a lead fact (equipmentInvestmentWan …) or rent, landPrice, loanInterest, localTaxShare, unspecified. */
  @Column({ type: 'text', nullable: true })
  baseFact: string | null;

  /** 加倍 → 2, 提高20% → 1.2. */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  multiplier: number | null;

  /** Calendar months a rent waiver/discount applies to. */
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  months: number[];

  /** Number of rent-free months (两个月免租期 → 2). */
  @Column({ type: 'int', nullable: true })
  freeMonths: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  capWan: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  durationYears: number | null;

  /** Eligibility as a rule tree over lead facts; null = no conditions. */
  @Column({ type: 'jsonb', nullable: true })
  conditions: ConditionRule | null;

  /** Rewards tied to local tax contribution (公平竞争审查条例, in force 2024-08-01). */
  @Column({ type: 'boolean', default: false })
  legacyRisk: boolean;

  @Column({ type: 'text', default: 'extracted' })
  status: PolicyStatus;

  /** Order in the article. */
  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
