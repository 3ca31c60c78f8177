// Intake under load: POST /api/leads with distinct phones through the full path (validate, parse,
// dedupe, save, match, route, outbox), against a baseline of a plain single-row INSERT of the same
// lead row through `pg` at the same concurrency, measured in the same run.
import autocannon from 'autocannon';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { loadLoop } from './lib/stats.mjs';

const NEEDS = [
  ['厂房3000平方米，租赁，层高8米', '新能源汽车电机生产', '年税收300万', '金华某电机科技有限公司', '王先生'],
  ['工业用地30亩，拿地自建', '汽车零部件制造', '年纳税500万元', '浙江某汽配股份有限公司', '李女士'],
  ['标准厂房5000平，购买', '生物医药研发与中试', '1.2亿', '某生物制药有限公司', '张总'],
  ['写字楼800平方米，租', '软件研发', '年税收80万', '杭州某数字科技有限公司', '陈经理'],
];

export function intakeBody(n) {
  const [need, usage, tax, company, contact] = NEEDS[n % NEEDS.length];
  return {
    need,
    usage,
    tax,
    company: `${company}${n}`,
    contact,
    phone: `139${String(10_000_000 + (n % 89_999_999)).padStart(8, '0')}`,
    consent: true,
    channel: 'web',
  };
}

/** autocannon against the API; every request a new phone. */
export async function benchIntakeHttp(baseUrl, { connections = 50, duration = 60, offset = 0 } = {}) {
  let n = offset;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/leads',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(intakeBody(n++)) }),
      },
    ],
  });
  return {
    perSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    duration: result.duration,
  };
}

/** Baseline: the same lead row, one plain INSERT per request, same concurrency, straight through pg. */
export async function benchIntakeBaseline(databaseUrl, { connections = 50, duration = 60 } = {}) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  try {
    return await loadLoop(
      async (n) => {
        const b = intakeBody(5_000_000 + n);
        await pool.query(
          `INSERT INTO lead (reference, company, contact_name, phone_enc, phone_hash, phone_masked, phone_last4, need, usage, tax_text, channel, parsed, requirements)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'web', '{}', '{}')`,
          [`BL-${randomUUID()}`, b.company, b.contact, `v1:${b.phone}`, `h${b.phone}`, b.phone, b.phone.slice(-4), b.need, b.usage, b.tax],
        );
      },
      { concurrency: connections, durationMs: duration * 1000 },
    );
  } finally {
    await pool.end();
  }
}
