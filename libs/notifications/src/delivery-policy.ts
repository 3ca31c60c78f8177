/** Pure rules of delivery: retry schedule, WeCom byte limits, robot digests. */

export const MAX_DELIVERY_AGE_MS = 24 * 3600_000;
export const ROBOT_LIMIT_PER_MINUTE = 18;
export const ROBOT_MARKDOWN_MAX_BYTES = 4096;
export const APP_TEXT_MAX_BYTES = 2048;

/** Delay before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min … capped at 2 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 2 * 3600_000);
}

/**
 * After a failure: when to try next, or null when the message is older than 24 h by then (dead).
 */
export function nextAttemptAfterFailure(createdAt: Date, attempts: number, now: Date, minDelayMs = 0): Date | null {
  const next = new Date(now.getTime() + Math.max(backoffMs(attempts), minDelayMs));
  if (next.getTime() - createdAt.getTime() > MAX_DELIVERY_AGE_MS) return null;
  return next;
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes without splitting a character; marks the cut. */
export function truncateBytes(s: string, maxBytes: number, marker = '…'): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  const budget = maxBytes - Buffer.byteLength(marker, 'utf8');
  let out = '';
  let used = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (used + b > budget) break;
    out += ch;
    used += b;
  }
  return out + marker;
}

/**
 * Merges several robot messages into one markdown digest within the byte limit. Returns the digest
 * and how many of the messages it carries (the rest wait for the next send).
 */
export function robotDigest(items: string[], maxBytes = ROBOT_MARKDOWN_MAX_BYTES): { content: string; count: number } {
  if (items.length === 1) return { content: truncateBytes(items[0], maxBytes), count: 1 };
  const header = (n: number) => `**新线索通知汇总（${n} 条）**\n`;
  let count = 0;
  let body = '';
  for (const item of items) {
    const next = `${body}\n---\n${item}\n`;
    if (Buffer.byteLength(header(count + 1) + next, 'utf8') > maxBytes) break;
    body = next;
    count++;
  }
  if (count === 0) return { content: truncateBytes(items[0], maxBytes), count: 1 };
  return { content: header(count) + body, count };
}
