import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  /** Seconds until the current window ends (when not allowed). */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters kept in PostgreSQL, so that every API process shares one view of the limits.
 * One upsert per check; `limit = 0` turns a limit off.
 */
@Injectable()
export class RateLimitService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async consume(key: string, limit: number, windowSeconds: number, cost = 1): Promise<RateLimitResult> {
    if (limit <= 0) return { allowed: true, count: 0, retryAfterSeconds: 0 };
    const rows: { count: number; retry: number }[] = await this.ds.query(
      `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / $2) * $2) AS start)
       INSERT INTO rate_limit_counter (key, window_start, count, expires_at)
       SELECT $1, w.start, $3, w.start + make_interval(secs => $2) FROM w
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counter.count + $3
       RETURNING count, ceil(extract(epoch FROM expires_at - now()))::int AS retry`,
      [key, windowSeconds, cost],
    );
    const { count, retry } = rows[0];
    return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, retry) };
  }

  /** Current count without consuming. */
  async peek(key: string, windowSeconds: number): Promise<number> {
    const rows: { count: number }[] = await this.ds.query(
      `SELECT count FROM rate_limit_counter
        WHERE key = $1 AND window_start = to_timestamp(floor(extract(epoch FROM now()) / $2) * $2)`,
      [key, windowSeconds],
    );
    return rows[0]?.count ?? 0;
  }

  async reset(key: string): Promise<void> {
    await this.ds.query('DELETE FROM rate_limit_counter WHERE key = $1', [key]);
  }

  /** Drops expired windows; run periodically by a job. */
  async purgeExpired(): Promise<number> {
    const res: [unknown[], number] = await this.ds.query('DELETE FROM rate_limit_counter WHERE expires_at < now()');
    return res[1] ?? 0;
  }
}
