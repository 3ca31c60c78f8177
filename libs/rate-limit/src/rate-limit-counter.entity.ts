import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One fixed time window of one limited thing (an IP, a phone hash, a login email). */
@Entity('rate_limit_counter')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @PrimaryColumn({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'integer', default: 0 })
  count: number;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
