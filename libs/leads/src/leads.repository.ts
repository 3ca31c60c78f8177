import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BatchQueue, preparedQuery } from '@app/database';
import type { DataSource, EntityManager } from 'typeorm';
import { Lead } from './lead.entity.js';
import { LeadEvent, type LeadEventType } from './lead-event.entity.js';
import { ConsentRecord } from './consent-record.entity.js';
import { IntakeIdempotency } from './intake-idempotency.entity.js';

/** What `zs_lead_intake` did; `response` is the HTTP body (stored for Idempotency-Key replays). */
export interface IntakeOutcome {
  outcome: 'created' | 'duplicate' | 'replayed';
  status: 200 | 201;
  response: Record<string, unknown>;
  id?: string;
  reference?: string;
  previousLeadId?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface IntakeArgs {
  key: string | null;
  lead: Record<string, unknown>;
  inquiry: Record<string, unknown>;
  consent: Record<string, unknown>;
}

/** Most intakes saved in one statement. */
export const INTAKE_BATCH_MAX = 100;
/** Intake batches of one process in the database at the same time (one per core of a small machine). */
export const INTAKE_BATCHES_IN_FLIGHT = 2;

/**
 * Reads and writes of leads, their events and consents. Every write method takes the caller's
 * EntityManager when it must join a transaction; without one it uses the data source.
 */
@Injectable()
export class LeadsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  /** Runs `fn` in one transaction (READ COMMITTED). */
  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  findById(id: string, manager?: EntityManager): Promise<Lead | null> {
    return this.m(manager).findOneBy(Lead, { id });
  }

  findByReference(reference: string, manager?: EntityManager): Promise<Lead | null> {
    return this.m(manager).findOneBy(Lead, { reference: reference.trim().toUpperCase() });
  }

  /** A lead by its reference, with its owner (for the investor's status page). */
  findByReferenceWithOwner(reference: string): Promise<Lead | null> {
    return this.ds.manager.findOne(Lead, { where: { reference: reference.trim().toUpperCase() }, relations: { owner: true } });
  }

  /** Whether demo leads were seeded already. */
  async hasDemoLeads(): Promise<boolean> {
    return (await this.ds.manager.countBy(Lead, { demo: true })) > 0;
  }

  listByPhoneHash(phoneHash: string, manager?: EntityManager): Promise<Lead[]> {
    return this.m(manager).find(Lead, { where: { phoneHash }, order: { createdAt: 'ASC' } });
  }

  /** Next human reference, ZS-<year>-<6 digits>, from the lead_reference_seq sequence. */
  async nextReference(manager?: EntityManager, now = new Date()): Promise<string> {
    const rows: { n: string }[] = await this.m(manager).query(`SELECT nextval('lead_reference_seq')::text AS n`);
    return `ZS-${now.getUTCFullYear()}-${rows[0].n.padStart(6, '0')}`;
  }

  /**
   * One intake (`zs_lead_intake_batch`, see the migration IntakeBatch): Idempotency-Key replay,
   * per-phone lock, dedupe, reference, lead, inquiry event, consent, stored response, and the
   * `lead_created_queue` row of a new non-spam lead. Intakes arriving while this process's previous
   * batches are in the database are saved together, in one statement and one transaction; each
   * gets the outcome it would have had alone. `lead` and `consent` use column names.
   */
  intake(p: IntakeArgs): Promise<IntakeOutcome> {
    return this.intakes.push(p);
  }

  private readonly intakes = new BatchQueue<IntakeArgs, IntakeOutcome>(
    async (batch) => {
      const rows = await preparedQuery<{ r: IntakeOutcome[] }>(this.ds, `SELECT zs_lead_intake_batch($1::jsonb) AS r`, [
        JSON.stringify(batch),
      ]);
      return rows[0].r;
    },
    { max: INTAKE_BATCH_MAX, inFlight: INTAKE_BATCHES_IN_FLIGHT, retrySingly: true },
  );

  createLead(manager: EntityManager, fields: Partial<Lead>): Promise<Lead> {
    return manager.save(Lead, manager.create(Lead, fields));
  }

  saveLead(lead: Lead, manager?: EntityManager): Promise<Lead> {
    return this.m(manager).save(Lead, lead);
  }

  async addEvent(
    manager: EntityManager | undefined,
    leadId: string,
    type: LeadEventType,
    data: Record<string, unknown> = {},
    actorId: string | null = null,
  ): Promise<LeadEvent> {
    const m = this.m(manager);
    return m.save(LeadEvent, m.create(LeadEvent, { leadId, type, data, actorId }));
  }

  listEvents(leadId: string, manager?: EntityManager): Promise<LeadEvent[]> {
    return this.m(manager).find(LeadEvent, { where: { leadId }, order: { at: 'ASC', id: 'ASC' } });
  }

  countEvents(leadId: string, type?: LeadEventType, manager?: EntityManager): Promise<number> {
    return this.m(manager).countBy(LeadEvent, type ? { leadId, type } : { leadId });
  }

  saveConsent(manager: EntityManager, fields: Partial<ConsentRecord>): Promise<ConsentRecord> {
    return manager.save(ConsentRecord, manager.create(ConsentRecord, fields));
  }

  listConsents(leadId: string, manager?: EntityManager): Promise<ConsentRecord[]> {
    return this.m(manager).find(ConsentRecord, { where: { leadId }, order: { grantedAt: 'ASC' } });
  }

  findIdempotent(key: string, manager?: EntityManager): Promise<IntakeIdempotency | null> {
    return this.m(manager).findOneBy(IntakeIdempotency, { key });
  }
}
