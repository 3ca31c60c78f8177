import { splitRange } from './reports.repository.js';

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
