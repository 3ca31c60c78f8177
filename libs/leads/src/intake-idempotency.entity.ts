import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first response to an `Idempotency-Key`, replayed for every retry with that key. */
@Entity('intake_idempotency')
export class IntakeIdempotency {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'integer' })
  status: number;

  @Column({ type: 'jsonb' })
  response: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
