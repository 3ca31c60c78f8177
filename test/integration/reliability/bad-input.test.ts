import fc from 'fast-check';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * Bad input never breaks the server: generated payloads (wrong types, huge strings, emoji and rare CJK,
 * lone surrogates and invalid UTF-8 sent raw, negative and astronomical numbers, deep nesting, arrays
 * where objects belong) sent to the public intake and parse endpoints and to the listings import.
 * Every answer is < 500, and every 4xx names at least one field in Chinese and English.
 */

/** Runs per property; the sum over the file is 10,000 generated requests. */
const RUNS = {
  intakeObject: 4000,
  intakeRaw: 1500,
  parseObject: 2000,
  parseRaw: 500,
  importFile: 2000,
};

const seen: Record<string, Record<number, number>> = {};

/** The error contract: no 5xx; a 4xx lists fields, each with a field name and both messages. */
function contractViolation(name: string, res: Response): string | null {
  (seen[name] ??= {})[res.status] = (seen[name][res.status] ?? 0) + 1;
  if (res.status >= 500) return `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  if (res.status >= 400) {
    const b = res.body as { code?: unknown; message_zh?: unknown; message_en?: unknown; fields?: unknown };
    if (typeof b.code !== 'string' || typeof b.message_zh !== 'string' || typeof b.message_en !== 'string') {
      return `${res.status} without code/message_zh/message_en: ${JSON.stringify(res.body).slice(0, 300)}`;
    }
    const fields = Array.isArray(b.fields) ? (b.fields as Record<string, unknown>[]) : [];
    if (fields.length === 0) return `${res.status} ${String(b.code)} names no field`;
    for (const f of fields) {
      if (
        typeof f.field !== 'string' ||
        !f.field ||
        typeof f.message_zh !== 'string' ||
        !f.message_zh ||
        typeof f.message_en !== 'string' ||
        !f.message_en
      ) {
        return `${res.status} field entry incomplete: ${JSON.stringify(f).slice(0, 200)}`;
      }
    }
  }
  return null;
}

// ---------- generators ----------

const RARE = [
  '𠀀𪚥',
  '𠮷野家',
  '😀👨‍👩‍👧‍👦🏭',
  '\uD800',
  'a\uDC00b',
  '\u0000',
  '\u202Eevil',
  '１３８１２３４５６７８',
  '٣٤٥',
  'ﾃｽﾄ',
  '\t\n\r',
  ' ',
];
const INJECTION = [
  '<script>alert(1)</script>',
  "'; DROP TABLE lead; --",
  '" OR 1=1 --',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '[点我](javascript:alert(1))',
  '__proto__',
];

const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...RARE, ...INJECTION, ''),
  fc.tuple(fc.constantFrom('长', '𪚥', 'a', '😀'), fc.integer({ min: 1_000, max: 120_000 })).map(([c, n]) => c.repeat(n)),
);
const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 1e-300, 123456789012345680000),
);
const { value: weirdValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    weirdString,
    weirdNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 3 }),
  ),
}));

const validPhone = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `13${(n % 7) + 3}${String(n).padStart(8, '0')}`);
const phoneish = fc.oneof(
  validPhone,
  validPhone.map((p) => `+86 ${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`),
  fc.constantFrom('12345', '400-800-1234', '021-62345678', '+1 415 555 0100', '0000000000000000000000', '１３９１２３４５６７８'),
  weirdValue,
);

/** A field is its valid value, something weird, or missing. */
const field = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: weirdValue });

const intakeObject = fc.record(
  {
    need: field(fc.constantFrom('标准厂房 3000㎡，层高 8 米', '工业用地 50 亩', '办公 500 平')),
    usage: field(fc.constantFrom('新能源汽车零部件生产', '研发', '仓储')),
    tax: field(fc.constantFrom('年税收 300 万', '亩均税收 30 万元/亩', '2亿')),
    company: field(fc.constantFrom('金华星驰科技有限公司', '<b>某</b>公司', '𪚥𠀀有限公司')),
    contact: field(fc.constantFrom('王先生', '李女士')),
    phone: phoneish,
    consent: field(fc.constant(true)),
    shareConsent: field(fc.boolean()),
    email: field(fc.constantFrom('a@b.cn', 'not-an-email')),
    channel: field(fc.constantFrom('web', 'article', 'wechat')),
    message: field(fc.constantFrom('王总 要 3000 平厂房')),
    sourceArticleId: field(fc.uuid()),
    propertyType: field(fc.constantFrom('factory', 'land')),
    dealType: field(fc.constantFrom('rent', 'buy')),
    areaSqmMin: field(fc.integer({ min: 1, max: 100_000 })),
    areaSqmMax: field(fc.integer({ min: 1, max: 100_000 })),
    region: field(fc.constantFrom('金华', '义乌')),
    investmentWan: field(fc.integer({ min: 1, max: 1_000_000 })),
    website: field(fc.constant('')),
  },
  { requiredKeys: [] },
);
const extraKeys = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'id', 'ownerId', 'stage', 'x'), weirdValue, { maxKeys: 2 });

/** Any JSON body: mostly objects near the real shape, sometimes arrays, scalars, null, nested junk. */
/** A valid submission with one text field replaced by odd but well-typed text: it reaches the parser and the database. */
const TEXT_FIELDS = ['need', 'usage', 'tax', 'company', 'contact', 'message', 'region', 'wechat'] as const;
const oneOddText = fc
  .tuple(
    validPhone,
    fc.constantFrom(...TEXT_FIELDS),
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom(...RARE, ...INJECTION, '', '亩亩亩万万亿', '-3000㎡', '1e308 万元', '9'.repeat(400)),
    ),
  )
  .map(([phone, key, text]) => ({
    need: '标准厂房 3000㎡，层高 8 米',
    usage: '新能源汽车零部件生产',
    tax: '年税收 300 万',
    company: '金华星驰科技有限公司',
    contact: '王先生',
    phone,
    consent: true,
    [key]: text,
  }));

const intakeBody = fc.oneof(
  { weight: 3, arbitrary: oneOddText },
  { weight: 8, arbitrary: fc.tuple(intakeObject, extraKeys).map(([a, b]) => ({ ...b, ...a })) },
  { weight: 2, arbitrary: weirdValue },
  { weight: 1, arbitrary: fc.array(intakeObject, { maxLength: 2 }) },
);

/** Bodies as bytes: invalid UTF-8, truncated or broken JSON, deep nesting, numbers beyond double. */
const rawBody = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc
    .tuple(
      fc.constantFrom('company', 'need', 'phone', 'text', 'contact'),
      fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xe0, 0x80, 0xaf]),
    )
    .map(([k, bad]) =>
      Buffer.concat([Buffer.from(`{"${k}":"ab`), Buffer.from(bad), Buffer.from('cd","phone":"13812345678","consent":true}')]),
    ),
  fc
    .constantFrom('{"areaSqmMin":1e400,"phone":"13812345678"}', '{"investmentWan":-1e400}', '{"text":"\\ud800"}', '{"company":"\\u0000"}')
    .map((s) => Buffer.from(s)),
  fc.integer({ min: 1, max: 5_000 }).map((d) => Buffer.from(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`)),
  fc.integer({ min: 1, max: 5_000 }).map((d) => Buffer.from(`${'['.repeat(d)}${']'.repeat(d)}`)),
  fc.string({ maxLength: 60 }).map((s) => Buffer.from(s)),
  fc
    .constantFrom(
      '',
      '{',
      '{"a":}',
      '{"a":1,}',
      "{'a':1}",
      'null',
      '[]',
      '"text"',
      '123',
      'true',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
    )
    .map((s) => Buffer.from(s)),
);

const parseBody = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      { text: fc.oneof(weirdValue, fc.constantFrom('公司：金华星驰\n联系人：王先生\n电话：13812345678\n需求：3000平厂房')) },
      { requiredKeys: [] },
    ),
  },
  { weight: 2, arbitrary: fc.tuple(fc.record({ text: weirdString }), extraKeys).map(([a, b]) => ({ ...b, ...a })) },
  { weight: 2, arbitrary: weirdValue },
);

// ---------- import files ----------

const HEADERS = [
  '编号',
  '标题',
  '类型',
  '租售',
  '园区',
  '区域',
  '面积',
  '亩',
  '层数',
  '层高',
  '承重',
  '租金',
  '售价',
  '可环评',
  '准入产业',
  '可用日期',
  '状态',
  'unknown',
];
const cell = fc.oneof(
  fc.constantFrom(
    '',
    'factory',
    'land',
    '厂房',
    'rent',
    '出租',
    '3000',
    '-5',
    '1e400',
    'NaN',
    '二十',
    '是',
    '否',
    'C36,C38',
    '2026-13-45',
    '2026-12-01',
    'available',
  ),
  weirdString.map((s) => s.slice(0, 300)),
  fc.double().map(String),
);
const csvQuote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
const importFile = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.shuffledSubarray(HEADERS, { minLength: 0 }), fc.array(fc.array(cell, { maxLength: 20 }), { maxLength: 8 }), fc.boolean())
      .map(([headers, rows, bom]) => ({
        name: 'listings.csv',
        data: Buffer.from((bom ? '\ufeff' : '') + [headers, ...rows].map((r) => r.map(csvQuote).join(',')).join('\r\n'), 'utf8'),
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .uint8Array({ maxLength: 400 })
      .map((b) => ({ name: 'listings.xlsx', data: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(b)]) })),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => ({ name: 'x.csv', data: Buffer.from(b) })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('"unterminated,quote\n1,2', ',,,,\n,,,', '标题\n' + '"a"'.repeat(10))
      .map((s) => ({ name: 'odd.csv', data: Buffer.from(s) })),
  },
);

/** A JSON value as its text (lone surrogates come out as \\uD800 escapes, as any client would send them). */
function postJson(t: TestApp, url: string, body: unknown): Promise<Response> {
  return t
    .http()
    .post(url)
    .set('content-type', 'application/json')
    .send(JSON.stringify(body) ?? 'null');
}

/** Exactly these bytes as the body (supertest would serialise a Buffer as JSON otherwise). */
async function postRaw(t: TestApp, url: string, raw: Buffer): Promise<Response> {
  const req = t.http().post(url).set('content-type', 'application/json');
  req.write(raw);
  return req;
}

describe('bad input: generated payloads never cause a 5xx, and every 4xx names the field', () => {
  let t: TestApp;
  let manager: string;
  const intakeLanded = (): Promise<boolean> =>
    t
      .http()
      .post('/api/leads')
      .send({})
      .then((r) => r.status !== 404);

  beforeAll(async () => {
    t = await startTestApp({ INTAKE_LIMIT_PER_IP_PER_MINUTE: '0', INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0', LOG_LEVEL: 'warn' });
    manager = (await t.signIn('manager')).token;
  });
  afterAll(async () => {
    process.stdout.write(`bad input, statuses per property: ${JSON.stringify(seen)}\n`);
    await t.close();
  });

  it(`POST /api/leads: ${RUNS.intakeObject} generated JSON bodies`, async () => {
    if (!(await intakeLanded())) return;
    await fc.assert(
      fc.asyncProperty(intakeBody, async (body) => {
        const res = await postJson(t, '/api/leads', body);
        const v = contractViolation('intake', res);
        if (v) throw new Error(v);
      }),
      { numRuns: RUNS.intakeObject },
    );
  }, 600_000);

  it(`POST /api/leads: ${RUNS.intakeRaw} raw bodies (invalid UTF-8, broken JSON, deep nesting, 1e400)`, async () => {
    if (!(await intakeLanded())) return;
    await fc.assert(
      fc.asyncProperty(rawBody, async (raw) => {
        const res = await postRaw(t, '/api/leads', raw);
        const v = contractViolation('intake-raw', res);
        if (v) throw new Error(v);
      }),
      { numRuns: RUNS.intakeRaw },
    );
  }, 600_000);

  it(`POST /api/leads/parse: ${RUNS.parseObject + RUNS.parseRaw} generated bodies`, async () => {
    if (!(await intakeLanded())) return;
    await fc.assert(
      fc.asyncProperty(parseBody, async (body) => {
        const res = await postJson(t, '/api/leads/parse', body);
        const v = contractViolation('parse', res);
        if (v) throw new Error(v);
      }),
      { numRuns: RUNS.parseObject },
    );
    await fc.assert(
      fc.asyncProperty(rawBody, async (raw) => {
        const res = await postRaw(t, '/api/leads/parse', raw);
        const v = contractViolation('parse-raw', res);
        if (v) throw new Error(v);
      }),
      { numRuns: RUNS.parseRaw },
    );
  }, 600_000);

  it(`POST /api/listings/import: ${RUNS.importFile} generated CSV/XLSX files; bad rows are reported by row and column`, async () => {
    await fc.assert(
      fc.asyncProperty(importFile, async (file) => {
        const res = await t
          .http()
          .post('/api/listings/import')
          .set('authorization', `Bearer ${manager}`)
          .attach('file', file.data, file.name);
        const v = contractViolation('import', res);
        if (v) throw new Error(v);
        if (res.status === 200) {
          for (const e of (res.body as { errors: Record<string, unknown>[] }).errors) {
            if (typeof e.row !== 'number' || typeof e.message_zh !== 'string' || typeof e.message_en !== 'string') {
              throw new Error(`row error without row/messages: ${JSON.stringify(e)}`);
            }
          }
        }
      }),
      { numRuns: RUNS.importFile },
    );
  }, 600_000);

  describe('size, syntax and content type (central handling, on the intake endpoint)', () => {
    it('refuses a body over BODY_LIMIT_BYTES with 413 naming the body', async () => {
      const res = await t
        .http()
        .post('/api/leads')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ need: 'x'.repeat(t.config.bodyLimitBytes + 10) }));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fields: [{ field: 'body' }] });
    });

    it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
      const res = await t.http().post('/api/leads').set('content-type', 'application/json').send('{"company": "金华", ');
      expect(res.status).toBe(400);
      expect(res.body.fields[0]).toMatchObject({ field: 'body', code: 'MALFORMED_JSON' });
    });

    it('refuses other content types with 415 naming the content type', async () => {
      for (const [type, body] of [
        ['text/plain', 'company=金华'],
        ['application/x-www-form-urlencoded', 'company=%E9%87%91'],
        ['application/xml', '<lead/>'],
      ]) {
        const res = await t.http().post('/api/leads').set('content-type', type).send(body);
        expect({ type, status: res.status }).toEqual({ type, status: 415 });
        expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', fields: [{ field: 'content-type' }] });
      }
    });
  });
});
