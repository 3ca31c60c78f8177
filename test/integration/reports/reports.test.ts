import ExcelJS from 'exceljs';
import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';
import { DEFAULT_WORKING_HOURS, RoutingService, workingMinutesBetween } from '@app/routing';
import { newLead, TEST_ENV } from '../pipeline/lead-factory.js';

/**
 * Leads with a known history are built through the API (activities, stage changes, signings); every
 * figure of every report is checked against a computation written out here, independently of the
 * report code.
 */
const STAGES = ['new', 'contacted', 'qualified', 'site_visit', 'negotiating', 'signed', 'landed'];
const PARK1 = '11111111-1111-4111-8111-111111111111';
const PARK2 = '22222222-2222-4222-8222-222222222222';
const ART1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ART2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const MIN = 60_000;
const HOUR = 3600_000;
const DAY = 86_400_000;

interface Step {
  stage: string;
  reason?: string;
  lostReason?: string;
  lostNote?: string;
  signed?: { investment: number; tax: number; park: string; dayAfterCreation: number };
}
interface Spec {
  owner: 'A' | 'B' | null;
  channel: 'web' | 'article' | 'wechat' | 'referral';
  article: string | null;
  industry: string | null;
  responseMin: number | null;
  path: Step[];
}

const signed = (investment: number, tax: number, park: string, dayAfterCreation: number) => ({ investment, tax, park, dayAfterCreation });
const SPECS: Spec[] = [
  {
    owner: 'A',
    channel: 'web',
    article: ART1,
    industry: 'C36',
    responseMin: 10,
    path: [
      { stage: 'contacted' },
      { stage: 'qualified' },
      { stage: 'site_visit' },
      { stage: 'negotiating' },
      { stage: 'signed', signed: signed(5000, 300, PARK1, 2) },
    ],
  },
  {
    owner: 'A',
    channel: 'web',
    article: null,
    industry: 'C36',
    responseMin: 45,
    path: [{ stage: 'contacted' }, { stage: 'lost', lostReason: 'price' }],
  },
  {
    owner: 'A',
    channel: 'article',
    article: ART1,
    industry: 'C38',
    responseMin: 20,
    path: [{ stage: 'site_visit' }, { stage: 'lost', lostReason: 'chose_other_park' }],
  },
  {
    owner: 'B',
    channel: 'article',
    article: ART1,
    industry: 'C38',
    responseMin: 5,
    path: [
      { stage: 'contacted' },
      { stage: 'qualified' },
      { stage: 'signed', signed: signed(1200.5, 80.25, PARK2, 1) },
      { stage: 'landed' },
    ],
  },
  { owner: 'B', channel: 'wechat', article: null, industry: null, responseMin: null, path: [] },
  {
    owner: 'B',
    channel: 'web',
    article: null,
    industry: 'C36',
    responseMin: 120,
    path: [{ stage: 'contacted' }, { stage: 'negotiating' }, { stage: 'contacted', reason: '预算未定' }],
  },
  { owner: null, channel: 'web', article: null, industry: null, responseMin: null, path: [] },
  {
    owner: 'A',
    channel: 'article',
    article: ART2,
    industry: 'C36',
    responseMin: 30,
    path: [
      { stage: 'contacted' },
      { stage: 'qualified' },
      { stage: 'lost', lostReason: 'other', lostNote: '项目暂停' },
      { stage: 'contacted', reason: '项目重启' },
      { stage: 'lost', lostReason: 'unreachable' },
    ],
  },
  { owner: 'B', channel: 'web', article: null, industry: 'C38', responseMin: 15, path: [{ stage: 'lost', lostReason: 'invalid' }] },
  {
    owner: 'A',
    channel: 'referral',
    article: null,
    industry: 'C36',
    responseMin: 60,
    path: [{ stage: 'contacted' }, { stage: 'signed', signed: signed(800, 50, PARK1, 1) }, { stage: 'negotiating', reason: '合同退回' }],
  },
];

/** What happened to each lead, as the test itself records it. */
interface Known {
  spec: Spec;
  ownerId: string | null;
  createdAt: Date;
  furthest: number;
  finalStage: string;
  signedAt: Date | null;
  investment: number | null;
  tax: number | null;
  park: string | null;
  lostAt: Date | null;
  lostFrom: string | null;
  lostReason: string | null;
}

