import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Lead } from '@app/leads';

export const ACTIVITY_TYPES = ['call', 'wechat', 'visit', 'meeting', 'email', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
/** Activities that reach the investor (a note does not): the first one is the first response. */
export const CONTACT_ACTIVITY_TYPES: readonly ActivityType[] = ['call', 'wechat', 'visit', 'meeting', 'email'];

export const ACTIVITY_LABELS_ZH: Record<ActivityType, string> = {
  call: '电话',
  wechat: '微信',
  visit: '拜访/考察',
  meeting: '会议',
  email: '邮件',
  note: '备注',
};

/** 跟进记录: a call, WeChat exchange, visit, meeting, email or note on a lead. */
@Entity('lead_activity')
@Index(['leadId', 'at'])
export class LeadActivity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'text' })
  type: ActivityType;

  @Column({ type: 'text' })
  body: string;

  /** When it happened (may be earlier than when it was recorded). */
  @Column({ type: 'timestamptz' })
  at: Date;

  /** Listings shown or discussed. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  listingIds: string[];

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
