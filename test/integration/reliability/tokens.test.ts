import { JwtService } from '@nestjs/jwt';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** Tokens that must not get in: expired, signed with another key, "alg: none", a role raised in the payload. */
describe('tokens: expired, wrongly signed, unsigned and altered tokens get 401', () => {
  let t: TestApp;
  let payload: { sub: string; sid: string; role: string };
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    const c = await t.signIn('consultant');
    token = c.token;
    payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as typeof payload;
  });
  afterAll(async () => {
    await t.close();
  });

  const me = (bearer: string) => t.http().get('/api/me').set('authorization', `Bearer ${bearer}`);

  it('accepts the real token', async () => {
    expect((await me(token)).status).toBe(200);
  });

  it('refuses an expired token signed with the right key', async () => {
    const jwt = new JwtService({ secret: t.config.jwtSecret });
    const expired = await jwt.signAsync({
      sub: payload.sub,
      sid: payload.sid,
      role: payload.role,
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    const res = await me(expired);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message_zh: expect.any(String), message_en: expect.any(String) });
  });

  it('refuses a token signed with another key', async () => {
    const forged = await new JwtService({ secret: 'another-secret-another-secret-xx' }).signAsync({ ...payload });
    expect((await me(forged)).status).toBe(401);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
    expect((await me(`${head}.${body}.`)).status).toBe(401);
  });

  it('refuses the real token with its payload changed to admin', async () => {
    const [h, , s] = token.split('.');
    const raised = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
    expect((await t.http().get('/api/users').set('authorization', `Bearer ${h}.${raised}.${s}`)).status).toBe(401);
  });
});
