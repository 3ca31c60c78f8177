import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'zs-config-'));

describe('loadConfig', () => {
  it('starts with no configuration at all: port 3000, embedded database, generated local secrets kept in DATA_DIR', () => {
    const d = dir();
    const c = loadConfig({ DATA_DIR: d });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataKey).toHaveLength(32);
    const file = join(d, 'secrets.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).JWT_SECRET).toBe(c.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // a restart reads the same secrets, so encrypted phones stay readable
    expect(loadConfig({ DATA_DIR: d }).dataKey.equals(c.dataKey)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535 (got 70000)'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL must use postgres: or postgresql:'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL must use smtp: or smtps:'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be true or false'],
    [{ DATA_KEY: 'abcd' }, 'DATA_KEY must be 32 bytes'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be development, production or test'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD must be at least 10 characters'],
    [{ INTAKE_LIMIT_PER_IP_PER_MINUTE: '-1' }, 'INTAKE_LIMIT_PER_IP_PER_MINUTE must be between 0'],
    [{ ROUTING_CONFIG_TTL_MS: '2s' }, 'ROUTING_CONFIG_TTL_MS must be a whole number'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    let err: unknown;
    try {
      loadConfig({ DATA_DIR: dir(), ...env });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`Invalid configuration: ${message}`);
    expect((err as Error).message).not.toContain('\n');
  });

  it('requires real secrets in production and never echoes them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir() })).toThrow('JWT_SECRET is required when NODE_ENV=production');
    const secret = 'x'.repeat(40);
    const c = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dir(),
      JWT_SECRET: secret,
      DATA_KEY: 'ab'.repeat(32),
      HASH_KEY: 'cd'.repeat(32),
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/crm',
    });
    expect(c.port).toBe(8080);
    expect(c.seedDemo).toBe(true);
    expect(c.databaseUrl).toBe('postgres://u:p@db:5432/crm');
  });

  it('accepts 0 to turn the intake limits off', () => {
    const c = loadConfig({ DATA_DIR: dir(), INTAKE_LIMIT_PER_IP_PER_MINUTE: '0', INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0' });
    expect(c.intakeLimitPerIpPerMinute).toBe(0);
    expect(c.intakeLimitPerPhonePerHour).toBe(0);
  });

  it('reads how long routing rules are reused, 2 s by default', () => {
    expect(loadConfig({ DATA_DIR: dir() }).routingConfigTtlMs).toBe(2000);
    expect(loadConfig({ DATA_DIR: dir(), ROUTING_CONFIG_TTL_MS: '0' }).routingConfigTtlMs).toBe(0);
  });

  it('reads the heap growing percentage, 100 by default, 0 to leave it to V8', () => {
    expect(loadConfig({ DATA_DIR: dir() }).heapGrowingPercent).toBe(100);
    expect(loadConfig({ DATA_DIR: dir(), HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ DATA_DIR: dir(), HEAP_GROWING_PERCENT: '-5' })).toThrow('HEAP_GROWING_PERCENT');
  });
});
