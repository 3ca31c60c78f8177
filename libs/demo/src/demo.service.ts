import { Injectable, Logger } from '@nestjs/common';
import { UsersRepository, UsersService } from '@app/identity';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-data.js';

/** A step of the demo seed contributed by a feature (parks via article ingestion, listings, leads…). */
export interface DemoSeedStep {
  name: string;
  order: number;
  run(): Promise<string>;
}

/**
 * Loads demo data: clearly marked (名称带"演示", `demo = true`), idempotent (running it twice adds
 * nothing). Features add their part through {@link DemoService.addStep}.
 */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('Demo');
  private readonly steps: DemoSeedStep[] = [];

  constructor(
    private readonly users: UsersService,
    private readonly usersRepo: UsersRepository,
  ) {}

  addStep(step: DemoSeedStep): void {
    this.steps.push(step);
  }

  async seed(): Promise<string[]> {
    const done: string[] = [];
    let created = 0;
    for (const u of DEMO_USERS) {
      if (await this.usersRepo.findByEmail(u.email)) continue;
      await this.users.create({ email: u.email, password: DEMO_PASSWORD, name: u.name, role: u.role, demo: true });
      created++;
    }
    done.push(`users: ${created} created`);
    for (const step of [...this.steps].sort((a, b) => a.order - b.order)) {
      done.push(`${step.name}: ${await step.run()}`);
    }
    this.logger.log(`demo data: ${done.join('; ')}`);
    return done;
  }
}
