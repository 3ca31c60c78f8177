import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RoutingStrategy, RuleConditions } from './routing-decision.js';

export const RULE_TARGET_TYPES = ['consultant', 'team', 'pool'] as const;
export type RuleTargetType = (typeof RULE_TARGET_TYPES)[number];

/** 分配规则: evaluated in `position` order; the first match with an eligible consultant wins. */
@Entity('routing_rule')
export class RoutingRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  conditions: RuleConditions;

  @Column({ type: 'text' })
  targetType: RuleTargetType;

  @Column({ type: 'uuid', nullable: true })
  targetConsultantId: string | null;

  @Column({ type: 'uuid', nullable: true })
  targetTeamId: string | null;

  @Column({ type: 'text', default: 'round_robin' })
  strategy: RoutingStrategy;

  /** Skip consultants outside their working hours. */
  @Column({ type: 'boolean', default: false })
  requireOnDuty: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
