import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrate } from '@app/runtime';
import { createApiApp } from '../../apps/api/src/http/create-app.js';
import { testConfig } from '../support/test-app.js';
import { dedicatedPostgres, intakeBody, query, sleep, unexpected, type DedicatedPostgres, type Outcome } from './support/faults.js';

/**
 * PostgreSQL restarted under an intake load: requests in flight get a clean 503 SERVICE_UNAVAILABLE,
 * the API reconnects by itself (same process, no restart), and every lead that got a 201 is stored.
 */
describe('fault: PostgreSQL restarted during an intake load', () => {
  let db: DedicatedPostgres;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    db = await dedicatedPostgres();
    await migrate(db.url);
    app = await createApiApp(
      testConfig({
        INTAKE_LIMIT_PER_IP_PER_MINUTE: '0',
        INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0',
        RUN_WORKER: 'false',
        ...(process.env.ZS_FAULTS_LOG ? { LOG_FILE: process.env.ZS_FAULTS_LOG } : {}),
      }),
      db.url,
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.destroy();
  }, 60_000);

  it('answers 503 while the database is down, recovers without a restart, and loses no 201 lead', async () => {
    const outcomes: (Outcome & { phase: string; retryAfter?: string })[] = [];
    let phase = 'before';
    let n = 0;
    let running = true;
    const client = async (): Promise<void> => {
      while (running) {
        const i = ++n;
        const p = phase;
        const res = await request(app.getHttpServer()).post('/api/leads').send(intakeBody(i));
        outcomes.push({
          status: res.status,
          body: res.body as Record<string, unknown>,
          phase: p,
          retryAfter: res.headers['retry-after'] as string | undefined,
        });
        if (res.status === 503) await sleep(50);
      }
    };
    const clients = Array.from({ length: 6 }, () => client());

    await sleep(1500);
    phase = 'down';
    await db.stop();
    await sleep(1500);
    phase = 'restarting';
    await db.start();
    phase = 'after';
    // Keep the load on until the API has taken several leads again on new connections.
    const until = Date.now() + 20_000;
    while (Date.now() < until && outcomes.filter((o) => o.phase === 'after' && o.status === 201).length < 20) await sleep(100);
    await sleep(500);
    running = false;
    await Promise.all(clients);

    const by = (phaseName: string, status: number) => outcomes.filter((o) => o.phase === phaseName && o.status === status).length;
    const summary = {
      total: outcomes.length,
      created: outcomes.filter((o) => o.status === 201).length,
      unavailable: outcomes.filter((o) => o.status === 503).length,
      createdBefore: by('before', 201),
      unavailableWhileDown: by('down', 503),
      createdAfter: by('after', 201),
    };
    process.stdout.write(`postgres restart: ${JSON.stringify(summary)}\n`);

    expect(unexpected(outcomes)).toEqual([]);
    expect(summary.createdBefore).toBeGreaterThan(0);
    expect(summary.unavailableWhileDown).toBeGreaterThan(0);
    expect(summary.createdAfter).toBeGreaterThanOrEqual(20);
    const sample = outcomes.find((o) => o.status === 503)!;
    expect(sample.retryAfter).toBe('2');
    expect(sample.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message_zh: expect.any(String), message_en: expect.any(String) });

    // Every 201 is a stored lead.
    const refs = outcomes.filter((o) => o.status === 201).map((o) => String(o.body.reference));
    const stored = await query<{ reference: string }>(db.url, 'SELECT reference FROM lead WHERE reference = ANY($1)', [refs]);
    expect(new Set(stored.map((r) => r.reference))).toEqual(new Set(refs));

    // Health is green again in the same process.
    const health = await request(app.getHttpServer()).get('/api/health');
    expect(health.status).toBe(200);
  }, 90_000);
});
