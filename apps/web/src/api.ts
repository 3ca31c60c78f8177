// Typed fetch client for the 招商 CRM API. Uses the httpOnly session cookie (credentials: same-origin).

export interface FieldError {
  field: string;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface ApiErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  fields?: FieldError[];
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message_en || body.code);
    this.status = status;
    this.body = body;
  }
  get fields(): FieldError[] {
    return this.body.fields ?? [];
  }
  text(lang: 'zh' | 'en'): string {
    return lang === 'zh' ? this.body.message_zh || this.body.message_en : this.body.message_en || this.body.message_zh;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(withQuery(path, query), init);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const b =
      data && typeof data === 'object' && 'code' in data
        ? (data as ApiErrorBody)
        : { code: `HTTP_${res.status}`, message_zh: `请求失败（${res.status}）`, message_en: `Request failed (${res.status})` };
    throw new ApiError(res.status, b);
  }
  return data as T;
}

/**
 * T is the response, B the request body — name B with a DTO from api-types.gen.ts (generated from the OpenAPI
 * document) so a body that drifts from the API's DTO fails the type-check (the API refuses unknown fields).
 */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T, B = unknown>(path: string, body?: B) => request<T>('POST', path, body ?? {}),
  patch: <T, B>(path: string, body: B) => request<T>('PATCH', path, body),
  put: <T, B>(path: string, body: B) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Lists from the API come either as arrays or as {items, total}. */
export function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    for (const k of ['items', 'data', 'rows', 'results']) if (Array.isArray(o[k])) return o[k] as T[];
  }
  return [];
}

// ---- shared types (as the API returns them) ----

export type Role = 'consultant' | 'manager' | 'admin';
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const STAGES = ['new', 'contacted', 'qualified', 'site_visit', 'negotiating', 'signed', 'landed', 'lost'] as const;
export type Stage = (typeof STAGES)[number];
export const CHANNELS = ['web', 'article', 'wechat', 'phone', 'referral', 'import'] as const;

export interface LeadSummary {
  id: string;
  reference: string;
  stage: Stage;
  company: string;
  contactName?: string;
  phoneMasked?: string;
  phone?: string;
  need?: string;
  usage?: string;
  taxText?: string;
  channel?: string;
  ownerId?: string | null;
  ownerName?: string | null;
  owner?: { id: string; name: string } | null;
  industryName?: string | null;
  strategicIndustry?: string | null;
  createdAt?: string;
  lastActivityAt?: string | null;
  [k: string]: unknown;
}
