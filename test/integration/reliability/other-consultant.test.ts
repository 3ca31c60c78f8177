import { LeadsRepository, type Lead } from '@app/leads';
import { PersonalDataCipher, maskPhone } from '@app/privacy';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * "Another consultant" in the access matrix: every operation of the OpenAPI document on a lead
 * (/api/leads/{id}…) called by a consultant on a lead owned by someone else. Reads answer 404 (the lead
 * does not exist for them), nothing answers 2xx, and the lead is unchanged afterwards.
 */
describe("access: another consultant's lead, on every lead operation", () => {
  let t: TestApp;
  let owner: { token: string; userId: string };
  let intruder: { token: string; userId: string };
  let lead: Lead;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'false' });
    owner = await t.signIn('consultant', '王顾问');
    intruder = await t.signIn('consultant', '李顾问');
    const repo = t.app.get(LeadsRepository);
    const cipher = t.app.get(PersonalDataCipher);
    const phone = '+8613912345671';
    lead = await repo.transaction(async (m) =>
      repo.createLead(m, {
        reference: await repo.nextReference(m),
        company: '金华某精密制造有限公司',
        contactName: '王先生',
        phoneEnc: cipher.encrypt(phone),
        phoneHash: cipher.hash(phone),
        phoneMasked: maskPhone(phone),
        phoneLast4: phone.slice(-4),
        need: '厂房 3000㎡',
        ownerId: owner.userId,
      }),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('never lets them read or change it', async () => {
    const doc = (await t.http().get('/api/docs/json')).body as { paths: Record<string, Record<string, unknown>> };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => /^\/api\/leads\/\{id\}/.test(path))
      .flatMap(([path, methods]) =>
        Object.keys(methods)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => ({ method: m, path })),
      );
    expect(ops.length).toBeGreaterThan(5);
    const before = await t.ds.query('SELECT * FROM lead WHERE id = $1', [lead.id]);
    const failures: string[] = [];
    for (const op of ops) {
      const url = op.path.replace('{id}', lead.id).replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      let req = t.http()[op.method as 'get'](url).set('authorization', `Bearer ${intruder.token}`);
      if (op.method !== 'get' && op.method !== 'delete') req = req.send({});
      const res = await req;
      const key = `${op.method.toUpperCase()} ${op.path}`;
      if (res.status < 300) failures.push(`${key}: ${res.status}`);
      else if (op.method === 'get' && res.status !== 404) failures.push(`${key}: ${res.status} (a read should not reveal the lead exists)`);
      if (JSON.stringify(res.body).includes('金华某精密')) failures.push(`${key}: body shows the lead`);
    }
    expect(failures).toEqual([]);
    expect(await t.ds.query('SELECT * FROM lead WHERE id = $1', [lead.id])).toEqual(before);
  });
});
