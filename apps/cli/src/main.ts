import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from '@app/config';
import { migrate, openDatabase } from '@app/runtime';
import { CliModule } from './cli.module.js';
import { COMMANDS } from './commands/index.js';
import type { CliContext } from './command.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

function help(): void {
  say('招商 CRM operator commands: npm run cli -- <command> [options]\n');
  for (const c of COMMANDS) say(`  ${c.usage.padEnd(60)} ${c.description}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    help();
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  let config: AppConfig;
  try {
    config = { ...loadConfig(), runWorker: false, logLevel: process.env.LOG_LEVEL ?? 'warn' };
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const db = await openDatabase(config, (l) => process.stderr.write(`${l}\n`));
  let app: INestApplicationContext | undefined;
  const ctx: CliContext = {
    config,
    databaseUrl: db.url,
    say,
    async app() {
      if (!app) {
        await migrate(db.url);
        app = await NestFactory.createApplicationContext(CliModule.register(config, db.url), { logger: ['error', 'warn'] });
        await app.init();
      }
      return app;
    },
  };
  try {
    return await command.run(ctx, args);
  } finally {
    await app?.close();
    await db.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
