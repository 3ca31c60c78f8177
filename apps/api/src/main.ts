import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig, type AppConfig } from '@app/config';
import { limitHeapGrowth, migrate, openDatabase, type RuntimeDatabase } from '@app/runtime';
import { createApiApp } from './http/create-app.js';
import { prepareFirstStart } from './startup.js';

const say = (line: string) => process.stdout.write(`[zhaoshang] ${line}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }

  limitHeapGrowth(config.heapGrowingPercent);
  const db: RuntimeDatabase = await openDatabase(config, say);
  let app: NestFastifyApplication | undefined;
  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(code), 15_000);
    force.unref();
    try {
      await app?.close();
    } finally {
      await db.stop();
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const applied = await migrate(db.url);
    if (applied.length) say(`migrations applied: ${applied.join(', ')}`);
    app = await createApiApp(config, db.url);
    await app.init();
    await prepareFirstStart(app, config);
    // A burst (a viral article, a fair's QR codes) opens connections faster than a busy event loop
    // accepts them: queue up to 2048 (Node's default 511 drops SYNs; clients then time out connecting).
    await app.listen({ port: config.port, host: config.host, backlog: 2048 });
  } catch (e) {
    await app?.close().catch(() => undefined);
    await db.stop();
    throw e;
  }
  say(`招商 CRM ready at ${config.publicBaseUrl} (API docs: ${config.publicBaseUrl}/api/docs) in ${Date.now() - started} ms`);
}

main().catch((e: unknown) => {
  process.stderr.write(`[zhaoshang] failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
