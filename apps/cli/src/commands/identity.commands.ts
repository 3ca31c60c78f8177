import { parseArgs } from 'node:util';
import { ROLES, UsersService, type Role } from '@app/identity';
import { DemoService } from '@app/demo';
import { DomainError } from '@app/errors';
import type { CliCommand } from '../command.js';

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  usage: 'seed-demo',
  description: 'Load the demo data (idempotent)',
  async run(ctx) {
    const app = await ctx.app();
    for (const line of await app.get(DemoService).seed()) ctx.say(line);
    return 0;
  },
};

export const createUserCommand: CliCommand = {
  name: 'create-user',
  usage: 'create-user --email E --password P --name N --role consultant|manager|admin',
  description: 'Create a user',
  async run(ctx, args) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
    });
    if (!values.email || !values.password || !values.name || !ROLES.includes(values.role as Role)) {
      ctx.say(`usage: ${this.usage}`);
      return 2;
    }
    const app = await ctx.app();
    try {
      const u = await app
        .get(UsersService)
        .create({ email: values.email, password: values.password, name: values.name, role: values.role as Role });
      ctx.say(`created ${u.role} ${u.email} (${u.id})`);
      return 0;
    } catch (e) {
      if (e instanceof DomainError) {
        ctx.say(`${e.messageZh} / ${e.messageEn}`);
        for (const f of e.fields) ctx.say(`  ${f.field}: ${f.message_zh} / ${f.message_en}`);
        return 1;
      }
      throw e;
    }
  },
};
