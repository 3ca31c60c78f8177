import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedPostgresHandle } from '@app/database';
import { migrate } from '@app/runtime';
import { FakeWecom } from '../support/fake-wecom.js';
import { SmtpSink } from '../support/smtp-sink.js';
// Process helpers shared with the benchmarks (plain ESM).
import { build, freePort, startApp } from '../../bench/lib/procs.mjs';

type Proc = Awaited<ReturnType<typeof startApp>>;

const LEADS = Number(process.env.SCALE_LEADS ?? 2000);
const CONSULTANTS = 4;

async function call(base: string, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * Two API processes and two workers (real OS processes) on one PostgreSQL: 2,000 concurrent intakes
 * split across both APIs. Every lead saved once, assigned once, every notification delivered once,
 * round robin even, and the WeCom token fetched once (single-flight across processes).
 */
describe('scale-out: 2 API processes + 2 workers on one database', () => {
  let db: EmbeddedPostgresHandle;
  let url: string;
  let dir: string;
  const wecom = new FakeWecom();
  const smtp = new SmtpSink();
  const procs: Proc[] = [];

  beforeAll(async () => {
    await build();
    dir = mkdtempSync(join(tmpdir(), 'zs-scale-'));
    chmodSync(dir, 0o755);
    db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), ephemeral: true, log: () => undefined });
    url = await ensureDatabase(db.url, 'zhaoshang');
    await migrate(url);
    await wecom.start();
    await smtp.start();
    const env = {
      DATABASE_URL: url,
      SMTP_URL: smtp.url,
      WECOM_API_BASE: wecom.baseUrl,
      WECOM_CORP_ID: wecom.corpId,
      WECOM_SECRET: wecom.secret,
      WECOM_AGENT_ID: '1000002',
      INTAKE_LIMIT_PER_IP_PER_MINUTE: '0',
      INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0',
      // 2,000 requests arrive at once; at a few hundred per second the last ones queue for tens of
      // seconds. This test is about exactly-once under concurrency, so they may wait.
      DATABASE_POOL_TIMEOUT_MS: '120000',
    };
    procs.push(await startApp('api', { ...env, RUN_WORKER: 'false' }));
    procs.push(await startApp('api', { ...env, RUN_WORKER: 'false' }));
    procs.push(await startApp('worker', env));
    procs.push(await startApp('worker', env));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await wecom.stop();
    await smtp.stop();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`saves, assigns and notifies each of ${LEADS} concurrent intakes exactly once`, async () => {
    const [api1, api2] = procs;
    const admin = (await call(api1.url, null, 'POST', '/api/auth/login', { email: 'admin@bench.local', password: 'Zs-bench-pass-2026' }))
      .body.accessToken as string;
    const team = (await call(api1.url, admin, 'POST', '/api/teams', { name: '扩容测试组', isDefault: true })).body;
    const consultantIds: string[] = [];
    for (let i = 0; i < CONSULTANTS; i++) {
      const u = await call(api1.url, admin, 'POST', '/api/users', {
        email: `scale${i}@test.local`,
        password: 'scale-pass-2026',
        name: `扩容顾问${i}`,
        role: 'consultant',
      });
      expect(u.status).toBe(201);
      wecom.users.add(`scale${i}`);
      const p = await call(api1.url, admin, 'PUT', `/api/consultants/${u.body.id}/profile`, {
        teamId: team.id,
        capacity: 10000,
        email: `scale${i}@test.local`,
        wecomUserId: `scale${i}`,
      });
      expect(p.status).toBe(200);
      consultantIds.push(u.body.id);
    }

    // Fire everything at once, alternating between the two API processes.
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: LEADS }, (_, i) =>
        call([api1, api2][i % 2].url, null, 'POST', '/api/leads', {
          need: '标准厂房3000平方米，租赁',
          usage: '新能源汽车电机生产',
          tax: '年税收300万',
          company: `扩容测试公司${i}`,
          contact: '王先生',
          phone: `137${String(10_000_000 + i).padStart(8, '0')}`,
          consent: true,
        }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `scale-out: ${LEADS} intakes over 2 API processes in ${seconds.toFixed(1)} s (${(LEADS / seconds).toFixed(0)}/s)\n`,
    );
    const statuses = results.map((r) => r.status);
    const tally = statuses.reduce<Record<number, number>>((a, s) => ({ ...a, [s]: (a[s] ?? 0) + 1 }), {});
    const sample = results.find((r) => r.status !== 201);
    if (sample) process.stdout.write(`first failure ${JSON.stringify(sample.body)}\nAPI log:\n${api1.log().slice(-3000)}\n`);
    expect({ tally, sample: sample?.body?.code }).toEqual({ tally: { 201: LEADS }, sample: undefined });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const leads = await client.query('SELECT owner_id, count(*)::int AS n FROM lead GROUP BY owner_id');
      const total = leads.rows.reduce((a, r) => a + r.n, 0);
      expect(total).toBe(LEADS);
      expect(leads.rows.find((r) => r.owner_id === null)).toBeUndefined();
      const perConsultant = consultantIds.map((id) => leads.rows.find((r) => r.owner_id === id)?.n ?? 0);
      expect(Math.max(...perConsultant) - Math.min(...perConsultant)).toBeLessThanOrEqual(1);

      const assignments = await client.query(
        `SELECT count(*)::int AS leads, max(n)::int AS most FROM (SELECT lead_id, count(*) AS n FROM lead_event WHERE type = 'assignment' GROUP BY lead_id) x`,
      );
      expect(assignments.rows[0]).toEqual({ leads: LEADS, most: 1 });

      // Wait for the two workers to deliver everything.
      const until = Date.now() + 240_000;
      let pending = -1;
      while (Date.now() < until) {
        pending = (await client.query(`SELECT count(*)::int AS n FROM notification WHERE status NOT IN ('sent', 'dead', 'failed')`)).rows[0]
          .n;
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(pending).toBe(0);
      const byChannel = await client.query(
        `SELECT channel, status, count(*)::int AS n FROM notification GROUP BY channel, status ORDER BY channel`,
      );
      const sentEmail = byChannel.rows.find((r) => r.channel === 'email' && r.status === 'sent')?.n ?? 0;
      const sentApp = byChannel.rows.find((r) => r.channel === 'wecom_app' && r.status === 'sent')?.n ?? 0;
      expect(sentEmail).toBeGreaterThanOrEqual(LEADS);
      expect(sentApp).toBeGreaterThanOrEqual(LEADS);

      // Exactly once on the wire: one SMTP message per email row (distinct Message-IDs), one app message per app row.
      await smtp.waitFor(sentEmail, 60_000);
      expect(smtp.messages).toHaveLength(sentEmail);
      expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(sentEmail);
      const appCalls = wecom.calls.filter((c) => c.kind === 'app' && c.response.errcode === 0);
      expect(appCalls).toHaveLength(sentApp);
      // Single-flight token refresh across 2 workers: one gettoken for the whole run.
      expect(wecom.calls.filter((c) => c.kind === 'gettoken')).toHaveLength(1);
    } finally {
      await client.end();
    }
  }, 600_000);
});
