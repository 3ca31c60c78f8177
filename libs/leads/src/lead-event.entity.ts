import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Lead } from './lead.entity.js';

export const LEAD_EVENT_TYPES = [
  'inquiry',
  'stage_change',
  'assignment',
  'activity',
  'task',
  'notification',
  'merge',
  'note',
  'sla',
] as const;
export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];

/** Append-only history of a lead: inquiries, stage changes, assignments, activities… */
@Entity('lead_event')
@Index(['leadId', 'at'])
export class LeadEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'text' })
  type: LeadEventType;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;
}
