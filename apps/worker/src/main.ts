import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, type AppConfig } from '@app/config';
import { limitHeapGrowth, migrate, openDatabase } from '@app/runtime';
import { WorkerModule } from './worker.module.js';

const say = (line: string) => process.stdout.write(`[zhaoshang-worker] ${line}\n`);

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = { ...loadConfig(), runWorker: true };
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  limitHeapGrowth(config.heapGrowingPercent);
  const db = await openDatabase(config, say);
  await migrate(db.url);
  const holder: { ctx?: INestApplicationContext } = {};
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(0), 15_000).unref();
    await holder.ctx?.close();
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  const ctx = await NestFactory.createApplicationContext(WorkerModule.register(config, db.url), { bufferLogs: true });
  holder.ctx = ctx;
  ctx.useLogger(ctx.get(Logger));
  await ctx.init();
  say('worker running: delivering notifications and running timers');
}

main().catch((e: unknown) => {
  process.stderr.write(`[zhaoshang-worker] failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
