import ExcelJS from 'exceljs';
import { LeadsRepository } from '@app/leads';
import type { TestApp } from '../../support/test-app.js';
import { startTestApp } from '../../support/test-app.js';

const CSV = [
  '标题,类型,租售,地址,面积,层高,承重,行车,配电,租金,可环评,亩均税收要求,状态',
  '金西标准厂房1号,厂房,租,金华市金西路1号,3200,8,3,10,630,0.8元/㎡/天,是,30,可租',
  '金西标准厂房2号,厂房,租,金华市金西路2号,很大,8,3,,,25,是,30,可租',
  '金西地块,土地,出让,金华市金西路9号,13333,,,,,,是,30,可售',
  '坏类型,别墅,租,金华市金西路3号,500,,,,,,,,',
].join('\n');

describe('listings: CRUD, roles, import/export, holds', () => {
  let t: TestApp;
  let manager: string;
  let consultant: { token: string; userId: string };
  let other: { token: string; userId: string };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await t.signIn('manager')).token;
    consultant = await t.signIn('consultant', '王顾问');
    other = await t.signIn('consultant', '李顾问');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a manager create, read, update and delete a listing; a day rent is converted to a month rent', async () => {
    const res = await t
      .http()
      .post('/api/listings')
      .set(auth(manager))
      .send({
        title: '测试厂房',
        kind: 'factory',
        deal: 'rent',
        address: '测试路1号',
        areaSqm: 1000,
        rentQuoted: '1元/㎡/天',
        allowedIndustries: ['c36'],
      })
      .expect(201);
    expect(res.body).toMatchObject({
      title: '测试厂房',
      rentYuanPerSqmMonth: 30.42,
      rentQuotedRaw: '1元/㎡/天',
      allowedIndustries: ['C36'],
      status: 'available',
    });
    expect(res.body.naturalKey).toBeUndefined();
    const id = res.body.id as string;
    await t.http().get(`/api/listings/${id}`).set(auth(consultant.token)).expect(200);
    const patched = await t.http().patch(`/api/listings/${id}`).set(auth(manager)).send({ status: 'let' }).expect(200);
    expect(patched.body.status).toBe('let');
    await t.http().delete(`/api/listings/${id}`).set(auth(manager)).expect(204);
    await t.http().get(`/api/listings/${id}`).set(auth(manager)).expect(404);
  });

  it('refuses writes by consultants and names bad fields', async () => {
    await t.http().post('/api/listings').set(auth(consultant.token)).send({ title: 'x', kind: 'factory', deal: 'rent' }).expect(403);
    const bad = await t
      .http()
      .post('/api/listings')
      .set(auth(manager))
      .send({ title: 'x', kind: 'villa', deal: 'rent', areaSqm: -1 })
      .expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['areaSqm', 'kind']);
  });

  it('imports a CSV: good rows kept, bad rows reported by row and column; re-import changes nothing', async () => {
    const first = await t
      .http()
      .post('/api/listings/import')
      .set(auth(manager))
      .attach('file', Buffer.from(CSV), 'listings.csv')
      .expect(200);
    expect(first.body.created).toBe(2);
    expect(first.body.updated).toBe(0);
    expect(first.body.errors).toEqual([
      { row: 3, column: '面积', message_zh: '面积："很大"不是有效的数字', message_en: 'areaSqm: "很大" is not a valid number' },
      expect.objectContaining({ row: 5, column: '类型' }),
    ]);
    const list = await t.http().get('/api/listings?kind=factory').set(auth(consultant.token)).expect(200);
    const f1 = list.body.items.find((l: { title: string }) => l.title === '金西标准厂房1号');
    expect(f1).toMatchObject({ areaSqm: 3200, rentYuanPerSqmMonth: 24.33, rentQuotedRaw: '0.8元/㎡/天', envApproved: true, craneTons: 10 });
    const land = (await t.http().get('/api/listings?kind=land').set(auth(manager))).body.items[0];
    expect(land).toMatchObject({ deal: 'land_transfer', areaMu: 20 });

    const again = await t
      .http()
      .post('/api/listings/import')
      .set(auth(manager))
      .attach('file', Buffer.from(CSV), 'listings.csv')
      .expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const changed = CSV.replace('3200,8', '3300,8');
    const third = await t
      .http()
      .post('/api/listings/import')
      .set(auth(manager))
      .attach('file', Buffer.from(changed), 'listings.csv')
      .expect(200);
    expect(third.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it('imports an XLSX with English headers and refuses a file without the required columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['code', 'title', 'kind', 'deal', 'area', 'rent', 'status']);
    ws.addRow(['WH-1', 'Warehouse 1', 'warehouse', 'rent', 1800, 20, 'available']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await t.http().post('/api/listings/import').set(auth(manager)).attach('file', buf, 'w.xlsx').expect(200);
    expect(res.body).toMatchObject({ created: 1, errors: [] });
    const missing = await t
      .http()
      .post('/api/listings/import')
      .set(auth(manager))
      .attach('file', Buffer.from('地址\n某路'), 'x.csv')
      .expect(200);
    expect(missing.body.created).toBe(0);
    expect(missing.body.errors.map((e: { column: string }) => e.column)).toEqual(['标题', '类型', '租售']);
    await t.http().post('/api/listings/import').set(auth(consultant.token)).attach('file', buf, 'w.xlsx').expect(403);
  });

  it('exports CSV and XLSX that re-import without changes', async () => {
    const csv = await t.http().get('/api/listings/export?format=csv').set(auth(manager)).buffer(true).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.text;
    expect(text.split('\n')[0]).toContain('标题');
    expect(text).toContain('金西标准厂房1号');
    const back = await t.http().post('/api/listings/import').set(auth(manager)).attach('file', Buffer.from(text), 'export.csv').expect(200);
    expect(back.body).toMatchObject({ created: 0, updated: 0, errors: [] });

    const xlsx = await t
      .http()
      .get('/api/listings/export?format=xlsx')
      .set(auth(manager))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const back2 = await t
      .http()
      .post('/api/listings/import')
      .set(auth(manager))
      .attach('file', xlsx.body as Buffer, 'export.xlsx')
      .expect(200);
    expect(back2.body).toMatchObject({ created: 0, updated: 0, errors: [] });
  });

  it('holds a listing for one lead; another consultant gets 409 until it expires', async () => {
    const leads = t.app.get(LeadsRepository);
    const mk = async (n: number) =>
      leads.transaction(async (m) =>
        leads.createLead(m, {
          reference: `ZS-T-H${n}`,
          company: `公司${n}`,
          contactName: '张三',
          phoneEnc: 'x',
          phoneHash: `h${n}`,
          phoneMasked: '138****0000',
          phoneLast4: '0000',
        }),
      );
    const a = await mk(1);
    const b = await mk(2);
    const listing = (await t.http().get('/api/listings?kind=factory').set(auth(manager))).body.items[0];
    const until = new Date(Date.now() + 86400_000).toISOString();
    const h = await t
      .http()
      .post(`/api/listings/${listing.id}/holds`)
      .set(auth(consultant.token))
      .send({ leadId: a.id, until })
      .expect(201);
    expect(h.body).toMatchObject({ listingId: listing.id, leadId: a.id, heldById: consultant.userId });
    const clash = await t.http().post(`/api/listings/${listing.id}/holds`).set(auth(other.token)).send({ leadId: b.id, until }).expect(409);
    expect(clash.body.code).toBe('LISTING_HELD');
    expect(clash.body.message_zh).toContain('王顾问');
    const past = await t
      .http()
      .post(`/api/listings/${listing.id}/holds`)
      .set(auth(other.token))
      .send({ leadId: b.id, until: '2020-01-01T00:00:00Z' })
      .expect(400);
    expect(past.body.fields[0].field).toBe('until');
    // expire the hold: the other consultant may now hold it
    await t.ds.query(`UPDATE listing_hold SET until = now() - interval '1 minute' WHERE lead_id = $1`, [a.id]);
    await t.http().post(`/api/listings/${listing.id}/holds`).set(auth(other.token)).send({ leadId: b.id, until }).expect(201);
  });
});
