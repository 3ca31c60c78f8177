import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from './audit-log.entity.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
}

/** Records changes in audit_log; pass the caller's EntityManager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(manager: EntityManager | undefined, entry: AuditEntry): Promise<void> {
    const m = manager ?? this.ds.manager;
    await m.save(AuditLog, m.create(AuditLog, { ...entry, details: entry.details ?? {} }));
  }

  listFor(entity: string, entityId: string, manager?: EntityManager): Promise<AuditLog[]> {
    return (manager ?? this.ds.manager).find(AuditLog, { where: { entity, entityId }, order: { at: 'ASC', id: 'ASC' } });
  }
}

/** Field-by-field differences between two snapshots, for audit details. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(after)) {
    const a = before[k] instanceof Date ? (before[k] as Date).toISOString() : before[k];
    const b = after[k] instanceof Date ? (after[k] as Date).toISOString() : after[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = { from: a ?? null, to: b ?? null };
  }
  return out;
}
