import {
  conversion,
  funnel,
  lostReasons,
  percentile,
  periodOf,
  periodsBetween,
  rate,
  responseTimes,
  sumWan,
  trend,
  type LeadFact,
} from './report-math.js';
import { toCsv } from './report-table.js';

let n = 0;
function fact(p: Partial<LeadFact>): LeadFact {
  return {
    id: `l${++n}`,
    createdAt: new Date('2026-11-02T02:00:00Z'),
    channel: 'web',
    sourceArticleId: null,
    parkId: null,
    ownerId: null,
    industryCode: null,
    stage: 'new',
    furthestRank: 0,
    signedAt: null,
    signedInvestmentWan: null,
    signedAnnualTaxWan: null,
    lostAt: null,
    lostFromStage: null,
    lostReason: null,
    responseMinutes: null,
    ...p,
  };
}

describe('report arithmetic', () => {
  it('rates are null over nothing and rounded to 4 decimals', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(0, 0)).toBeNull();
    expect(sumWan([0.1, 0.2, null])).toBe(0.3);
  });

  it('percentiles interpolate like percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([10, 1, 4], 0.5)).toBe(4);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // p90 of 1..10: position 8.1 → 9 + 0.1 × (10 − 9)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9.1);
  });

  it('counts the funnel by the furthest stage reached, with step and overall conversion', () => {
    const facts = [
      fact({ furthestRank: 0 }),
      fact({ furthestRank: 1 }),
      fact({ furthestRank: 3, stage: 'lost' }),
      fact({ furthestRank: 5, stage: 'signed' }),
    ];
    const f = funnel(facts);
    expect(f.total).toBe(4);
    expect(f.steps.map((s) => s.count)).toEqual([4, 3, 2, 2, 1, 1, 0]);
    expect(f.steps.map((s) => s.rateFromPrevious)).toEqual([null, 0.75, 0.6667, 1, 0.5, 1, 0]);
    expect(f.steps[0]).toMatchObject({ stage: 'new', label: '新线索', rateFromTotal: 1 });
    expect(f.overallConversion).toBe(0.25);
    expect(funnel([]).overallConversion).toBeNull();
  });

  it('groups conversion, counting only standing deals as signed and summing their money', () => {
    const rows = conversion(
      [
        fact({ channel: 'article', furthestRank: 6, stage: 'landed', signedInvestmentWan: 5000.5, signedAnnualTaxWan: 300 }),
        fact({ channel: 'article', furthestRank: 5, stage: 'lost', signedInvestmentWan: 999, signedAnnualTaxWan: 9 }),
        fact({ channel: 'article', furthestRank: 1 }),
        fact({ channel: 'web', furthestRank: 5, stage: 'signed', signedInvestmentWan: 100, signedAnnualTaxWan: 1.25 }),
      ],
      'channel',
    );
    expect(rows).toEqual([
      {
        key: 'article',
        leads: 3,
        contacted: 3,
        siteVisits: 2,
        signed: 1,
        conversionRate: 0.3333,
        signedInvestmentWan: 5000.5,
        signedAnnualTaxWan: 300,
      },
      {
        key: 'web',
        leads: 1,
        contacted: 1,
        siteVisits: 1,
        signed: 1,
        conversionRate: 1,
        signedInvestmentWan: 100,
        signedAnnualTaxWan: 1.25,
      },
    ]);
  });

  it('puts the group without a key last', () => {
    const rows = conversion([fact({ parkId: null }), fact({ parkId: 'p2' }), fact({ parkId: 'p1' })], 'park');
    expect(rows.map((r) => r.key)).toEqual(['p1', 'p2', null]);
  });

  it('computes response medians, p90 and SLA compliance with unanswered leads as misses', () => {
    const rows = responseTimes(
      [
        fact({ ownerId: 'a', responseMinutes: 10 }),
        fact({ ownerId: 'a', responseMinutes: 20 }),
        fact({ ownerId: 'a', responseMinutes: 90 }),
        fact({ ownerId: 'a', responseMinutes: null }),
        fact({ ownerId: 'b', responseMinutes: 30 }),
      ],
      30,
    );
    expect(rows).toEqual([
      { key: 'a', leads: 4, responded: 3, medianMinutes: 20, p90Minutes: 76, withinSla: 2, slaCompliance: 0.5 },
      { key: 'b', leads: 1, responded: 1, medianMinutes: 30, p90Minutes: 30, withinSla: 1, slaCompliance: 1 },
    ]);
  });

  it('buckets periods in China time: a 23:30 UTC lead belongs to the next Chinese day, weeks start on Monday', () => {
    expect(periodOf(new Date('2026-11-01T23:30:00Z'), 'day')).toBe('2026-11-02');
    expect(periodOf(new Date('2026-11-01T15:59:00Z'), 'day')).toBe('2026-11-01');
    expect(periodOf(new Date('2026-11-05T00:00:00Z'), 'week')).toBe('2026-11-02');
    expect(periodOf(new Date('2026-11-01T03:00:00Z'), 'week')).toBe('2026-10-26');
    expect(periodOf(new Date('2026-10-31T17:00:00Z'), 'month')).toBe('2026-11');
    const from = new Date('2026-10-31T16:00:00Z');
    const to = new Date('2026-11-03T16:00:00Z');
    expect(periodsBetween(from, to, 'day')).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(periodsBetween(from, to, 'week')).toEqual(['2026-10-26', '2026-11-02']);
    expect(periodsBetween(from, to, 'month')).toEqual(['2026-11']);
  });

  it('trends new, signed and lost by their own dates, inside the range only', () => {
    const from = new Date('2026-10-31T16:00:00Z');
    const to = new Date('2026-11-02T16:00:00Z');
    const rows = trend(
      [
        fact({ createdAt: new Date('2026-11-01T01:00:00Z') }),
        fact({ createdAt: new Date('2026-10-20T01:00:00Z'), stage: 'signed', signedAt: new Date('2026-11-02T01:00:00Z') }),
        fact({ createdAt: new Date('2026-11-02T01:00:00Z'), stage: 'lost', lostAt: new Date('2026-11-02T02:00:00Z') }),
        fact({ createdAt: new Date('2026-11-02T17:00:00Z') }),
      ],
      'day',
      from,
      to,
    );
    expect(rows).toEqual([
      { period: '2026-11-01', newLeads: 1, signed: 0, lost: 0 },
      { period: '2026-11-02', newLeads: 1, signed: 1, lost: 1 },
    ]);
  });

  it('breaks losses down by reason and the stage they were lost at', () => {
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date('2026-12-01T00:00:00Z');
    const at = new Date('2026-11-10T00:00:00Z');
    const { total, rows } = lostReasons(
      [
        fact({ stage: 'lost', lostReason: 'price', lostFromStage: 'negotiating', lostAt: at }),
        fact({ stage: 'lost', lostReason: 'price', lostFromStage: 'contacted', lostAt: at }),
        fact({ stage: 'lost', lostReason: 'unreachable', lostFromStage: 'new', lostAt: at }),
        fact({ stage: 'lost', lostReason: 'price', lostFromStage: 'new', lostAt: new Date('2026-10-01T00:00:00Z') }),
        fact({ stage: 'contacted' }),
      ],
      from,
      to,
    );
    expect(total).toBe(3);
    expect(rows.find((r) => r.reason === 'price')).toEqual({
      reason: 'price',
      count: 2,
      share: 0.6667,
      atStage: { new: 0, contacted: 1, qualified: 0, site_visit: 0, negotiating: 1, signed: 0, landed: 0 },
    });
    expect(rows.find((r) => r.reason === 'policy')).toMatchObject({ count: 0, share: 0 });
    expect(rows.map((r) => r.reason)).toHaveLength(7);
  });

  it('writes CSV with a byte-order mark and Chinese headers', () => {
    const csv = toCsv({
      title: 't',
      columns: [
        { key: 'a', header: '渠道' },
        { key: 'b', header: '线索数' },
      ],
      rows: [
        { a: '网页表单', b: 3 },
        { a: 'x,y', b: null },
      ],
    });
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.subarray(3).toString('utf8')).toBe('渠道,线索数\n网页表单,3\n"x,y",\n');
  });
});
