import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Notification, NotificationsService } from '@app/notifications';
import { createApiApp } from '../../../apps/api/src/http/create-app.js';
import { startTestApp, testConfig, type TestApp } from '../../support/test-app.js';

const ENV = { RUN_WORKER: 'false', INTAKE_LIMIT_PER_IP_PER_MINUTE: '0', INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0' };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('two API processes on one database', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let secondDataDir: string;

  beforeAll(async () => {
    t = await startTestApp(ENV);
    const config = testConfig(ENV);
    secondDataDir = config.dataDir;
    second = await createApiApp(config, t.databaseUrl);
    await second.init();
    await second.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('POST /api/leads on both at once: every lead routed exactly once, rotation even, each email delivered once', async () => {
    const admin = await t.signIn('admin');
    const manager = await t.signIn('manager');
    const team = await t.http().post('/api/teams').set(auth(admin.token)).send({ name: '双进程组' }).expect(201);
    const members: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await t.signIn('consultant', `顾问${i}`);
      await t
        .http()
        .put(`/api/consultants/${c.userId}/profile`)
        .set(auth(admin.token))
        .send({ teamId: team.body.id, capacity: 1000 })
        .expect(200);
      members.push(c.userId);
    }
    await t
      .http()
      .post('/api/routing/rules')
      .set(auth(manager.token))
      .send({ name: '全部 → 双进程组', targetType: 'team', targetTeamId: team.body.id })
      .expect(201);

    const servers = [t.app.getHttpServer(), second.getHttpServer()];
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        request(servers[i % 2])
          .post('/api/leads')
          .send({
            need: '标准厂房3000平方，租，层高8米',
            tax: '年税收300万',
            company: `双进程测试公司${i}`,
            contact: '王先生',
            phone: `1390000${String(1000 + i)}`,
            consent: true,
          }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(201));
    const ids = responses.map((r) => r.body.id as string);
    const owners: { owner_id: string | null; n: string }[] = await t.ds.query(
      `SELECT owner_id, count(*) AS n FROM lead WHERE id = ANY($1) GROUP BY owner_id`,
      [ids],
    );
    expect(Object.fromEntries(owners.map((o) => [o.owner_id, Number(o.n)]))).toEqual(Object.fromEntries(members.map((m) => [m, 20])));
    const events: { n: string }[] = await t.ds.query(
      `SELECT count(*) AS n FROM lead_event WHERE type = 'assignment' AND lead_id = ANY($1) GROUP BY lead_id`,
      [ids],
    );
    expect(events.map((e) => Number(e.n))).toEqual(Array(60).fill(1));

    // Both processes deliver at once; without SMTP_URL each writes .eml files to its own DATA_DIR/mail.
    await Promise.all([t.app.get(NotificationsService).deliverDue(), second.get(NotificationsService).deliverDue()]);
    const rows = await t.ds.manager.find(Notification);
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const files = (dir: string) => {
      try {
        return readdirSync(join(dir, 'mail'));
      } catch {
        return [];
      }
    };
    const written = [...files(t.config.dataDir), ...files(secondDataDir)].sort();
    expect(written).toEqual(rows.map((r) => `${r.id}.eml`).sort());
  });
});
