import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Raised at boot when an environment variable is wrong; its message is one readable line. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export type NodeEnv = 'development' | 'production' | 'test';

/** The whole typed configuration of the product. Built once by {@link loadConfig}. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Set when an external PostgreSQL is used; empty means "start the embedded one". */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** How long a request waits for a pooled database connection before it gets a 503. */
  databasePoolTimeoutMs: number;
  /** Connections per process. */
  databasePoolSize: number;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** 32-byte key for AES-GCM encryption of personal data (phones). */
  dataKey: Buffer;
  /** Key for the keyed hash (HMAC) used to deduplicate phones without decrypting them. */
  hashKey: Buffer;
  smtpUrl: string | undefined;
  mailFrom: string;
  wecom: {
    apiBase: string;
    corpId: string | undefined;
    agentId: number | undefined;
    secret: string | undefined;
    robotKey: string | undefined;
  };
  publicBaseUrl: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  seedDemo: boolean;
  /** Run the job workers inside this process (the single-process default of `npm start`). */
  runWorker: boolean;
  logLevel: string;
  /** Write logs to this file instead of stdout (tests scan it for unmasked personal data). */
  logFile: string | undefined;
  bodyLimitBytes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  intakeLimitPerIpPerMinute: number;
  intakeLimitPerPhonePerHour: number;
  privacyNoticeVersion: string;
  retentionDays: number;
  /** How long a process reuses the routing rules, default team and calendar it read (admin writes in the process clear them at once). */
  routingConfigTtlMs: number;
  /**
   * How far V8 may grow the old generation between full collections, in per cent of what survived
   * the last one (V8's `--heap-growing-percent`); 0 leaves it to V8, which grows up to 4× under a
   * high allocation rate (docs/performance.md, "The API's memory").
   */
  heapGrowingPercent: number;
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback?: string): string | undefined {
  const v = env[name];
  if (v === undefined || v.trim() === '') return fallback;
  return v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number (got "${raw}")`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max} (got ${n})`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL such as ${protocols[0]}//host:port (got an unparsable value)`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  return raw;
}

function key(name: string, raw: string): Buffer {
  const buf = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (buf.length !== 32) throw new ConfigError(name, 'must be 32 bytes, given as 64 hex characters or base64');
  return buf;
}

/**
 * Secrets that a developer machine may leave unset: generated once and kept in DATA_DIR/secrets.json
 * (mode 600), so `npm start` works with no set-up and survives restarts. Production must set them.
 */
function localSecrets(dataDir: string, allowGenerate: boolean): Record<string, string> {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('base64'),
    DATA_KEY: randomBytes(32).toString('hex'),
    HASH_KEY: randomBytes(32).toString('hex'),
  };
  if (allowGenerate) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** Reads and validates the environment. Throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnvRaw = str(env, 'NODE_ENV', 'development')!;
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = nodeEnvRaw as NodeEnv;
  const dataDir = resolve(str(env, 'DATA_DIR', './data')!);
  const port = int(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const publicBaseUrl = url(env, 'PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port || 3000}`;
  const wecomApiBase = url(env, 'WECOM_API_BASE', ['http:', 'https:']) ?? 'https://qyapi.weixin.qq.com';

  const production = nodeEnv === 'production';
  const needsLocal = !str(env, 'JWT_SECRET') || !str(env, 'DATA_KEY') || !str(env, 'HASH_KEY');
  if (production && needsLocal) {
    const missing = ['JWT_SECRET', 'DATA_KEY', 'HASH_KEY'].find((n) => !str(env, n))!;
    throw new ConfigError(missing, 'is required when NODE_ENV=production');
  }
  const local = needsLocal ? localSecrets(dataDir, nodeEnv !== 'test') : {};
  const jwtSecret = str(env, 'JWT_SECRET') ?? local.JWT_SECRET;
  if (jwtSecret.length < 16) throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');

  const mailFrom = str(env, 'MAIL_FROM', '招商CRM <crm@localhost>')!;
  if (!/@/.test(mailFrom)) throw new ConfigError('MAIL_FROM', `must contain an email address (got "${mailFrom}")`);
  const adminEmail = str(env, 'ADMIN_EMAIL');
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    throw new ConfigError('ADMIN_EMAIL', `must be an email address (got "${adminEmail}")`);
  }
  const adminPassword = str(env, 'ADMIN_PASSWORD');
  if (adminPassword && adminPassword.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 10 characters');
  }
  const agentIdRaw = str(env, 'WECOM_AGENT_ID');

  return {
    nodeEnv,
    port,
    host: str(env, 'HOST', '0.0.0.0')!,
    databaseUrl,
    dataDir,
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    databasePoolTimeoutMs: int(env, 'DATABASE_POOL_TIMEOUT_MS', 20_000, 100, 600_000),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 20, 1, 500),
    jwtSecret,
    jwtTtlSeconds: int(env, 'JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    dataKey: key('DATA_KEY', str(env, 'DATA_KEY') ?? local.DATA_KEY),
    hashKey: key('HASH_KEY', str(env, 'HASH_KEY') ?? local.HASH_KEY),
    smtpUrl,
    mailFrom,
    wecom: {
      apiBase: wecomApiBase.replace(/\/$/, ''),
      corpId: str(env, 'WECOM_CORP_ID'),
      agentId: agentIdRaw === undefined ? undefined : int(env, 'WECOM_AGENT_ID', 0, 1, 2 ** 31 - 1),
      secret: str(env, 'WECOM_SECRET'),
      robotKey: str(env, 'WECOM_ROBOT_KEY'),
    },
    publicBaseUrl: publicBaseUrl.replace(/\/$/, ''),
    adminEmail,
    adminPassword,
    seedDemo: bool(env, 'SEED_DEMO', nodeEnv !== 'test'),
    runWorker: bool(env, 'RUN_WORKER', true),
    logLevel: str(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info')!,
    logFile: str(env, 'LOG_FILE'),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    intakeLimitPerIpPerMinute: int(env, 'INTAKE_LIMIT_PER_IP_PER_MINUTE', 30, 0, 1_000_000),
    intakeLimitPerPhonePerHour: int(env, 'INTAKE_LIMIT_PER_PHONE_PER_HOUR', 10, 0, 1_000_000),
    routingConfigTtlMs: int(env, 'ROUTING_CONFIG_TTL_MS', 2000, 0, 3_600_000),
    heapGrowingPercent: int(env, 'HEAP_GROWING_PERCENT', 100, 0, 1000),
    privacyNoticeVersion: str(env, 'PRIVACY_NOTICE_VERSION', '2026-11')!,
    retentionDays: int(env, 'RETENTION_DAYS', 3 * 365, 1, 100 * 365),
  };
}
