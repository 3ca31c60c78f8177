import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DemoService } from '@app/demo';
import type { AuthUser, Role } from '@app/identity';
import { PipelineService } from './pipeline.service.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Demo seed step (order 40, after the demo leads): follow-up on the demo leads through the real
 * pipeline service — first calls (so response times show), a visit, a task due tomorrow, one lead
 * lost for a reason — so the lead pages and the reports have something to show.
 */
@Injectable()
export class PipelineDemo implements OnModuleInit {
  private readonly logger = new Logger('PipelineDemo');

  constructor(
    private readonly demo: DemoService,
    private readonly pipeline: PipelineService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.demo.addStep({ name: 'pipeline', order: 40, run: () => this.seed() });
  }

  async seed(): Promise<string> {
    const [done] = await this.ds.query(`SELECT count(*)::int AS n FROM lead_activity a JOIN lead l ON l.id = a.lead_id WHERE l.demo`);
    if (done.n > 0) return 'already seeded';
    const users: { id: string; email: string; name: string; role: Role }[] = await this.ds.query(
      `SELECT id, email, name, role FROM app_user WHERE demo AND active`,
    );
    const manager = users.find((u) => u.role === 'manager');
    if (!manager) return 'no demo manager';
    const leads: { id: string; stage: string; owner_id: string | null; created_at: Date }[] = await this.ds.query(
      `SELECT id, stage, owner_id, created_at FROM lead WHERE demo ORDER BY created_at`,
    );
    const as = (id: string | null): AuthUser => {
      const u = users.find((x) => x.id === id) ?? manager;
      return { id: u.id, email: u.email, name: u.name, role: u.role, sessionId: 'demo-seed' };
    };
    let activities = 0;
    try {
      for (const [i, lead] of leads.entries()) {
        if (lead.stage === 'new') continue;
        const who = as(lead.owner_id);
        const start = new Date(lead.created_at).getTime();
        const at = (min: number) => new Date(Math.min(Date.now(), start + min * MINUTE));
        await this.pipeline.addActivity(who, lead.id, { type: 'call', body: '（演示）首次电话沟通，确认需求与用途', at: at(15 + i * 10) });
        activities++;
        if (lead.stage === 'site_visit' || lead.stage === 'negotiating') {
          await this.pipeline.addActivity(who, lead.id, { type: 'visit', body: '（演示）陪同客户实地考察园区厂房', at: at(60) });
          activities++;
        }
        if (lead.stage === 'qualified') {
          await this.pipeline.createTask(who, lead.id, {
            title: '（演示）发送园区政策汇编',
            dueAt: new Date(Date.now() + DAY),
            assigneeId: who.id,
          });
        }
      }
    } catch (e) {
      // Demo data is a convenience: never stop a start over it.
      this.logger.warn(`demo pipeline step stopped: ${(e as Error).message}`);
    }
    return `${activities} activities`;
  }
}
