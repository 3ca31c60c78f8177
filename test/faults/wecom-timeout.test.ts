import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Clock, NotificationsService, robotRecipient } from '@app/notifications';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * WeCom not answering at all (the HTTP request hangs): the delivery gives up after the client's 10 s
 * timeout, records the failure, and the message goes out on the next attempt once WeCom answers.
 * (45009, −1, 93000 and 42001 are covered by test/integration/notifications/wecom.test.ts.)
 */
describe('fault: WeCom timing out', () => {
  let t: TestApp;
  let server: Server;
  let hang = true;
  const received: string[] = [];
  const hung: ServerResponse[] = [];
  const KEY = 'robot-key-timeout';

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (hang) {
          hung.push(res); // never answered
          return;
        }
        received.push(body);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t = await startTestApp({ RUN_WORKER: 'false', WECOM_API_BASE: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    await t.close();
    for (const r of hung) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails the attempt after the timeout, keeps the message, and delivers it once WeCom answers', async () => {
    const svc = t.app.get(NotificationsService);
    const clock = t.app.get(Clock);
    clock.set(new Date());
    await t.ds.transaction((m) =>
      svc.enqueue(m, [
        {
          eventKey: 'timeout:1',
          recipient: robotRecipient(KEY),
          channel: 'wecom_robot',
          payload: { kind: 'lead.assigned', subject: '新线索', text: '新线索', markdown: '### 新线索\n> 公司：金华某公司', robotKey: KEY },
        },
      ]),
    );

    const started = Date.now();
    await svc.deliverDue();
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    const [failed] = await t.ds.query(`SELECT status, attempts, last_error FROM notification WHERE event_key = 'timeout:1'`);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringMatching(/^WeCom robot: .*(timeout|aborted)/i),
    });

    hang = false;
    clock.advance(31_000);
    await svc.deliverDue();
    const [sent] = await t.ds.query(`SELECT status, attempts FROM notification WHERE event_key = 'timeout:1'`);
    expect(sent).toEqual({ status: 'sent', attempts: 2 });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]).markdown.content).toContain('金华某公司');
    clock.reset();
  }, 60_000);
});
