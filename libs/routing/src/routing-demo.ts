import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DEMO_USERS, DemoService } from '@app/demo';
import { UsersRepository } from '@app/identity';
import { RoutingAdminService } from './routing-admin.service.js';

const DEMO_TEAM = '招商一部（演示）';

/**
 * Demo routing: the demo consultants form the default team, each with the industries they
 * specialise in, so demo leads are routed to the specialist (order 15: after the demo park, before
 * the demo leads).
 */
@Injectable()
export class RoutingDemo implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly admin: RoutingAdminService,
    private readonly users: UsersRepository,
  ) {}

  onModuleInit(): void {
    this.demo.addStep({ name: 'consultant profiles', order: 15, run: () => this.seed() });
  }

  async seed(): Promise<string> {
    const team =
      (await this.admin.listTeams()).find((t) => t.name === DEMO_TEAM) ??
      (await this.admin.saveTeam(null, { name: DEMO_TEAM, isDefault: true }));
    let profiles = 0;
    for (const u of DEMO_USERS.filter((d) => d.role === 'consultant')) {
      const user = await this.users.findByEmail(u.email);
      if (!user) continue;
      await this.admin.putProfile(user.id, { industries: u.industries ?? [], teamId: team.id, capacity: 50, active: true, email: u.email });
      profiles++;
    }
    return `${profiles} consultant profiles in team ${DEMO_TEAM}`;
  }
}
