import { Injectable, Logger } from '@nestjs/common';
import { BatchQueue } from '@app/database';
import type { EntityManager } from 'typeorm';
import type { Lead, LeadStage } from './lead.entity.js';

/** Runs after new leads were committed; `leads` are those created concurrently in this process (a batch). */
export type LeadCreatedHandler = (leads: readonly Lead[]) => Promise<void>;
export type LeadStageChangedHandler = (
  manager: EntityManager,
  lead: Lead,
  from: LeadStage,
  to: LeadStage,
  actorId: string | null,
) => Promise<void>;

/** Most leads handed to the created handlers at once. */
export const CREATED_BATCH_MAX = 200;
/** Batches of one process running at the same time (while one waits for the database, the next one gathers and starts). */
export const CREATED_BATCHES_IN_FLIGHT = 2;

/**
 * Extension points other features hook into.
 *
 * - Created: intake saves a new, non-spam lead together with a `lead_created_queue` row in one
 *   statement, then calls {@link afterCreated}. Leads created concurrently in this process are
 *   handed to the handlers together (group commit: while one batch runs, the next one gathers), so
 *   routing costs a few statements per batch instead of per lead. A handler that fails is logged,
 *   never thrown: the lead is saved, and whatever the handler did not finish stays queued for its
 *   sweep (routing: `RoutingService.routeQueued`).
 * - Stage changed: the pipeline calls {@link runStageChanged} inside its transaction; a throwing
 *   handler rolls it back.
 */
@Injectable()
export class LeadLifecycle {
  private readonly logger = new Logger('LeadLifecycle');
  private readonly created: LeadCreatedHandler[] = [];
  private readonly stageChanged: LeadStageChangedHandler[] = [];
  /** Leads created concurrently in this process, handed to the handlers together. */
  private readonly createdBatches = new BatchQueue<Lead, void>(
    async (leads) => {
      await this.runCreated(leads);
      return leads.map(() => undefined);
    },
    { max: CREATED_BATCH_MAX, inFlight: CREATED_BATCHES_IN_FLIGHT },
  );

  onCreated(handler: LeadCreatedHandler): void {
    this.created.push(handler);
  }

  onStageChanged(handler: LeadStageChangedHandler): void {
    this.stageChanged.push(handler);
  }

  /** After a new lead was committed: resolves once every created handler ran for the batch holding it. Never rejects. */
  afterCreated(lead: Lead): Promise<void> {
    return this.createdBatches.push(lead);
  }

  /** Runs every created handler for `leads` now, in registration order; failures are logged. */
  async runCreated(leads: readonly Lead[]): Promise<void> {
    if (leads.length === 0) return;
    for (const h of this.created) {
      try {
        await h(leads);
      } catch (e) {
        this.logger.error(`created handler failed for ${leads.length} lead(s); they stay queued: ${(e as Error).message}`);
      }
    }
  }

  async runStageChanged(manager: EntityManager, lead: Lead, from: LeadStage, to: LeadStage, actorId: string | null): Promise<void> {
    for (const h of this.stageChanged) await h(manager, lead, from, to, actorId);
  }
}
