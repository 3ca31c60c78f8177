import { randomUUID } from 'node:crypto';
import { intakeBody, query } from './support/faults.js';
import { loadProcs, type AppHandle, type Procs } from './support/procs.js';

interface Attempt {
  n: number;
  key: string;
  status: number | 'network-error';
  reference?: string;
}

async function post(url: string, n: number, key: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(intakeBody(n)),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/**
 * The API process killed with SIGKILL under an intake load (built dist/, external database): every 201
 * is a stored lead, and a client retrying with the same Idempotency-Key after the restart ends up with
 * exactly one lead per key.
 */
describe('fault: API process killed (SIGKILL) during an intake load', () => {
  let procs: Procs;
  let pgServer: Awaited<ReturnType<Procs['startPostgres']>>;
  let api: AppHandle | undefined;
  const env = (url: string): Record<string, string> => ({
    DATABASE_URL: url,
    INTAKE_LIMIT_PER_IP_PER_MINUTE: '0',
    INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0',
    RUN_WORKER: 'false',
  });

  beforeAll(async () => {
    procs = await loadProcs();
    pgServer = await procs.startPostgres();
    await procs.migrate(pgServer.url);
  }, 180_000);

  afterAll(async () => {
    await api?.stop().catch(() => undefined);
    await pgServer?.stop();
  }, 60_000);

  it('keeps every 201 lead and gives exactly one lead per Idempotency-Key on retry', async () => {
    api = await procs.startApp('api', env(pgServer.url));
    const first = api;
    const attempts: Attempt[] = [];
    let n = 0;
    let killed = false;
    const client = async (): Promise<void> => {
      while (!killed) {
        const a: Attempt = { n: ++n, key: randomUUID(), status: 'network-error' };
        attempts.push(a);
        try {
          const res = await post(first.url, a.n, a.key);
          a.status = res.status;
          a.reference = res.body.reference as string | undefined;
        } catch {
          a.status = 'network-error';
        }
      }
    };
    const clients = Array.from({ length: 8 }, () => client());
    await procs.waitFor(() => attempts.filter((a) => a.status === 201).length >= 30, 60_000);
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(clients);
    await first.stop();

    const created = attempts.filter((a) => a.status === 201);
    const lost = attempts.filter((a) => a.status === 'network-error');
    const other = attempts.filter((a) => a.status !== 201 && a.status !== 'network-error');
    process.stdout.write(`api sigkill: ${JSON.stringify({ attempts: attempts.length, created: created.length, inFlight: lost.length })}\n`);
    expect(other.map((a) => `${a.n}: ${a.status}`)).toEqual([]);

    // Every 201 survived the kill.
    const refs = created.map((a) => a.reference!);
    const stored = await query<{ reference: string }>(pgServer.url, 'SELECT reference FROM lead WHERE reference = ANY($1)', [refs]);
    expect(stored.length).toBe(refs.length);

    // Restart; clients retry what got no answer, and a few that did, with the same keys.
    api = await procs.startApp('api', env(pgServer.url));
    const retry = [...lost, ...created.slice(0, 5)];
    for (const a of retry) {
      const res = await post(api.url, a.n, a.key);
      expect([200, 201]).toContain(res.status);
      if (a.reference) expect(res.body.reference).toBe(a.reference);
      // A second retry replays the same answer.
      const again = await post(api.url, a.n, a.key);
      expect(again.body.reference).toBe(res.body.reference);
    }
    const companies = retry.map((a) => String(intakeBody(a.n).company));
    const counts = await query<{ company: string; n: number }>(
      pgServer.url,
      'SELECT company, count(*)::int AS n FROM lead WHERE company = ANY($1) GROUP BY company',
      [companies],
    );
    expect(counts.length).toBe(companies.length);
    expect(counts.filter((c) => c.n !== 1)).toEqual([]);
    // …and a retried request was not recorded twice as an inquiry on that lead either.
    const inquiries = await query<{ company: string; n: number }>(
      pgServer.url,
      `SELECT l.company, count(e.id)::int AS n FROM lead l JOIN lead_event e ON e.lead_id = l.id AND e.type = 'inquiry'
       WHERE l.company = ANY($1) GROUP BY l.company`,
      [companies],
    );
    expect(inquiries.filter((c) => c.n !== 1)).toEqual([]);
  }, 180_000);
});
