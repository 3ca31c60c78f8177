import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const BREACH_ACTIONS = ['pool', 'reassign'] as const;
export type BreachAction = (typeof BREACH_ACTIONS)[number];

/** First-response SLA and pool settings (one row, id 1). */
@Entity('routing_settings')
export class RoutingSettings {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  /** Respond within this many working minutes. */
  @Column({ type: 'integer', default: 30 })
  firstResponseMinutes: number;

  /** At this multiple the manager is notified. */
  @Column({ type: 'integer', default: 2 })
  escalateMultiplier: number;

  /** At this multiple the lead returns to the pool (or is reassigned). */
  @Column({ type: 'integer', default: 4 })
  recycleMultiplier: number;

  @Column({ type: 'text', default: 'pool' })
  breachAction: BreachAction;

  /** Most open leads a consultant may claim from the pool (their capacity when lower). */
  @Column({ type: 'integer', default: 20 })
  claimCap: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
