import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { DomainError, toFieldErrors } from '@app/errors';

const PRIMITIVES: unknown[] = [String, Number, Boolean, Array, Object];

/** Deepest nesting accepted in a body or query; deeper JSON would overflow the recursive validators. */
const MAX_DEPTH = 32;

/** Whether objects/arrays nest deeper than `max` (iterative, so it cannot overflow itself). */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return false;
}

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text that cannot be stored or checked: U+0000 (PostgreSQL text cannot hold it) and lone UTF-16
 * surrogates (no UTF-8 form; validators throw on them). The path of the first such string, else null.
 */
function findUnstorableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || 'body' : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const found = findUnstorableText(v, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses input the validators or PostgreSQL cannot take, naming the field: nesting deeper than 32
 * levels (400 TOO_DEEP), U+0000 or a lone surrogate in any string (400 INVALID_CHARACTER). The global
 * pipe runs it on every DTO body and query; a controller validating a raw body calls it first.
 */
export function assertSafeInput(value: unknown): void {
  if (nestedDeeperThan(value, MAX_DEPTH)) {
    throw DomainError.field('body', 'TOO_DEEP', `请求体：嵌套超过 ${MAX_DEPTH} 层`, `body nests deeper than ${MAX_DEPTH} levels`);
  }
  const bad = findUnstorableText(value, '');
  if (bad) {
    throw DomainError.field(
      bad,
      'INVALID_CHARACTER',
      `${bad}：包含无效字符（空字符或残缺的 Unicode 代理项）`,
      `${bad} contains an invalid character (NUL or a lone Unicode surrogate)`,
    );
  }
}

/**
 * class-validator on every DTO; unknown fields are refused and every failure is reported per field in
 * Chinese and English. A body that is not a JSON object where a DTO is expected is one clear error.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => DomainError.validation(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype && !PRIMITIVES.includes(metadata.metatype);
    if (metadata.type === 'body' && dto && (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value))) {
      throw DomainError.field('body', 'NOT_AN_OBJECT', '请求体：必须是 JSON 对象', 'body must be a JSON object');
    }
    if (dto && (metadata.type === 'body' || metadata.type === 'query')) assertSafeInput(value);
    return super.transform(value, metadata);
  }
}
