import {
  byLeadsThenKey,
  conversion,
  funnel,
  lostReasons,
  percentile,
  percentileOfCounts,
  countsOf,
  countTotal,
  addCount,
  periodOf,
  periodsBetween,
  rate,
  responseTimes,
  roundWan,
  trend,
  type GroupCounts,
} from './report-math.js';
import { toCsv } from './report-table.js';

const group = (key: string | null, reached: number[], signed = 0, inv = 0, tax = 0): GroupCounts => ({
  key,
  leads: reached[0],
  reached,
  signed,
  signedInvestmentWan: inv,
  signedAnnualTaxWan: tax,
});

describe('report arithmetic', () => {
  it('rates are null over nothing and rounded to 4 decimals; money loses its float dust', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
    expect(roundWan(0.1 + 0.2)).toBe(0.3);
  });

  it('percentiles interpolate like percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([10, 1, 4], 0.5)).toBe(4);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // p90 of 1..10: position 8.1 → 9 + 0.1 × (10 − 9)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9.1);
    expect(percentile([10, 20, 30, 45, 60], 0.9)).toBe(54);
  });

  it('builds the funnel with step and overall conversion', () => {
    // 4 leads: one stayed new, one reached contacted, one site_visit (then lost), one signed.
    const f = funnel({ leads: 4, reached: [4, 3, 2, 2, 1, 1, 0] });
    expect(f.total).toBe(4);
    expect(f.steps.map((s) => s.count)).toEqual([4, 3, 2, 2, 1, 1, 0]);
    expect(f.steps.map((s) => s.rateFromPrevious)).toEqual([null, 0.75, 0.6667, 1, 0.5, 1, 0]);
    expect(f.steps[0]).toMatchObject({ stage: 'new', label: '新线索', rateFromTotal: 1 });
    expect(f.steps[5]).toMatchObject({ stage: 'signed', label: '已签约', rateFromTotal: 0.25 });
    expect(f.overallConversion).toBe(0.25);
    const empty = funnel({ leads: 0, reached: [] });
    expect(empty.overallConversion).toBeNull();
    expect(empty.steps.every((s) => s.count === 0 && s.rateFromTotal === null)).toBe(true);
  });

  it('turns group counts into conversion rows, biggest first and the keyless group last', () => {
    const rows = conversion([
      group(null, [5, 0, 0, 0, 0, 0, 0]),
      group('web', [1, 1, 1, 1, 1, 1, 0], 1, 100, 1.25),
      group('article', [3, 3, 2, 1, 1, 1, 1], 1, 5000.1 + 0.2, 300),
    ]);
    expect(rows).toEqual([
      {
        key: 'article',
        leads: 3,
        contacted: 3,
        siteVisits: 1,
        signed: 1,
        conversionRate: 0.3333,
        signedInvestmentWan: 5000.3,
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
      { key: null, leads: 5, contacted: 0, siteVisits: 0, signed: 0, conversionRate: 0, signedInvestmentWan: 0, signedAnnualTaxWan: 0 },
    ]);
    const sorted = [
      { key: 'b', leads: 2 },
      { key: null, leads: 9 },
      { key: 'a', leads: 2 },
      { key: 'c', leads: 3 },
    ].sort(byLeadsThenKey);
    expect(sorted.map((r) => r.key)).toEqual(['c', 'a', 'b', null]);
  });

  it('computes response medians, p90 and SLA compliance with unanswered leads as misses', () => {
    const rows = responseTimes(
      [
        { key: 'b', leads: 1, minutes: countsOf([30]) },
        { key: 'a', leads: 4, minutes: countsOf([90, 10, 20]) },
        { key: null, leads: 2, minutes: countsOf([]) },
      ],
      30,
    );
    expect(rows).toEqual([
      { key: 'a', leads: 4, responded: 3, medianMinutes: 20, p90Minutes: 76, withinSla: 2, slaCompliance: 0.5 },
      { key: 'b', leads: 1, responded: 1, medianMinutes: 30, p90Minutes: 30, withinSla: 1, slaCompliance: 1 },
      { key: null, leads: 2, responded: 0, medianMinutes: null, p90Minutes: null, withinSla: 0, slaCompliance: 0 },
    ]);
  });

  it('percentiles from counts per minute value equal those of the expanded list', () => {
    expect(percentileOfCounts(new Map(), 0.5)).toBeNull();
    expect(percentileOfCounts(new Map([[7, 0]]), 0.5)).toBeNull();
    // 0 ×3, 10 ×1, 40 ×2: sorted 0 0 0 10 40 40; median at position 2.5 → 0 + 0.5 × 10; p90 at 4.5 → 40
    const h = new Map([
      [40, 2],
      [0, 3],
      [10, 1],
    ]);
    expect(percentileOfCounts(h, 0.5)).toBe(5);
    expect(percentileOfCounts(h, 0.9)).toBe(40);
    expect(countTotal(h)).toBe(6);
    // p90 of 1..10 given as counts: 9.1, as percentile() gives
    expect(percentileOfCounts(countsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.9)).toBe(9.1);
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) {
      const n = 1 + Math.floor(rnd() * 60);
      const spread = [3, 30, 600, 5000][i % 4];
      const values = Array.from({ length: n }, () => Math.floor(rnd() * spread));
      for (const p of [0, 0.1, 0.5, 0.9, 1]) expect(percentileOfCounts(countsOf(values), p)).toBe(percentile(values, p));
    }
  });

  it('histograms add and take out counts; a value counted down to zero disappears', () => {
    const h = countsOf([5, 5, 8]);
    expect([...h].sort()).toEqual([
      [5, 2],
      [8, 1],
    ]);
    addCount(h, 5, -2);
    addCount(h, 9, 3);
    expect([...h].sort()).toEqual([
      [8, 1],
      [9, 3],
    ]);
    expect(percentileOfCounts(h, 0.5)).toBe(9);
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
    // A range starting late in a Chinese day starts with that day.
    expect(periodsBetween(new Date('2026-11-01T15:00:00Z'), new Date('2026-11-01T17:00:00Z'), 'day')).toEqual(['2026-11-01', '2026-11-02']);
  });

  it('fills every period of the range, zero where nothing happened', () => {
    const rows = trend(
      [{ period: '2026-11-02', newLeads: 1, signed: 1, lost: 1 }],
      'day',
      new Date('2026-10-31T16:00:00Z'),
      new Date('2026-11-02T16:00:00Z'),
    );
    expect(rows).toEqual([
      { period: '2026-11-01', newLeads: 0, signed: 0, lost: 0 },
      { period: '2026-11-02', newLeads: 1, signed: 1, lost: 1 },
    ]);
  });

  it('breaks losses down by reason and the stage they were lost at, listing every reason', () => {
    const { total, rows } = lostReasons([
      { reason: 'price', fromStage: 'negotiating', count: 1 },
      { reason: 'price', fromStage: 'contacted', count: 1 },
      { reason: 'unreachable', fromStage: 'new', count: 1 },
    ]);
    expect(total).toBe(3);
    expect(rows.find((r) => r.reason === 'price')).toEqual({
      reason: 'price',
      count: 2,
      share: 0.6667,
      atStage: { new: 0, contacted: 1, qualified: 0, site_visit: 0, negotiating: 1, signed: 0, landed: 0 },
    });
    expect(rows.find((r) => r.reason === 'policy')).toMatchObject({ count: 0, share: 0 });
    expect(rows.map((r) => r.reason)).toEqual(['price', 'area_mismatch', 'policy', 'chose_other_park', 'invalid', 'unreachable', 'other']);
    expect(lostReasons([]).rows.every((r) => r.share === null)).toBe(true);
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
