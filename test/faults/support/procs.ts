import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';

/** The shape of bench/lib/procs.mjs (plain ESM shared with the benchmarks), as the fault tests use it. */
export interface AppHandle {
  child: ChildProcess;
  port: number;
  url: string;
  log(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface Procs {
  root: string;
  build(): Promise<void>;
  startPostgres(opts?: Record<string, unknown>): Promise<{ url: string; serverUrl: string; stop(): Promise<void> }>;
  migrate(url: string): Promise<void>;
  startApp(kind: 'api' | 'worker', env: Record<string, string>): Promise<AppHandle>;
  waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, diag?: () => string): Promise<void>;
  login(url: string, email: string, password: string): Promise<string>;
}

/** Loads bench/lib/procs.mjs; builds the server from source (a no-op when dist/ is up to date). */
export async function loadProcs(): Promise<Procs> {
  const path = join(process.cwd(), 'bench', 'lib', 'procs.mjs');
  const procs = (await import(path)) as Procs;
  const { buildServer } = (await import(join(process.cwd(), 'scripts', 'build.mjs'))) as { buildServer(force?: boolean): boolean };
  // Fault test files run in parallel jest workers: one builds while the others wait, then find it built.
  const lock = join(process.cwd(), 'dist', '.faults-build-lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      // A lock left by a killed run is taken over.
      if (waited > 60_000 || (held && Date.now() - held.mtimeMs > 120_000)) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    buildServer();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return procs;
}
