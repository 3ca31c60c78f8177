/**
 * Working time: a consultant's weekly hours in their time zone, with China's public holidays and
 * make-up working days (调休上班) from the holiday calendar overriding the weekday rule. Pure.
 */

export interface WorkingHours {
  /** IANA zone, e.g. Asia/Shanghai. */
  timezone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local start and end, 'HH:MM' (end exclusive). */
  start: string;
  end: string;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  timezone: 'Asia/Shanghai',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
};

/** 'YYYY-MM-DD' → holiday (放假) or workday (调休上班). Dates absent follow the weekday rule. */
export type CalendarOverrides = ReadonlyMap<string, 'holiday' | 'workday'>;

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

interface LocalParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
}

function localParts(at: Date, timezone: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(at)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { y: p.year, m: p.month, d: p.day, hh: p.hour, mi: p.minute, ss: p.second };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetMs(at: Date, timezone: string): number {
  const p = localParts(at, timezone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mi, p.ss);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The UTC instant of a local wall-clock time. */
function zonedInstant(y: number, m: number, d: number, minutes: number, timezone: string): number {
  const guess = Date.UTC(y, m - 1, d) + minutes * MINUTE;
  const first = guess - offsetMs(new Date(guess), timezone);
  return guess - offsetMs(new Date(first), timezone);
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export function dateKey(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whether a local date is a working day: calendar override first, then the weekday rule. */
export function isWorkingDay(y: number, m: number, d: number, hours: WorkingHours, calendar: CalendarOverrides): boolean {
  const override = calendar.get(dateKey(y, m, d));
  if (override === 'holiday') return false;
  if (override === 'workday') return true;
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return hours.days.includes(dow === 0 ? 7 : dow);
}

/** Whether the instant falls inside the working hours of a working day. */
export function isWorkingTime(at: Date, hours: WorkingHours, calendar: CalendarOverrides): boolean {
  const p = localParts(at, hours.timezone);
  if (!isWorkingDay(p.y, p.m, p.d, hours, calendar)) return false;
  const minute = p.hh * 60 + p.mi;
  return minute >= toMinutes(hours.start) && minute < toMinutes(hours.end);
}

/** Working minutes in [from, to) (0 when to ≤ from), following the hours and the calendar. */
export function workingMinutesBetween(from: Date, to: Date, hours: WorkingHours, calendar: CalendarOverrides): number {
  if (to.getTime() <= from.getTime()) return 0;
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  const first = localParts(from, hours.timezone);
  let cursor = Date.UTC(first.y, first.m - 1, first.d);
  let totalMs = 0;
  // Bounded walk over local calendar dates (≤ 2 years).
  for (let i = 0; i < 732; i++) {
    const day = new Date(cursor);
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    const dayStart = zonedInstant(y, m, d, start, hours.timezone);
    if (dayStart >= to.getTime()) break;
    if (isWorkingDay(y, m, d, hours, calendar)) {
      const dayEnd = zonedInstant(y, m, d, end, hours.timezone);
      const a = Math.max(dayStart, from.getTime());
      const b = Math.min(dayEnd, to.getTime());
      if (b > a) totalMs += b - a;
    }
    cursor += DAY;
  }
  return Math.floor(totalMs / MINUTE);
}

/** Validates a working-hours object from user input; returns the problem or null. */
export function workingHoursProblem(h: Partial<WorkingHours> | undefined): string | null {
  if (!h || typeof h !== 'object') return 'must be an object';
  if (typeof h.timezone !== 'string') return 'timezone is required';
  try {
    formatter(h.timezone);
  } catch {
    return `unknown timezone ${h.timezone}`;
  }
  if (!Array.isArray(h.days) || h.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return 'days must be 1–7';
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (typeof h.start !== 'string' || !hhmm.test(h.start)) return 'start must be HH:MM';
  if (typeof h.end !== 'string' || !hhmm.test(h.end)) return 'end must be HH:MM';
  if (toMinutes(h.end) <= toMinutes(h.start)) return 'end must be after start';
  return null;
}
