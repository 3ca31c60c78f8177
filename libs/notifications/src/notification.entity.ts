import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export const NOTIFICATION_CHANNELS = ['email', 'wecom_robot', 'wecom_app'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'dead'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** What a message says, rendered when the event happens (phones already masked). */
export interface NotificationPayload {
  kind: string;
  subject: string;
  text: string;
  html?: string;
  /** WeCom markdown. */
  markdown?: string;
  link?: string;
  /** Group robot key (wecom_robot only; never returned by the API). */
  robotKey?: string;
}

/**
 * 通知发件箱: one message to one recipient on one channel, written in the transaction of the event
 * that causes it and delivered by jobs. (eventKey, recipient, channel) is unique: an event never
 * notifies the same person twice on the same channel.
 */
@Entity('notification')
@Unique(['eventKey', 'recipient', 'channel'])
// The delivery claim reads due rows in next_attempt_at order; a partial index keeps that one
// ordered index scan however many sent rows there are (an index on (status, next_attempt_at) made
// it fetch and sort every due row of both statuses: 12 ms a claim with a few thousand queued).
@Index('notification_due_idx', ['nextAttemptAt', 'id'], { where: `status IN ('pending', 'failed')` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  eventKey: string;

  /** Email address, WeCom userid(s) joined by '|', or the robot key's hash. */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  channel: NotificationChannel;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: NotificationPayload;

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Recipients WeCom reported as invalid while the rest got the message (partial failure). */
  @Column({ type: 'text', nullable: true })
  partialFailure: string | null;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Robot messages merged into one digest share the digest's id here. */
  @Column({ type: 'uuid', nullable: true })
  digestOf: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
