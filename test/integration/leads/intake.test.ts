import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ConsentRecord, Lead, LeadEvent, LeadLifecycle, LeadsRepository } from '@app/leads';
import { PersonalDataCipher } from '@app/privacy';
import { DemoService } from '@app/demo';
import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';

let seq = 0;
/** A distinct valid mobile per call. */
const mobile = (): string => `137${String(40_000_000 + ++seq * 7919).padStart(8, '0')}`;

const form = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  need: '标准厂房3000平方，租，层高8米',
  usage: '新能源汽车电机生产',
  tax: '年税收300万',
  company: '苏州恒驰电机有限公司',
  contact: '王先生',
  phone: mobile(),
  consent: true,
  ...over,
});

describe('lead intake: POST /api/leads, /api/leads/parse, /api/leads/status', () => {
  let t: TestApp;
  let leads: LeadsRepository;
  let cipher: PersonalDataCipher;
  const created: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      INTAKE_LIMIT_PER_IP_PER_MINUTE: '0',
      INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0',
      PRIVACY_NOTICE_VERSION: '2026-11-test',
    });
    leads = t.app.get(LeadsRepository);
    cipher = t.app.get(PersonalDataCipher);
    t.app.get(LeadLifecycle).onCreated(async (leads) => {
      created.push(...leads.map((l) => l.id));
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const inquiries = (leadId: string): Promise<number> => t.ds.getRepository(LeadEvent).countBy({ leadId, type: 'inquiry' });

  it('creates a lead with a reference, the parsed need, an encrypted E.164 phone and the consent record', async () => {
    const articleId = randomUUID();
    const res = await t
      .http()
      .post('/api/leads')
      .set('user-agent', 'jest-intake/1.0')
      .send(
        form({ phone: '+86 138-1234-0001', shareConsent: true, sourceArticleId: articleId, channel: 'article', email: 'wang@example.com' }),
      )
      .expect(201);
    expect(res.body).toMatchObject({ stage: 'new', duplicate: false });
    expect(res.body.reference).toMatch(/^ZS-\d{4}-\d{6}$/);
    expect(res.body.parsed).toMatchObject({
      propertyType: 'factory',
      dealType: 'rent',
      areaSqm: { min: 3000, max: 3000 },
      areaUnit: 'sqm',
      industry: { code: 'C38', name: '电气机械和器材制造业' },
      strategicIndustry: '新能源汽车',
      annualTaxWan: 300,
      requirements: { clearHeightM: 8 },
    });

    const lead = (await leads.findById(res.body.id))!;
    expect(lead).toMatchObject({
      stage: 'new',
      spam: false,
      channel: 'article',
      sourceArticleId: articleId,
      company: '苏州恒驰电机有限公司',
      contactName: '王先生',
      phoneMasked: '138****0001',
      phoneLast4: '0001',
      phoneHash: cipher.hash('+8613812340001'),
      areaSqmMin: 3000,
      annualTaxWan: 300,
      industryCode: 'C38',
      email: 'wang@example.com',
    });
    expect(lead.phoneEnc).not.toContain('13812340001');
    expect(cipher.decrypt(lead.phoneEnc)).toBe('+8613812340001');
    expect(created).toContain(lead.id);
    expect(await inquiries(lead.id)).toBe(1);

    const consents = await t.ds.getRepository(ConsentRecord).findBy({ leadId: lead.id });
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      noticeVersion: '2026-11-test',
      shareConsent: true,
      purposes: ['follow_up', 'share_with_parks'],
      channel: 'article',
      userAgent: 'jest-intake/1.0',
    });
    expect(consents[0].ip).toBeTruthy();
    expect(consents[0].grantedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('takes the fields missing from the JSON out of a pasted WeChat message', async () => {
    const phone = mobile();
    const message = `您好[微笑]\n需求：工业用地30-50亩，拿地自建；用途：生物医药原料药；税收：预计年税收1.2亿；公司：江苏康元药业股份有限公司；联系人：赵总；手机：${phone}`;
    const res = await t.http().post('/api/leads').send({ message, consent: true, channel: 'wechat' }).expect(201);
    expect(res.body.parsed).toMatchObject({
      propertyType: 'land',
      dealType: 'buy',
      areaSqm: { min: 20000, max: 33333.33 },
      area: { min: 30, max: 50, unit: 'mu' },
      industry: { code: 'C27' },
      annualTaxWan: 12000,
      taxPerMuWan: 300,
    });
    const lead = (await leads.findById(res.body.id))!;
    expect(lead).toMatchObject({ company: '江苏康元药业股份有限公司', contactName: '赵总', channel: 'wechat', areaUnit: 'mu' });
    // The phone is kept encrypted; the stored message and inquiry keep it masked only.
    expect(lead.message).toBe(message.replace(phone, `${phone.slice(0, 3)}****${phone.slice(7)}`));
    const events = await leads.listEvents(lead.id);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(phone);
    expect(cipher.decrypt(lead.phoneEnc)).toBe(`+86${phone}`);
  });

  it('lets structured fields override the parser', async () => {
    const res = await t
      .http()
      .post('/api/leads')
      .send(
        form({
          propertyType: 'warehouse',
          dealType: 'buy',
          areaSqmMin: 1000,
          areaSqmMax: 2000,
          region: '嘉兴',
          annualTaxWan: 50,
          investmentWan: 8000,
        }),
      )
      .expect(201);
    expect(res.body.parsed).toMatchObject({
      propertyType: 'warehouse',
      dealType: 'buy',
      areaSqm: { min: 1000, max: 2000 },
      region: '嘉兴',
      annualTaxWan: 50,
      investmentWan: 8000,
    });
    expect(await leads.findById(res.body.id)).toMatchObject({
      propertyType: 'warehouse',
      areaSqmMax: 2000,
      region: '嘉兴',
      investmentWan: 8000,
    });
  });

  it('appends a second inquiry from the same phone (any writing) to the open lead with 200', async () => {
    const phone = mobile();
    const first = await t.http().post('/api/leads').send(form({ phone })).expect(201);
    const again = await t
      .http()
      .post('/api/leads')
      .send(form({ phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, need: '另需仓库2000平' }))
      .expect(200);
    expect(again.body).toEqual({ id: first.body.id, reference: first.body.reference, duplicate: true });
    const events = await leads.listEvents(first.body.id);
    const appended = events.filter((e) => e.type === 'inquiry' && e.data.duplicate === true);
    expect(appended).toHaveLength(1);
    expect(appended[0].data).toMatchObject({ need: '另需仓库2000平' });
    expect(await t.ds.getRepository(Lead).countBy({ phoneHash: cipher.hash(`+86${phone}`) })).toBe(1);
  });

  it('opens a new lead linked to the old one when the earlier lead is signed, landed or lost', async () => {
    const phone = mobile();
    const first = await t.http().post('/api/leads').send(form({ phone })).expect(201);
    const old = (await leads.findById(first.body.id))!;
    old.stage = 'lost';
    await leads.saveLead(old);
    const second = await t.http().post('/api/leads').send(form({ phone })).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect((await leads.findById(second.body.id))!.previousLeadId).toBe(first.body.id);
  });

  it('refuses with 400 VALIDATION_FAILED naming every bad field in Chinese and English', async () => {
    const res = await t
      .http()
      .post('/api/leads')
      .send({ need: '厂房999999999平方', usage: '生产', tax: '年税收5000亿', company: '   ', contact: '李', phone: '12345678901' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries((res.body.fields as { field: string; code: string }[]).map((f) => [f.field, f.code]));
    expect(byField).toMatchObject({
      consent: 'CONSENT_REQUIRED',
      phone: 'PHONE_INVALID',
      company: 'REQUIRED',
      need: 'AREA_OUT_OF_RANGE',
      tax: 'TAX_OUT_OF_RANGE',
    });
    for (const f of res.body.fields) {
      expect(f.message_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.message_en.length).toBeGreaterThan(5);
    }
    expect(await t.ds.getRepository(Lead).countBy({ company: '' })).toBe(0);
  });

  it('names type errors and intake checks together in one 400', async () => {
    const res = await t
      .http()
      .post('/api/leads')
      .send({ need: '厂房3000平', company: '', contact: '王先生', phone: '123', areaSqmMin: 'lots', channel: 'fax', extra: 1 })
      .expect(400);
    const fields = (res.body.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['areaSqmMin', 'channel', 'company', 'consent', 'extra', 'phone']);
  });

  it('refuses consent: false, a missing phone and wrong types with the field named', async () => {
    const noConsent = await t
      .http()
      .post('/api/leads')
      .send(form({ consent: false }))
      .expect(400);
    expect(noConsent.body.fields.map((f: { field: string }) => f.field)).toEqual(['consent']);
    const noPhone = await t
      .http()
      .post('/api/leads')
      .send(form({ phone: undefined }))
      .expect(400);
    expect(noPhone.body.fields[0]).toMatchObject({ field: 'phone', code: 'REQUIRED' });
    const types = await t
      .http()
      .post('/api/leads')
      .send(form({ areaSqmMin: '3000', consent: 'yes', channel: 'fax', company: 42 }))
      .expect(400);
    expect(types.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['areaSqmMin', 'channel', 'company', 'consent']);
    const absurd = await t
      .http()
      .post('/api/leads')
      .send(form({ areaSqmMax: 1e12, investmentWan: -5 }))
      .expect(400);
    expect(absurd.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['areaSqmMax', 'investmentWan']);
    const inverted = await t
      .http()
      .post('/api/leads')
      .send(form({ areaSqmMin: 5000, areaSqmMax: 1000 }))
      .expect(400);
    expect(inverted.body.fields[0]).toMatchObject({ field: 'areaSqmMax', code: 'AREA_RANGE_INVERTED' });
  });

  it('accepts landlines and 400 numbers', async () => {
    await t
      .http()
      .post('/api/leads')
      .send(form({ phone: '0512-67891234' }))
      .expect(201);
    await t
      .http()
      .post('/api/leads')
      .send(form({ phone: '400-820-1234' }))
      .expect(201);
  });

  it('accepts a filled honeypot but marks the lead spam and never routes it', async () => {
    const before = created.length;
    const res = await t
      .http()
      .post('/api/leads')
      .send(form({ website: 'http://spam.example' }))
      .expect(201);
    expect(res.body.duplicate).toBe(false);
    expect((await leads.findById(res.body.id))!.spam).toBe(true);
    expect(created.length).toBe(before);
  });

  it('replays the first response for a repeated Idempotency-Key and creates nothing new', async () => {
    const key = `k-${randomUUID()}`;
    const body = form();
    const first = await t.http().post('/api/leads').set('idempotency-key', key).send(body).expect(201);
    const second = await t.http().post('/api/leads').set('idempotency-key', key).send(body).expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await inquiries(first.body.id)).toBe(1);
    const bad = await t.http().post('/api/leads').set('idempotency-key', 'x'.repeat(300)).send(form()).expect(400);
    expect(bad.body.fields[0].field).toBe('Idempotency-Key');
  });

  it('50 concurrent submissions with the same phone make exactly one lead and 49 appended inquiries', async () => {
    const phone = mobile();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t
          .http()
          .post('/api/leads')
          .send(form({ phone, need: `厂房${1000 + i}平` })),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const rows = await t.ds.getRepository(Lead).findBy({ phoneHash: cipher.hash(`+86${phone}`) });
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.id))).toEqual(new Set([rows[0].id]));
    const events = await leads.listEvents(rows[0].id);
    expect(events.filter((e) => e.type === 'inquiry' && e.data.duplicate === true)).toHaveLength(49);
    expect(events.filter((e) => e.type === 'inquiry' && e.data.first === true)).toHaveLength(1);
    expect(await t.ds.getRepository(ConsentRecord).countBy({ leadId: rows[0].id })).toBe(50);
  }, 60_000);

  it('50 concurrent submissions with one Idempotency-Key make one lead and one event', async () => {
    const key = `conc-${randomUUID()}`;
    const body = form();
    const results = await Promise.all(Array.from({ length: 50 }, () => t.http().post('/api/leads').set('idempotency-key', key).send(body)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const rows = await t.ds.getRepository(Lead).findBy({ phoneHash: cipher.hash(`+86${String(body.phone)}`) });
    expect(rows).toHaveLength(1);
    expect(await inquiries(rows[0].id)).toBe(1);
  }, 60_000);

  it('saves a mixed batch in one statement, each intake with the outcome it would have had alone', async () => {
    // What LeadIntakeService hands the repository, reduced to the columns that matter here.
    const arg = (phone: string, over: { key?: string; spam?: boolean; company?: string } = {}) => ({
      key: over.key ?? null,
      lead: {
        spam: over.spam ?? false,
        channel: 'web',
        company: over.company ?? '批量测试有限公司',
        contact_name: '赵女士',
        phone_enc: cipher.encrypt(`+86${phone}`),
        phone_hash: cipher.hash(`+86${phone}`),
        phone_masked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        phone_last4: phone.slice(-4),
        need: '厂房2000平',
        usage: '',
        tax_text: '',
        parsed: { propertyType: 'factory' },
      },
      inquiry: { channel: 'web', need: '厂房2000平' },
      consent: { notice_version: '2026-11-test', purposes: ['follow_up'], share_consent: false, channel: 'web' },
    });
    const open = mobile();
    const openLead = (
      await t
        .http()
        .post('/api/leads')
        .send(form({ phone: open }))
        .expect(201)
    ).body;
    const closed = mobile();
    const closedLead = (
      await t
        .http()
        .post('/api/leads')
        .send(form({ phone: closed }))
        .expect(201)
    ).body;
    await t.ds.query(`UPDATE lead SET stage = 'lost' WHERE id = $1`, [closedLead.id]);
    const [fresh, twice, keyed, spam] = [mobile(), mobile(), mobile(), mobile()];
    const key = `batch-${randomUUID()}`;
    const batch = [
      arg(fresh),
      arg(open),
      arg(closed),
      arg(twice, { company: 'first' }),
      arg(keyed, { key }),
      arg(twice, { company: 'second' }),
      arg(keyed, { key }),
      arg(spam, { spam: true }),
      arg(open, { spam: true }),
    ];
    const [{ r }] = await t.ds.query(`SELECT zs_lead_intake_batch($1::jsonb) AS r`, [JSON.stringify(batch)]);
    expect(r.map((o: { outcome: string; status: number }) => `${o.outcome} ${o.status}`)).toEqual([
      'created 201',
      'duplicate 200',
      'created 201',
      'created 201',
      'created 201',
      'duplicate 200',
      'replayed 201',
      'created 201',
      'created 201',
    ]);
    expect(r[1].response).toEqual({ id: openLead.id, reference: openLead.reference, duplicate: true });
    expect(r[2].previousLeadId).toBe(closedLead.id);
    expect(r[5].id).toBe(r[3].id);
    expect(r[6].response).toEqual(r[4].response);
    expect(r[8].id).not.toBe(openLead.id);
    for (const i of [0, 2, 3, 4, 7, 8]) {
      expect(r[i].reference).toMatch(/^ZS-\d{4}-\d{6,}$/);
      expect(r[i].response).toMatchObject({ id: r[i].id, reference: r[i].reference, stage: 'new', duplicate: false });
    }
    const made = [0, 2, 3, 4, 7, 8].map((i) => r[i].id);
    expect(new Set(made).size).toBe(6);
    expect(new Set([0, 2, 3, 4, 7, 8].map((i) => r[i].reference)).size).toBe(6);

    // Every row where the one-by-one function would have put it.
    const hash = (phone: string) => cipher.hash(`+86${phone}`);
    const count = async (sql: string, params: unknown[]) => Number((await t.ds.query(sql, params))[0].n);
    expect(await count(`SELECT count(*) AS n FROM lead WHERE phone_hash = $1`, [hash(twice)])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM lead WHERE phone_hash = $1`, [hash(keyed)])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM lead WHERE phone_hash = $1 AND spam`, [hash(open)])).toBe(1);
    const queued = (
      await t.ds.query(`SELECT lead_id FROM lead_created_queue WHERE lead_id = ANY($1::uuid[])`, [r.map((o: { id: string }) => o.id)])
    )
      .map((q: { lead_id: string }) => q.lead_id)
      .sort();
    expect(queued).toEqual([r[0].id, r[2].id, r[3].id, r[4].id].sort());
    const firsts = `SELECT count(*) AS n FROM lead_event WHERE type = 'inquiry' AND (data->>'first')::boolean AND lead_id = ANY($1::uuid[])`;
    expect(await count(firsts, [made])).toBe(6);
    expect(await inquiries(openLead.id)).toBe(2);
    expect(await inquiries(r[3].id)).toBe(2);
    expect(await inquiries(r[4].id)).toBe(1);
    expect(await t.ds.getRepository(ConsentRecord).countBy({ leadId: openLead.id })).toBe(2);
    expect(await t.ds.getRepository(ConsentRecord).countBy({ leadId: r[3].id })).toBe(2);
    expect(await t.ds.getRepository(ConsentRecord).countBy({ leadId: r[4].id })).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM intake_idempotency WHERE key = $1`, [key])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM lead_report_fact WHERE lead_id = ANY($1::uuid[])`, [made])).toBe(6);
  });

  it('never answers hostile input with a 5xx', async () => {
    const bodies: unknown[] = [
      { need: '😀'.repeat(4000), usage: '🏭', tax: '💰', company: '🏢', contact: '👨', phone: '😀', consent: true },
      { message: '需求：'.repeat(1500) + '9'.repeat(3000), consent: true },
      { message: '1'.repeat(9999), consent: true },
      { need: ['a'], usage: { x: 1 }, tax: true, company: null, phone: 13812345678, consent: 1 },
      { tax: 1e308, areaSqmMin: Number.MAX_VALUE, consent: true },
      { phone: '\u0000\u202e13812345678', company: '\ud800', contact: '<script>', consent: true, need: 'x' },
      { sourceArticleId: 'not-a-uuid', channel: ['web'], consent: true },
      [],
      'just a string',
    ];
    for (const b of bodies) {
      const res = await t
        .http()
        .post('/api/leads')
        .send(b as object);
      expect({ body: b, status: res.status < 500 }).toEqual({ body: b, status: true });
      if (res.status === 400) expect(res.body.fields.length).toBeGreaterThan(0);
    }
    const parse = await t
      .http()
      .post('/api/leads/parse')
      .send({ text: '😀'.repeat(5000) + '亩'.repeat(5000) });
    expect(parse.status).toBe(200);
  }, 60_000);

  it('answers 300 generated bodies with 2xx or a 4xx naming fields, never a 5xx', async () => {
    const keys = [
      'need',
      'usage',
      'tax',
      'company',
      'contact',
      'phone',
      'email',
      'wechat',
      'consent',
      'shareConsent',
      'message',
      'sourceArticleId',
      'channel',
      'propertyType',
      'dealType',
      'areaSqmMin',
      'areaSqmMax',
      'region',
      'annualTaxWan',
      'investmentWan',
      'website',
    ];
    const value = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.constantFrom('13812345678', '+86 139 0000 1111', '年税收300万', '厂房3000平', '30-50亩', '1e400', '', ' '),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    );
    const body = fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), value, { maxKeys: 12 });
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await t.http().post('/api/leads').send(b);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400 && res.status !== 429) expect(res.body.fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('parses a pasted message without saving anything', async () => {
    const before = await t.ds.getRepository(Lead).count();
    const res = await t
      .http()
      .post('/api/leads/parse')
      .send({ text: '需求：厂房5千平方以上，买；用途：汽车零部件；总投资2亿；手机：13812345678' })
      .expect(200);
    expect(res.body.fields).toMatchObject({ need: '厂房5千平方以上,买', usage: '汽车零部件', phone: '13812345678' });
    expect(res.body.parsed).toMatchObject({
      propertyType: 'factory',
      dealType: 'buy',
      areaSqm: { min: 5000, max: null },
      industry: { code: 'C36' },
      investmentWan: 20000,
    });
    expect(res.body.missing).toEqual(['tax', 'company', 'contact']);
    expect(await t.ds.getRepository(Lead).count()).toBe(before);
    const bad = await t.http().post('/api/leads/parse').send({ text: 5 }).expect(400);
    expect(bad.body.fields[0].field).toBe('text');
  });

  it("tells an investor the stage and the owner's first name only when reference and phone match", async () => {
    const phone = mobile();
    const res = await t.http().post('/api/leads').send(form({ phone })).expect(201);
    const owner = await t.signIn('consultant', '李娜');
    const lead = (await leads.findById(res.body.id))!;
    lead.ownerId = owner.userId;
    lead.stage = 'contacted';
    await leads.saveLead(lead);

    const ok = await t
      .http()
      .get('/api/leads/status')
      .query({ reference: res.body.reference.toLowerCase(), phone: `+86${phone}` })
      .expect(200);
    expect(ok.body).toEqual({ reference: res.body.reference, stage: 'contacted', ownerFirstName: '李' });

    const wrongPhone = await t.http().get('/api/leads/status').query({ reference: res.body.reference, phone: '13900000000' }).expect(404);
    expect(wrongPhone.body.code).toBe('NOT_FOUND');
    await t.http().get('/api/leads/status').query({ reference: 'ZS-2026-999999', phone }).expect(404);
    await t.http().get('/api/leads/status').query({ reference: res.body.reference, phone: 'abc' }).expect(404);
    const missing = await t.http().get('/api/leads/status').query({ reference: res.body.reference }).expect(400);
    expect(missing.body.fields[0].field).toBe('phone');
  });
});

