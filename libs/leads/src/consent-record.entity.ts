import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Lead } from './lead.entity.js';

/** PIPL consent (Art. 14–17, 23) given with one submission: notice version, purposes, time, IP, user agent. */
@Entity('consent_record')
export class ConsentRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'text' })
  noticeVersion: string;

  /** 'follow_up' always; 'share_with_parks' with the separate consent (单独同意). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  purposes: string[];

  @Column({ type: 'boolean', default: false })
  shareConsent: boolean;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  grantedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
