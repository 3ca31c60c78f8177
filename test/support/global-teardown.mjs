import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const state = globalThis.__ZS_TEST_PG__;
  if (!state) return;
  await Promise.race([state.pg.stop(), new Promise((r) => setTimeout(r, 10_000))]);
  rmSync(state.dir, { recursive: true, force: true });
}
