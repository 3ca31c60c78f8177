import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake received and accepted (or refused), for assertions. */
export interface FakeWecomCall {
  kind: 'gettoken' | 'app' | 'robot';
  at: number;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  response: Record<string, unknown>;
}

/**
 * A fake WeCom API on 127.0.0.1 implementing the contracts of WECHAT.md: gettoken (same token until
 * it expires or is expired by the test), message/send (token checked, invaliduser for unknown
 * users, 81013 when all are invalid), webhook/send (93000 for unknown keys, 20 per sliding minute
 * per key counted whether the send succeeds or not, 45009 beyond). Tests script one-off errcodes.
 */
export class FakeWecom {
  readonly calls: FakeWecomCall[] = [];
  readonly corpId = 'ww-test-corp';
  readonly secret = 'test-app-secret';
  /** Robot keys that exist; any other key answers 93000. */
  readonly robotKeys = new Set<string>();
  /** WeCom userids that exist (lower-case). */
  readonly users = new Set<string>();
  private tokenCounter = 0;
  private currentToken: string | null = null;
  private readonly robotWindow = new Map<string, number[]>();
  /** Scripted errcodes answered before normal handling, first in first out. */
  private readonly scripted: { app: number[]; robot: Map<string, number[]> } = { app: [], robot: new Map() };
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** WeCom invalidates the token early (operational reasons): the next use answers 42001. */
  expireToken(): void {
    this.currentToken = null;
  }

  scriptApp(...errcodes: number[]): void {
    this.scripted.app.push(...errcodes);
  }

  scriptRobot(key: string, ...errcodes: number[]): void {
    this.scripted.robot.set(key, [...(this.scripted.robot.get(key) ?? []), ...errcodes]);
  }

  /** Simulates sends by someone else sharing the robot (they count towards its 20/min). */
  consumeRobotWindow(key: string, n: number): void {
    const w = this.robotWindow.get(key) ?? [];
    for (let i = 0; i < n; i++) w.push(Date.now());
    this.robotWindow.set(key, w);
  }

  /** A minute passed for the robot (its 20/min window is empty again). */
  resetRobotWindow(key: string): void {
    this.robotWindow.delete(key);
  }

  count(kind: FakeWecomCall['kind'], key?: string): number {
    return this.calls.filter((c) => c.kind === kind && (key === undefined || c.query.key === key)).length;
  }

  robotMessages(key: string): string[] {
    return this.calls
      .filter((c) => c.kind === 'robot' && c.query.key === key && c.response.errcode === 0)
      .map((c) => (c.body as { markdown: { content: string } }).markdown.content);
  }

  appMessages(): { touser: string; content: string }[] {
    return this.calls
      .filter((c) => c.kind === 'app' && c.response.errcode === 0)
      .map((c) => ({ touser: String(c.body!.touser), content: (c.body as { text: { content: string } }).text.content }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams.entries());
    let body: Record<string, unknown> | null = null;
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = null;
      }
    }
    let response: Record<string, unknown>;
    let kind: FakeWecomCall['kind'];
    if (url.pathname === '/cgi-bin/gettoken') {
      kind = 'gettoken';
      response = this.gettoken(query);
    } else if (url.pathname === '/cgi-bin/message/send') {
      kind = 'app';
      response = this.appSend(query, body);
    } else if (url.pathname === '/cgi-bin/webhook/send') {
      kind = 'robot';
      response = this.robotSend(query, body);
    } else {
      res.writeHead(404).end();
      return;
    }
    this.calls.push({ kind, at: Date.now(), query, body, response });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(response));
  }

  private gettoken(q: Record<string, string>): Record<string, unknown> {
    if (q.corpid !== this.corpId) return { errcode: 40013, errmsg: 'invalid corpid' };
    if (q.corpsecret !== this.secret) return { errcode: 40001, errmsg: 'invalid credential' };
    if (!this.currentToken) this.currentToken = `fake-token-${++this.tokenCounter}`;
    return { errcode: 0, errmsg: 'ok', access_token: this.currentToken, expires_in: 7200 };
  }

  private appSend(q: Record<string, string>, body: Record<string, unknown> | null): Record<string, unknown> {
    const scripted = this.scripted.app.shift();
    if (scripted !== undefined) return { errcode: scripted, errmsg: `scripted ${scripted}` };
    if (!q.access_token) return { errcode: 41001, errmsg: 'access_token missing' };
    if (q.access_token !== this.currentToken) {
      return /^fake-token-\d+$/.test(q.access_token)
        ? { errcode: 42001, errmsg: 'access_token expired' }
        : { errcode: 40014, errmsg: 'invalid access_token' };
    }
    if (!body || typeof body.touser !== 'string') return { errcode: 40008, errmsg: 'invalid message' };
    const content = (body.text as { content?: string } | undefined)?.content ?? '';
    if (!content) return { errcode: 44004, errmsg: 'empty content' };
    if (Buffer.byteLength(content, 'utf8') > 2048) return { errcode: 45002, errmsg: 'content size out of limit' };
    const users = body.touser.split('|');
    const invalid = users.filter((u) => !this.users.has(u.toLowerCase())).map((u) => u.toLowerCase());
    if (invalid.length === users.length) return { errcode: 81013, errmsg: 'user & party & tag all invalid' };
    return { errcode: 0, errmsg: 'ok', invaliduser: invalid.join('|'), msgid: `msg-${this.calls.length}` };
  }

  private robotSend(q: Record<string, string>, body: Record<string, unknown> | null): Record<string, unknown> {
    const key = q.key ?? '';
    if (!this.robotKeys.has(key)) return { errcode: 93000, errmsg: 'invalid webhook url, hint: [fake]' };
    // 20 per minute per robot, counted whether the send succeeds or fails.
    const now = Date.now();
    const window = (this.robotWindow.get(key) ?? []).filter((t) => t > now - 60_000);
    window.push(now);
    this.robotWindow.set(key, window);
    if (window.length > 20) return { errcode: 45009, errmsg: 'api freq out of limit' };
    const scripted = this.scripted.robot.get(key)?.shift();
    if (scripted !== undefined) return { errcode: scripted, errmsg: `scripted ${scripted}` };
    const md = (body?.markdown as { content?: string } | undefined)?.content ?? '';
    if (body?.msgtype !== 'markdown' || !md) return { errcode: 44004, errmsg: 'empty content' };
    if (Buffer.byteLength(md, 'utf8') > 4096) return { errcode: 45002, errmsg: 'content size out of limit' };
    return { errcode: 0, errmsg: 'ok' };
  }
}
