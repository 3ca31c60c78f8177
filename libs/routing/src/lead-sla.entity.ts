import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Lead } from '@app/leads';

/**
 * First-response timer of a lead's current assignment. level: 0 running, 1 owner reminded,
 * 2 manager escalated, 3 returned to the pool. Closed when the lead gets its first response.
 */
@Entity('lead_sla')
@Index(['closedAt', 'level'])
export class LeadSla {
  @PrimaryColumn({ type: 'uuid' })
  leadId: string;

  @OneToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'integer', default: 0 })
  level: number;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
