import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase, restoreDatabase } from '@app/database';
import type { CliCommand } from '../command.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup <file>',
  description: 'Dump the database (embedded or DATABASE_URL) to a file (pg_dump custom format)',
  async run(ctx, args) {
    if (!args[0]) {
      ctx.say(`usage: ${this.usage}`);
      return 2;
    }
    const file = resolve(args[0]);
    await backupDatabase(ctx.databaseUrl, file);
    ctx.say(`backup written: ${file} (${statSync(file).size} bytes)`);
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore <file>',
  description: 'Restore a backup made by `backup` into the database (stop the API first)',
  async run(ctx, args) {
    if (!args[0]) {
      ctx.say(`usage: ${this.usage}`);
      return 2;
    }
    await restoreDatabase(ctx.databaseUrl, resolve(args[0]));
    ctx.say(`restored ${resolve(args[0])}`);
    return 0;
  },
};