describe('lead demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds a few demo leads in different stages through the real intake, once', async () => {
    const steps = await t.app.get(DemoService).seed();
    expect(steps.find((s) => s.startsWith('leads:'))).toBe('leads: 5 leads');
    const demo = await t.ds.getRepository(Lead).find({ where: { demo: true }, order: { reference: 'ASC' } });
    expect(demo).toHaveLength(5);
    expect(new Set(demo.map((l) => l.stage))).toEqual(new Set(['new', 'contacted', 'qualified', 'site_visit', 'negotiating']));
    expect(demo.every((l) => l.company.startsWith('演示'))).toBe(true);
    expect(demo.find((l) => l.channel === 'wechat')).toMatchObject({ contactName: '赵总', areaUnit: 'mu', industryCode: 'C27' });
    expect(await t.ds.getRepository(ConsentRecord).countBy({ userAgent: 'demo-seed' })).toBe(5);
    const again = await t.app.get(DemoService).seed();
    expect(again).toContain('leads: already seeded');
    expect(await t.ds.getRepository(Lead).countBy({ demo: true })).toBe(5);
  }, 120_000);
});

describe('lead intake rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ INTAKE_LIMIT_PER_IP_PER_MINUTE: '5', INTAKE_LIMIT_PER_PHONE_PER_HOUR: '2' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After past the per-phone and the per-IP limit', async () => {
    const phone = mobile();
    await t.http().post('/api/leads').send(form({ phone })).expect(201);
    await t.http().post('/api/leads').send(form({ phone })).expect(200);
    const perPhone = await t.http().post('/api/leads').send(form({ phone })).expect(429);
    expect(perPhone.body).toMatchObject({ code: 'RATE_LIMITED', fields: [{ field: 'phone' }] });
    expect(Number(perPhone.headers['retry-after'])).toBeGreaterThan(0);

    await t.http().post('/api/leads').send(form()).expect(201);
    await t.http().post('/api/leads').send(form()).expect(201);
    const perIp = await t.http().post('/api/leads').send(form()).expect(429);
    expect(Number(perIp.headers['retry-after'])).toBeGreaterThan(0);
    expect(perIp.body.message_zh).toMatch(/频繁/);
  });
});
