import type { TestApp } from '../support/test-app.js';
import { startTestApp } from '../support/test-app.js';

describe('foundation: health, errors, identity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports healthy when the database is up, migrations applied and the queue running', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', migrations: 'applied', queue: { running: true } });
  });

  it('answers an unknown API route with a JSON 404 carrying a request id', async () => {
    const res = await t.http().get('/api/no-such-thing').set('x-request-id', 'req-abc-1').expect(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', requestId: 'req-abc-1' });
    expect(res.body.message_zh).toMatch(/不存在/);
    expect(res.headers['x-request-id']).toBe('req-abc-1');
  });

  it('sets security headers', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses malformed JSON, other content types and oversized bodies with the field named', async () => {
    const bad = await t.http().post('/api/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({ field: 'body', code: 'MALFORMED_JSON' });
    const text = await t.http().post('/api/auth/login').set('content-type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
    expect(text.body.fields[0].field).toBe('content-type');
    const form = await t.http().post('/api/auth/login').set('content-type', 'application/x-www-form-urlencoded').send('email=a&password=b');
    expect(form.status).toBe(415);
    const big = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
  });

  it('signs in with email and password, sets an httpOnly cookie and answers /api/me', async () => {
    const { token, email } = await t.signIn('manager', '陈经理');
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ email, role: 'manager', name: '陈经理' });

    const login = await t.http().post('/api/auth/login').send({ email, password: 'test-password-123' }).expect(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/zs_session=.*HttpOnly/i);
    const viaCookie = await t.http().get('/api/me').set('cookie', cookie.split(';')[0]).expect(200);
    expect(viaCookie.body.email).toBe(email);
  });

  it('refuses missing, tampered and revoked tokens with 401', async () => {
    await t.http().get('/api/me').expect(401);
    const { token } = await t.signIn('consultant');
    const tampered = token.slice(0, -3) + (token.endsWith('aaa') ? 'bbb' : 'aaa');
    const res = await t.http().get('/api/me').set('authorization', `Bearer ${tampered}`).expect(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
    await t.http().post('/api/auth/logout').set('authorization', `Bearer ${token}`).expect(204);
    await t.http().get('/api/me').set('authorization', `Bearer ${token}`).expect(401);
  });

  it('locks an account after repeated wrong passwords', async () => {
    const { email } = await t.signIn('consultant');
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/auth/login').send({ email, password: 'wrong-password-1' }).expect(401);
    }
    const locked = await t.http().post('/api/auth/login').send({ email, password: 'test-password-123' });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets only admins manage users, with field errors in Chinese and English', async () => {
    const admin = await t.signIn('admin');
    const consultant = await t.signIn('consultant');
    await t.http().get('/api/users').set('authorization', `Bearer ${consultant.token}`).expect(403);

    const bad = await t
      .http()
      .post('/api/users')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ email: 'not-an-email', password: 'short', name: '', role: 'boss', extra: 1 })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const fields = bad.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['email', 'extra', 'name', 'password', 'role']);
    for (const f of bad.body.fields) {
      expect(f.message_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.message_en.length).toBeGreaterThan(3);
    }

    const created = await t
      .http()
      .post('/api/users')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ email: 'Li.Na@Example.com', password: 'secure-pass-2026', name: '李娜', role: 'consultant' })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'li.na@example.com', role: 'consultant', name: '李娜' });
    expect(created.body.passwordHash).toBeUndefined();

    const dup = await t
      .http()
      .post('/api/users')
      .set('authorization', `Bearer ${admin.token}`)
      .send({ email: 'li.na@example.com', password: 'secure-pass-2026', name: '李娜', role: 'consultant' })
      .expect(409);
    expect(dup.body.fields[0].field).toBe('email');

    const patched = await t
      .http()
      .patch(`/api/users/${created.body.id}`)
      .set('authorization', `Bearer ${admin.token}`)
      .send({ role: 'manager' })
      .expect(200);
    expect(patched.body.role).toBe('manager');
    const badId = await t.http().patch('/api/users/123').set('authorization', `Bearer ${admin.token}`).send({}).expect(400);
    expect(badId.body.fields[0].field).toBe('id');
  });

  it('publishes an OpenAPI document generated from the DTOs', async () => {
    const res = await t.http().get('/api/docs/json').expect(200);
    expect(res.body.paths['/api/auth/login']).toBeDefined();
    expect(res.body.components.schemas.CreateUserDto.properties.role.enum).toEqual(['consultant', 'manager', 'admin']);
  });
});
