import { CHINA_HOLIDAYS_2026 } from './china-holidays-2026.js';
import { DEFAULT_WORKING_HOURS, isWorkingTime, workingHoursProblem, workingMinutesBetween, type WorkingHours } from './working-time.js';

const cal = new Map(CHINA_HOLIDAYS_2026.map((h) => [h.date, h.kind] as const));
const none = new Map<string, 'holiday' | 'workday'>();
const H = DEFAULT_WORKING_HOURS;
/** Beijing time. */
const bj = (s: string) => new Date(`${s}+08:00`);

describe('working minutes (Asia/Shanghai, Mon–Fri 09:00–18:00)', () => {
  it('counts minutes inside one working day', () => {
    expect(workingMinutesBetween(bj('2026-03-02T10:00:00'), bj('2026-03-02T10:30:00'), H, cal)).toBe(30);
  });

  it('ignores time before opening and after closing', () => {
    expect(workingMinutesBetween(bj('2026-03-02T07:00:00'), bj('2026-03-02T09:30:00'), H, cal)).toBe(30);
    expect(workingMinutesBetween(bj('2026-03-02T17:50:00'), bj('2026-03-02T23:00:00'), H, cal)).toBe(10);
  });

  it('carries over the night: 17:45 Monday → 09:15 Tuesday is 30 minutes', () => {
    expect(workingMinutesBetween(bj('2026-03-02T17:45:00'), bj('2026-03-03T09:15:00'), H, cal)).toBe(30);
  });

  it('skips the weekend: Friday 17:50 → Monday 09:20 is 30 minutes', () => {
    expect(workingMinutesBetween(bj('2026-03-06T17:50:00'), bj('2026-03-09T09:20:00'), H, cal)).toBe(30);
  });

  it('skips public holidays (国庆节 1–7 Oct 2026)', () => {
    // Wed 30 Sep 17:30 → Fri 9 Oct 09:00: 30 min on 30 Sep, holidays 1–7 Oct, Thu 8 Oct full day (540).
    expect(workingMinutesBetween(bj('2026-09-30T17:30:00'), bj('2026-10-09T09:00:00'), H, cal)).toBe(30 + 540);
    expect(workingMinutesBetween(bj('2026-10-01T10:00:00'), bj('2026-10-01T12:00:00'), H, cal)).toBe(0);
    expect(workingMinutesBetween(bj('2026-10-01T10:00:00'), bj('2026-10-01T12:00:00'), H, none)).toBe(120);
  });

  it('counts make-up working days (调休上班: Sunday 4 Jan 2026, Saturday 14 Feb 2026)', () => {
    expect(workingMinutesBetween(bj('2026-01-04T09:00:00'), bj('2026-01-04T10:00:00'), H, cal)).toBe(60);
    expect(workingMinutesBetween(bj('2026-02-14T09:00:00'), bj('2026-02-14T18:00:00'), H, cal)).toBe(540);
    expect(workingMinutesBetween(bj('2026-01-04T09:00:00'), bj('2026-01-04T10:00:00'), H, none)).toBe(0);
  });

  it('spans the Spring Festival: 13 Feb 17:00 → 24 Feb 10:00', () => {
    // Fri 13 Feb 60 min, Sat 14 Feb make-up day 540, 15–23 holidays, Tue 24 Feb 60 min.
    expect(workingMinutesBetween(bj('2026-02-13T17:00:00'), bj('2026-02-24T10:00:00'), H, cal)).toBe(60 + 540 + 60);
  });

  it('returns 0 for an empty or reversed interval', () => {
    expect(workingMinutesBetween(bj('2026-03-02T10:00:00'), bj('2026-03-02T10:00:00'), H, cal)).toBe(0);
    expect(workingMinutesBetween(bj('2026-03-02T11:00:00'), bj('2026-03-02T10:00:00'), H, cal)).toBe(0);
  });

  it('follows a consultant’s own hours and zone', () => {
    const weekendShift: WorkingHours = { timezone: 'Asia/Shanghai', days: [6, 7], start: '10:00', end: '16:00' };
    expect(workingMinutesBetween(bj('2026-03-06T09:00:00'), bj('2026-03-09T09:00:00'), weekendShift, cal)).toBe(720);
    const berlin: WorkingHours = { timezone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
    // 09:00–10:00 Berlin (UTC+1 in March) = 08:00–09:00 UTC.
    expect(workingMinutesBetween(new Date('2026-03-02T08:00:00Z'), new Date('2026-03-02T09:00:00Z'), berlin, none)).toBe(60);
  });

  it('tells whether an instant is working time', () => {
    expect(isWorkingTime(bj('2026-03-02T09:00:00'), H, cal)).toBe(true);
    expect(isWorkingTime(bj('2026-03-02T18:00:00'), H, cal)).toBe(false);
    expect(isWorkingTime(bj('2026-03-07T10:00:00'), H, cal)).toBe(false);
    expect(isWorkingTime(bj('2026-05-01T10:00:00'), H, cal)).toBe(false);
    expect(isWorkingTime(bj('2026-05-09T10:00:00'), H, cal)).toBe(true);
  });

  it('validates working hours input', () => {
    expect(workingHoursProblem(H)).toBeNull();
    expect(workingHoursProblem({ ...H, timezone: 'Mars/Olympus' })).toMatch(/timezone/);
    expect(workingHoursProblem({ ...H, days: [0] })).toMatch(/days/);
    expect(workingHoursProblem({ ...H, start: '18:00', end: '09:00' })).toMatch(/after/);
  });

  it('seeds 2026 with 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 and six make-up days', () => {
    expect(CHINA_HOLIDAYS_2026.filter((h) => h.kind === 'workday').map((h) => h.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(CHINA_HOLIDAYS_2026.filter((h) => h.kind === 'holiday')).toHaveLength(33);
  });
});
