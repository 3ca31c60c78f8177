import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Lead, type LeadStage } from '@app/leads';

/** Stage history: one row per stage change, with who and when (reports read it). */
@Entity('lead_stage_change')
@Index(['leadId', 'at'])
@Index(['toStage', 'at'])
export class LeadStageChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'text' })
  fromStage: LeadStage;

  @Column({ type: 'text' })
  toStage: LeadStage;

  /** Why it moved back or was reopened. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  lostReason: string | null;

  @Column({ type: 'text', nullable: true })
  lostNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
