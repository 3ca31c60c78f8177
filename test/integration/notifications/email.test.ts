import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { Clock, Notification, NotificationsService, messageIdOf } from '@app/notifications';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { SmtpSink } from '../../support/smtp-sink.js';
import { intake } from '../routing/lead-intake.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function consultantWithEmail(t: TestApp, email: string): Promise<string> {
  const admin = await t.signIn('admin');
  const c = await t.signIn('consultant', '王顾问');
  await t.http().put(`/api/consultants/${c.userId}/profile`).set(auth(admin.token)).send({ email, capacity: 1000 }).expect(200);
  return c.userId;
}

describe('email notifications through a real SMTP server', () => {
  let smtp: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    // The worker runs: delivery happens through the pg-boss job queued in the intake transaction.
    t = await startTestApp({
      SMTP_URL: smtp.url,
      RUN_WORKER: 'true',
      PUBLIC_BASE_URL: 'https://crm.example.cn',
      MAIL_FROM: '招商CRM <crm@example.cn>',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('delivers the assignment email (Chinese subject, HTML + text, lead link, masked phone, Message-ID from the outbox id)', async () => {
    const ownerId = await consultantWithEmail(t, 'wang@example.cn');
    const lead = await intake(t, { company: '苏州某精密制造有限公司', phone: '13912345678', email: 'investor@example.com' });
    expect(lead.ownerId).toBe(ownerId);
    const mails = await smtp.waitFor(2);
    const toWang = mails.find((m) => m.subject?.includes('新线索已分配给您'))!;
    expect(toWang.subject).toBe(`【招商CRM】新线索已分配给您 ${lead.reference} 苏州某精密制造有限公司`);
    expect(toWang.to && !Array.isArray(toWang.to) ? toWang.to.text : '').toBe('wang@example.cn');
    expect(toWang.text).toContain(`https://crm.example.cn/leads/${lead.id}`);
    expect(toWang.html).toContain(`href="https://crm.example.cn/leads/${lead.id}"`);
    expect(toWang.text).toContain('139****5678');
    expect(toWang.text).not.toContain('13912345678');
    expect(toWang.text).toContain('王**');
    const row = await t.ds.manager.findOneByOrFail(Notification, { leadId: lead.id, recipient: 'wang@example.cn' });
    expect(toWang.messageId).toBe(messageIdOf(row.id));
    const ack = mails.find((m) => m.subject?.includes('已收到您的需求'))!;
    expect(ack.text).toContain(lead.reference);
    // The job marks the rows sent.
    for (let i = 0; i < 50 && (await t.ds.manager.countBy(Notification, { leadId: lead.id, status: 'sent' })) < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await t.ds.manager.countBy(Notification, { leadId: lead.id, status: 'sent' })).toBe(2);
  });

  it('schedules the delivery sweep, the SLA scan and the daily digest as pg-boss cron jobs', async () => {
    const rows: { name: string; cron: string }[] = await t.ds.query(`SELECT name, cron FROM pgboss.schedule ORDER BY name`);
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: 'notifications.sweep', cron: '* * * * *' },
        { name: 'routing.sla-scan', cron: '* * * * *' },
        { name: 'routing.daily-digest', cron: '30 8 * * *' },
      ]),
    );
  });

  it('gives up at once on a permanent SMTP rejection (5xx) instead of retrying for a day', async () => {
    smtp.rejectRecipients.add('nobody@example.cn');
    const lead = await intake(t, { email: 'nobody@example.cn' });
    let row: Notification | null = null;
    for (let i = 0; i < 100; i++) {
      row = await t.ds.manager.findOneBy(Notification, { leadId: lead.id, recipient: 'nobody@example.cn' });
      if (row && row.status !== 'pending') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row!.lastError).toMatch(/SMTP 550/);
  });
});

