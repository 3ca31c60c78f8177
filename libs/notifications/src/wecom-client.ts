import { createHash } from 'node:crypto';

/** A WeCom API answer: errcode 0 is success; everything else is branched on by code only. */
export interface WecomResponse {
  errcode: number;
  errmsg: string;
  access_token?: string;
  expires_in?: number;
  invaliduser?: string;
}

export const TOKEN_ERROR_CODES = [40001, 40014, 42001];

/** Hash used to name a robot key or a credential without storing or logging it in clear. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

/** The three WeCom calls we make (contracts in WECHAT.md); base URL configurable for tests. */
export class WecomClient {
  constructor(private readonly apiBase: string) {}

  private async call(path: string, init?: RequestInit): Promise<WecomResponse> {
    const res = await fetch(`${this.apiBase.replace(/\/$/, '')}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`WeCom HTTP ${res.status}`);
    return (await res.json()) as WecomResponse;
  }

  robotSend(key: string, markdown: string): Promise<WecomResponse> {
    return this.call(`/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown } }),
    });
  }

  getToken(corpId: string, secret: string): Promise<WecomResponse> {
    return this.call(`/cgi-bin/gettoken?corpid=${encodeURIComponent(corpId)}&corpsecret=${encodeURIComponent(secret)}`);
  }

  appSend(token: string, agentId: number, touser: string, content: string): Promise<WecomResponse> {
    return this.call(`/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        touser,
        msgtype: 'text',
        agentid: agentId,
        text: { content },
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
      }),
    });
  }
}
