import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Cached WeCom access token, one row per credential (hash of corpid + agentid + secret). */
@Entity('wecom_token')
export class WecomToken {
  @PrimaryColumn({ type: 'text' })
  credential: string;

  @Column({ type: 'text' })
  accessToken: string;

  /** expires_in − 300 s. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}

/** State of one group robot (by key hash): disabled after 93000, blocked after 45009. */
@Entity('wecom_robot_state')
export class WecomRobotState {
  @PrimaryColumn({ type: 'text' })
  keyHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}

/** One send to a group robot, for the sliding 60-second limit. */
@Entity('wecom_robot_send')
@Index(['keyHash', 'sentAt'])
export class WecomRobotSend {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  keyHash: string;

  @Column({ type: 'timestamptz' })
  sentAt: Date;
}
