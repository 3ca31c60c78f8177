import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';
import { DEMO_ARTICLE, DemoKnowledgeProbe } from './knowledge-probe.js';

const ARTICLE = {
  title: '金华开发区出台稳企惠企政策',
  sourceUrl: 'https://example.gov.cn/jhkfq/2026/policy-1.html',
  publishedAt: '2026-02-10T08:00:00Z',
  body: [
    '<html><body><nav>首页 &gt; 政策</nav><div>',
    '<p>为支持企业发展，国家级金华经济技术开发区出台若干政策。金华开发区将聚焦高端装备制造、数字经济、大健康三大主导产业。</p>',
    '<p>对入驻标准厂房的中小企业，免收2月份房租，3至4月房租减半收取。</p>',
    '<p>按设备投资额的15%给予不超过300万元的奖励。</p>',
    '<p>入园项目固定资产投资不低于6000万元，且亩均投资强度不低于200万元或年纳税额不低于10万元/亩。</p>',
    '<p>在项目投产后，按企业对地方财政实际贡献的50%给予奖励。</p>',
    '<p>2025年开发区实现地区生产总值248.2亿元，同比增长3.4%；新签约项目28个，总投资322.18亿元。</p>',
    '</div><footer>版权所有 金华开发区</footer><script>track()</script></body></html>',
  ].join('\n'),
};

