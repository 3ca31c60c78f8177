import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { loadConfig, type AppConfig } from '@app/config';
import { UsersService, type Role } from '@app/identity';
import { MIGRATIONS, createDataSource } from '@app/migrations';
import { migrate } from '@app/runtime';
import PgBoss from 'pg-boss';
import { createApiApp } from '../../apps/api/src/http/create-app.js';

const serverUrl = (): string => {
  const url = process.env.ZS_TEST_SERVER_URL;
  if (!url) throw new Error('ZS_TEST_SERVER_URL is not set: run tests through jest (global setup starts PostgreSQL)');
  return url;
};

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The migrated template every test database is cloned from; rebuilt when the migration list changes. */
async function ensureTemplate(): Promise<string> {
  const key = createHash('sha1')
    .update(MIGRATIONS.map((m: { name: string }) => m.name).join(','))
    .digest('hex')
    .slice(0, 10);
  const name = `zs_template_${key}`;
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(424242)');
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      const building = `${name}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building}`);
      await c.query(`CREATE DATABASE ${building} TEMPLATE template0 ENCODING 'UTF8'`);
      const url = withDatabase(serverUrl(), building);
      await migrate(url);
      // pg-boss creates its schema on first start; do it once here so clones start fast.
      const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false });
      // Its idle connections are terminated below; without a listener that 'error' event fails the test file.
      boss.on('error', () => undefined);
      await boss.start();
      await boss.stop({ graceful: false, wait: true });
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [building]);
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(424242)');
    }
  });
  return name;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const template = await ensureTemplate();
  const name = `zs_test_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: withDatabase(serverUrl(), name),
    drop: () =>
      admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/** Configuration for tests: fixed keys, no demo, quiet logs; override anything through `env`. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  const dir = mkdtempSync(join(tmpdir(), 'zs-test-data-'));
  chmodSync(dir, 0o755);
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    JWT_SECRET: 'test-secret-test-secret-test-secret',
    DATA_KEY: '11'.repeat(32),
    HASH_KEY: '22'.repeat(32),
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.ZS_TEST_LOG_DIR ? 'info' : 'silent',
    ...(process.env.ZS_TEST_LOG_DIR ? { LOG_FILE: join(process.env.ZS_TEST_LOG_DIR, `${randomBytes(6).toString('hex')}.log`) } : {}),
    PORT: '0',
    ...env,
  });
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  databaseUrl: string;
  ds: DataSource;
  /** supertest bound to the running app. */
  http(): ReturnType<typeof request>;
  /** Creates a user with that role and returns a bearer token for it. */
  signIn(role: Role, name?: string): Promise<{ token: string; userId: string; email: string }>;
  close(): Promise<void>;
}

let counter = 0;

/** Boots the whole API on its own cloned database, as `npm start` does (minus the embedded server). */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig(env);
  const app = await createApiApp(config, db.url);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const ds = app.get<DataSource>(getDataSourceToken());
  const users = app.get(UsersService);
  return {
    app,
    config,
    databaseUrl: db.url,
    ds,
    http: () => request(app.getHttpServer()),
    async signIn(role: Role, name?: string) {
      const email = `${role}${++counter}-${randomBytes(3).toString('hex')}@test.local`;
      const password = 'test-password-123';
      const user = await users.create({ email, password, name: name ?? `${role} ${counter}`, role });
      const res = await request(app.getHttpServer()).post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { token: res.body.accessToken as string, userId: user.id, email };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** A data source on a test database without the HTTP app (for repository-level tests). */
export async function openTestDataSource(url: string): Promise<DataSource> {
  const ds = createDataSource(url, 'zhaoshang-crm-test', 5);
  await ds.initialize();
  return ds;
}
