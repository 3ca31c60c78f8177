import { Clock, Notification } from '@app/notifications';
import { LeadEvent, Lead } from '@app/leads';
import { DailyDigestService, RoutingService, SlaService } from '@app/routing';
import { LeadLifecycle } from '@app/leads';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { intake } from './lead-intake.js';

describe('routing: rules, skips, pool, fairness, concurrency, SLA', () => {
  let t: TestApp;
  let adminToken: string;
  let managerToken: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false', PUBLIC_BASE_URL: 'https://crm.example.cn' });
    adminToken = (await t.signIn('admin')).token;
    managerToken = (await t.signIn('manager', '陈经理')).token;
  });
  afterAll(async () => {
    await t.close();
  });

  async function team(name: string): Promise<string> {
    const res = await t.http().post('/api/teams').set(auth(adminToken)).send({ name }).expect(201);
    return res.body.id as string;
  }

  async function consultant(name: string, profile: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
    const c = await t.signIn('consultant', name);
    await t.http().put(`/api/consultants/${c.userId}/profile`).set(auth(adminToken)).send(profile).expect(200);
    return { id: c.userId, token: c.token };
  }

  async function onlyRule(body: Record<string, unknown>): Promise<string> {
    const rules = await t.http().get('/api/routing/rules').set(auth(managerToken)).expect(200);
    for (const r of rules.body as { id: string }[]) await t.http().delete(`/api/routing/rules/${r.id}`).set(auth(managerToken)).expect(204);
    const res = await t.http().post('/api/routing/rules').set(auth(managerToken)).send(body).expect(201);
    return res.body.id as string;
  }

  async function ownerCounts(leadIds: string[]): Promise<Record<string, number>> {
    const rows: { owner_id: string; n: string }[] = await t.ds.query(
      `SELECT owner_id, count(*) AS n FROM lead WHERE id = ANY($1) GROUP BY owner_id`,
      [leadIds],
    );
    return Object.fromEntries(rows.map((r) => [r.owner_id, Number(r.n)]));
  }

  it('lets admins edit a consultant profile and names the field on bad input', async () => {
    const c = await consultant('王顾问', { industries: ['C36'], capacity: 12, wecomUserId: 'wanggw' });
    const got = await t.http().get(`/api/consultants/${c.id}/profile`).set(auth(adminToken)).expect(200);
    expect(got.body).toMatchObject({ industries: ['C36'], capacity: 12, active: true, wecomUserId: 'wanggw' });
    expect(got.body.workingHours).toEqual({ timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    const bad = await t
      .http()
      .put(`/api/consultants/${c.id}/profile`)
      .set(auth(adminToken))
      .send({ workingHours: { timezone: 'Asia/Shanghai', days: [1], start: '18:00', end: '09:00' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('workingHours');
    const neg = await t.http().put(`/api/consultants/${c.id}/profile`).set(auth(adminToken)).send({ capacity: -1 });
    expect(neg.status).toBe(400);
    expect(neg.body.fields[0].field).toBe('capacity');
    await t.http().put(`/api/consultants/${c.id}/profile`).set(auth(managerToken)).send({ capacity: 3 }).expect(403);
    await t.http().put(`/api/consultants/${c.id}/profile`).set(auth(adminToken)).send({ active: false }).expect(200);
  });

  it('lets managers create, list, update and delete rules, checking the target', async () => {
    const teamId = await team('汽车组');
    const created = await t
      .http()
      .post('/api/routing/rules')
      .set(auth(managerToken))
      .send({ name: '汽车 → 汽车组', conditions: { industries: ['C36'], annualTaxMinWan: 100 }, targetType: 'team', targetTeamId: teamId });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ strategy: 'round_robin', active: true, targetType: 'team', targetTeamId: teamId });
    const missing = await t.http().post('/api/routing/rules').set(auth(managerToken)).send({ name: 'x', targetType: 'team' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields[0].field).toBe('targetTeamId');
    const badStrategy = await t
      .http()
      .post('/api/routing/rules')
      .set(auth(managerToken))
      .send({ name: 'x', targetType: 'pool', strategy: 'random' });
    expect(badStrategy.body.fields[0].field).toBe('strategy');
    const patched = await t
      .http()
      .patch(`/api/routing/rules/${created.body.id}`)
      .set(auth(managerToken))
      .send({ strategy: 'least_loaded', active: false })
      .expect(200);
    expect(patched.body).toMatchObject({ strategy: 'least_loaded', active: false });
    const list = await t.http().get('/api/routing/rules').set(auth(managerToken)).expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toContain(created.body.id);
    await t.http().delete(`/api/routing/rules/${created.body.id}`).set(auth(managerToken)).expect(204);
    await t.http().delete(`/api/routing/rules/${created.body.id}`).set(auth(managerToken)).expect(404);
    const consultantToken = (await t.signIn('consultant')).token;
    await t.http().get('/api/routing/rules').set(auth(consultantToken)).expect(403);
  });

  it('simulates a decision and explains rules, skips (leave, inactive, capacity) and the choice', async () => {
    const teamId = await team('生物医药组');
    const onLeave = await consultant('休假顾问', { teamId, leave: [{ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }] });
    const inactive = await consultant('停用顾问', { teamId, active: false });
    const full = await consultant('满员顾问', { teamId, capacity: 0 });
    const ok = await consultant('李顾问', { teamId });
    const ruleId = await onlyRule({ name: '医药 → 医药组', conditions: { industries: ['C27'] }, targetType: 'team', targetTeamId: teamId });
    const res = await t
      .http()
      .post('/api/routing/simulate')
      .set(auth(managerToken))
      .send({ industryCode: 'C2710', annualTaxWan: 300 })
      .expect(200);
    expect(res.body.consultant).toEqual({ id: ok.id, name: '李顾问' });
    expect(res.body.rule).toEqual({ id: ruleId, name: '医药 → 医药组' });
    const skipped = Object.fromEntries(
      (res.body.steps as { code: string; userId?: string; reason?: string }[])
        .filter((s) => s.code === 'candidate_skipped')
        .map((s) => [s.userId, s.reason]),
    );
    expect(skipped).toEqual({ [onLeave.id]: 'on_leave', [inactive.id]: 'inactive', [full.id]: 'at_capacity' });
    const other = await t.http().post('/api/routing/simulate').set(auth(managerToken)).send({ industryCode: 'C36' }).expect(200);
    expect(other.body.rule).toBeNull();
    expect(other.body.steps[0]).toMatchObject({ code: 'rule_not_matched', ruleId });
    const bad = await t.http().post('/api/routing/simulate').set(auth(managerToken)).send({ annualTaxWan: 'lots' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('annualTaxWan');
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM lead`)).toEqual([{ n: 0 }]);
  });

  it('assigns a new lead in the intake transaction: owner, assignment event with steps, SLA timer and outbox rows', async () => {
    const teamId = await team('数字经济组');
    const zhang = await consultant('张顾问', { teamId, email: 'zhang@example.cn' });
    await onlyRule({ name: '数字 → 数字组', conditions: { industries: ['I65'] }, targetType: 'team', targetTeamId: teamId });
    const lead = await intake(t, { industryCode: 'I6510', email: 'investor@example.com' });
    expect(lead.ownerId).toBe(zhang.id);
    expect(lead.assignedAt).toBeInstanceOf(Date);
    const events = await t.ds.manager.find(LeadEvent, { where: { leadId: lead.id, type: 'assignment' } });
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ to: zhang.id, by: 'routing' });
    expect((events[0].data.steps as unknown[]).length).toBeGreaterThan(0);
    const notes = await t.ds.manager.find(Notification, { where: { leadId: lead.id }, order: { recipient: 'ASC' } });
    expect(notes.map((n) => [n.channel, n.recipient, n.payload.kind])).toEqual([
      ['email', 'investor@example.com', 'investor_ack'],
      ['email', 'zhang@example.cn', 'assigned'],
    ]);
    expect(notes[1].payload.text).toContain(`https://crm.example.cn/leads/${lead.id}`);
    expect(notes[1].payload.text).not.toMatch(/1[3-9]\d{9}/);
    expect(await t.ds.query(`SELECT owner_id, level FROM lead_sla WHERE lead_id = $1`, [lead.id])).toEqual([
      { owner_id: zhang.id, level: 0 },
    ]);
  });

  it('pool: unplaced leads wait there; consultants claim up to the cap, managers assign, owners release', async () => {
    await onlyRule({ name: '导入 → 公海', conditions: { channels: ['import'] }, targetType: 'pool' });
    const lead = await intake(t, { channel: 'import' });
    expect(lead.ownerId).toBeNull();
    expect(lead.pooledAt).toBeInstanceOf(Date);

    const c1 = await consultant('认领顾问');
    const claimed = await t.http().post(`/api/leads/${lead.id}/claim`).set(auth(c1.token)).expect(200);
    expect(claimed.body.ownerId).toBe(c1.id);
    const c2 = await consultant('后到顾问');
    const again = await t.http().post(`/api/leads/${lead.id}/claim`).set(auth(c2.token));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'LEAD_NOT_IN_POOL' });
    expect(again.body.fields[0].field).toBe('id');

    const notMine = await t.http().post(`/api/leads/${lead.id}/release`).set(auth(c2.token));
    expect(notMine.status).toBe(403);
    await t.http().post(`/api/leads/${lead.id}/release`).set(auth(c1.token)).expect(200);

    await t.http().put('/api/routing/settings').set(auth(c1.token)).send({ claimCap: 0 }).expect(403);
    const settings = await t.http().put('/api/routing/settings').set(auth(managerToken)).send({ claimCap: 0 }).expect(200);
    expect(settings.body).toMatchObject({
      claimCap: 0,
      firstResponseMinutes: 30,
      escalateMultiplier: 2,
      recycleMultiplier: 4,
      breachAction: 'pool',
    });
    const capped = await t.http().post(`/api/leads/${lead.id}/claim`).set(auth(c2.token));
    expect(capped.status).toBe(409);
    expect(capped.body.code).toBe('CLAIM_CAP_REACHED');
    await t.http().put('/api/routing/settings').set(auth(managerToken)).send({ claimCap: 20 }).expect(200);

    const badTarget = await t.http().post(`/api/leads/${lead.id}/assign`).set(auth(managerToken)).send({ consultantId: lead.id });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.fields[0].field).toBe('consultantId');
    await t.http().post(`/api/leads/${lead.id}/assign`).set(auth(c1.token)).send({ consultantId: c2.id }).expect(403);
    const assigned = await t.http().post(`/api/leads/${lead.id}/assign`).set(auth(managerToken)).send({ consultantId: c2.id }).expect(200);
    expect(assigned.body.ownerId).toBe(c2.id);
    const events = await t.ds.manager.find(LeadEvent, { where: { leadId: lead.id, type: 'assignment' }, order: { at: 'ASC' } });
    expect(events.map((e) => e.data.by)).toEqual(['routing', 'claim', 'claim', 'manager']);
    const assignedNote = await t.ds.manager.findOneBy(Notification, {
      leadId: lead.id,
      channel: 'email',
      recipient: (await t.ds.query(`SELECT email FROM app_user WHERE id = $1`, [c2.id]))[0].email,
    });
    expect(assignedNote?.payload.kind).toBe('assigned');
  });

  it('round robin is fair: three equal consultants get 100 ± 1 of 300 leads', async () => {
    const teamId = await team('轮询组');
    const members = [
      await consultant('甲', { teamId, capacity: 1000 }),
      await consultant('乙', { teamId, capacity: 1000 }),
      await consultant('丙', { teamId, capacity: 1000 }),
    ];
    await onlyRule({ name: '全部 → 轮询组', targetType: 'team', targetTeamId: teamId, strategy: 'round_robin' });
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push((await intake(t)).id);
    const counts = await ownerCounts(ids);
    expect(Object.keys(counts).sort()).toEqual(members.map((m) => m.id).sort());
    for (const m of members) expect(Math.abs(counts[m.id] - 100)).toBeLessThanOrEqual(1);
  });

  it('100 concurrent intakes: every lead assigned exactly once and the rotation stays even', async () => {
    const teamId = await team('并发组');
    const members = [];
    for (let i = 0; i < 4; i++) members.push(await consultant(`并发${i}`, { teamId, capacity: 1000 }));
    await onlyRule({ name: '全部 → 并发组', targetType: 'team', targetTeamId: teamId });
    const leads = await Promise.all(Array.from({ length: 100 }, () => intake(t)));
    expect(leads.every((l) => l.ownerId !== null)).toBe(true);
    const ids = leads.map((l) => l.id);
    const perLead: { lead_id: string; n: string }[] = await t.ds.query(
      `SELECT lead_id, count(*) AS n FROM lead_event WHERE type = 'assignment' AND lead_id = ANY($1) GROUP BY lead_id`,
      [ids],
    );
    expect(perLead).toHaveLength(100);
    expect(perLead.every((r) => Number(r.n) === 1)).toBe(true);
    const counts = await ownerCounts(ids);
    for (const m of members) expect(counts[m.id]).toBe(25);
    const seqs: { seq: string }[] = await t.ds.query(
      `SELECT data->>'seq' AS seq FROM lead_event WHERE type = 'assignment' AND lead_id = ANY($1)`,
      [ids],
    );
    expect(new Set(seqs.map((s) => s.seq)).size).toBe(100);
  });

  it('a batch never fills a consultant past capacity: the rest go to the others, each lead assigned once', async () => {
    const teamId = await team('容量组');
    const small = await consultant('小容量', { teamId, capacity: 3 });
    const big = await consultant('大容量', { teamId, capacity: 1000 });
    await onlyRule({ name: '全部 → 容量组', targetType: 'team', targetTeamId: teamId });
    const leads = await Promise.all(Array.from({ length: 40 }, () => intake(t)));
    const ids = leads.map((l) => l.id);
    const counts = await ownerCounts(ids);
    expect(counts[small.id]).toBe(3);
    expect(counts[big.id]).toBe(37);
    const perLead: { n: number }[] = await t.ds.query(
      `SELECT count(*)::int AS n FROM lead_event WHERE type = 'assignment' AND lead_id = ANY($1) GROUP BY lead_id`,
      [ids],
    );
    expect(perLead.map((r) => r.n)).toEqual(Array(40).fill(1));
    const timers: { n: number }[] = await t.ds.query(`SELECT count(*)::int AS n FROM lead_sla WHERE lead_id = ANY($1)`, [ids]);
    expect(timers[0].n).toBe(40);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM lead_created_queue WHERE lead_id = ANY($1)`, [ids])).toEqual([{ n: 0 }]);
  });

  it('the sweep routes a lead whose process died between saving and routing, once', async () => {
    const teamId = await team('补漏组');
    const c = await consultant('补漏顾问', { teamId, capacity: 1000 });
    await onlyRule({ name: '全部 → 补漏组', targetType: 'team', targetTeamId: teamId });
    // Saved with its queue row, as intake's statement does, but the hooks never ran.
    const lead = await intake(t, { skipHooks: true });
    expect(lead.ownerId).toBeNull();
    await t.ds.query(`UPDATE lead_created_queue SET enqueued_at = now() - interval '5 minutes' WHERE lead_id = $1`, [lead.id]);
    const routing = t.app.get(RoutingService);
    expect(await routing.routeQueued()).toBe(1);
    expect(await routing.routeQueued()).toBe(0);
    const after = await t.ds.manager.findOneByOrFail(Lead, { id: lead.id });
    expect(after.ownerId).toBe(c.id);
    expect(await t.ds.manager.countBy(LeadEvent, { leadId: lead.id, type: 'assignment' })).toBe(1);
    // A queue row younger than the threshold belongs to a live process: left alone.
    const fresh = await intake(t, { skipHooks: true });
    expect(await routing.routeQueued()).toBe(0);
    await t.app.get(LeadLifecycle).runCreated([fresh]);
    expect((await t.ds.manager.findOneByOrFail(Lead, { id: fresh.id })).ownerId).toBe(c.id);
  });

  it('SLA: breach reminds the owner, 2× escalates to managers, 4× returns the lead to the pool — in working minutes', async () => {
    const clock = t.app.get(Clock);
    const sla = t.app.get(SlaService);
    const teamId = await team('SLA组');
    const owner = await consultant('慢顾问', { teamId, email: 'slow@example.cn' });
    await onlyRule({ name: '全部 → SLA组', targetType: 'team', targetTeamId: teamId });
    // Friday 6 March 2026, 17:40 Beijing: 20 working minutes left today.
    clock.set('2026-03-06T17:40:00+08:00');
    try {
      const lead = await intake(t, { company: '无锡某新能源科技有限公司' });
      expect(lead.ownerId).toBe(owner.id);
      const events = async () =>
        (await t.ds.manager.find(LeadEvent, { where: { leadId: lead.id, type: 'sla' }, order: { at: 'ASC' } })).map((e) => e.data.action);
      const kinds = async () =>
        (await t.ds.manager.find(Notification, { where: { leadId: lead.id }, order: { createdAt: 'ASC' } })).map(
          (n) => `${n.payload.kind}:${n.recipient}`,
        );

      // Monday 09:05: 20 + 5 = 25 working minutes, although 2.5 days passed.
      clock.set('2026-03-09T09:05:00+08:00');
      await sla.scan();
      expect(await events()).toEqual([]);

      // 09:10 → 30 working minutes: breach. Two workers scanning at once still remind once.
      clock.set('2026-03-09T09:10:00+08:00');
      await Promise.all([sla.scan(), sla.scan(), sla.scan()]);
      expect(await events()).toEqual(['owner_reminded']);
      expect(await kinds()).toContain('sla_reminder:slow@example.cn');

      // 09:40 → 60: managers.
      clock.set('2026-03-09T09:40:00+08:00');
      await Promise.all([sla.scan(), sla.scan()]);
      expect(await events()).toEqual(['owner_reminded', 'manager_escalated']);
      expect((await kinds()).filter((k) => k.startsWith('sla_escalation:'))).toHaveLength(1);

      // 10:40 → 120 = 4×: back to the pool.
      clock.set('2026-03-09T10:40:00+08:00');
      await Promise.all([sla.scan(), sla.scan()]);
      expect(await events()).toEqual(['owner_reminded', 'manager_escalated', 'returned_to_pool']);
      const after = await t.ds.manager.findOneByOrFail(Lead, { id: lead.id });
      expect(after.ownerId).toBeNull();
      expect(after.pooledAt?.toISOString()).toBe(new Date('2026-03-09T10:40:00+08:00').toISOString());
      expect(await kinds()).toContain('sla_pooled:slow@example.cn');
      clock.set('2026-03-10T10:40:00+08:00');
      expect(await sla.scan()).toBe(0);
    } finally {
      clock.reset();
    }
  });

  it('SLA with breachAction reassign: at 4× the lead goes to routing’s next choice, not to the pool', async () => {
    const clock = t.app.get(Clock);
    const sla = t.app.get(SlaService);
    const teamId = await team('改派组');
    const first = await consultant('先接顾问', { teamId });
    const second = await consultant('接手顾问', { teamId });
    await onlyRule({ name: '全部 → 改派组', targetType: 'team', targetTeamId: teamId });
    await t
      .http()
      .put('/api/routing/settings')
      .set(auth(managerToken))
      .send({ breachAction: 'reassign', firstResponseMinutes: 10 })
      .expect(200);
    clock.set('2026-03-11T10:00:00+08:00');
    try {
      const lead = await intake(t);
      const late = lead.ownerId;
      expect([first.id, second.id]).toContain(late);
      clock.set('2026-03-11T10:40:00+08:00');
      await sla.scan();
      const after = await t.ds.manager.findOneByOrFail(Lead, { id: lead.id });
      expect(after.ownerId).toBe(late === first.id ? second.id : first.id);
      // One scan took all three levels in one transaction, so the events share `at` (now()): order them by level.
      const actions = (await t.ds.manager.find(LeadEvent, { where: { leadId: lead.id, type: 'sla' } }))
        .sort((a, b) => Number(a.data.level) - Number(b.data.level))
        .map((e) => e.data.action);
      expect(actions).toEqual(['owner_reminded', 'manager_escalated', 'reassigned']);
      // The new owner's timer starts afresh.
      expect(await t.ds.query(`SELECT owner_id, level, closed_at FROM lead_sla WHERE lead_id = $1`, [lead.id])).toEqual([
        { owner_id: after.ownerId, level: 0, closed_at: null },
      ]);
    } finally {
      clock.reset();
      await t
        .http()
        .put('/api/routing/settings')
        .set(auth(managerToken))
        .send({ breachAction: 'pool', firstResponseMinutes: 30 })
        .expect(200);
    }
  });

  it('SLA stops once the lead gets its first response', async () => {
    const clock = t.app.get(Clock);
    const sla = t.app.get(SlaService);
    clock.set('2026-03-10T10:00:00+08:00');
    try {
      const lead = await intake(t);
      await t.ds.query(`UPDATE lead SET first_response_at = $2, stage = 'contacted' WHERE id = $1`, [lead.id, clock.now()]);
      clock.set('2026-03-10T15:00:00+08:00');
      await sla.scan();
      expect(await t.ds.manager.countBy(LeadEvent, { leadId: lead.id, type: 'sla' })).toBe(0);
      const [row] = await t.ds.query(`SELECT closed_at FROM lead_sla WHERE lead_id = $1`, [lead.id]);
      expect(row.closed_at).not.toBeNull();
    } finally {
      clock.reset();
    }
  });

  it('stops the SLA timer in the transaction that moves the lead out of new', async () => {
    const lead = await intake(t);
    const lifecycle = t.app.get(LeadLifecycle);
    await t.ds.transaction(async (m) => {
      await m.query(`UPDATE lead SET stage = 'contacted' WHERE id = $1`, [lead.id]);
      await lifecycle.runStageChanged(m, lead, 'new', 'contacted', lead.ownerId);
    });
    const [row] = await t.ds.query(`SELECT closed_at FROM lead_sla WHERE lead_id = $1`, [lead.id]);
    expect(row.closed_at).not.toBeNull();
  });

  it('writes the daily manager digest once per day per manager', async () => {
    const clock = t.app.get(Clock);
    const digest = t.app.get(DailyDigestService);
    clock.set(new Date(Date.now() + 60_000));
    try {
      const written = await digest.send();
      const managers: { n: number }[] = await t.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE role = 'manager' AND active`);
      expect(written).toBe(managers[0].n);
      expect(await digest.send()).toBe(0);
      const rows: { payload: { subject: string; text: string } }[] = await t.ds.query(
        `SELECT payload FROM notification WHERE payload->>'kind' = 'daily_digest'`,
      );
      expect(rows).toHaveLength(managers[0].n);
      const figures = await digest.figures(clock.now());
      expect(figures.newLeads).toBeGreaterThanOrEqual(400);
      expect(rows[0].payload.subject).toContain('每日线索简报');
      expect(rows[0].payload.text).toContain(`新线索：${figures.newLeads} 条`);
    } finally {
      clock.reset();
    }
  });
});
