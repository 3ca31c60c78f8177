import { LeadsRepository, type Lead } from '@app/leads';
import { NotificationsService } from '@app/notifications';
import { FakeWecom } from '../../support/fake-wecom.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { freePort } from '../../faults/support/faults.js';
import { SmtpCapture } from '../../faults/support/smtp-capture.js';

const COMPANY = '<script>alert("xss")</script><img src=x onerror=alert(1)>恶意公司\'); DROP TABLE lead; --';
const NEED = '[点此领取补贴](http://phish.example/a) **紧急** <font color="warning">加急</font>\n### 伪造标题\n`code` ~~删~~ | 表格';
const CONTACT = '王先生\r\nBcc: evil@attacker.example';
const PHONE = '13912340007';

/**
 * Stored injection: company names and needs with HTML, script, SQL and WeCom markdown are stored as
 * written and come out inert in what is actually sent: the email (HTML escaped, no header injection)
 * and the WeCom group robot markdown (no links, bold, font or headings from investor text).
 */
describe('stored injection: stored as written, inert in emails and WeCom messages', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let wecom: FakeWecom;
  const ROBOT = 'robot-key-injection';

  beforeAll(async () => {
    smtp = new SmtpCapture(await freePort());
    await smtp.start();
    wecom = await new FakeWecom().start();
    wecom.robotKeys.add(ROBOT);
    t = await startTestApp({
      RUN_WORKER: 'false',
      SMTP_URL: smtp.url,
      WECOM_API_BASE: wecom.baseUrl,
      WECOM_ROBOT_KEY: ROBOT,
      PUBLIC_BASE_URL: 'https://crm.example.cn',
      INTAKE_LIMIT_PER_IP_PER_MINUTE: '0',
      INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0',
    });
    await t.signIn('consultant', '唯一顾问');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await wecom.stop();
  });

  /** Through the public intake. */
  async function submit(): Promise<Lead> {
    const res = await t.http().post('/api/leads').send({
      need: NEED,
      usage: '<b>生产</b>',
      tax: "1'; SELECT pg_sleep(5); --",
      company: COMPANY,
      contact: CONTACT,
      phone: PHONE,
      consent: true,
      email: 'investor@example.com',
      channel: 'web',
    });
    expect(res.status).toBe(201);
    return (await t.app.get(LeadsRepository).findByReference(String(res.body.reference)))!;
  }

  it('stores the text exactly as written (SQL is data, not a command)', async () => {
    const lead = await submit();
    expect(lead.company).toBe(COMPANY);
    expect(lead.need).toBe(NEED);
    expect(lead.contactName).toBe(CONTACT);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM lead WHERE company = $1`, [COMPANY])).toEqual([{ n: 1 }]);

    await t.app.get(NotificationsService).deliverDue();

    // Email to the consultant: HTML escaped, subject and headers not injectable.
    const toConsultant = smtp.mails.find((m) => m.subject.includes('新线索'));
    expect(toConsultant).toBeDefined();
    expect(toConsultant!.html).toContain('&lt;script&gt;');
    expect(toConsultant!.html).not.toMatch(/<script|<img|<font/i);
    const headers = toConsultant!.raw.split(/\r?\n\r?\n/)[0];
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(smtp.mails.flatMap((m) => m.to.split(','))).not.toContain('evil@attacker.example');
    for (const m of smtp.mails) expect(m.html).not.toMatch(/<script|<img|<font/i);

    // WeCom group robot markdown: investor text cannot make links, bold, font tags or new blocks.
    const [robot] = wecom.robotMessages(ROBOT);
    expect(robot).toBeDefined();
    const investorLines = robot.split('\n').filter((l) => l.startsWith('> '));
    const joined = investorLines.join('\n');
    expect(joined).toContain('恶意公司');
    expect(joined).not.toMatch(/\]\(|<font|<script|\*\*|`/);
    expect(robot.split('\n').filter((l) => l.startsWith('###'))).toHaveLength(1);
    expect(robot).toContain('［点此领取补贴］');
    // The one link in the message is the CRM's own.
    expect(robot.match(/\]\((.*?)\)/g)).toEqual([expect.stringContaining('https://crm.example.cn/')]);
  });
});