describe('with the SMTP server down, nothing is lost', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    // Take a free port, then close the server: SMTP is "down" on that port.
    const probe = await new SmtpSink().start();
    port = probe.port;
    await probe.stop();
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, RUN_WORKER: 'false' });
  });
  afterAll(async () => {
    await t.close();
    await smtp?.stop();
  });

  it('accepts 200 leads while SMTP is down, then delivers every notification exactly once after recovery', async () => {
    const clock = t.app.get(Clock);
    const notifications = t.app.get(NotificationsService);
    clock.set('2026-03-02T10:00:00+08:00');
    try {
      await consultantWithEmail(t, 'wang@example.cn');
      const leads = [];
      for (let i = 0; i < 200; i++) leads.push(await intake(t, { email: `investor${i}@example.com` }));
      expect(leads.every((l) => l.ownerId)).toBe(true);
      expect(await t.ds.manager.count(Notification)).toBe(400);

      await notifications.deliverDue();
      expect(await t.ds.manager.countBy(Notification, { status: 'failed' })).toBe(400);
      const failed = await t.ds.manager.findOneByOrFail(Notification, { channel: 'email', recipient: 'investor0@example.com' });
      expect(failed.attempts).toBe(1);
      expect(failed.lastError).toMatch(/SMTP/);
      expect(failed.nextAttemptAt.getTime() - clock.now().getTime()).toBe(30_000);

      // Not due yet: nothing is attempted.
      expect(await notifications.deliverDue()).toBe(0);

      smtp = await new SmtpSink().start(port);
      clock.advance(31_000);
      // Three workers at once: SKIP LOCKED gives each row to exactly one of them.
      const processed = await Promise.all([notifications.deliverDue(), notifications.deliverDue(), notifications.deliverDue()]);
      expect(processed.reduce((a, b) => a + b, 0)).toBe(400);
      expect(await t.ds.manager.countBy(Notification, { status: 'sent' })).toBe(400);
      const ids = (await t.ds.manager.find(Notification)).map((n) => messageIdOf(n.id)).sort();
      const received = smtp.messages.map((m) => m.messageId!).sort();
      expect(received).toHaveLength(400);
      expect(received).toEqual(ids);
      expect(await notifications.deliverDue()).toBe(0);
      expect(smtp.messages).toHaveLength(400);
    } finally {
      clock.reset();
    }
  });
});

describe('without SMTP_URL, email goes to DATA_DIR/mail and the delivery log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes .eml files, lists them in the delivery log and retries dead ones on request', async () => {
    await consultantWithEmail(t, 'offline@example.cn');
    const lead = await intake(t);
    await t.app.get(NotificationsService).deliverDue();
    const row = await t.ds.manager.findOneByOrFail(Notification, { leadId: lead.id });
    expect(row.status).toBe('sent');
    const file = join(t.config.dataDir, 'mail', `${row.id}.eml`);
    expect(existsSync(file)).toBe(true);
    const parsed = await simpleParser(readFileSync(file));
    expect(parsed.subject).toContain('新线索已分配给您');

    const manager = await t.signIn('manager');
    const log = await t.http().get(`/api/notifications?leadId=${lead.id}&status=sent`).set(auth(manager.token)).expect(200);
    expect(log.body).toHaveLength(1);
    expect(log.body[0]).toMatchObject({
      id: row.id,
      channel: 'email',
      recipient: 'offline@example.cn',
      status: 'sent',
      attempts: 1,
      lastError: null,
    });
    expect(JSON.stringify(log.body)).not.toContain('robotKey');
    const bad = await t.http().get('/api/notifications?status=lost').set(auth(manager.token));
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('status');
    const consultant = await t.signIn('consultant');
    await t.http().get('/api/notifications').set(auth(consultant.token)).expect(403);

    const notRetryable = await t.http().post(`/api/notifications/${row.id}/retry`).set(auth(manager.token));
    expect(notRetryable.status).toBe(409);
    expect(notRetryable.body.fields[0].field).toBe('id');
    await t.ds.query(`UPDATE notification SET status = 'dead', last_error = 'gave up' WHERE id = $1`, [row.id]);
    const retried = await t.http().post(`/api/notifications/${row.id}/retry`).set(auth(manager.token)).expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await t.app.get(NotificationsService).deliverDue();
    expect((await t.ds.manager.findOneByOrFail(Notification, { id: row.id })).status).toBe('sent');
  });
});