describe('knowledge base API: articles in, parks, industries, policies and statistics out', () => {
  let t: TestApp;
  let manager: string;
  let consultant: string;
  beforeAll(async () => {
    t = await startTestApp();
    manager = (await t.signIn('manager')).token;
    consultant = (await t.signIn('consultant')).token;
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('ingests an HTML article into one park, its industries, structured policies and statistics', async () => {
    const res = await t.http().post('/api/articles').set(auth(manager)).send(ARTICLE).expect(201);
    expect(res.body.created).toBe(true);
    expect(res.body.parks).toEqual([{ id: expect.any(String), name: '金华经济技术开发区', aliases: ['金华开发区'] }]);
    expect(res.body.industries.map((i: { name: string }) => i.name)).toEqual(['高端装备制造', '数字经济', '大健康']);
    const kinds = res.body.policies.map((p: { kind: string }) => p.kind);
    expect(kinds).toEqual(['rent_waiver', 'rent_discount', 'equipment_subsidy', 'other', 'tax_reward']);
    const parkId = res.body.parks[0].id;
    expect(res.body.policies[0]).toMatchObject({
      parkId,
      months: [2],
      percent: 100,
      status: 'extracted',
      quote: expect.stringContaining('免收2月份房租'),
    });
    expect(res.body.policies[1]).toMatchObject({ months: [3, 4], percent: 50, quote: '3至4月房租减半收取' });
    expect(res.body.policies[2]).toMatchObject({ percent: 15, capWan: 300, baseFact: 'equipmentInvestmentWan' });
    expect(res.body.policies[0].baseFact).toBe('rent');
    expect(res.body.policies[3].conditions.and[0]).toEqual({ fact: 'fixedAssetInvestmentWan', op: 'gte', value: 6000 });
    expect(res.body.policies[4]).toMatchObject({ legacyRisk: true, percent: 50 });
    expect(res.body.statistics.map((s: { label: string; value: number; unit: string }) => [s.label, s.value, s.unit])).toEqual([
      ['地区生产总值', 248.2, '亿元'],
      ['同比增长', 3.4, '%'],
      ['新签约项目', 28, '个'],
      ['总投资', 322.18, '亿元'],
    ]);
    for (const p of res.body.policies) expect(p.quote).not.toMatch(/生产总值|签约项目/);
  });

  it('updates instead of duplicating when the same URL or the same text comes again, keeping reviewed policies', async () => {
    const list = await t.http().get('/api/policies').set(auth(manager)).expect(200);
    const rent = list.body.find((p: { kind: string }) => p.kind === 'rent_waiver');
    await t.http().patch(`/api/policies/${rent.id}`).set(auth(manager)).send({ status: 'reviewed', title: '2月房租全免' }).expect(200);

    const again = await t.http().post('/api/articles').set(auth(manager)).send(ARTICLE).expect(201);
    expect(again.body.created).toBe(false);
    const sameText = await t
      .http()
      .post('/api/articles')
      .set(auth(manager))
      .send({ ...ARTICLE, sourceUrl: undefined })
      .expect(201);
    expect(sameText.body.id).toBe(again.body.id);

    const articles = await t.http().get('/api/articles').expect(200);
    expect(articles.body).toHaveLength(1);
    const policies = await t.http().get('/api/policies').set(auth(manager)).expect(200);
    expect(policies.body).toHaveLength(5);
    expect(policies.body.find((p: { id: string }) => p.id === rent.id)).toMatchObject({ status: 'reviewed', title: '2月房租全免' });
    const parks = await t.http().get('/api/parks').set(auth(consultant)).expect(200);
    expect(parks.body).toHaveLength(1);
  });

  it('shows the public only the reviewed policies of an article', async () => {
    const [a] = (await t.http().get('/api/articles').expect(200)).body;
    const res = await t.http().get(`/api/articles/${a.id}`).expect(200);
    expect(res.body.parks[0].name).toBe('金华经济技术开发区');
    expect(res.body.body).toContain('免收2月份房租');
    expect(res.body.body).not.toContain('track()');
    expect(res.body.policies.map((p: { kind: string }) => p.kind)).toEqual(['rent_waiver']);
  });

  it('filters policies by park, kind and status, and a manager rejects or corrects one', async () => {
    const parks = (await t.http().get('/api/parks').set(auth(consultant)).expect(200)).body;
    const parkId = parks[0].id;
    const eq = await t
      .http()
      .get(`/api/policies?parkId=${parkId}&kind=equipment_subsidy&status=extracted`)
      .set(auth(consultant))
      .expect(200);
    expect(eq.body).toHaveLength(1);
    const patched = await t
      .http()
      .patch(`/api/policies/${eq.body[0].id}`)
      .set(auth(manager))
      .send({ capWan: 500, conditions: { and: [{ fact: 'equipmentInvestmentWan', op: 'gte', value: 500 }] }, status: 'reviewed' })
      .expect(200);
    expect(patched.body).toMatchObject({
      capWan: 500,
      status: 'reviewed',
      conditions: { and: [{ fact: 'equipmentInvestmentWan', op: 'gte', value: 500 }] },
    });

    await t.http().patch(`/api/policies/${eq.body[0].id}`).set(auth(consultant)).send({ status: 'rejected' }).expect(403);
    const bad = await t
      .http()
      .patch(`/api/policies/${eq.body[0].id}`)
      .set(auth(manager))
      .send({ conditions: { and: [{ fact: 'shoeSize', op: 'gte', value: 42 }] } })
      .expect(400);
    expect(bad.body.fields[0]).toMatchObject({ field: 'conditions.and[0].fact' });
    expect(bad.body.fields[0].message_zh).toMatch(/必须是以下之一/);
    const badKind = await t.http().get('/api/policies?kind=free_lunch').set(auth(manager)).expect(400);
    expect(badKind.body.fields[0].field).toBe('kind');
  });

  it('park detail lists industries, visible policies and the articles that name it', async () => {
    const [park] = (await t.http().get('/api/parks').set(auth(consultant)).expect(200)).body;
    const res = await t.http().get(`/api/parks/${park.id}`).set(auth(consultant)).expect(200);
    expect(res.body.industries).toEqual([
      { name: '高端装备制造', code: 'C34' },
      { name: '数字经济', code: 'I65' },
      { name: '大健康', code: 'C27' },
    ]);
    expect(res.body.minInvestIntensityWanPerMu).toBe(200);
    expect(res.body.minTaxPerMuWan).toBe(10);
    expect(res.body.articles).toHaveLength(1);
    expect(res.body.policies.length).toBe(5);
  });

  it('creates and changes parks; an alias of an existing park is a 409 naming the field', async () => {
    const created = await t
      .http()
      .post('/api/parks')
      .set(auth(manager))
      .send({ name: '义乌经济技术开发区', aliases: ['义乌经开区'], level: 'national', industries: [{ name: '新能源汽车', code: 'C36' }] })
      .expect(201);
    expect(created.body).toMatchObject({
      name: '义乌经济技术开发区',
      level: 'national',
      industries: [{ name: '新能源汽车', code: 'C36' }],
    });
    const dup = await t.http().post('/api/parks').set(auth(manager)).send({ name: '金华开发区' }).expect(409);
    expect(dup.body.fields[0].field).toBe('name');
    const patched = await t
      .http()
      .patch(`/api/parks/${created.body.id}`)
      .set(auth(manager))
      .send({ region: '浙江省义乌市', minTaxPerMuWan: 30 })
      .expect(200);
    expect(patched.body).toMatchObject({ region: '浙江省义乌市', minTaxPerMuWan: 30 });
    await t.http().post('/api/parks').set(auth(consultant)).send({ name: '东阳经济开发区' }).expect(403);
    const invalid = await t.http().post('/api/parks').set(auth(manager)).send({ name: '' }).expect(400);
    expect(invalid.body.fields[0].field).toBe('name');
  });

  it('refuses ingestion from consultants and the public, and names a missing body', async () => {
    await t.http().post('/api/articles').set(auth(consultant)).send(ARTICLE).expect(403);
    await t.http().post('/api/articles').send(ARTICLE).expect(401);
    const res = await t.http().post('/api/articles').set(auth(manager)).send({ title: '无正文' }).expect(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('body');
  });

  it('seeds the demo park by ingesting the demo article, idempotently', async () => {
    const probe = new DemoKnowledgeProbe(t);
    const first = await probe.seed();
    const second = await probe.seed();
    expect(second.articles).toBe(first.articles);
    const park = (await t.http().get('/api/parks').set(auth(consultant)).expect(200)).body.find(
      (p: { name: string }) => p.name === '金华经济技术开发区',
    );
    const detail = await t.http().get(`/api/parks/${park.id}`).set(auth(consultant)).expect(200);
    expect(detail.body.industries.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['高端装备制造', '数字经济', '大健康', '新能源汽车', '生物医药']),
    );
    expect(detail.body.region).toBe('浙江省金华市');
    const demoArticle = detail.body.articles.find((a: { sourceUrl: string }) => a.sourceUrl === DEMO_ARTICLE.sourceUrl);
    expect(demoArticle.demo).toBe(true);
    const reviewed = await t.http().get(`/api/policies?parkId=${park.id}&status=reviewed`).set(auth(consultant)).expect(200);
    expect(reviewed.body.length).toBeGreaterThanOrEqual(10);
  });
});
