import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';
import { searchHex, TaskRemindersService } from '@app/pipeline';
import { newLead, TEST_ENV } from './lead-factory.js';

const PARK = '5d2b1f0e-3c4a-4b6d-8e9f-0a1b2c3d4e5f';

describe('pipeline: stages, activities, tasks, list, role rules, edits and merges', () => {
  let t: TestApp;
  let manager: { token: string; userId: string };
  let wang: { token: string; userId: string; email: string };
  let li: { token: string; userId: string };
  const auth = (u: { token: string }) => ({ authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp(TEST_ENV);
    manager = await t.signIn('manager', '陈经理');
    wang = await t.signIn('consultant', '王顾问');
    li = await t.signIn('consultant', '李顾问');
  });
  afterAll(async () => {
    await t.close();
  });

  it("hides another consultant's lead (404) but shows own and pool leads; managers see all", async () => {
    const wangs = await newLead(t, manager.token, {
      company: '宁波甬江电机有限公司',
      contactName: '周建国',
      phone: '+8613812340001',
      ownerId: wang.userId,
    });
    const pool = await newLead(t, manager.token, { company: '台州海川模具有限公司', contactName: '吴海川', phone: '+8613812340002' });

    await t.http().get(`/api/leads/${wangs.id}`).set(auth(li)).expect(404);
    const patch = await t.http().patch(`/api/leads/${wangs.id}/stage`).set(auth(li)).send({ stage: 'contacted' });
    expect(patch.status).toBe(404);
    await t.http().post(`/api/leads/${wangs.id}/activities`).set(auth(li)).send({ type: 'call', body: '试图联系' }).expect(404);
    await t.http().post(`/api/leads/${wangs.id}/tasks`).set(auth(li)).send({ title: 'x', dueAt: new Date().toISOString() }).expect(404);

    const liList = await t.http().get('/api/leads?limit=100').set(auth(li)).expect(200);
    const liIds = liList.body.items.map((l: { id: string }) => l.id);
    expect(liIds).toContain(pool.id);
    expect(liIds).not.toContain(wangs.id);

    const poolDetail = await t.http().get(`/api/leads/${pool.id}`).set(auth(li)).expect(200);
    expect(poolDetail.body.phone).toBe('138****0002');
    const claimFirst = await t.http().patch(`/api/leads/${pool.id}/stage`).set(auth(li)).send({ stage: 'contacted' });
    expect(claimFirst.status).toBe(403);
    expect(claimFirst.body.code).toBe('CLAIM_FIRST');

    const own = await t.http().get(`/api/leads/${wangs.id}`).set(auth(wang)).expect(200);
    expect(own.body.phone).toBe('+8613812340001');
    const asManager = await t.http().get(`/api/leads/${wangs.id}`).set(auth(manager)).expect(200);
    expect(asManager.body).toMatchObject({
      company: '宁波甬江电机有限公司',
      phone: '+8613812340001',
      owner: { id: wang.userId, name: '王顾问' },
    });
    const all = await t.http().get('/api/leads?limit=100').set(auth(manager)).expect(200);
    expect(all.body.items.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining([wangs.id, pool.id]));
    // A list row carries the summary: owner's name, masked phone, ISO dates; nothing of the full record.
    const wangsRow = all.body.items.find((l: { id: string }) => l.id === wangs.id);
    expect(wangsRow).toMatchObject({ company: '宁波甬江电机有限公司', ownerId: wang.userId, ownerName: '王顾问', phoneMasked: '138****0001' });
    expect(new Date(wangsRow.createdAt).toISOString()).toBe(wangsRow.createdAt);
    expect(wangsRow).not.toHaveProperty('phone');
    expect(all.body.items.find((l: { id: string }) => l.id === pool.id)).toMatchObject({ ownerId: null, ownerName: null });
    for (const item of all.body.items) expect(item.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('moves stages forward with skips, needs reasons back and for lost, requires the signed deal, and keeps a history', async () => {
    const lead = await newLead(t, manager.token, {
      company: '杭州芯源半导体有限公司',
      contactName: '郑芯',
      phone: '+8613812340003',
      ownerId: wang.userId,
    });
    const stage = (body: Record<string, unknown>) => t.http().patch(`/api/leads/${lead.id}/stage`).set(auth(wang)).send(body);

    await stage({ stage: 'site_visit' }).expect(200);
    const earlier = await stage({ stage: 'qualified', at: new Date(Date.now() - 60_000).toISOString() });
    expect(earlier.body.fields[0]).toMatchObject({ field: 'at', code: 'BEFORE_PREVIOUS_CHANGE' });
    const back = await stage({ stage: 'contacted' });
    expect(back.status).toBe(400);
    expect(back.body.fields).toEqual([expect.objectContaining({ field: 'reason', code: 'REASON_REQUIRED' })]);
    expect(back.body.fields[0].message_zh).toMatch(/原因/);
    await stage({ stage: 'contacted', reason: '客户要求重新确认面积' }).expect(200);

    const unknownStage = await stage({ stage: 'done' });
    expect(unknownStage.status).toBe(400);
    expect(unknownStage.body.fields[0].field).toBe('stage');

    const sign = await stage({ stage: 'signed', signedInvestmentWan: 8000 });
    expect(sign.status).toBe(400);
    expect(sign.body.fields.map((f: { field: string }) => f.field)).toEqual(['signedAnnualTaxWan', 'signedParkId', 'signedAt']);
    const signedAt = '2026-11-18T02:00:00.000Z';
    await stage({ stage: 'signed', signedInvestmentWan: 8000, signedAnnualTaxWan: 420.5, signedParkId: PARK, signedAt }).expect(200);

    const lost = await stage({ stage: 'lost', lostReason: 'other' });
    expect(lost.body.fields).toEqual([expect.objectContaining({ field: 'lostNote' })]);
    await stage({ stage: 'lost', lostReason: 'chose_other_park' }).expect(200);
    const reopen = await stage({ stage: 'negotiating' });
    expect(reopen.body.fields[0]).toMatchObject({ field: 'reason', code: 'REASON_REQUIRED' });
    await stage({ stage: 'negotiating', reason: '客户重新考虑' }).expect(200);

    const d = (await t.http().get(`/api/leads/${lead.id}`).set(auth(wang)).expect(200)).body;
    expect(d.stage).toBe('negotiating');
    expect(d.lostReason).toBeNull();
    expect(d.signedInvestmentWan).toBeNull();
    expect(d.stageHistory.map((h: { from: string; to: string }) => `${h.from}>${h.to}`)).toEqual([
      'new>site_visit',
      'site_visit>contacted',
      'contacted>signed',
      'signed>lost',
      'lost>negotiating',
    ]);
    expect(d.stageHistory[1]).toMatchObject({ reason: '客户要求重新确认面积', actorId: wang.userId, actorName: '王顾问' });
    expect(d.stageHistory[3]).toMatchObject({ lostReason: 'chose_other_park' });
    expect(d.events.filter((e: { type: string }) => e.type === 'stage_change')).toHaveLength(5);

    const audit = await t.ds.query(`SELECT action, actor_id FROM audit_log WHERE entity_id = $1 AND action = 'lead.stage'`, [lead.id]);
    expect(audit).toHaveLength(5);
    expect(audit.every((a: { actor_id: string }) => a.actor_id === wang.userId)).toBe(true);

    const row = (await t.ds.query(`SELECT signed_investment_wan, signed_park_id FROM lead WHERE id = $1`, [lead.id]))[0];
    expect(row).toEqual({ signed_investment_wan: null, signed_park_id: null });
  });

  it('records activities; the first contact (not a note) sets the first response time', async () => {
    const lead = await newLead(t, manager.token, {
      company: '绍兴柯桥纺织科技有限公司',
      contactName: '钱纺',
      phone: '+8613812340004',
      ownerId: wang.userId,
    });
    const post = (body: Record<string, unknown>) => t.http().post(`/api/leads/${lead.id}/activities`).set(auth(wang)).send(body);
    const now = Date.now();
    await post({ type: 'note', body: '内部备注：客户偏好单层', at: new Date(now - 60_000).toISOString() }).expect(201);
    let d = (await t.http().get(`/api/leads/${lead.id}`).set(auth(wang))).body;
    expect(d.firstResponseAt).toBeNull();

    const call = await post({ type: 'call', body: '电话沟通需求', at: new Date(now - 30_000).toISOString() }).expect(201);
    expect(call.body).toMatchObject({ type: 'call', authorName: '王顾问' });
    await post({ type: 'wechat', body: '发送厂房资料', listingIds: [PARK] }).expect(201);
    d = (await t.http().get(`/api/leads/${lead.id}`).set(auth(wang))).body;
    expect(d.firstResponseAt).toBe(new Date(now - 30_000).toISOString());
    expect(d.activities.map((a: { type: string }) => a.type)).toEqual(['wechat', 'call', 'note']);
    expect(d.activities[0].listingIds).toEqual([PARK]);

    const bad = await post({ type: 'fax', body: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body', 'type']);
    const future = await post({ type: 'call', body: '未来', at: new Date(now + 3600_000).toISOString() });
    expect(future.body.fields[0]).toMatchObject({ field: 'at', code: 'IN_FUTURE' });
  });

  it('creates, lists and completes tasks; consultants assign only to themselves', async () => {
    const lead = await newLead(t, manager.token, {
      company: '金华永康五金有限公司',
      contactName: '孙五金',
      phone: '+8613812340005',
      ownerId: wang.userId,
    });
    const overdue = await t
      .http()
      .post(`/api/leads/${lead.id}/tasks`)
      .set(auth(wang))
      .send({ title: '回电确认用电容量', dueAt: new Date(Date.now() - 3600_000).toISOString() })
      .expect(201);
    expect(overdue.body).toMatchObject({ assigneeId: wang.userId, status: 'open', leadReference: lead.reference });
    const later = await t
      .http()
      .post(`/api/leads/${lead.id}/tasks`)
      .set(auth(wang))
      .send({ title: '安排实地考察', dueAt: new Date(Date.now() + 7 * 86400_000).toISOString() })
      .expect(201);
    const other = await t
      .http()
      .post(`/api/leads/${lead.id}/tasks`)
      .set(auth(wang))
      .send({ title: '请李顾问跟进', dueAt: new Date().toISOString(), assigneeId: li.userId });
    expect(other.status).toBe(400);
    expect(other.body.fields[0].field).toBe('assigneeId');

    const mine = await t.http().get('/api/tasks?mine=true').set(auth(wang)).expect(200);
    expect(mine.body.map((x: { id: string }) => x.id)).toEqual([overdue.body.id, later.body.id]);
    const due = await t.http().get('/api/tasks?mine=true&due=overdue').set(auth(wang)).expect(200);
    expect(due.body.map((x: { id: string }) => x.id)).toEqual([overdue.body.id]);
    expect((await t.http().get('/api/tasks?mine=true').set(auth(li))).body).toEqual([]);
    await t.http().patch(`/api/tasks/${overdue.body.id}`).set(auth(li)).send({ status: 'done' }).expect(404);

    const done = await t.http().patch(`/api/tasks/${overdue.body.id}`).set(auth(wang)).send({ status: 'done' }).expect(200);
    expect(done.body.doneAt).not.toBeNull();
    expect((await t.http().get('/api/tasks?mine=true&due=overdue').set(auth(wang))).body).toEqual([]);
    const reassigned = await t.http().patch(`/api/tasks/${later.body.id}`).set(auth(manager)).send({ assigneeId: li.userId }).expect(200);
    expect(reassigned.body).toMatchObject({ assigneeId: li.userId, assigneeName: '李顾问' });
    const badDue = await t.http().get('/api/tasks?due=tomorrowish').set(auth(wang));
    expect(badDue.status).toBe(400);
    expect(badDue.body.fields[0].field).toBe('due');
  });

  it('reminds the assignee of a due task once, through the notification outbox', async () => {
    const lead = await newLead(t, manager.token, {
      company: '丽水缙云机械有限公司',
      contactName: '叶机',
      phone: '+8613812340009',
      ownerId: wang.userId,
    });
    const due = await t
      .http()
      .post(`/api/leads/${lead.id}/tasks`)
      .set(auth(wang))
      .send({ title: '确认环评类别', dueAt: new Date(Date.now() - 60_000).toISOString() })
      .expect(201);
    await t
      .http()
      .post(`/api/leads/${lead.id}/tasks`)
      .set(auth(wang))
      .send({ title: '下周回访', dueAt: new Date(Date.now() + 7 * 86400_000).toISOString() })
      .expect(201);
    const reminders = t.app.get(TaskRemindersService);
    await reminders.remindDue(); // (the per-minute cron may have been first; either way one reminder)
    const rows = await t.ds.query(`SELECT recipient, channel, payload, status FROM notification WHERE event_key LIKE $1`, [
      `task-due:${due.body.id}:%`,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: wang.email, channel: 'email', status: 'pending' });
    expect(rows[0].payload).toMatchObject({ kind: 'task_due' });
    expect(rows[0].payload.text).toContain('确认环评类别');
    expect(rows[0].payload.text).toContain(lead.reference);
    const detail = (await t.http().get(`/api/leads/${lead.id}`).set(auth(wang)).expect(200)).body;
    expect(detail.notifications).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'task_due', channel: 'email', status: expect.any(String) })]),
    );
    expect(detail.notifications.every((n: Record<string, unknown>) => !('recipient' in n) && !('payload' in n))).toBe(true);
    expect(await reminders.remindDue()).toBe(0);
    const later = await t.ds.query(`SELECT count(*)::int AS n FROM notification WHERE lead_id = $1 AND payload->>'kind' = 'task_due'`, [
      lead.id,
    ]);
    expect(later[0].n).toBe(1);
  });

  it('pages with a keyset cursor that stays stable while new leads arrive, and filters', async () => {
    const owner = await t.signIn('consultant', '张顾问');
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push(
        (
          await newLead(t, manager.token, {
            company: `分页测试公司${i}`,
            contactName: `联系人${i}`,
            phone: `+86139000000${10 + i}`,
            ownerId: owner.userId,
            channel: 'article',
          })
        ).id,
      );
    }
    const expected = [...created].reverse();
    const page1 = await t.http().get(`/api/leads?ownerId=${owner.userId}&limit=3`).set(auth(manager)).expect(200);
    expect(page1.body.items.map((l: { id: string }) => l.id)).toEqual(expected.slice(0, 3));
    await newLead(t, manager.token, { company: '分页测试公司新', contactName: '新人', phone: '+8613900000099', ownerId: owner.userId });
    const page2 = await t
      .http()
      .get(`/api/leads?ownerId=${owner.userId}&limit=3&cursor=${page1.body.nextCursor}`)
      .set(auth(manager))
      .expect(200);
    expect(page2.body.items.map((l: { id: string }) => l.id)).toEqual(expected.slice(3, 6));
    const page3 = await t
      .http()
      .get(`/api/leads?ownerId=${owner.userId}&limit=3&cursor=${page2.body.nextCursor}`)
      .set(auth(manager))
      .expect(200);
    expect(page3.body.items.map((l: { id: string }) => l.id)).toEqual(expected.slice(6));
    expect(page3.body.nextCursor).toBeNull();

    const bad = await t.http().get('/api/leads?cursor=not-a-cursor').set(auth(manager));
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('cursor');
    const badLimit = await t.http().get('/api/leads?limit=1000').set(auth(manager));
    expect(badLimit.body.fields[0].field).toBe('limit');

    const pool = await t.http().get('/api/leads?ownerId=pool&limit=100').set(auth(manager)).expect(200);
    expect(pool.body.items.every((l: { ownerId: string | null }) => l.ownerId === null)).toBe(true);
    const byChannel = await t.http().get('/api/leads?channel=article&limit=100').set(auth(manager)).expect(200);
    expect(byChannel.body.items.map((l: { id: string }) => l.id).sort()).toEqual([...created].sort());
  });

  it('finds leads by Chinese substring of company or contact, reference and phone last four, using the trigram index', async () => {
    const a = await newLead(t, manager.token, {
      company: '宁德时代新能源科技股份有限公司',
      contactName: '曾毓群',
      phone: '+8613877776543',
      ownerId: wang.userId,
    });
    const b = await newLead(t, manager.token, {
      company: 'ACME Robotics 上海有限公司',
      contactName: '欧阳娜娜',
      phone: '+8613877771234',
      ownerId: wang.userId,
    });
    const search = async (q: string, who = manager) =>
      (
        await t
          .http()
          .get(`/api/leads?limit=100&q=${encodeURIComponent(q)}`)
          .set(auth(who))
          .expect(200)
      ).body.items.map((l: { id: string }) => l.id);
    expect(await search('新能源')).toEqual([a.id]);
    expect(await search('毓')).toEqual([a.id]);
    expect(await search('欧阳')).toEqual([b.id]);
    expect(await search('acme robot')).toEqual([b.id]);
    expect(await search(a.reference.toLowerCase())).toEqual([a.id]);
    expect(await search('6543')).toEqual([a.id]);
    expect(await search('新能源', li)).toEqual([]);
    expect(await search('100%')).toEqual([]);

    const plan = await t.ds.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      return m.query(`EXPLAIN SELECT id FROM lead WHERE zs_search_hex(company || ' ' || contact_name) LIKE $1`, [
        `%${searchHex('新能源')}%`,
      ]);
    });
    expect(JSON.stringify(plan)).toContain('lead_search_trgm_idx');
  });

  it('lets managers edit and reassign (audited) and refuses consultants', async () => {
    const lead = await newLead(t, manager.token, {
      company: '湖州南浔木业有限公司',
      contactName: '沈木',
      phone: '+8613812340006',
      ownerId: wang.userId,
    });
    await t.http().patch(`/api/leads/${lead.id}`).set(auth(wang)).send({ company: '改名' }).expect(403);
    const res = await t
      .http()
      .patch(`/api/leads/${lead.id}`)
      .set(auth(manager))
      .send({ company: '湖州南浔木业集团有限公司', industryCode: 'C20', ownerId: li.userId })
      .expect(200);
    expect(res.body).toMatchObject({ company: '湖州南浔木业集团有限公司', industryCode: 'C20', ownerId: li.userId, ownerName: '李顾问' });
    await t.http().get(`/api/leads/${lead.id}`).set(auth(wang)).expect(404);
    const asLi = (await t.http().get(`/api/leads/${lead.id}`).set(auth(li)).expect(200)).body;
    // Reassignment went through routing: its assignment event and a message to the new owner.
    expect(asLi.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'assignment',
          actorId: manager.userId,
          data: expect.objectContaining({ by: 'manager', to: li.userId }),
        }),
      ]),
    );
    expect(asLi.notifications).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'assigned' })]));
    const [audit] = await t.ds.query(
      `SELECT actor_id, details FROM audit_log WHERE entity_id = $1 AND action = 'lead.update' ORDER BY at DESC LIMIT 1`,
      [lead.id],
    );
    expect(audit.actor_id).toBe(manager.userId);
    expect(audit.details.changes).toEqual({
      company: { from: '湖州南浔木业有限公司', to: '湖州南浔木业集团有限公司' },
      industryCode: { from: null, to: 'C20' },
      ownerId: { from: wang.userId, to: li.userId },
    });
    const need = await t
      .http()
      .patch(`/api/leads/${lead.id}`)
      .set(auth(manager))
      .send({ propertyType: 'land', areaSqmMin: 20000, areaSqmMax: 30000, annualTaxWan: 600 })
      .expect(200);
    expect(need.body).toMatchObject({ propertyType: 'land', areaSqmMin: 20000, areaSqmMax: 30000, annualTaxWan: 600 });
    const inverted = await t.http().patch(`/api/leads/${lead.id}`).set(auth(manager)).send({ areaSqmMin: 40000 });
    expect(inverted.body.fields[0]).toMatchObject({ field: 'areaSqmMax', code: 'MIN_ABOVE_MAX' });
    const badType = await t.http().patch(`/api/leads/${lead.id}`).set(auth(manager)).send({ propertyType: 'castle' });
    expect(badType.body.fields[0].field).toBe('propertyType');
    const unknownOwner = await t
      .http()
      .patch(`/api/leads/${lead.id}`)
      .set(auth(manager))
      .send({ ownerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownOwner.body.fields[0]).toMatchObject({ field: 'ownerId', code: 'NOT_A_CONSULTANT' });
  });

  it('merges two leads keeping every inquiry, activity and task on the survivor', async () => {
    const keep = await newLead(t, manager.token, {
      company: '嘉兴港区化工有限公司',
      contactName: '陆化',
      phone: '+8613812340007',
      ownerId: wang.userId,
    });
    const dup = await newLead(t, manager.token, {
      company: '嘉兴港区化工',
      contactName: '陆化',
      phone: '+8613812340008',
      industryCode: 'C26',
    });
    await t.http().post(`/api/leads/${keep.id}/activities`).set(auth(wang)).send({ type: 'call', body: '第一次通话' }).expect(201);
    await t.http().post(`/api/leads/${dup.id}/activities`).set(auth(manager)).send({ type: 'visit', body: '园区接待' }).expect(201);
    await t
      .http()
      .post(`/api/leads/${dup.id}/tasks`)
      .set(auth(manager))
      .send({ title: '寄送合同', dueAt: new Date().toISOString() })
      .expect(201);

    await t.http().post(`/api/leads/${keep.id}/merge`).set(auth(wang)).send({ otherLeadId: dup.id }).expect(403);
    const self = await t.http().post(`/api/leads/${keep.id}/merge`).set(auth(manager)).send({ otherLeadId: keep.id });
    expect(self.body.fields[0].field).toBe('otherLeadId');
    const merged = await t.http().post(`/api/leads/${keep.id}/merge`).set(auth(manager)).send({ otherLeadId: dup.id }).expect(201);
    expect(merged.body.activities.map((a: { body: string }) => a.body).sort()).toEqual(['园区接待', '第一次通话']);
    expect(merged.body.tasks.map((x: { title: string }) => x.title)).toEqual(['寄送合同']);
    expect(merged.body.events.filter((e: { type: string }) => e.type === 'inquiry')).toHaveLength(2);
    const mergeEvent = merged.body.events.find((e: { type: string }) => e.type === 'merge');
    expect(mergeEvent.data).toMatchObject({ reference: dup.reference, phoneMasked: '138****0008' });
    expect(mergeEvent.data.phoneEnc).toBeUndefined();
    expect(merged.body.industryCode).toBe('C26');
    await t.http().get(`/api/leads/${dup.id}`).set(auth(manager)).expect(404);
    const audit = await t.ds.query(`SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'lead.merge'`, [keep.id]);
    expect(audit[0].details).toMatchObject({ mergedLeadId: dup.id, moved: { activities: 1, tasks: 1 } });
  });
});
