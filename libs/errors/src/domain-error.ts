/** One field-level problem, said in Chinese and English. */
export interface FieldError {
  field: string;
  code: string;
  message_zh: string;
  message_en: string;
}

/** HTTP-independent kinds of failure; the API maps each to one status code in one place. */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unavailable';

/**
 * A failure the product expects and explains: a stable `code`, a Chinese and an English message,
 * and the fields at fault. Libraries throw these; the API edge turns them into 4xx/503 responses.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields: FieldError[] = [],
    /** Seconds a client should wait (rate limits, unavailable). */
    readonly retryAfterSeconds?: number,
  ) {
    super(messageEn);
    this.name = 'DomainError';
  }

  static validation(fields: FieldError[]): DomainError {
    const names = fields.map((f) => f.field).join(', ');
    return new DomainError(
      'validation',
      'VALIDATION_FAILED',
      `提交的内容有误：${fields.map((f) => f.message_zh).join('；')}`,
      `Invalid input in: ${names}`,
      fields,
    );
  }

  static field(field: string, code: string, messageZh: string, messageEn: string): DomainError {
    return DomainError.validation([{ field, code, message_zh: messageZh, message_en: messageEn }]);
  }

  static notFound(what: string, whatZh: string): DomainError {
    return new DomainError('not_found', 'NOT_FOUND', `${whatZh}不存在`, `${what} not found`);
  }

  static forbidden(): DomainError {
    return new DomainError('forbidden', 'FORBIDDEN', '您没有执行此操作的权限', 'You are not allowed to do this');
  }

  static unauthenticated(code = 'UNAUTHENTICATED'): DomainError {
    return new DomainError('unauthenticated', code, '请先登录', 'Please sign in first');
  }

  static conflict(code: string, messageZh: string, messageEn: string, fields: FieldError[] = []): DomainError {
    return new DomainError('conflict', code, messageZh, messageEn, fields);
  }

  static rateLimited(retryAfterSeconds: number, field?: string): DomainError {
    const fields = field
      ? [
          {
            field,
            code: 'RATE_LIMITED',
            message_zh: `提交过于频繁，请在${retryAfterSeconds}秒后重试`,
            message_en: `Too many requests; retry in ${retryAfterSeconds} s`,
          },
        ]
      : [];
    return new DomainError(
      'rate_limited',
      'RATE_LIMITED',
      `请求过于频繁，请在${retryAfterSeconds}秒后重试`,
      `Too many requests; retry in ${retryAfterSeconds} s`,
      fields,
      retryAfterSeconds,
    );
  }
}
