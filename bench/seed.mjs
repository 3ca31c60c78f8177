// Routing set-up for the intake benchmark: a default team of equal consultants, created through the API.
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

export async function seedRoutingForBench(url, _databaseUrl, consultants = 5) {
  const admin = await login(url, 'admin@bench.local', 'Zs-bench-pass-2026');
  const team = await call(url, admin, 'POST', '/api/teams', { name: '基准团队', isDefault: true });
  for (let i = 1; i <= consultants; i++) {
    const user = await call(url, admin, 'POST', '/api/users', { email: `rr${i}@bench.local`, password: 'bench-consultant-2026', name: `轮询顾问${i}`, role: 'consultant' });
    await call(url, admin, 'PUT', `/api/consultants/${user.id}/profile`, { capacity: 10000, active: true, teamId: team.id, email: `rr${i}@bench.local` });
  }
  return admin;
}

export { call };
