import type { TestApp } from '../support/test-app.js';
import { startTestApp } from '../support/test-app.js';

/**
 * Who may call what. Every operation in the OpenAPI document must be listed here, so a new endpoint
 * without a rule fails this test. 'public' = anyone; otherwise the roles allowed (admins pass every
 * role check and are always allowed).
 */
type Rule = 'public' | 'signed-in' | ('consultant' | 'manager' | 'admin')[];
const RULES: Record<string, Rule> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/leads': 'public',
  'POST /api/leads/parse': 'public',
  'GET /api/leads/status': 'public',
  'POST /api/auth/logout': 'signed-in',
  'POST /api/auth/sessions/revoke-all': 'signed-in',
  'GET /api/me': 'signed-in',
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'GET /api/users/{id}': ['admin'],
  'PATCH /api/users/{id}': ['admin'],
  'POST /api/leads/{id}/reveal-phone': ['consultant', 'manager'],
  'GET /api/audit': ['admin'],
  'POST /api/privacy/export': ['admin'],
  'POST /api/privacy/erase': ['admin'],
  'POST /api/privacy/consent-withdrawal': ['manager'],
  'POST /api/privacy/consent-withdrawal/self': 'public',
  'POST /api/articles': ['manager'],
  'GET /api/articles': 'public',
  'GET /api/articles/{id}': 'public',
  'GET /api/parks': 'signed-in',
  'POST /api/parks': ['manager'],
  'GET /api/parks/{id}': 'signed-in',
  'PATCH /api/parks/{id}': ['manager'],
  'GET /api/policies': 'signed-in',
  'PATCH /api/policies/{id}': ['manager'],
  'GET /api/listings': 'signed-in',
  'POST /api/listings': ['manager'],
  'GET /api/listings/export': 'signed-in',
  'POST /api/listings/import': ['manager'],
  'GET /api/listings/{id}': 'signed-in',
  'PATCH /api/listings/{id}': ['manager'],
  'DELETE /api/listings/{id}': ['manager'],
  'POST /api/listings/{id}/holds': 'signed-in',
  'GET /api/leads/{id}/matches': 'signed-in',
  'GET /api/routing/rules': ['manager'],
  'POST /api/routing/rules': ['manager'],
  'PATCH /api/routing/rules/{id}': ['manager'],
  'DELETE /api/routing/rules/{id}': ['manager'],
  'POST /api/routing/simulate': ['manager'],
  'GET /api/routing/settings': ['manager'],
  'PUT /api/routing/settings': ['manager'],
  'GET /api/consultants': ['admin'],
  'GET /api/consultants/{userId}/profile': ['admin'],
  'PUT /api/consultants/{userId}/profile': ['admin'],
  'GET /api/teams': ['admin'],
  'POST /api/teams': ['admin'],
  'PATCH /api/teams/{id}': ['admin'],
  'POST /api/leads/{id}/claim': ['consultant'],
  'POST /api/leads/{id}/assign': ['manager'],
  'POST /api/leads/{id}/release': ['consultant', 'manager'],
  'GET /api/notifications': ['manager'],
  'POST /api/notifications/{id}/retry': ['manager'],
  'GET /api/leads': 'signed-in',
  'GET /api/leads/{id}': 'signed-in',
  'PATCH /api/leads/{id}': ['manager'],
  'POST /api/leads/{id}/merge': ['manager'],
  'PATCH /api/leads/{id}/stage': 'signed-in',
  'POST /api/leads/{id}/activities': 'signed-in',
  'POST /api/leads/{id}/tasks': 'signed-in',
  'GET /api/tasks': 'signed-in',
  'PATCH /api/tasks/{id}': 'signed-in',
  'GET /api/reports/funnel': ['manager'],
  'GET /api/reports/conversion': ['manager'],
  'GET /api/reports/response-times': ['manager'],
  'GET /api/reports/trend': ['manager'],
  'GET /api/reports/lost-reasons': ['manager'],
};

/** Calls that end the caller's own session are exercised in the identity tests, not here. */
const SESSION_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/sessions/revoke-all']);

const ROLES = ['anonymous', 'consultant', 'manager', 'admin'] as const;
type Caller = (typeof ROLES)[number];

function allowed(rule: Rule, caller: Caller): boolean {
  if (rule === 'public') return true;
  if (caller === 'anonymous') return false;
  if (rule === 'signed-in' || caller === 'admin') return true;
  return rule.includes(caller);
}

describe('access matrix: every endpoint of the OpenAPI document, for every role', () => {
  let t: TestApp;
  const tokens: Partial<Record<Caller, string>> = {};
  let operations: { method: string; path: string; key: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['consultant', 'manager', 'admin'] as const) tokens[role] = (await t.signIn(role)).token;
    const doc = (await t.http().get('/api/docs/json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m, path, key: `${m.toUpperCase()} ${path}` })),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('has a rule for every documented operation (a new endpoint must be added to RULES)', () => {
    const missing = operations.map((o) => o.key).filter((k) => !(k in RULES));
    expect(missing).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(Object.keys(RULES).length - 0);
  });

  it('lets each role in exactly where its rule says, and never answers 5xx', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const rule = RULES[op.key];
      if (!rule || SESSION_ENDING.has(op.key)) continue;
      const url = op.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const caller of ROLES) {
        let req = t.http()[op.method as 'get'](url);
        if (tokens[caller as Exclude<Caller, 'anonymous'>]) req = req.set('authorization', `Bearer ${tokens[caller as 'admin']}`);
        if (['post', 'put', 'patch'].includes(op.method)) req = req.send({});
        const res = await req;
        const ok = allowed(rule, caller)
          ? ![401, 403].includes(res.status) && res.status < 500
          : res.status === (caller === 'anonymous' ? 401 : 403);
        if (!ok) failures.push(`${op.key} as ${caller}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
