import { Clock, Notification, NotificationsService, robotRecipient, type NewNotification } from '@app/notifications';
import { FakeWecom } from '../../support/fake-wecom.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { intake } from '../routing/lead-intake.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('WeCom notifications against a fake WeCom server', () => {
  let fake: FakeWecom;
  let t: TestApp;
  let svc: NotificationsService;
  let clock: Clock;
  let n = 0;

  beforeAll(async () => {
    fake = await new FakeWecom().start();
    fake.users.add('wanggw');
    fake.users.add('ligw');
    t = await startTestApp({
      RUN_WORKER: 'false',
      WECOM_API_BASE: fake.baseUrl,
      WECOM_CORP_ID: fake.corpId,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: fake.secret,
      PUBLIC_BASE_URL: 'https://crm.example.cn',
    });
    svc = t.app.get(NotificationsService);
    clock = t.app.get(Clock);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  beforeEach(() => clock.set('2026-03-02T10:00:00+08:00'));
  afterEach(() => clock.reset());

  function robot(key: string, text: string): NewNotification {
    return {
      eventKey: `test:${++n}`,
      recipient: robotRecipient(key),
      channel: 'wecom_robot',
      payload: { kind: 'test', subject: text, text, markdown: `### ${text}`, robotKey: key },
    };
  }

  function app(touser: string, text: string): NewNotification {
    return { eventKey: `test:${++n}`, recipient: touser, channel: 'wecom_app', payload: { kind: 'test', subject: text, text } };
  }

  const enqueue = (items: NewNotification[]) => t.ds.transaction((m) => svc.enqueue(m, items));
  const row = (eventKey: string) => t.ds.manager.findOneByOrFail(Notification, { eventKey });

  it('keeps each robot under 18 messages per sliding minute by itself', async () => {
    const key = 'robot-limit';
    fake.robotKeys.add(key);
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      const item = robot(key, `消息 ${i}`);
      keys.push(item.eventKey);
      await enqueue([item]);
      await svc.deliverDue();
      clock.advance(1000);
    }
    expect(fake.count('robot', key)).toBe(18);
    expect((await row(keys[18])).status).toBe('pending');
    // The window slides: a minute after the first send, the two waiting go out as one digest.
    clock.set(new Date(new Date('2026-03-02T10:00:00+08:00').getTime() + 60_500));
    await svc.deliverDue();
    expect(fake.count('robot', key)).toBe(19);
    expect(fake.robotMessages(key).at(-1)).toContain('汇总（2 条）');
    expect((await row(keys[19])).status).toBe('sent');
  });

  it('waits at least 60 s after 45009 (the 21st message in a minute, robot shared with another sender)', async () => {
    const key = 'robot-shared';
    fake.robotKeys.add(key);
    fake.consumeRobotWindow(key, 20);
    const item = robot(key, '第21条');
    await enqueue([item]);
    await svc.deliverDue();
    const failed = await row(item.eventKey);
    expect(fake.calls.at(-1)?.response.errcode).toBe(45009);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/45009/);
    expect(failed.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(60_000);
    clock.advance(30_000);
    const before = fake.count('robot', key);
    await svc.deliverDue();
    expect(fake.count('robot', key)).toBe(before);
    fake.resetRobotWindow(key);
    clock.advance(31_000);
    await svc.deliverDue();
    expect((await row(item.eventKey)).status).toBe('sent');
  });

  it('on 93000 disables the robot, marks its messages dead and alerts the admins', async () => {
    const admin = await t.signIn('admin');
    const key = 'robot-removed';
    const first = robot(key, '第一条');
    await enqueue([first]);
    await svc.deliverDue();
    expect(fake.calls.at(-1)?.response.errcode).toBe(93000);
    expect((await row(first.eventKey)).status).toBe('dead');
    const alert = await t.ds.manager.findOneByOrFail(Notification, {
      eventKey: `robot-disabled:${robotRecipient(key).slice(6)}`,
      recipient: admin.email,
    });
    expect(alert.channel).toBe('email');
    expect(alert.payload.subject).toContain('群机器人已失效');
    const second = robot(key, '第二条');
    await enqueue([second]);
    const calls = fake.count('robot', key);
    await svc.deliverDue();
    expect(fake.count('robot', key)).toBe(calls);
    expect((await row(second.eventKey)).lastError).toMatch(/disabled/);
  });

  it('retries after −1 (system busy) and then succeeds', async () => {
    const key = 'robot-busy';
    fake.robotKeys.add(key);
    fake.scriptRobot(key, -1);
    const item = robot(key, '忙碌后成功');
    await enqueue([item]);
    await svc.deliverDue();
    expect((await row(item.eventKey)).status).toBe('failed');
    clock.advance(31_000);
    await svc.deliverDue();
    const done = await row(item.eventKey);
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fake.robotMessages(key)).toEqual(['### 忙碌后成功']);
  });

  it('merges a burst for one robot into one digest under 4096 bytes', async () => {
    const key = 'robot-burst';
    fake.robotKeys.add(key);
    const items = Array.from({ length: 5 }, (_, i) => robot(key, `线索 ${i}`));
    await enqueue(items);
    await svc.deliverDue();
    expect(fake.count('robot', key)).toBe(1);
    const [digest] = fake.robotMessages(key);
    expect(digest).toContain('汇总（5 条）');
    expect(Buffer.byteLength(digest, 'utf8')).toBeLessThanOrEqual(4096);
    const rows = await Promise.all(items.map((i) => row(i.eventKey)));
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(rows.map((r) => r.digestOf)).size).toBe(1);
  });

  it('application message: caches the token in Postgres, and after 42001 refreshes once and retries once', async () => {
    const a = app('wanggw', '第一条应用消息');
    await enqueue([a]);
    await svc.deliverDue();
    expect((await row(a.eventKey)).status).toBe('sent');
    const tokensBefore = fake.count('gettoken');
    const b = app('wanggw', '第二条应用消息');
    await enqueue([b]);
    await svc.deliverDue();
    expect(fake.count('gettoken')).toBe(tokensBefore); // cached
    fake.expireToken();
    const c = app('wanggw', '令牌过期后的消息');
    await enqueue([c]);
    await svc.deliverDue();
    expect((await row(c.eventKey)).status).toBe('sent');
    expect(fake.count('gettoken')).toBe(tokensBefore + 1);
    const sends = fake.calls.filter(
      (x) => x.kind === 'app' && (x.body?.text as { content: string }).content.startsWith('令牌过期后的消息'),
    );
    expect(sends.map((s) => s.response.errcode)).toEqual([42001, 0]);
  });

  it('refreshes the token single-flight across concurrent callers', async () => {
    await t.ds.query(`DELETE FROM wecom_token`);
    const before = fake.count('gettoken');
    const tokens = await Promise.all(Array.from({ length: 6 }, () => svc.token(fake.corpId, 1000002, fake.secret)));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.count('gettoken')).toBe(before + 1);
  });

  it('records a non-empty invaliduser as a partial failure, and all-invalid as dead', async () => {
    const partial = app('wanggw|ghost', '部分失败');
    const allBad = app('ghost', '全部无效');
    await enqueue([partial, allBad]);
    await svc.deliverDue();
    expect(await row(partial.eventKey)).toMatchObject({ status: 'sent', partialFailure: 'invaliduser: ghost' });
    expect(await row(allBad.eventKey)).toMatchObject({ status: 'dead' });
    const manager = await t.signIn('manager');
    const log = await t.http().get('/api/notifications').set(auth(manager.token)).expect(200);
    expect(log.body.find((x: { eventKey: string }) => x.eventKey === partial.eventKey).partialFailure).toBe('invaliduser: ghost');
  });

  it('routes a new lead to WeCom app + team robot with the investor phone and name masked', async () => {
    const admin = await t.signIn('admin');
    const key = 'robot-team';
    fake.robotKeys.add(key);
    const team = await t.http().post('/api/teams').set(auth(admin.token)).send({ name: '汽车组', robotKey: key }).expect(201);
    const c = await t.signIn('consultant', '李顾问');
    await t
      .http()
      .put(`/api/consultants/${c.userId}/profile`)
      .set(auth(admin.token))
      .send({ teamId: team.body.id, wecomUserId: 'ligw' })
      .expect(200);
    const manager = await t.signIn('manager');
    await t
      .http()
      .post('/api/routing/rules')
      .set(auth(manager.token))
      .send({ name: '全部 → 汽车组', position: 0, targetType: 'team', targetTeamId: team.body.id })
      .expect(201);
    const lead = await intake(t, { phone: '13912345678', contactName: '王小明', company: '常州某汽车零部件有限公司' });
    expect(lead.ownerId).toBe(c.userId);
    await svc.deliverDue();
    const rows = await t.ds.manager.find(Notification, { where: { leadId: lead.id } });
    expect(rows.map((r) => `${r.channel}:${r.status}`).sort()).toEqual(['email:sent', 'wecom_app:sent', 'wecom_robot:sent']);
    const group = fake.robotMessages(key).at(-1)!;
    expect(group).toContain('常州某汽车零部件有限公司');
    // Masked (the asterisks may be full-width so WeCom markdown does not read them as bold).
    expect(group).toMatch(/139[*＊]{4}5678/);
    expect(group).toMatch(/王[*＊]{2}/);
    expect(group).not.toContain('13912345678');
    expect(group).not.toContain('王小明');
    expect(group).toContain(`https://crm.example.cn/leads/${lead.id}`);
    expect(fake.appMessages().at(-1)).toMatchObject({ touser: 'ligw' });
  });
});
