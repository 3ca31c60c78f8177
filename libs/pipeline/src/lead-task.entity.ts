import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { User } from '@app/identity';
import { Lead } from '@app/leads';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** 待办: a follow-up due at a time, assigned to a user. */
@Entity('lead_task')
@Index(['assigneeId', 'status', 'dueAt'])
export class LeadTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'uuid' })
  assigneeId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<User>;

  @Column({ type: 'text', default: 'open' })
  status: TaskStatus;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  /** Set when the due reminder was sent (so it is sent once). */
  @Column({ type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
