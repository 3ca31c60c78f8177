/**
 * China's 2026 public holidays (放假) and make-up working days (调休上班), from the State Council
 * notice 国办发明电〔2025〕7号. Seeded into holiday_calendar by the routing migration.
 */
export interface HolidayEntry {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

function range(from: string, to: string, name: string): HolidayEntry[] {
  const out: HolidayEntry[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
}

export const CHINA_HOLIDAYS_2026: HolidayEntry[] = [
  ...range('2026-01-01', '2026-01-03', '元旦'),
  { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' },
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
  ...range('2026-02-15', '2026-02-23', '春节'),
  { date: '2026-02-28', kind: 'workday', name: '春节调休上班' },
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休上班' },
  ...range('2026-06-19', '2026-06-21', '端午节'),
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' },
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
];
