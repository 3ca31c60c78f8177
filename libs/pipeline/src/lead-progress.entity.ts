import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Lead } from '@app/leads';

/**
 * The furthest pipeline stage a lead has reached (rank: new = 0 … landed = 6), kept by a database
 * trigger on every insert into lead_stage_change, whoever writes it, so reports join one row per lead
 * instead of reading each lead's whole history.
 */
@Entity('lead_progress')
export class LeadProgress {
  @PrimaryColumn({ type: 'uuid' })
  leadId: string;

  @OneToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'smallint' })
  furthestRank: number;
}
