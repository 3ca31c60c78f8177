import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Lead, LeadStage } from './lead.entity.js';

export type LeadCreatedHandler = (manager: EntityManager, lead: Lead) => Promise<void>;
export type LeadStageChangedHandler = (
  manager: EntityManager,
  lead: Lead,
  from: LeadStage,
  to: LeadStage,
  actorId: string | null,
) => Promise<void>;

/**
 * Extension points other features hook into. Intake calls {@link runCreated} inside its transaction
 * after saving a new, non-spam lead (routing assigns the owner there); the pipeline calls
 * {@link runStageChanged} inside its transaction. Handlers run in registration order; a throwing
 * handler rolls the whole transaction back.
 */
@Injectable()
export class LeadLifecycle {
  private readonly created: LeadCreatedHandler[] = [];
  private readonly stageChanged: LeadStageChangedHandler[] = [];

  onCreated(handler: LeadCreatedHandler): void {
    this.created.push(handler);
  }

  onStageChanged(handler: LeadStageChangedHandler): void {
    this.stageChanged.push(handler);
  }

  async runCreated(manager: EntityManager, lead: Lead): Promise<void> {
    for (const h of this.created) await h(manager, lead);
  }

  async runStageChanged(manager: EntityManager, lead: Lead, from: LeadStage, to: LeadStage, actorId: string | null): Promise<void> {
    for (const h of this.stageChanged) await h(manager, lead, from, to, actorId);
  }
}
