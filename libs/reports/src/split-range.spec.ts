import { splitDays, splitRange } from './reports.repository.js';

const at = (iso: string) => new Date(iso);

describe('splitRange: whole China-time days from the rollups, the rest from the facts', () => {
  it('aligned range: all days from the rollups, nothing from the facts', () => {
    // 2026-03-01 00:00 China time = 2026-02-28T16:00Z
    const r = splitRange({ from: at('2026-02-28T16:00:00Z'), to: at('2026-03-03T16:00:00Z') });
    expect(r.days).toEqual({ from: '2026-03-01', to: '2026-03-04' });
    expect(r.facts).toEqual([]);
  });

  it('partial days at both edges come from the facts, exactly up to the whole days', () => {
    const from = at('2026-03-01T01:30:00.123Z'); // 09:30 China time on 03-01
    const to = at('2026-03-05T20:00:00Z'); // 04:00 China time on 03-06
    const r = splitRange({ from, to });
    expect(r.days).toEqual({ from: '2026-03-02', to: '2026-03-06' });
    expect(r.facts).toEqual([
      { from, to: at('2026-03-01T16:00:00Z') },
      { from: at('2026-03-05T16:00:00Z'), to },
    ]);
  });

  it('less than a whole day, or any filter: the facts only', () => {
    const short = { from: at('2026-03-01T01:00:00Z'), to: at('2026-03-02T03:00:00Z') };
    expect(splitRange(short)).toEqual({ days: null, facts: [short] });
    const filtered = { from: at('2026-01-01T00:00:00Z'), to: at('2026-06-01T00:00:00Z'), channel: 'wechat' };
    expect(splitRange(filtered)).toEqual({ days: null, facts: [filtered] });
    const pool = { from: at('2026-01-01T00:00:00Z'), to: at('2026-06-01T00:00:00Z'), ownerId: 'pool' };
    expect(splitRange(pool).days).toBeNull();
  });
});

describe('splitDays: whole days as the fewest day, month and year rollup periods', () => {
  const days = (from: string, to: string) => {
    const out: string[] = [];
    for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
      out.push(new Date(t).toISOString().slice(0, 10));
    return out;
  };
  it('three years from mid-month: days, months, whole years, months, days', () => {
    expect(splitDays('2023-11-27', '2026-11-25')).toEqual([
      { span: 'day', from: '2023-11-27', to: '2023-12-01' },
      { span: 'month', from: '2023-12-01', to: '2024-01-01' },
      { span: 'year', from: '2024-01-01', to: '2026-01-01' },
      { span: 'month', from: '2026-01-01', to: '2026-11-01' },
      { span: 'day', from: '2026-11-01', to: '2026-11-25' },
    ]);
  });

  it('aligned edges give no empty runs; short ranges stay days', () => {
    expect(splitDays('2024-01-01', '2026-01-01')).toEqual([{ span: 'year', from: '2024-01-01', to: '2026-01-01' }]);
    expect(splitDays('2026-02-01', '2026-05-01')).toEqual([{ span: 'month', from: '2026-02-01', to: '2026-05-01' }]);
    expect(splitDays('2026-02-03', '2026-02-20')).toEqual([{ span: 'day', from: '2026-02-03', to: '2026-02-20' }]);
    expect(splitDays('2026-01-30', '2026-02-02')).toEqual([{ span: 'day', from: '2026-01-30', to: '2026-02-02' }]);
    expect(splitDays('2025-12-15', '2026-02-10')).toEqual([
      { span: 'day', from: '2025-12-15', to: '2026-01-01' },
      { span: 'month', from: '2026-01-01', to: '2026-02-01' },
      { span: 'day', from: '2026-02-01', to: '2026-02-10' },
    ]);
  });

  it('covers every day exactly once (random ranges)', () => {
    let seed = 3;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const base = Date.parse('2023-01-01T00:00:00Z');
    for (let i = 0; i < 300; i++) {
      const a = base + Math.floor(rnd() * 1200) * 86_400_000;
      const b = a + Math.floor(1 + rnd() * 1000) * 86_400_000;
      const from = new Date(a).toISOString().slice(0, 10);
      const to = new Date(b).toISOString().slice(0, 10);
      const ranges = splitDays(from, to);
      const expanded = ranges.flatMap((r) => days(r.from, r.to));
      expect(expanded).toEqual(days(from, to));
      for (const r of ranges) {
        if (r.span !== 'day') expect(r.from.endsWith('-01') && r.to.endsWith('-01')).toBe(true);
        if (r.span === 'year') expect(r.from.endsWith('-01-01') && r.to.endsWith('-01-01')).toBe(true);
      }
    }
  });
});
