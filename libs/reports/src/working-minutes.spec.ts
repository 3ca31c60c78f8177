import { CHINA_HOLIDAYS_2026, DEFAULT_WORKING_HOURS, workingMinutesBetween, type CalendarOverrides } from '@app/routing';
import { workingMinutes } from './working-minutes.js';

const calendar: CalendarOverrides = new Map(CHINA_HOLIDAYS_2026.map((h) => [h.date, h.kind]));

describe('working minutes (fast path for China time)', () => {
  it('counts 09:00–18:00 on working days, skipping weekends and the National Day holiday', () => {
    // Friday 2026-11-20 17:30 → Monday 09:30 (China time): 30 + 30 working minutes.
    expect(workingMinutes(new Date('2026-11-20T09:30:00Z'), new Date('2026-11-23T01:30:00Z'), DEFAULT_WORKING_HOURS, calendar)).toBe(60);
    // 2026-10-01 (holiday) 10:00 → 11:00: nothing.
    expect(workingMinutes(new Date('2026-10-01T02:00:00Z'), new Date('2026-10-01T03:00:00Z'), DEFAULT_WORKING_HOURS, calendar)).toBe(0);
    expect(workingMinutes(new Date('2026-11-23T03:00:00Z'), new Date('2026-11-23T02:00:00Z'), DEFAULT_WORKING_HOURS, calendar)).toBe(0);
  });

  it("agrees with routing's general function on 2,000 random intervals, for default and custom hours", () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const custom = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6], start: '08:30', end: '20:15' };
    const base = Date.parse('2025-12-20T00:00:00Z');
    for (let i = 0; i < 2000; i++) {
      const from = new Date(base + Math.floor(rnd() * 400 * 86_400_000));
      const to = new Date(from.getTime() + Math.floor(rnd() * (i % 10 === 0 ? 40 : 3) * 86_400_000));
      for (const hours of [DEFAULT_WORKING_HOURS, custom]) {
        expect(workingMinutes(from, to, hours, calendar)).toBe(workingMinutesBetween(from, to, hours, calendar));
      }
    }
  });

  it("uses routing's function for other zones", () => {
    const ny = { timezone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
    const from = new Date('2026-11-02T13:00:00Z');
    const to = new Date('2026-11-03T15:00:00Z');
    expect(workingMinutes(from, to, ny, calendar)).toBe(workingMinutesBetween(from, to, ny, calendar));
  });
});
