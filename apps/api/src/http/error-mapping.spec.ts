import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@app/errors';
import { mapError } from './error-mapping.js';

describe('mapError: the one place errors become HTTP', () => {
  it('turns an unknown bug into a 500 with the request id and no internals', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id') at LeadIntakeService.submit");
    const { status, body } = mapError(bug, 'req-42');
    expect(status).toBe(500);
    expect(body).toMatchObject({ code: 'INTERNAL_ERROR', requestId: 'req-42', fields: [] });
    expect(body.message_zh).toContain('req-42');
    expect(JSON.stringify(body)).not.toMatch(/TypeError|LeadIntakeService|reading 'id'/);
  });

  it('maps domain errors by kind, keeping code, both messages and fields', () => {
    const e = DomainError.field('phone', 'PHONE_INVALID', '手机号：无效', 'phone is invalid');
    expect(mapError(e, 'r')).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', fields: [{ field: 'phone', code: 'PHONE_INVALID' }] },
    });
    expect(mapError(DomainError.rateLimited(30), 'r')).toMatchObject({ status: 429, retryAfterSeconds: 30 });
    expect(mapError(DomainError.notFound('Lead', '线索'), 'r').status).toBe(404);
  });

  it('answers 503 with Retry-After when the database is unreachable or the pool is exhausted', () => {
    for (const e of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      const m = mapError(e, 'r');
      expect(m.status).toBe(503);
      expect(m.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(m.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it('maps framework errors: unknown route 404, malformed JSON 400 naming the body', () => {
    expect(mapError(new NotFoundException(), 'r')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(mapError(new BadRequestException('Unexpected token } in JSON at position 9'), 'r')).toMatchObject({
      status: 400,
      body: { fields: [{ field: 'body', code: 'MALFORMED_JSON' }] },
    });
    expect(mapError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }, 'r').status).toBe(413);
    expect(mapError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }, 'r').status).toBe(415);
  });
});
