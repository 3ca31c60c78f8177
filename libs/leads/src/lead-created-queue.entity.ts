import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Lead } from './lead.entity.js';

/**
 * New, non-spam leads whose "created" hooks (routing) have not run yet. Intake inserts the row in
 * the statement that saves the lead; the hooks delete it in the transaction that routes the lead,
 * so a lead acknowledged to the investor is routed exactly once even when the process dies in
 * between (a sweep picks up rows left behind).
 */
@Entity('lead_created_queue')
export class LeadCreatedQueue {
  @PrimaryColumn({ type: 'uuid' })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  enqueuedAt: Date;
}
