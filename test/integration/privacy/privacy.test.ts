import { randomBytes } from 'node:crypto';
import { LeadsRepository, type Lead, type LeadStage } from '@app/leads';
import { PersonalDataCipher, maskPhone } from '@app/privacy';
import { PrivacyRequestsService } from '@app/privacy-requests';
import { NotificationsService } from '@app/notifications';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** A lead written through the repository (as intake does): phone encrypted + hashed, one consent, one inquiry. */
async function newLead(t: TestApp, phone: string, fields: Partial<Lead> = {}): Promise<Lead> {
  const repo = t.app.get(LeadsRepository);
  const cipher = t.app.get(PersonalDataCipher);
  return repo.transaction(async (m) => {
    const lead = await repo.createLead(m, {
      reference: await repo.nextReference(m),
      company: '金华星驰新能源科技有限公司',
      contactName: '王小明',
      phoneEnc: cipher.encrypt(phone),
      phoneHash: cipher.hash(phone),
      phoneMasked: maskPhone(phone),
      phoneLast4: phone.slice(-4),
      email: 'wang@example.com',
      wechat: 'wx_wang',
      need: '需要标准厂房 3000㎡，层高 8 米',
      usage: '电池组装',
      taxText: '年税收 500 万',
      message: '王总 13812345678 要 3000 平厂房',
      industryCode: 'C38',
      industryName: '电气机械和器材制造业',
      areaSqmMin: 3000,
      areaSqmMax: 3000,
      annualTaxWan: 500,
      ...fields,
    });
    await repo.saveConsent(m, {
      leadId: lead.id,
      noticeVersion: '2026-11',
      purposes: ['follow_up'],
      channel: 'web',
      ip: '10.0.0.8',
      userAgent: 'jest',
    });
    await repo.addEvent(m, lead.id, 'inquiry', { need: lead.need, message: lead.message });
    return lead;
  });
}

function randomMobile(): string {
  return `+86139${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, '0')}`;
}