function interp(values: number[], p: number): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const i = p * (v.length - 1);
  const lo = Math.floor(i);
  return lo + 1 < v.length ? v[lo] + (v[lo + 1] - v[lo]) * (i - lo) : v[lo];
}
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);

describe('reports: every figure against an independent computation', () => {
  let t: TestApp;
  let manager: { token: string; userId: string };
  let ids: Record<'A' | 'B', string>;
  let art1 = ART1;
  let park1 = PARK1;
  const known: Known[] = [];
  const from = new Date(Date.now() - 12 * DAY);
  const to = new Date(Date.now() + HOUR);
  const get = (path: string) => t.http().get(path).set('authorization', `Bearer ${manager.token}`);
  const range = `from=${from.toISOString()}&to=${to.toISOString()}`;

  beforeAll(async () => {
    t = await startTestApp(TEST_ENV);
    manager = await t.signIn('manager', '赵经理');
    const a = await t.signIn('consultant', '顾问甲');
    const b = await t.signIn('consultant', '顾问乙');
    ids = { A: a.userId, B: b.userId };
    // A real article and a real park (knowledge API), so the groups carry their title and name.
    const article = await t
      .http()
      .post('/api/articles')
      .set('authorization', `Bearer ${manager.token}`)
      .send({ title: '报表测试园区招商公告', body: '报表测试园区欢迎新能源汽车零部件企业入驻。' })
      .expect(201);
    const park = await t
      .http()
      .post('/api/parks')
      .set('authorization', `Bearer ${manager.token}`)
      .send({ name: '报表测试经济开发区' })
      .expect(201);
    art1 = article.body.id;
    park1 = park.body.id;
    for (const spec of SPECS) {
      if (spec.article === ART1) spec.article = art1;
      for (const step of spec.path) if (step.signed?.park === PARK1) step.signed.park = park1;
    }
    const tokens = { A: a.token, B: b.token };
    // One lead a day at 10:00 China time (02:00 UTC), from 11 days ago: weekday leads answered within
    // the day count their minutes in full, weekend leads count from Monday 09:00.
    const day0 = Math.floor((Date.now() - 11 * DAY) / DAY) * DAY + 2 * HOUR;
    for (const [i, spec] of SPECS.entries()) {
      const createdAt = new Date(day0 + i * DAY);
      const ownerId = spec.owner ? ids[spec.owner] : null;
      const lead = await newLead(t, manager.token, {
        company: `报表测试企业${i}`,
        contactName: `联系人${i}`,
        phone: `+86137000000${10 + i}`,
        ownerId,
        channel: spec.channel,
        sourceArticleId: spec.article,
        industryCode: spec.industry,
        industryName: spec.industry === 'C36' ? '汽车制造业' : spec.industry === 'C38' ? '电气机械和器材制造业' : null,
        createdAt,
      });
      const k: Known = {
        spec,
        ownerId,
        createdAt,
        furthest: 0,
        finalStage: 'new',
        signedAt: null,
        investment: null,
        tax: null,
        park: null,
        lostAt: null,
        lostFrom: null,
        lostReason: null,
      };
      const token = spec.owner ? tokens[spec.owner] : manager.token;
      if (spec.responseMin !== null) {
        await t
          .http()
          .post(`/api/leads/${lead.id}/activities`)
          .set('authorization', `Bearer ${token}`)
          .send({ type: 'call', body: '首次电话', at: new Date(createdAt.getTime() + spec.responseMin * MIN).toISOString() })
          .expect(201);
      }
      for (const [j, step] of spec.path.entries()) {
        const at = new Date(createdAt.getTime() + (j + 1) * 3 * HOUR);
        const body: Record<string, unknown> = {
          stage: step.stage,
          at: at.toISOString(),
          reason: step.reason,
          lostReason: step.lostReason,
          lostNote: step.lostNote,
        };
        if (step.signed) {
          const signedAt = new Date(createdAt.getTime() + step.signed.dayAfterCreation * DAY);
          Object.assign(body, {
            signedInvestmentWan: step.signed.investment,
            signedAnnualTaxWan: step.signed.tax,
            signedParkId: step.signed.park,
            signedAt: signedAt.toISOString(),
          });
          Object.assign(k, { signedAt, investment: step.signed.investment, tax: step.signed.tax, park: step.signed.park });
        }
        const res = await t.http().patch(`/api/leads/${lead.id}/stage`).set('authorization', `Bearer ${token}`).send(body);
        expect(res.status).toBe(200);
        if (step.stage === 'lost') Object.assign(k, { lostAt: at, lostFrom: k.finalStage, lostReason: step.lostReason });
        else if (STAGES.indexOf(step.stage) < 5) Object.assign(k, { signedAt: null, investment: null, tax: null, park: null });
        k.finalStage = step.stage;
        if (step.stage !== 'lost') k.furthest = Math.max(k.furthest, STAGES.indexOf(step.stage));
      }
      if (k.finalStage !== 'lost') Object.assign(k, { lostAt: null, lostFrom: null, lostReason: null });
      known.push(k);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const standing = (k: Known) => k.finalStage === 'signed' || k.finalStage === 'landed';

  it('funnel: leads reaching each stage, step conversion and signed ÷ all', async () => {
    const res = await get(`/api/reports/funnel?${range}`).expect(200);
    const counts = STAGES.map((_, r) => known.filter((k) => k.furthest >= r).length);
    expect(res.body.total).toBe(SPECS.length);
    expect(res.body.steps.map((s: { stage: string }) => s.stage)).toEqual(STAGES);
    expect(res.body.steps.map((s: { count: number }) => s.count)).toEqual(counts);
    expect(res.body.steps.map((s: { rateFromPrevious: number | null }) => s.rateFromPrevious)).toEqual(
      counts.map((c, i) => (i === 0 ? null : ratio(c, counts[i - 1]))),
    );
    expect(res.body.overallConversion).toBe(ratio(counts[5], SPECS.length));
    // Spot-check by hand: 10 leads; contacted or beyond: leads 1,2,3,4,6,8,10 → 7 (9 went straight to lost).
    expect(counts.slice(0, 2)).toEqual([10, 7]);

    const web = await get(`/api/reports/funnel?${range}&channel=web`).expect(200);
    expect(web.body.total).toBe(known.filter((k) => k.spec.channel === 'web').length);
    const late = await get(`/api/reports/funnel?from=${known[5].createdAt.toISOString()}&to=${to.toISOString()}`).expect(200);
    expect(late.body.total).toBe(5);
  });

  it.each(['channel', 'article', 'park', 'consultant', 'industry'] as const)('conversion grouped by %s', async (groupBy) => {
    const res = await get(`/api/reports/conversion?${range}&groupBy=${groupBy}`).expect(200);
    const keyOf = (k: Known) =>
      ({
        channel: k.spec.channel,
        article: k.spec.article,
        park: standing(k) ? k.park : k.park,
        consultant: k.ownerId,
        industry: k.spec.industry,
      })[groupBy];
    const keys = [...new Set(known.map(keyOf))];
    expect(res.body.rows).toHaveLength(keys.length);
    for (const key of keys) {
      const group = known.filter((k) => keyOf(k) === key);
      const deals = group.filter(standing);
      const row = res.body.rows.find((r: { key: string | null }) => r.key === key);
      expect(row).toMatchObject({
        key,
        leads: group.length,
        contacted: group.filter((k) => k.furthest >= 1).length,
        siteVisits: group.filter((k) => k.furthest >= 3).length,
        signed: deals.length,
        conversionRate: ratio(deals.length, group.length),
        signedInvestmentWan: deals.reduce((s, k) => s + (k.investment ?? 0), 0),
        signedAnnualTaxWan: deals.reduce((s, k) => s + (k.tax ?? 0), 0),
      });
    }
    if (groupBy === 'consultant') {
      expect(res.body.rows.find((r: { key: string | null }) => r.key === ids.A).label).toBe('顾问甲');
      expect(res.body.rows.find((r: { key: string | null }) => r.key === null).label).toBe('公海/未分配');
    }
    if (groupBy === 'park')
      expect(res.body.rows.find((r: { key: string }) => r.key === park1)).toMatchObject({
        signed: 1,
        signedInvestmentWan: 5000,
        label: '报表测试经济开发区',
      });
    if (groupBy === 'article') expect(res.body.rows.find((r: { key: string }) => r.key === art1).label).toBe('报表测试园区招商公告');
    if (groupBy === 'industry') {
      expect(res.body.rows.find((r: { key: string }) => r.key === 'C36').label).toBe('C36 汽车制造业');
      expect(res.body.rows.find((r: { key: string }) => r.key === 'C38').label).toBe('C38 电气机械和器材制造业');
    }
  });

  it('labels an industry with the name on its newest lead that has one, also after that name changes', async () => {
    const label = async () =>
      (await get(`/api/reports/conversion?${range}&groupBy=industry`).expect(200)).body.rows.find((r: { key: string }) => r.key === 'C36')
        .label;
    const c36 = known.filter((k) => k.spec.industry === 'C36').sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    expect(c36.length).toBeGreaterThan(1);
    const [newest] = await t.ds.query(`SELECT id FROM lead WHERE industry_code = 'C36' ORDER BY created_at DESC LIMIT 1`);
    await t.ds.query(`UPDATE lead SET industry_name = '汽车及零部件制造' WHERE id = $1`, [newest.id]);
    expect(await label()).toBe('C36 汽车及零部件制造');
    await t.ds.query(`UPDATE lead SET industry_name = NULL WHERE id = $1`, [newest.id]);
    expect(await label()).toBe('C36 汽车制造业'); // the next newest lead's name
    await t.ds.query(`UPDATE lead SET industry_name = '汽车制造业' WHERE id = $1`, [newest.id]);
    expect(await label()).toBe('C36 汽车制造业');
  });

  it('response times per consultant: median, p90 and SLA compliance in working minutes', async () => {
    const res = await get(`/api/reports/response-times?${range}&groupBy=consultant&slaMinutes=30`).expect(200);
    expect(res.body).toMatchObject({ slaMinutes: 30, minutes: 'working' });
    // Working minutes as the SLA counts them (routing's calendar, 09:00–18:00 Mon–Fri in China without a profile).
    const calendar = await t.app.get(RoutingService).calendar();
    const working = (k: Known) =>
      k.spec.responseMin === null
        ? null
        : workingMinutesBetween(k.createdAt, new Date(k.createdAt.getTime() + k.spec.responseMin * MIN), DEFAULT_WORKING_HOURS, calendar);
    for (const owner of [ids.A, ids.B, null]) {
      const group = known.filter((k) => k.ownerId === owner);
      const minutes = group.map(working).filter((m): m is number => m !== null);
      const row = res.body.rows.find((r: { key: string | null }) => r.key === owner);
      expect(row).toMatchObject({
        leads: group.length,
        responded: minutes.length,
        medianMinutes: interp(minutes, 0.5),
        p90Minutes: interp(minutes, 0.9),
        withinSla: minutes.filter((m) => m <= 30).length,
        slaCompliance: ratio(minutes.filter((m) => m <= 30).length, group.length),
      });
    }
    expect(res.body.rows.find((r: { key: string }) => r.key === ids.A)).toMatchObject({ leads: 5, responded: 5 });
    const weekday = known.filter(
      (k) => k.spec.responseMin !== null && ![0, 6].includes(new Date(k.createdAt.getTime() + 8 * HOUR).getUTCDay()),
    );
    expect(weekday.length).toBeGreaterThan(0);
    // A weekday 10:00 lead answered within two hours: working minutes are the plain minutes (unless a holiday).
    expect(weekday.some((k) => working(k) === k.spec.responseMin)).toBe(true);
    const byDefault = await get(`/api/reports/response-times?${range}`).expect(200);
    expect(byDefault.body.slaMinutes).toBe(30);
  });

  it('trend per day: new leads, signings and losses on their own dates', async () => {
    const res = await get(`/api/reports/trend?${range}&interval=day`).expect(200);
    const rows: { period: string; newLeads: number; signed: number; lost: number }[] = res.body.rows;
    expect(rows[0].period).toBe(chinaDay(from));
    expect(rows[rows.length - 1].period).toBe(chinaDay(new Date(to.getTime() - 1)));
    for (const row of rows) {
      expect(row).toEqual({
        period: row.period,
        newLeads: known.filter((k) => chinaDay(k.createdAt) === row.period).length,
        signed: known.filter((k) => standing(k) && k.signedAt && chinaDay(k.signedAt) === row.period).length,
        lost: known.filter((k) => k.lostAt && chinaDay(k.lostAt) === row.period).length,
      });
    }
    expect(rows.reduce((s, r) => s + r.newLeads, 0)).toBe(10);
    expect(rows.reduce((s, r) => s + r.signed, 0)).toBe(2);
    expect(rows.reduce((s, r) => s + r.lost, 0)).toBe(4);
    const month = await get(`/api/reports/trend?${range}&interval=month`).expect(200);
    expect(month.body.rows.reduce((s: number, r: { newLeads: number }) => s + r.newLeads, 0)).toBe(10);
  });

  it('lost reasons with the stage each lead was lost at', async () => {
    const res = await get(`/api/reports/lost-reasons?${range}`).expect(200);
    const lost = known.filter((k) => k.finalStage === 'lost');
    expect(res.body.total).toBe(lost.length);
    for (const row of res.body.rows as { reason: string; count: number; share: number; atStage: Record<string, number> }[]) {
      const group = lost.filter((k) => k.lostReason === row.reason);
      expect(row.count).toBe(group.length);
      expect(row.share).toBe(ratio(group.length, lost.length));
      for (const s of STAGES) expect(row.atStage[s]).toBe(group.filter((k) => k.lostFrom === s).length);
    }
    // Lead 8 was lost for "other", reopened, then lost as unreachable from contacted: only the last loss counts.
    expect(res.body.rows.find((r: { reason: string }) => r.reason === 'unreachable')).toMatchObject({
      count: 1,
      atStage: { contacted: 1 },
    });
    expect(res.body.rows.find((r: { reason: string }) => r.reason === 'other').count).toBe(0);
    expect(res.body.rows.find((r: { reason: string }) => r.reason === 'chose_other_park').atStage.site_visit).toBe(1);
  });

  it('applies the filters to every report', async () => {
    const bLost = known.filter((k) => k.ownerId === ids.B && k.finalStage === 'lost');
    const lost = await get(`/api/reports/lost-reasons?${range}&ownerId=${ids.B}`).expect(200);
    expect(lost.body.total).toBe(bLost.length);
    const web = known.filter((k) => k.spec.channel === 'web');
    const trendWeb = await get(`/api/reports/trend?${range}&interval=week&channel=web`).expect(200);
    const sum = (key: 'newLeads' | 'signed' | 'lost') => trendWeb.body.rows.reduce((s: number, r: Record<string, number>) => s + r[key], 0);
    expect([sum('newLeads'), sum('signed'), sum('lost')]).toEqual([
      web.length,
      web.filter((k) => standing(k)).length,
      web.filter((k) => k.finalStage === 'lost').length,
    ]);
    const pool = await get(`/api/reports/conversion?${range}&groupBy=channel&ownerId=pool`).expect(200);
    expect(pool.body.rows).toEqual([expect.objectContaining({ key: 'web', leads: known.filter((k) => k.ownerId === null).length })]);
    const c36 = await get(`/api/reports/response-times?${range}&industryCode=C36`).expect(200);
    expect(c36.body.rows.reduce((s: number, r: { leads: number }) => s + r.leads, 0)).toBe(
      known.filter((k) => k.spec.industry === 'C36').length,
    );
    const art = await get(`/api/reports/funnel?${range}&sourceArticleId=${art1}`).expect(200);
    expect(art.body.total).toBe(known.filter((k) => k.spec.article === art1).length);
    const park = await get(`/api/reports/funnel?${range}&parkId=${PARK2}`).expect(200);
    expect(park.body.total).toBe(1);
  });

  it('exports CSV and XLSX with Chinese headers and the same figures', async () => {
    const csv = await get(`/api/reports/conversion?${range}&groupBy=channel&format=csv`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = (csv.body as Buffer)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('渠道,编号,线索数,已联系,实地考察,已签约,转化率(%),签约投资额(万元),预计年税收(万元)');
    const web = known.filter((k) => k.spec.channel === 'web');
    expect(lines).toContain(
      `网页表单,web,${web.length},${web.filter((k) => k.furthest >= 1).length},${web.filter((k) => k.furthest >= 3).length},1,${Math.round((1 / web.length) * 10_000) / 100},5000,300`,
    );

    const xlsx = await get(`/api/reports/lost-reasons?${range}&format=xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('流失原因');
    expect(ws.getRow(1).getCell(2).value).toBe('流失线索数');
    const priceRow = ws.getRow(2);
    expect(priceRow.getCell(1).value).toBe('价格');
    expect(priceRow.getCell(2).value).toBe(1);
  });

  it('is for managers only, and names bad parameters', async () => {
    const c = await t.signIn('consultant');
    await t.http().get('/api/reports/funnel').set('authorization', `Bearer ${c.token}`).expect(403);
    const bad = await get('/api/reports/conversion?groupBy=color');
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('groupBy');
    const empty = await get(`/api/reports/trend?from=${to.toISOString()}&to=${from.toISOString()}`);
    expect(empty.body.fields[0]).toMatchObject({ field: 'from', code: 'RANGE_EMPTY' });
  });
});
