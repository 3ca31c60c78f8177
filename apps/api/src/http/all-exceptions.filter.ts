import { Catch, Logger, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from './error-mapping.js';

/** A browser asking for a page of the web app (not /api, not a file): it gets index.html. */
function wantsPage(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0];
  return req.method === 'GET' && !path.startsWith('/api') && !/\.[a-z0-9]{1,5}$/i.test(path);
}

/**
 * Global filter: every error leaves as `{code, message_zh, message_en, fields, requestId}`; an
 * unknown page path falls back to the web app's index.html (client-side routes).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly spaRoot: () => string | undefined = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const root = this.spaRoot();
    if (exception instanceof NotFoundException && root && wantsPage(req)) {
      void reply.header('cache-control', 'no-cache').sendFile('index.html', root);
      return;
    }
    sendError(exception, req, reply, this.logger);
  }
}

export function sendError(exception: unknown, req: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error' | 'warn'>): void {
  const mapped = mapError(exception, String(req.id));
  if (mapped.status >= 500) {
    const err = exception as Error;
    logger.error(`${req.method} ${req.url.split('?')[0]} failed [${req.id}]: ${err?.stack ?? String(exception)}`);
  }
  if (reply.sent) return;
  if (mapped.retryAfterSeconds) void reply.header('Retry-After', String(mapped.retryAfterSeconds));
  void reply.status(mapped.status).header('content-type', 'application/json; charset=utf-8').send(mapped.body);
}
