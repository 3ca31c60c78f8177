import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { DomainError, toFieldErrors } from '@app/errors';

const PRIMITIVES: unknown[] = [String, Number, Boolean, Array, Object];

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
    return super.transform(value, metadata);
  }
}
