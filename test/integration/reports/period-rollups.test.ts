import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';
import { newLead, TEST_ENV } from '../pipeline/lead-factory.js';

const STAGES = ['new', 'contacted', 'qualified', 'site_visit', 'negotiating', 'signed', 'landed'];
const CHANNELS = ['web', 'wechat', 'phone'] as const;

/** One lead as the test set it up: created when, which channel, which stage now, signed money. */
interface Known {
  id: string;
  createdAt: Date;
  channel: string;
  stage: string;
  /** Furthest stage rank ever held (reaching a stage is not undone by moving back or losing). */
  furthest: number;
  investment: number | null;
}

/**
 * Unfiltered conversion and funnel reports over long ranges read whole months and years from
 * report_period and the other whole days from report_daily (partial days from the facts). Every figure
 * is checked against the leads the test made, over ranges that start and end mid-day, mid-month and
 * across years, then again after leads move to other months and years and change stage (the periods
 * are kept by adding each recomputed day's change).
 */
describe('reports: month and year rollups give the same figures as the leads', () => {
  let t: TestApp;
  let manager: { token: string; userId: string };
  const known: Known[] = [];
  let seed = 5;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const rank = (stage: string) => Math.max(0, STAGES.indexOf(stage));
  const base = Date.parse('2025-01-01T00:00:00Z');
  const span = 640 * 86_400_000;

  const setState = async (k: Known) => {
    k.furthest = Math.max(k.furthest, rank(k.stage));
    const standing = k.stage === 'signed' || k.stage === 'landed';
    await t.ds.query(
      `UPDATE lead SET created_at = $2::timestamptz, assigned_at = NULL, stage = $3, signed_investment_wan = $4, signed_annual_tax_wan = $5,
                       signed_at = $6::timestamptz, lost_reason = $7 WHERE id = $1`,
      [
        k.id,
        k.createdAt,
        k.stage,
        standing ? k.investment : null,
        standing ? 1 : null,
        standing ? new Date(k.createdAt.getTime() + 86_400_000) : null,
        k.stage === 'lost' ? 'price' : null,
      ],
    );
  };

  beforeAll(async () => {
    t = await startTestApp(TEST_ENV);
    manager = await t.signIn('manager');
    for (let i = 0; i < 48; i++) {
      const channel = CHANNELS[i % 3];
      const lead = await newLead(t, manager.token, {
        company: `周期测试企业${i}`,
        contactName: `联系人${i}`,
        phone: `+86136000002${String(i).padStart(2, '0')}`,
        channel,
      });
      const stage = ['new', 'contacted', 'qualified', 'signed', 'landed', 'lost'][Math.floor(rnd() * 6)];
      const k: Known = {
        id: lead.id,
        createdAt: new Date(base + Math.floor(rnd() * span) + 1234),
        channel,
        stage,
        furthest: 0,
        investment: 100 + Math.floor(rnd() * 900) + 0.5,
      };
      await setState(k);
      known.push(k);
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const ranges = [
    ['2025-01-01T00:00:00Z', '2026-10-01T00:00:00Z'], // days, months, a whole year, months, days
    ['2025-02-10T05:00:00Z', '2025-11-20T13:00:00Z'], // days, months, days (edges mid-day)
    ['2024-12-31T16:00:00Z', '2026-03-31T16:00:00Z'], // China midnights: a whole year and whole months
    ['2025-06-15T00:00:00Z', '2025-07-02T00:00:00Z'], // days only
  ];
  const round = (v: number) => Math.round(v * 10_000) / 10_000;

  const checkAll = async () => {
    for (const [from, to] of ranges) {
      const inRange = known.filter((k) => k.createdAt >= new Date(from) && k.createdAt < new Date(to));
      const res = await t
        .http()
        .get(`/api/reports/conversion?from=${from}&to=${to}&groupBy=channel`)
        .set('authorization', `Bearer ${manager.token}`)
        .expect(200);
      for (const channel of CHANNELS) {
        const group = inRange.filter((k) => k.channel === channel);
        const row = res.body.rows.find((r: { key: string }) => r.key === channel);
        if (!group.length) {
          expect(row).toBeUndefined();
          continue;
        }
        const deals = group.filter((k) => k.stage === 'signed' || k.stage === 'landed');
        expect(row).toMatchObject({
          leads: group.length,
          contacted: group.filter((k) => k.furthest >= 1).length,
          signed: deals.length,
          signedInvestmentWan: round(deals.reduce((s, k) => s + (k.investment ?? 0), 0)),
          signedAnnualTaxWan: deals.length,
        });
      }
      const funnel = await t
        .http()
        .get(`/api/reports/funnel?from=${from}&to=${to}`)
        .set('authorization', `Bearer ${manager.token}`)
        .expect(200);
      expect(funnel.body.total).toBe(inRange.length);
      expect(funnel.body.steps.map((s: { count: number }) => s.count)).toEqual(
        STAGES.map((_, r) => inRange.filter((k) => k.furthest >= r).length),
      );
    }
  };

  it('whole months and years from the periods, the rest from days and facts: every figure matches the leads', async () => {
    expect(new Set(known.map((k) => k.createdAt.getUTCFullYear())).size).toBe(2);
    await checkAll();
  });

  it('still matches after leads move to other months and years and change stage', async () => {
    for (const [n, k] of known.entries()) {
      if (n % 3 === 0) k.createdAt = new Date(k.createdAt.getTime() + (n % 2 ? 1 : -1) * 75 * 86_400_000);
      if (n % 4 === 1) k.stage = k.stage === 'signed' ? 'lost' : 'signed';
      if (n % 3 === 0 || n % 4 === 1) await setState(k);
    }
    await checkAll();
    // A lead deleted: its day, month and year lose it.
    const gone = known.pop()!;
    await t.ds.query(`DELETE FROM lead_report_fact WHERE lead_id = $1`, [gone.id]);
    await checkAll();
  });
});
