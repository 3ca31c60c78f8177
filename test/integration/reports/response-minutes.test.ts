import { DEFAULT_WORKING_HOURS, RoutingService, workingMinutesBetween, type WorkingHours } from '@app/routing';
import { ReportsRepository } from '@app/reports';
import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';
import { newLead, TEST_ENV } from '../pipeline/lead-factory.js';

/**
 * Working minutes to first response are computed in SQL for owners on the default hours and in Node
 * for owners with their own hours; both must equal routing's workingMinutesBetween, across weekends,
 * the 2026 holidays and make-up working days (调休上班).
 */
/** The sorted list of minutes a histogram (minute value → leads) stands for. */
const expand = (h: Map<number, number>) => [...h].sort((a, b) => a[0] - b[0]).flatMap(([m, n]) => Array<number>(n).fill(m));

describe('reports: response working minutes in SQL and in Node agree with routing', () => {
  let t: TestApp;
  let manager: { token: string; userId: string };
  const custom: WorkingHours = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6], start: '08:30', end: '20:00' };
  const expected = new Map<string, number[]>();
  const intervals: { owner: string; from: Date; to: Date }[] = [];
  const base = Date.parse('2026-01-01T00:00:00Z');

  beforeAll(async () => {
    t = await startTestApp(TEST_ENV);
    manager = await t.signIn('manager');
    const plain = await t.signIn('consultant', '默认工时');
    const profiled = await t.signIn('consultant', '默认工时档案');
    const own = await t.signIn('consultant', '自定义工时');
    await t.ds.query(`INSERT INTO consultant_profile (user_id) VALUES ($1)`, [profiled.userId]);
    await t.ds.query(`INSERT INTO consultant_profile (user_id, working_hours) VALUES ($1, $2)`, [own.userId, JSON.stringify(custom)]);
    const calendar = await t.app.get(RoutingService).calendar();
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const owners = [plain.userId, profiled.userId, own.userId];
    for (let i = 0; i < 45; i++) {
      const owner = owners[i % 3];
      const lead = await newLead(t, manager.token, {
        company: `工时测试企业${i}`,
        contactName: `联系人${i}`,
        phone: `+86135000001${String(i).padStart(2, '0')}`,
        ownerId: owner,
      });
      // Created any time in 2026 (holidays included), answered within minutes to two weeks, with odd milliseconds.
      const from = new Date(base + Math.floor(rnd() * 330 * 86_400_000) + 123);
      const to = new Date(from.getTime() + Math.floor(rnd() * (i % 5 === 0 ? 14 : 2) * 86_400_000) + 456);
      await t.ds.query(
        `UPDATE lead SET created_at = $2::timestamptz, assigned_at = $2::timestamptz, first_response_at = $3::timestamptz WHERE id = $1`,
        [lead.id, from, to],
      );
      intervals.push({ owner, from, to });
      const hours = owner === own.userId ? custom : DEFAULT_WORKING_HOURS;
      expected.set(owner, [...(expected.get(owner) ?? []), workingMinutesBetween(from, to, hours, calendar)]);
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('gives every owner the medians, p90 and SLA counts of routing-computed minutes', async () => {
    const res = await t
      .http()
      .get(`/api/reports/response-times?from=2025-12-01T00:00:00Z&to=2027-01-01T00:00:00Z&slaMinutes=240`)
      .set('authorization', `Bearer ${manager.token}`)
      .expect(200);
    const interp = (values: number[], p: number) => {
      const v = [...values].sort((a, b) => a - b);
      const i = p * (v.length - 1);
      const lo = Math.floor(i);
      return Math.round((lo + 1 < v.length ? v[lo] + (v[lo + 1] - v[lo]) * (i - lo) : v[lo]) * 100) / 100;
    };
    for (const [owner, minutes] of expected) {
      const row = res.body.rows.find((r: { key: string }) => r.key === owner);
      expect(row).toMatchObject({
        leads: 15,
        responded: 15,
        medianMinutes: interp(minutes, 0.5),
        p90Minutes: interp(minutes, 0.9),
        withinSla: minutes.filter((m) => m <= 240).length,
      });
    }
    // Minute by minute: SQL for both default-hours owners, Node for the one with its own hours.
    const { defaultMinutes, answered } = await t.app
      .get(ReportsRepository)
      .responses({ from: new Date('2025-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }, 'consultant', DEFAULT_WORKING_HOURS);
    const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
    const owners = [...expected.keys()];
    expect(expand(defaultMinutes.get(owners[0])!)).toEqual(sorted(expected.get(owners[0])!));
    expect(expand(defaultMinutes.get(owners[1])!)).toEqual(sorted(expected.get(owners[1])!));
    expect(defaultMinutes.has(owners[2])).toBe(false);
    expect(answered.filter((a) => a.key === owners[2])).toHaveLength(15);
    // The data really crosses weekends and holidays: some answers took far more clock time than working time.
    expect([...expected.values()].flat().some((m) => m > 0)).toBe(true);
  });

  it('keeps the stored minutes right when the holiday calendar changes (added, then removed)', async () => {
    const routing = t.app.get(RoutingService);
    const repo = t.app.get(ReportsRepository);
    const range = { from: new Date('2025-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };
    await repo.responses(range, 'consultant', DEFAULT_WORKING_HOURS); // minutes stored before the change
    const before = await routing.calendar();
    // A new holiday on the (China) day each default-hours wait starts, where the calendar has nothing yet.
    const days = [...new Set(intervals.map((i) => new Date(i.from.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)))].filter(
      (d) => !before.has(d),
    );
    expect(days.length).toBeGreaterThan(5);
    const check = async () => {
      const calendar = await routing.calendar();
      const { defaultMinutes } = await repo.responses(range, 'consultant', DEFAULT_WORKING_HOURS);
      const owners = [...expected.keys()].slice(0, 2);
      let changed = false;
      for (const owner of owners) {
        const want = intervals
          .filter((i) => i.owner === owner)
          .map((i) => workingMinutesBetween(i.from, i.to, DEFAULT_WORKING_HOURS, calendar));
        expect(expand(defaultMinutes.get(owner)!)).toEqual(want.sort((a, b) => a - b));
        changed ||= JSON.stringify(want) !== JSON.stringify([...expected.get(owner)!].sort((a, b) => a - b));
      }
      return changed;
    };
    await t.ds.query(`INSERT INTO holiday_calendar (date, kind, name) SELECT d::date, 'holiday', '测试假日' FROM unnest($1::text[]) d`, [
      days,
    ]);
    expect(await check()).toBe(true); // the new holidays really changed some waits
    await t.ds.query(`DELETE FROM holiday_calendar WHERE date = ANY($1::date[])`, [days]);
    expect(await check()).toBe(false); // back to the first figures
  });

  it('any range — whole days, months and years from the histograms, edges from the facts — gives the figures of its leads, also after answers and creations move', async () => {
    const routing = t.app.get(RoutingService);
    const ownerOf = [...expected.keys()];
    const custom_ = ownerOf[2];
    const ranges = [
      ['2026-02-15T03:00:00Z', '2026-10-10T05:00:00Z'], // days, months, days
      ['2025-12-20T00:00:00Z', '2026-12-31T00:00:00Z'], // days, months, days
      ['2026-01-01T00:00:00Z', '2026-06-30T16:00:00Z'], // days, months to a China midnight
      ['2025-06-01T00:00:00Z', '2027-03-01T00:00:00Z'], // days, months, a whole year, months
    ];
    const interp = (values: number[], p: number) => {
      const v = [...values].sort((a, b) => a - b);
      const i = p * (v.length - 1);
      const lo = Math.floor(i);
      return Math.round((lo + 1 < v.length ? v[lo] + (v[lo + 1] - v[lo]) * (i - lo) : v[lo]) * 100) / 100;
    };
    const checkAll = async () => {
      const calendar = await routing.calendar();
      for (const [from, to] of ranges) {
        const res = await t
          .http()
          .get(`/api/reports/response-times?from=${from}&to=${to}&slaMinutes=60`)
          .set('authorization', `Bearer ${manager.token}`)
          .expect(200);
        for (const owner of ownerOf) {
          const mine = intervals.filter((i) => i.owner === owner && i.from >= new Date(from) && i.from < new Date(to));
          const minutes = mine.map((i) =>
            workingMinutesBetween(i.from, i.to, owner === custom_ ? custom : DEFAULT_WORKING_HOURS, calendar),
          );
          const row = res.body.rows.find((r: { key: string }) => r.key === owner);
          if (!mine.length) {
            expect(row).toBeUndefined();
            continue;
          }
          expect(row).toMatchObject({
            leads: mine.length,
            responded: mine.length,
            medianMinutes: interp(minutes, 0.5),
            p90Minutes: interp(minutes, 0.9),
            withinSla: minutes.filter((m) => m <= 60).length,
          });
        }
      }
    };
    await checkAll();
    // Answers later or earlier, and leads moved to another month (their old and new days are recomputed,
    // their months and years get the difference).
    for (const [n, i] of intervals.entries()) {
      if (n % 4 === 1) i.to = new Date(i.to.getTime() + ((n % 3) + 1) * 97 * 60_000);
      if (n % 7 === 2) {
        const shift = (n % 2 ? 1 : -1) * 40 * 86_400_000;
        i.from = new Date(i.from.getTime() + shift);
        i.to = new Date(i.to.getTime() + shift);
      }
    }
    const leads: { id: string }[] = await t.ds.query(
      `SELECT id FROM lead WHERE company LIKE '工时测试企业%' ORDER BY (regexp_replace(company, '\\D', '', 'g'))::int`,
    );
    expect(leads).toHaveLength(intervals.length);
    for (const [n, i] of intervals.entries()) {
      await t.ds.query(
        `UPDATE lead SET created_at = $2::timestamptz, assigned_at = $2::timestamptz, first_response_at = $3::timestamptz WHERE id = $1`,
        [leads[n].id, i.from, i.to],
      );
    }
    await checkAll();
  });
});
