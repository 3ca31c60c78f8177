// Routing set-up for the intake benchmark: a default team of equal consultants, created through the API.
// Ten at the largest capacity the API takes (10,000 open leads) hold 100,000 leads: a 60 s run at
// 1,000/s stays under it, so every lead is assigned and notified (past it, leads go to the pool, unnotified, and cost less).
import { login } from './lib/procs.mjs';

async function call(url, token, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function seedRoutingForBench(url, _databaseUrl, consultants = 10) {
  const admin = await login(url, 'admin@bench.local', 'Zs-bench-pass-2026');
  const team = await call(url, admin, 'POST', '/api/teams', { name: '基准团队', isDefault: true });
  for (let i = 1; i <= consultants; i++) {
    const user = await call(url, admin, 'POST', '/api/users', { email: `rr${i}@bench.local`, password: 'bench-consultant-2026', name: `轮询顾问${i}`, role: 'consultant' });
    await call(url, admin, 'PUT', `/api/consultants/${user.id}/profile`, { capacity: 10000, active: true, teamId: team.id, email: `rr${i}@bench.local` });
  }
  return admin;
}

export { call };
