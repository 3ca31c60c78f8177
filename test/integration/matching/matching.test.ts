import { ListingsDemo } from '@app/listings';
import { LeadsRepository, type Lead } from '@app/leads';
import { KnowledgeService } from '@app/knowledge';
import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';

interface Reason {
  code: string;
  ok: boolean;
  text_zh: string;
  text_en: string;
}
interface Match {
  listing: { id: string; title: string; externalCode: string | null };
  score: number;
  reasons: Reason[];
  hold: { forThisLead: boolean; heldByName: string | null } | null;
}

describe('matching: GET /api/leads/:id/matches', () => {
  let t: TestApp;
  let manager: string;
  let consultant: { token: string; userId: string };
  let seq = 0;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A lead as intake stores "3000平方米厂房，租，汽车零部件，年税收300万" (parsed fields). */
  const newLead = async (fields: Partial<Lead> = {}): Promise<Lead> => {
    const leads = t.app.get(LeadsRepository);
    const n = ++seq;
    return leads.transaction((m) =>
      leads.createLead(m, {
        reference: `ZS-T-M${n}`,
        company: `金华汽配${n}`,
        contactName: '张三',
        phoneEnc: 'x',
        phoneHash: `m${n}`,
        phoneMasked: '138****0000',
        phoneLast4: '0000',
        need: '3000平方米厂房，租',
        usage: '汽车零部件',
        taxText: '年税收300万',
        propertyType: 'factory',
        dealType: 'rent',
        areaSqmMin: 3000,
        areaSqmMax: 3000,
        areaUnit: 'sqm',
        industryCode: 'C36',
        industryName: '汽车零部件',
        annualTaxWan: 300,
        ...fields,
      }),
    );
  };

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await t.signIn('manager')).token;
    consultant = await t.signIn('consultant', '王顾问');
  });
  afterAll(async () => {
    await t.close();
  });

  // The listings' own demo step (DemoService.seed also runs other features' steps).
  it('ranks the fitting demo factory first and rules out land, sold and too-small listings, each with its reason', async () => {
    await t.app.get(ListingsDemo).seed();
    const lead = await newLead();
    const res = await t.http().get(`/api/leads/${lead.id}/matches`).set(auth(consultant.token)).expect(200);
    const listings = res.body.listings as Match[];
    expect(listings[0].listing.externalCode).toBe('DEMO-F1');
    expect(listings.map((m) => m.listing.externalCode)).toEqual(['DEMO-F1', 'DEMO-F2']);
    expect(listings[0].score).toBeGreaterThan(listings[1].score);
    const texts = listings[0].reasons.map((r) => r.text_zh);
    expect(texts).toContain('预计亩均税收62.5万元/亩，高于园区要求30万元/亩');
    expect(texts).toContain('面积3200㎡，比需求3000㎡大7%，在可接受范围内');
    expect(texts).toContain('客户行业C36属于载体准入产业');
    expect(texts).toContain('园区要求投资强度200万元/亩，需要投资额才能判断');

    const excluded = new Map(
      (res.body.excluded as { listing: { externalCode: string }; reasons: Reason[] }[]).map((e) => [e.listing.externalCode, e.reasons]),
    );
    expect(excluded.get('DEMO-L1')?.map((r) => r.text_zh)).toEqual(
      expect.arrayContaining(['载体是土地，需求是厂房', '载体土地出让，客户要租']),
    );
    expect(excluded.get('DEMO-F3')?.map((r) => r.code)).toEqual(expect.arrayContaining(['status', 'deal']));
    expect(excluded.get('DEMO-F3')?.map((r) => r.text_zh)).toContain('载体已售出，不可租售');
    expect(excluded.get('DEMO-F4')?.map((r) => r.text_zh)).toEqual(['面积800㎡，小于需求3000㎡（允许偏差20%，至少2400㎡）']);
    expect(Array.isArray(res.body.policies)).toBe(true);
    // a shown listing is the listing as GET /api/listings/:id shows it (read in one JSON statement, not through TypeORM)
    const full = await t.http().get(`/api/listings/${listings[0].listing.id}`).set(auth(manager)).expect(200);
    expect(listings[0].listing).toEqual(full.body);
    // ruled-out listings are named (what the reasons refer to), not shown in full
    const f4 = (res.body.excluded as { listing: Record<string, unknown> }[]).find((e) => e.listing.externalCode === 'DEMO-F4')!;
    expect(Object.keys(f4.listing).sort()).toEqual([
      'areaSqm',
      'deal',
      'externalCode',
      'id',
      'kind',
      'parkId',
      'region',
      'status',
      'title',
    ]);

    // ?limit=: only the best, exactly as in the full answer
    const one = await t.http().get(`/api/leads/${lead.id}/matches?limit=1&excluded=false`).set(auth(consultant.token)).expect(200);
    expect(one.body.listings).toEqual([listings[0]]);
    expect(one.body.excluded).toEqual([]);
    await t.http().get(`/api/leads/${lead.id}/matches?limit=0`).set(auth(consultant.token)).expect(400);
    await t.http().get(`/api/leads/${lead.id}/matches?limit=101`).set(auth(consultant.token)).expect(400);

    // seeding twice adds nothing
    const before = (await t.http().get('/api/listings?limit=500').set(auth(manager))).body.total;
    await t.app.get(ListingsDemo).seed();
    expect((await t.http().get('/api/listings?limit=500').set(auth(manager))).body.total).toBe(before);
  });

  it('recomputes on demand: a reserved listing drops out, a changed lead changes the ranking, a hold shows to other consultants', async () => {
    const mk = async (body: Record<string, unknown>) =>
      (await t.http().post('/api/listings').set(auth(manager)).send(body).expect(201)).body as { id: string };
    const a = await mk({
      title: '义乌厂房甲',
      kind: 'factory',
      deal: 'rent',
      address: '义乌1号',
      region: '浙江省金华市义乌市',
      areaSqm: 5000,
      clearHeightM: 12,
      craneTons: 20,
      envApproved: true,
    });
    const b = await mk({
      title: '义乌厂房乙',
      kind: 'factory',
      deal: 'rent',
      address: '义乌2号',
      region: '浙江省金华市义乌市',
      areaSqm: 5200,
      clearHeightM: 6,
      envApproved: true,
    });
    const lead = await newLead({ areaSqmMin: 4500, areaSqmMax: 5500, region: '义乌', requirements: { craneTons: 10, clearHeightM: 8 } });
    const get = async () =>
      (await t.http().get(`/api/leads/${lead.id}/matches`).set(auth(consultant.token)).expect(200)).body as {
        listings: Match[];
        excluded: { listing: { id: string }; reasons: Reason[] }[];
      };

    let m = await get();
    expect(m.listings.map((x) => x.listing.id)).toEqual([a.id]);
    expect(m.listings[0].reasons.map((r) => r.text_zh)).toEqual(
      expect.arrayContaining([
        '面积5000㎡，在需求4500–5500㎡之内',
        '行车20t，满足要求的10t',
        '位于浙江省金华市义乌市，符合客户意向区域义乌',
      ]),
    );
    expect(m.excluded.find((e) => e.listing.id === b.id)?.reasons.map((r) => r.text_zh)).toEqual(['层高6m，低于要求的8m']);

    // another consultant holds it for another lead: shown as held (撞单)
    const other = await t.signIn('consultant', '李顾问');
    const otherLead = await newLead();
    await t
      .http()
      .post(`/api/listings/${a.id}/holds`)
      .set(auth(other.token))
      .send({ leadId: otherLead.id, until: new Date(Date.now() + 3600_000).toISOString() })
      .expect(201);
    m = await get();
    expect(m.listings[0].hold).toMatchObject({ forThisLead: false, heldByName: '李顾问' });
    expect(m.listings[0].reasons[0]).toMatchObject({ code: 'held', ok: false });

    // reserved: drops out at once
    await t.http().patch(`/api/listings/${a.id}`).set(auth(manager)).send({ status: 'reserved' }).expect(200);
    m = await get();
    expect(m.listings).toEqual([]);

    // the lead no longer needs a tall building: 乙 fits
    await t.ds.query(`UPDATE lead SET requirements = '{}' WHERE id = $1`, [lead.id]);
    m = await get();
    expect(m.listings.map((x) => x.listing.id)).toEqual([b.id]);

    // a listing changed behind the API's back (plain SQL) shows changed at once: rows read before are reused only at the same version
    await t.ds.query(`UPDATE listing SET rent_yuan_per_sqm_month = 31 WHERE id = $1`, [b.id]);
    m = await get();
    expect(m.listings[0].reasons.map((r) => r.text_zh)).toContain('租金31元/㎡/月（客户未提预算）');
    expect(m.listings[0].listing).toMatchObject({ rentYuanPerSqmMonth: 31 });
  });

  it('uses the park thresholds and focus industries, and evaluates its reviewed policies', async () => {
    const park = await t.app.get(KnowledgeService).createPark({
      name: '匹配测试园区',
      region: '浙江省金华市',
      minTaxPerMuWan: 40,
      minInvestIntensityWanPerMu: 200,
      industries: [{ name: '汽车零部件', code: 'C36' }],
    });
    const listing = (
      await t
        .http()
        .post('/api/listings')
        .set(auth(manager))
        .send({ title: '园区厂房', kind: 'factory', deal: 'rent', address: '园区路1号', areaSqm: 3000, parkId: park.id })
        .expect(201)
    ).body as { id: string };
    const insert = (
      title: string,
      status: string,
      conditions: unknown,
      amountWan: number | null,
      percent: number | null,
      capWan: number | null,
    ) =>
      t.ds.query(
        `INSERT INTO policy (park_id, kind, title, quote, amount_wan, percent, cap_wan, conditions, status) VALUES ($1, 'investment_subsidy', $2, $2, $3, $4, $5, $6, $7)`,
        [park.id, title, amountWan, percent, capWan, JSON.stringify(conditions), status],
      );
    await insert('投资奖励', 'reviewed', { and: [{ fact: 'investmentWan', op: 'gte', value: 5000 }] }, null, 8, 500);
    await insert('纳税奖励', 'reviewed', { fact: 'annualTaxWan', op: 'gte', value: 100 }, 50, null, null);
    await insert('未审核政策', 'extracted', null, 10, null, null);

    const lead = await newLead({ areaSqmMin: 2900, areaSqmMax: 3100 });
    const res = await t.http().get(`/api/leads/${lead.id}/matches`).set(auth(consultant.token)).expect(200);
    const m = (res.body.listings as Match[]).find((x) => x.listing.id === listing.id)!;
    const texts = m.reasons.map((r) => r.text_zh);
    expect(texts).toContain('预计亩均税收66.7万元/亩，高于园区要求40万元/亩');
    expect(m.reasons.find((r) => r.code === 'focus_industry')).toMatchObject({ ok: true });

    type P = {
      policy: { title: string; parkId: string | null };
      eligible: boolean | string;
      reasons: Reason[];
      estimatedBenefitWan: number | null;
    };
    // only this park's (the demo seed of an earlier test adds region-wide ones)
    const policies = (res.body.policies as P[]).filter((p) => p.policy.parkId === park.id);
    expect(policies.map((p) => p.policy.title).sort()).toEqual(['投资奖励', '纳税奖励']);
    const invest = policies.find((p) => p.policy.title === '投资奖励')!;
    expect(invest.eligible).toBe('unknown');
    expect(invest.reasons[0].text_zh).toBe('需要投资额才能判断');
    const tax = policies.find((p) => p.policy.title === '纳税奖励')!;
    expect(tax).toMatchObject({ eligible: true, estimatedBenefitWan: 50 });

    // the most useful first: eligible, then unknown, then not eligible; the larger benefit first
    const all = res.body.policies as P[];
    const rank = (e: P['eligible']) => (e === true ? 0 : e === 'unknown' ? 1 : 2);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(rank(a.eligible)).toBeLessThanOrEqual(rank(b.eligible));
      if (rank(a.eligible) === rank(b.eligible))
        expect(a.estimatedBenefitWan ?? -Infinity).toBeGreaterThanOrEqual(b.estimatedBenefitWan ?? -Infinity);
    }
    expect(all.indexOf(tax)).toBeLessThan(all.indexOf(invest));
    // policiesTotal: every reviewed policy of the matched parks and region-wide (not the extracted one); ?policyLimit= caps the list
    const [{ n }] = (await t.ds.query(
      `SELECT count(*)::int AS n FROM policy WHERE status = 'reviewed' AND (park_id IS NULL OR park_id IN (SELECT park_id FROM listing WHERE id = ANY($1::uuid[])))`,
      [(res.body.listings as Match[]).map((x) => x.listing.id)],
    )) as { n: number }[];
    expect(res.body.policiesTotal).toBe(n);
    expect(all).toHaveLength(Math.min(n, 20));
    const one = await t.http().get(`/api/leads/${lead.id}/matches?policyLimit=1`).set(auth(consultant.token)).expect(200);
    expect(one.body.policies).toEqual([all[0]]);
    expect(one.body.policiesTotal).toBe(n);
    const none = await t.http().get(`/api/leads/${lead.id}/matches?policyLimit=0`).set(auth(consultant.token)).expect(200);
    expect(none.body).toMatchObject({ policies: [], policiesTotal: n });
    for (const bad of ['-1', '201', '2.5', 'x']) {
      const r = await t.http().get(`/api/leads/${lead.id}/matches?policyLimit=${bad}`).set(auth(consultant.token)).expect(400);
      expect(r.body).toMatchObject({ message_zh: expect.any(String), message_en: expect.any(String) });
      expect(JSON.stringify(r.body.fields)).toContain('policyLimit');
    }

    // the park raises its threshold (plain SQL): the next answer uses it
    await t.ds.query(`UPDATE park SET min_tax_per_mu_wan = 70 WHERE id = $1`, [park.id]);
    const raised = await t.http().get(`/api/leads/${lead.id}/matches`).set(auth(consultant.token)).expect(200);
    expect((raised.body.listings as Match[]).find((x) => x.listing.id === listing.id)!.reasons.map((r) => r.text_zh)).toContain(
      '预计亩均税收66.7万元/亩，低于园区要求70万元/亩',
    );

    // the investor states an investment: the investment reward becomes eligible with its benefit
    await t.ds.query(`UPDATE lead SET investment_wan = 10000 WHERE id = $1`, [lead.id]);
    const again = await t.http().get(`/api/leads/${lead.id}/matches`).set(auth(consultant.token)).expect(200);
    expect((again.body.policies as P[]).find((p) => p.policy.title === '投资奖励')).toMatchObject({
      eligible: true,
      estimatedBenefitWan: 500,
    });

    // policies are kept per process by row version: a policy changed with plain SQL shows changed at once, one no longer reviewed goes
    await t.ds.query(`UPDATE policy SET amount_wan = 80 WHERE park_id = $1 AND title = '纳税奖励'`, [park.id]);
    await t.ds.query(`UPDATE policy SET status = 'extracted' WHERE park_id = $1 AND title = '投资奖励'`, [park.id]);
    const changed = await t.http().get(`/api/leads/${lead.id}/matches`).set(auth(consultant.token)).expect(200);
    const own = (changed.body.policies as P[]).filter((p) => p.policy.parkId === park.id);
    expect(own.map((p) => [p.policy.title, p.estimatedBenefitWan])).toEqual([['纳税奖励', 80]]);
    expect(changed.body.policiesTotal).toBe(again.body.policiesTotal - 1);
  });

  it('refuses a consultant another consultant’s lead and answers 404 for an unknown lead', async () => {
    const owner = await t.signIn('consultant');
    const lead = await newLead({ ownerId: owner.userId });
    await t.http().get(`/api/leads/${lead.id}/matches`).set(auth(consultant.token)).expect(404);
    await t.http().get(`/api/leads/${lead.id}/matches`).set(auth(owner.token)).expect(200);
    await t.http().get(`/api/leads/00000000-0000-4000-8000-000000000000/matches`).set(auth(manager)).expect(404);
  });
});
