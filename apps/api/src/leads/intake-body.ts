import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, toFieldErrors } from '@app/errors';
import type { IntakeInput, LeadIntakeService } from '@app/leads';
import { assertSafeInput } from '../http/validation.pipe.js';
import { CreateLeadDto } from './dto.js';

/**
 * Validates an intake body in one pass so that a 400 names every bad field: the DTO's type and
 * shape errors together with intake's own checks (consent, phone, required fields, absurd amounts)
 * on the fields that are well-typed.
 */
export async function toIntakeInput(body: unknown, intake: LeadIntakeService): Promise<IntakeInput> {
  if (body === null || body === undefined || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.field('body', 'NOT_AN_OBJECT', '请求体：必须是 JSON 对象', 'body must be a JSON object');
  }
  assertSafeInput(body);
  const dto = plainToInstance(CreateLeadDto, body);
  const typeErrors = toFieldErrors(
    await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }),
  );
  const bad = new Set(typeErrors.map((e) => e.field.split(/[.[]/)[0]));
  const wellTyped = Object.fromEntries(Object.entries(dto).filter(([k]) => !bad.has(k))) as IntakeInput;
  const semantic = intake.validate(wellTyped).filter((e) => !bad.has(e.field));
  const errors = [...typeErrors, ...semantic];
  if (errors.length) throw DomainError.validation(errors);
  // Without type errors wellTyped holds every field of dto; returning the object intake validated
  // lets submit() reuse its parse instead of parsing the need a second time.
  return wellTyped;
}
