import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Open leads per consultant, kept by the trigger `lead_consultant_load_*` on `lead` (every writer:
 * intake, pipeline, imports, generators). Split in {@link CONSULTANT_LOAD_SHARDS} rows per consultant,
 * chosen by the writing backend (pg_backend_pid() % shards), so concurrent transactions rarely
 * update the same row; a consultant's load is the sum of their rows (a single row may be negative).
 */
@Entity('consultant_load')
export class ConsultantLoad {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'smallint' })
  shard: number;

  @Column({ type: 'integer', default: 0 })
  openLeads: number;
}

export const CONSULTANT_LOAD_SHARDS = 64;
