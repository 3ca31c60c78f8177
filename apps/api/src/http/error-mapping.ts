import { HttpException } from '@nestjs/common';
import { DomainError, type ErrorKind } from '@app/errors';

export interface ErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  fields: { field: string; code: string; message_zh: string; message_en: string }[];
  requestId: string;
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  retryAfterSeconds?: number;
}

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

/** PostgreSQL / driver failures that mean "the database is not reachable right now". */
function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; driverError?: { code?: string } };
  const code = err?.code ?? err?.driverError?.code;
  if (
    code &&
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '53300'].includes(
      code,
    )
  ) {
    return true;
  }
  // TypeORM releases a transaction's query runner when its connection dies mid-transaction.
  if (['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError'].includes((e as Error)?.name)) return true;
  const msg = err?.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|Client has encountered a connection error|Cannot use a pool after calling end|the database system is (starting up|shutting down)/i.test(
    msg,
  );
}

/** Errors Fastify raises before a route runs (body parsing, content type, size). */
function fromFastify(e: { code?: string; statusCode?: number; message?: string }): DomainError | undefined {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('payload_too_large', 'PAYLOAD_TOO_LARGE', '提交的内容过大', 'The request body is too large', [
        { field: 'body', code: 'PAYLOAD_TOO_LARGE', message_zh: '请求体：超过大小限制', message_en: 'body exceeds the size limit' },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainError(
        'unsupported_media_type',
        'UNSUPPORTED_MEDIA_TYPE',
        '不支持的内容类型，请使用 application/json',
        'Unsupported content type; send application/json',
        [
          {
            field: 'content-type',
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message_zh: 'Content-Type：不支持',
            message_en: 'content-type is not supported',
          },
        ],
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return DomainError.field('body', 'MALFORMED_JSON', '请求体：不是有效的 JSON', 'body is not valid JSON');
    default:
      break;
  }
  if (e.statusCode === 400 && /JSON|Unexpected token|Unexpected end/i.test(e.message ?? '')) {
    return DomainError.field('body', 'MALFORMED_JSON', '请求体：不是有效的 JSON', 'body is not valid JSON');
  }
  if (e.statusCode === 415) return fromFastify({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
  if (e.statusCode === 413) return fromFastify({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  return undefined;
}

function fromHttpException(e: HttpException): DomainError {
  const status = e.getStatus();
  switch (status) {
    case 404:
      return new DomainError('not_found', 'NOT_FOUND', '请求的地址不存在', 'No such route or resource');
    case 401:
      return DomainError.unauthenticated();
    case 403:
      return DomainError.forbidden();
    case 413:
      return fromFastify({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' })!;
    case 415:
      return fromFastify({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' })!;
    case 429:
      return DomainError.rateLimited(60);
    default:
      if (status === 400 && /JSON/i.test(e.message)) {
        return DomainError.field('body', 'MALFORMED_JSON', '请求体：不是有效的 JSON', 'body is not valid JSON');
      }
      if (status >= 400 && status < 500) {
        return new DomainError('validation', 'BAD_REQUEST', '请求有误', e.message || 'Bad request');
      }
      throw e;
  }
}

/** The one place where errors become HTTP responses. Unknown errors become a 500 that hides internals. */
export function mapError(e: unknown, requestId: string): MappedError {
  let domain: DomainError | undefined;
  if (e instanceof DomainError) domain = e;
  else if (isDatabaseUnavailable(e)) {
    domain = new DomainError(
      'unavailable',
      'SERVICE_UNAVAILABLE',
      '服务暂时不可用，请稍后重试',
      'The service is temporarily unavailable; please retry',
      [],
      2,
    );
  } else if (e instanceof HttpException) {
    try {
      domain = fromHttpException(e);
    } catch {
      domain = undefined;
    }
  } else if (e && typeof e === 'object') {
    domain = fromFastify(e as { code?: string; statusCode?: number; message?: string });
  }
  if (!domain) {
    return {
      status: 500,
      body: {
        code: 'INTERNAL_ERROR',
        message_zh: `服务器内部错误，请联系管理员并提供请求编号 ${requestId}`,
        message_en: `Internal error; contact support with request id ${requestId}`,
        fields: [],
        requestId,
      },
    };
  }
  return {
    status: STATUS[domain.kind],
    retryAfterSeconds: domain.retryAfterSeconds,
    body: {
      code: domain.code,
      message_zh: domain.messageZh,
      message_en: domain.messageEn,
      fields: domain.fields,
      requestId,
    },
  };
}