describe('privacy (PIPL): audited phone reveal, audit log, data-subject export/erasure, consent withdrawal, retention', () => {
  let t: TestApp;
  let admin: { token: string; userId: string };
  let manager: { token: string; userId: string };
  let owner: { token: string; userId: string };
  let other: { token: string; userId: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin');
    manager = await t.signIn('manager');
    owner = await t.signIn('consultant', '王顾问');
    other = await t.signIn('consultant', '李顾问');
  });
  afterAll(async () => {
    await t.close();
  });

  const auth = (who: { token: string }) => ({ authorization: `Bearer ${who.token}` });

  it("reveals a lead's full phone to its owner and to managers, and writes one audit row per reveal", async () => {
    const phone = randomMobile();
    const lead = await newLead(t, phone, { ownerId: owner.userId });

    const mine = await t.http().post(`/api/leads/${lead.id}/reveal-phone`).set(auth(owner));
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ leadId: lead.id, phone, phoneMasked: maskPhone(phone) });
    expect((await t.http().post(`/api/leads/${lead.id}/reveal-phone`).set(auth(manager))).status).toBe(200);

    const audit = await t.http().get('/api/audit').query({ action: 'lead.reveal_phone', entityId: lead.id }).set(auth(admin));
    expect(audit.status).toBe(200);
    expect(audit.body).toHaveLength(2);
    expect(audit.body.map((a: { actor: { id: string } }) => a.actor.id).sort()).toEqual([owner.userId, manager.userId].sort());
    expect(audit.body[0]).toMatchObject({ entity: 'lead', entityId: lead.id, details: { phoneMasked: maskPhone(phone) } });
    // The audit trail never holds the clear number.
    expect(JSON.stringify(audit.body)).not.toContain(phone.slice(3));
  });

  it('audits the full phone shown in the lead detail, and shows an erased lead without failing', async () => {
    const phone = randomMobile();
    const lead = await newLead(t, phone, { ownerId: owner.userId });
    const detail = await t.http().get(`/api/leads/${lead.id}`).set(auth(owner));
    expect(detail.status).toBe(200);
    expect(detail.body.phone).toBe(phone);
    const audit = await t.http().get('/api/audit').query({ action: 'lead.view_phone', entityId: lead.id }).set(auth(admin));
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ actor: { id: owner.userId }, details: { phoneMasked: maskPhone(phone) } });

    await t.http().post('/api/privacy/erase').set(auth(admin)).send({ phone, verification: '书面申请' }).expect(200);
    const erased = await t.http().get(`/api/leads/${lead.id}`).set(auth(owner));
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ company: '[已删除]', phone: '' });
  });

  it("hides another consultant's lead (404) and asks to claim a pool lead first (403)", async () => {
    const lead = await newLead(t, randomMobile(), { ownerId: owner.userId });
    const res = await t.http().post(`/api/leads/${lead.id}/reveal-phone`).set(auth(other));
    expect(res.status).toBe(404);
    const pool = await newLead(t, randomMobile(), { ownerId: null });
    const claim = await t.http().post(`/api/leads/${pool.id}/reveal-phone`).set(auth(other));
    expect(claim.status).toBe(403);
    expect(claim.body.code).toBe('CLAIM_FIRST');
    expect((await t.http().get('/api/audit').query({ entityId: lead.id }).set(auth(other))).status).toBe(403);
  });

  it('exports everything held about a phone as JSON for an admin, and audits the export', async () => {
    const phone = randomMobile();
    const first = await newLead(t, phone, { stage: 'lost' });
    const second = await newLead(t, phone, { company: '义乌云启数字科技有限公司', previousLeadId: first.id });
    const res = await t
      .http()
      .post('/api/privacy/export')
      .set(auth(admin))
      .send({ phone: `${phone.slice(3, 6)} ${phone.slice(6, 10)} ${phone.slice(10)}`, verification: '回拨核实' });
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe(phone);
    expect(res.body.leads.map((l: { id: string }) => l.id)).toEqual([first.id, second.id]);
    expect(res.body.leads[1]).toMatchObject({ company: '义乌云启数字科技有限公司', phone, email: 'wang@example.com' });
    expect(res.body.leads[0].consents[0]).toMatchObject({ noticeVersion: '2026-11', purposes: ['follow_up'], ip: '10.0.0.8' });
    expect(res.body.leads[0].events[0].type).toBe('inquiry');
    expect(res.body.leads[0]).not.toHaveProperty('phoneEnc');

    const audit = await t.http().get('/api/audit').query({ action: 'privacy.export' }).set(auth(admin));
    expect(audit.body[0]).toMatchObject({
      actor: { id: admin.userId },
      details: { leadIds: [first.id, second.id], verification: '回拨核实' },
    });
    expect((await t.http().post('/api/privacy/export').set(auth(manager)).send({ phone, verification: 'x1' })).status).toBe(403);
  });

  it('names the field when the phone is invalid or unknown', async () => {
    const bad = await t.http().post('/api/privacy/export').set(auth(admin)).send({ phone: '12345', verification: '核实' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({ field: 'phone' });
    const none = await t.http().post('/api/privacy/erase').set(auth(admin)).send({ phone: '13700000000', verification: '核实' });
    expect(none.status).toBe(404);
    expect(none.body.fields[0]).toMatchObject({ field: 'phone', code: 'NOT_FOUND' });
    const missing = await t.http().post('/api/privacy/erase').set(auth(admin)).send({ phone: '13700000000' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toContain('verification');
  });

  it('erases a data subject: personal fields replaced, phone hash cleared, aggregates kept for reports', async () => {
    const phone = randomMobile();
    const lead = await newLead(t, phone, { stage: 'qualified', ownerId: owner.userId });
    const res = await t.http().post('/api/privacy/erase').set(auth(admin)).send({ phone, verification: '书面申请 + 回拨' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ leadsAnonymised: 1, leadIds: [lead.id] });

    const row = await t.app.get(LeadsRepository).findById(lead.id);
    expect(row).toMatchObject({
      company: '[已删除]',
      contactName: '[已删除]',
      phoneEnc: '',
      phoneHash: '',
      phoneMasked: '',
      email: null,
      wechat: null,
      message: null,
      stage: 'qualified',
      industryCode: 'C38',
      areaSqmMin: 3000,
      annualTaxWan: 500,
      ownerId: owner.userId,
    });
    const [consent] = await t.app.get(LeadsRepository).listConsents(lead.id);
    expect(consent).toMatchObject({ ip: null, userAgent: null, noticeVersion: '2026-11' });
    const [inquiry] = await t.app.get(LeadsRepository).listEvents(lead.id);
    expect(inquiry.data).toEqual({ erased: true });

    // The phone no longer finds anything, and the reveal says why.
    expect((await t.http().post('/api/privacy/export').set(auth(admin)).send({ phone, verification: '核实' })).status).toBe(404);
    const reveal = await t.http().post(`/api/leads/${lead.id}/reveal-phone`).set(auth(owner));
    expect(reveal.status).toBe(409);
    expect(reveal.body.code).toBe('PERSONAL_DATA_ERASED');
    const audit = await t.http().get('/api/audit').query({ action: 'privacy.erase' }).set(auth(admin));
    expect(audit.body[0].details).toMatchObject({ leadIds: [lead.id], phoneMasked: maskPhone(phone) });
  });

  it('withdraws consent: every consent of the phone marked, unsent notifications about its leads cancelled', async () => {
    const phone = randomMobile();
    const lead = await newLead(t, phone, { ownerId: owner.userId });
    await t.ds.query(
      `INSERT INTO notification (event_key, recipient, channel, lead_id, payload, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES ($2, 'wang@test.local', 'email', $1::uuid, '{"kind":"lead.assigned","subject":"s","text":"t"}', 'pending', 0, now() + interval '1 hour', now(), now())`,
      [lead.id, `test:${lead.id}`],
    );
    const res = await t.http().post('/api/privacy/consent-withdrawal').set(auth(manager)).send({ phone, note: '电话告知撤回' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ consentsWithdrawn: 1, notificationsCancelled: 1, leadIds: [lead.id] });
    const [consent] = await t.app.get(LeadsRepository).listConsents(lead.id);
    expect(consent.withdrawnAt).toBeInstanceOf(Date);
    expect(await t.app.get(PrivacyRequestsService).consentWithdrawn(lead.id)).toBe(true);
    const rows = await t.ds.query(`SELECT status, last_error FROM notification WHERE lead_id = $1`, [lead.id]);
    expect(rows).toEqual([{ status: 'dead', last_error: 'consent withdrawn (PIPL Art. 15)' }]);
    // Nothing new about them is queued afterwards either (e.g. an SLA reminder to the consultant).
    const later = await t.ds.transaction((m) =>
      t.app.get(NotificationsService).enqueue(m, [
        {
          eventKey: `after:${lead.id}`,
          recipient: 'wang@test.local',
          channel: 'email',
          leadId: lead.id,
          payload: { kind: 'sla_reminder', subject: 's', text: 't' },
        },
      ]),
    );
    expect(later).toBe(0);
    expect((await t.http().post('/api/privacy/consent-withdrawal').set(auth(owner)).send({ phone })).status).toBe(403);
  });

  it('lets the investor withdraw consent with a reference and the phone, and says nothing about a wrong pair', async () => {
    const phone = randomMobile();
    const lead = await newLead(t, phone);
    const other = await newLead(t, phone, { stage: 'lost' });
    const wrong = await t.http().post('/api/privacy/consent-withdrawal/self').send({ reference: lead.reference, phone: randomMobile() });
    expect(wrong.status).toBe(404);
    expect(wrong.body.fields.map((f: { field: string }) => f.field)).toEqual(['reference', 'phone']);
    expect((await t.app.get(LeadsRepository).listConsents(lead.id))[0].withdrawnAt).toBeNull();

    const res = await t
      .http()
      .post('/api/privacy/consent-withdrawal/self')
      .send({ reference: lead.reference.toLowerCase(), phone: `+86 ${phone.slice(3)}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ consentsWithdrawn: 2, leadIds: [lead.id, other.id] });
    const audit = await t.http().get('/api/audit').query({ action: 'privacy.consent_withdrawn' }).set(auth(admin));
    expect(audit.body[0]).toMatchObject({ actor: null, details: { by: 'investor', reference: lead.reference } });
  });

  it('retention job anonymises closed leads older than RETENTION_DAYS and leaves open and recent ones', async () => {
    const old = new Date(Date.now() - (t.config.retentionDays + 5) * 86_400_000);
    const stages: LeadStage[] = ['lost', 'signed', 'negotiating'];
    const leads = await Promise.all(stages.map((stage) => newLead(t, randomMobile(), { stage })));
    for (const l of leads) await t.ds.query('UPDATE lead SET created_at = $2 WHERE id = $1', [l.id, old]);
    const recent = await newLead(t, randomMobile(), { stage: 'lost' });

    const n = await t.app.get(PrivacyRequestsService).runRetention();
    expect(n).toBeGreaterThanOrEqual(2);
    const repo = t.app.get(LeadsRepository);
    const [lost, signed, open] = await Promise.all(leads.map((l) => repo.findById(l.id)));
    expect(lost).toMatchObject({ company: '[已删除]', phoneHash: '', stage: 'lost', industryCode: 'C38' });
    expect(signed).toMatchObject({ company: '[已删除]', phoneHash: '', stage: 'signed' });
    expect(open?.company).toBe('金华星驰新能源科技有限公司');
    expect((await repo.findById(recent.id))?.company).toBe('金华星驰新能源科技有限公司');
    // A second run finds nothing left to do.
    expect(await t.app.get(PrivacyRequestsService).runRetention()).toBe(0);
    const audit = await t.http().get('/api/audit').query({ action: 'privacy.retention' }).set(auth(admin));
    expect(audit.body[0]).toMatchObject({ actor: null, entity: 'lead' });
  });

  it('refuses bad audit filters with the field named', async () => {
    const res = await t.http().get('/api/audit').query({ limit: '9999', from: 'yesterday' }).set(auth(admin));
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['from', 'limit']);
  });
});
