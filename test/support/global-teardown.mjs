import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// An unmasked Chinese mobile number (with or without +86 and separators) anywhere in a log line.
// Not inside a longer token (UUIDs, request ids, hashes), the same boundary the masking uses.
const UNMASKED_MOBILE = /(?<![\w*-])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![\w*-])/;

/** Fails the run when any test app logged a phone number unmasked (PIPL: phones are masked in logs). */
function scanLogs(dir) {
  const leaks = [];
  let lines = 0;
  for (const f of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line) continue;
      lines++;
      const m = UNMASKED_MOBILE.exec(line);
      if (m) leaks.push(`${f}: …${line.slice(Math.max(0, m.index - 80), m.index + 40)}…`);
    }
  }
  process.stdout.write(`\nlog scan: ${lines} log lines from the test apps checked for unmasked phone numbers, ${leaks.length} found\n`);
  return leaks;
}

export default async function globalTeardown() {
  const state = globalThis.__ZS_TEST_PG__;
  globalThis.__ZS_TEST_PG__ = undefined;
  if (state) {
    await Promise.race([state.pg.stop(), new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(state.dir, { recursive: true, force: true });
  }
  const logDir = globalThis.__ZS_TEST_LOG_DIR__;
  globalThis.__ZS_TEST_LOG_DIR__ = undefined;
  if (logDir) {
    const leaks = scanLogs(logDir);
    rmSync(logDir, { recursive: true, force: true });
    if (leaks.length) throw new Error(`unmasked phone numbers in logs:\n${leaks.slice(0, 20).join('\n')}`);
  }
}
