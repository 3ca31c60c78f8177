import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what, when: one row per change (append-only). */
@Entity('audit_log')
@Index(['entity', 'entityId', 'at'])
export class AuditLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** null = the system (jobs, intake). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** e.g. lead.stage, lead.update, lead.merge, task.create */
  @Column({ type: 'text' })
  action: string;

  /** e.g. lead, task */
  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Before/after values and anything else worth keeping; never a clear phone number. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
