import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, messageIdOf, NotificationsService, type NewNotification } from '@app/notifications';
import { createApiApp } from '../../apps/api/src/http/create-app.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-app.js';
import { freePort, intakeBody, query } from './support/faults.js';
import { loadProcs, type AppHandle, type Procs } from './support/procs.js';
import { SmtpCapture } from './support/smtp-capture.js';

function emails(prefix: string, count: number): NewNotification[] {
  return Array.from({ length: count }, (_, i) => ({
    eventKey: `${prefix}:${i}`,
    recipient: `consultant${i % 3}@faults.test`,
    channel: 'email' as const,
    payload: { kind: 'lead.assigned', subject: `新线索 ${prefix} #${i}`, text: `线索 ${i}：金华某公司，电话 138****5678` },
  }));
}

async function enqueue(ds: DataSource, svc: NotificationsService, items: NewNotification[]): Promise<void> {
  await ds.transaction((m) => svc.enqueue(m, items));
}

describe('fault: SMTP down for a while', () => {
  let t: TestApp;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = new SmtpCapture(await freePort());
    // Not started: the SMTP server is down when the app starts.
    t = await startTestApp({
      SMTP_URL: smtp.url,
      RUN_WORKER: 'false',
      INTAKE_LIMIT_PER_IP_PER_MINUTE: '0',
      INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('keeps intake working, retries with backoff, and delivers each email once after recovery', async () => {
    const svc = t.app.get(NotificationsService);
    const clock = t.app.get(Clock);
    clock.set(new Date());

    // Intake does not depend on SMTP.
    const intake = await t.http().post('/api/leads').send(intakeBody(7001));
    if (intake.status !== 404) expect(intake.status).toBe(201);

    await enqueue(t.ds, svc, emails('smtp-down', 5));
    await svc.deliverDue();
    const failed = await t.ds.query(`SELECT status, attempts, last_error FROM notification WHERE event_key LIKE 'smtp-down:%'`);
    expect(failed).toHaveLength(5);
    for (const row of failed) expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringMatching(/^SMTP/) });

    // Still down at the next attempt (30 s later): attempts grow, nothing is lost.
    clock.advance(31_000);
    await svc.deliverDue();
    expect((await t.ds.query(`SELECT DISTINCT attempts FROM notification WHERE event_key LIKE 'smtp-down:%'`))[0].attempts).toBe(2);

    await smtp.start();
    // Not due yet (backoff 1 min after the second failure): nothing is sent early.
    clock.advance(10_000);
    await svc.deliverDue();
    expect(smtp.mails).toHaveLength(0);
    clock.advance(60_000);
    await svc.deliverDue();
    await svc.deliverDue();

    const rows: { id: string; status: string }[] = await t.ds.query(
      `SELECT id, status FROM notification WHERE event_key LIKE 'smtp-down:%'`,
    );
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(smtp.mails).toHaveLength(5);
    expect(new Set(smtp.mails.map((m) => m.messageId))).toEqual(new Set(rows.map((r) => messageIdOf(r.id))));
    clock.reset();
  });
});

/**
 * Worker processes from dist/ delivering through a slow SMTP server; one is killed with SIGKILL in the
 * middle. A fresh worker delivers the rest by itself (the minute sweep); no email is lost, and an email
 * the killed worker had handed to SMTP but not yet recorded is resent with the same Message-ID, so the
 * receiver deduplicates it.
 */
describe('fault: worker killed in the middle of deliveries', () => {
  let procs: Procs;
  let pgServer: Awaited<ReturnType<Procs['startPostgres']>>;
  let app: NestFastifyApplication;
  let smtp: SmtpCapture;
  const workers: AppHandle[] = [];

  beforeAll(async () => {
    procs = await loadProcs();
    pgServer = await procs.startPostgres();
    await procs.migrate(pgServer.url);
    smtp = new SmtpCapture(await freePort());
    smtp.delayMs = 150;
    await smtp.start();
    // The producing side (an API process that does not deliver) runs in the test process.
    app = await createApiApp(testConfig({ SMTP_URL: smtp.url, RUN_WORKER: 'false' }), pgServer.url);
    await app.init();
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) await w.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await smtp?.stop();
    await pgServer?.stop();
  }, 60_000);

  it('delivers every notification after a restart, each Message-ID once', async () => {
    const env = { DATABASE_URL: pgServer.url, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' };
    const first = await procs.startApp('worker', env);
    workers.push(first);
    const ds = app.get<DataSource>(getDataSourceToken());
    await enqueue(ds, app.get(NotificationsService), emails('kill', 40));

    await procs.waitFor(() => smtp.mails.length >= 10, 60_000, first.log);
    first.child.kill('SIGKILL');
    await first.stop();
    const atKill = smtp.mails.length;
    expect(atKill).toBeLessThan(40);

    const second = await procs.startApp('worker', env);
    workers.push(second);
    await procs.waitFor(
      async () =>
        (await query<{ n: number }>(pgServer.url, `SELECT count(*)::int AS n FROM notification WHERE status <> 'sent'`))[0].n === 0,
      150_000,
      second.log,
    );

    const rows = await query<{ id: string }>(pgServer.url, `SELECT id FROM notification WHERE event_key LIKE 'kill:%'`);
    const counts = smtp.counts();
    process.stdout.write(
      `worker kill: ${JSON.stringify({ receivedAtKill: atKill, received: smtp.mails.length, distinct: counts.size, resent: smtp.mails.length - counts.size })}\n`,
    );
    expect(new Set(counts.keys())).toEqual(new Set(rows.map((r) => messageIdOf(r.id))));
    // At most the one message in flight at the kill arrives twice, with the same Message-ID.
    expect(smtp.mails.length - counts.size).toBeLessThanOrEqual(1);
  }, 240_000);
});
