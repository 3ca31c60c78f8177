import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JOBS_DATABASE_URL } from './tokens.js';

export type JobHandler<T> = (data: T, job: { id: string; name: string; retryCount?: number }) => Promise<void>;

interface Registration {
  name: string;
  handler: JobHandler<never>;
  options: PgBoss.WorkOptions;
  queue: PgBoss.Queue;
  cron?: string;
}

/** A query runner for sending a job inside the caller's database transaction. */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface JobsHealth {
  running: boolean;
  worker: boolean;
  lastError?: string;
}

/**
 * pg-boss on the product's own PostgreSQL. Feature modules register handlers (and cron schedules)
 * during module init; the handlers only consume jobs in processes that run the worker
 * (`RUN_WORKER=true`, the single-process default, or `npm run start:worker`).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly registrations = new Map<string, Registration>();
  private running = false;
  private stopping = false;
  private lastError: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_DATABASE_URL) url: string,
  ) {
    this.boss = new PgBoss({
      connectionString: url,
      schema: 'pgboss',
      max: 4,
      application_name: 'zhaoshang-crm-jobs',
      // Maintenance and cron scheduling are coordinated by pg-boss across processes.
      supervise: config.runWorker,
      schedule: config.runWorker,
    });
    this.boss.on('error', (e: Error & { code?: string }) => {
      // The database going away during shutdown (Ctrl-C reaches PostgreSQL too) is expected, not an error.
      if (this.stopping || e.code === '57P01') {
        this.logger.debug?.(`pg-boss while stopping: ${e.message}`);
        return;
      }
      this.lastError = e.message;
      this.logger.error(`pg-boss: ${e.message}`);
    });
  }

  /** Declares a queue and its handler. Call from a module's `onModuleInit`. */
  register<T>(
    name: string,
    handler: JobHandler<T>,
    opts: { workOptions?: PgBoss.WorkOptions; queue?: Omit<PgBoss.Queue, 'name'>; cron?: string } = {},
  ): void {
    this.registrations.set(name, {
      name,
      handler: handler as JobHandler<never>,
      options: { batchSize: 1, pollingIntervalSeconds: 1, ...opts.workOptions },
      queue: { name, retryLimit: 5, retryDelay: 5, retryBackoff: true, ...opts.queue },
      cron: opts.cron,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    for (const r of this.registrations.values()) {
      await this.boss.createQueue(r.name, r.queue).catch(() => undefined);
    }
    this.running = true;
    if (!this.config.runWorker) return;
    for (const r of this.registrations.values()) {
      await this.boss.work<never>(r.name, r.options, async (jobs) => {
        for (const job of jobs) await r.handler(job.data, { id: job.id, name: job.name });
      });
      if (r.cron) await this.boss.schedule(r.name, r.cron, {}, { tz: 'Asia/Shanghai' });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping = true;
    await this.boss.stop({ graceful: true, timeout: 5000, wait: true }).catch(() => undefined);
  }

  /** Queues a job. With `executor`, the job is written inside that transaction (commits or rolls back with it). */
  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}, executor?: SqlExecutor): Promise<string | null> {
    const db: PgBoss.Db | undefined = executor
      ? { executeSql: async (text, values) => ({ rows: (await executor.query(text, values)) as unknown[] }) }
      : undefined;
    return this.boss.send(name, data, db ? { ...options, db } : options);
  }

  health(): JobsHealth {
    return { running: this.running, worker: this.config.runWorker, lastError: this.lastError };
  }

  /** The underlying pg-boss instance, for features that need more of its API. */
  get raw(): PgBoss {
    return this.boss;
  }
}
