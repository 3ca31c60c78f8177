import type { Params } from 'nestjs-pino';
import { pino } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '@app/config';
import { maskPhonesDeep, maskPhonesInText } from '@app/privacy';

/**
 * Structured JSON logs (pino) with the request id on every line. Secrets are redacted and every
 * phone number in any logged string or object is masked before it is written.
 */
export function loggingOptions(config: AppConfig): Params {
  const options: Options = {
    level: config.logLevel,
    genReqId: (req) => String((req as { id?: string }).id ?? ''),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.passwordHash'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskPhonesInText(req.url) }),
    },
    formatters: { log: (obj: Record<string, unknown>) => maskPhonesDeep(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? maskPhonesInText(a) : a)),
        );
      },
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    quietReqLogger: true,
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
  };
  if (!config.logFile) return { pinoHttp: options };
  return { pinoHttp: [options, pino.destination({ dest: config.logFile, sync: true, mkdir: true })] };
}
