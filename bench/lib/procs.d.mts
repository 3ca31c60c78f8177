import type { ChildProcess } from 'node:child_process';

export const root: string;
export function freePort(): Promise<number>;
export function tempDir(prefix: string): string;
export function build(): Promise<void>;
export function startPostgres(opts?: Record<string, unknown>): Promise<{ url: string; serverUrl: string; stop(): Promise<void> }>;
export function migrate(url: string): Promise<void>;
export function run(cmd: string, args: string[], env?: Record<string, string>): Promise<string>;
export interface AppProcess {
  child: ChildProcess;
  port: number;
  url: string;
  log(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}
export function startApp(kind: 'api' | 'worker', env: Record<string, string>): Promise<AppProcess>;
export function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, diag?: () => string): Promise<void>;
export function waitHealthy(url: string, timeoutMs: number, diag?: () => string, died?: () => boolean): Promise<void>;
export function login(url: string, email: string, password: string): Promise<string>;
