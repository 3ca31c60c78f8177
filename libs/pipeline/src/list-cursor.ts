import { DomainError } from '@app/errors';

/** Keyset position in the lead list: created_at (exact, microseconds, as text) and id. */
export interface ListCursor {
  createdAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): ListCursor {
  const bad = () =>
    DomainError.field('cursor', 'INVALID_CURSOR', '分页游标无效，请从第一页重新加载', 'cursor is not valid; reload from the first page');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || typeof id !== 'string' || !UUID.test(id)) throw bad();
  return { createdAt, id };
}

/** What a search string looks like: a reference, a phone's last four digits, or free text. */
export type SearchKind = { kind: 'reference'; value: string } | { kind: 'last4'; value: string } | { kind: 'text'; value: string };

export function classifySearch(q: string): SearchKind {
  const v = q.trim();
  if (/^ZS-\d{4}-\d{1,12}$/i.test(v)) return { kind: 'reference', value: v.toUpperCase() };
  if (/^\d{4}$/.test(v)) return { kind: 'last4', value: v };
  return { kind: 'text', value: v };
}

/**
 * Hex of the lower-cased UTF-8 text, as the `zs_search_hex()` SQL function computes it. Trigrams of
 * the hex spelling make Chinese substrings indexable whatever the database's ctype locale (with the
 * C locale pg_trgm ignores CJK characters); matches are re-checked against the text itself.
 */
export function searchHex(text: string): string {
  return Buffer.from(text.toLowerCase(), 'utf8').toString('hex');
}
