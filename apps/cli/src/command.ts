import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@app/config';

export interface CliContext {
  config: AppConfig;
  databaseUrl: string;
  /** The Nest application context with every feature module (created on first use). */
  app(): Promise<INestApplicationContext>;
  say(line: string): void;
}

export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  /** Returns the process exit code. */
  run(ctx: CliContext, args: string[]): Promise<number>;
}
