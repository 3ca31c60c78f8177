import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

type PgPool = { query: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: Record<string, unknown>[] }> };

/**
 * A read as a named prepared statement on the pool's connections (`pg` prepares it once per
 * connection, named by a hash of its text): PostgreSQL keeps the parsed and rewritten statement, so
 * later calls skip that part of planning. For hot statements only — each distinct text stays prepared
 * on every connection that ran it. Without a `pg` pool (another driver), a plain `ds.query`.
 */
export async function preparedQuery<T = Record<string, unknown>>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (ds.driver as unknown as { master?: PgPool }).master;
  if (!pool || typeof pool.query !== 'function') return ds.query(sql, params);
  const name = `zs_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
  return (await pool.query({ name, text: sql, values: params })).rows as T[];
}
