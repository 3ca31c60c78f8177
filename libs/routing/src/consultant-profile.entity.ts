import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { User } from '@app/identity';
import type { WorkingHours } from './working-time.js';

/** 顾问档案: what routing needs to know about a consultant. */
@Entity('consultant_profile')
export class ConsultantProfile {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** GB/T 4754 codes the consultant specialises in (C36 汽车制造业 …). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industries: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  parkIds: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regions: string[];

  /** Maximum open leads. */
  @Column({ type: 'integer', default: 50 })
  capacity: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Leave periods, ISO instants: [{from, to}] (to exclusive). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  leave: { from: string; to: string }[];

  @Column({
    type: 'jsonb',
    default: () => `'{"end": "18:00", "days": [1, 2, 3, 4, 5], "start": "09:00", "timezone": "Asia/Shanghai"}'`,
  })
  workingHours: WorkingHours;

  /** Notification address; the login email when null. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** 企业微信 userid for application messages. */
  @Column({ type: 'text', nullable: true })
  wecomUserId: string | null;

  /** Group robot key of the consultant's team chat (overrides the team's). */
  @Column({ type: 'text', nullable: true })
  robotKey: string | null;

  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
