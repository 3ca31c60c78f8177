import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface NormalizedPhone {
  /** E.164, e.g. +8613812345678. */
  e164: string;
  kind: PhoneKind;
}

/**
 * A Chinese mobile, landline or 400/800 number in any common writing (`138 1234 5678`,
 * `+86-138…`, `0086…`, `021-62345678`, `400-800-1234`) → E.164. null when it is not one.
 */
export function normalizePhone(raw: string): NormalizedPhone | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const cleaned = raw
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-()（）.]/g, '')
    .replace(/^\uff0b/, '+');
  if (!/^\+?\d{7,16}$/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned, 'CN');
  if (!parsed || parsed.country !== 'CN') return null;
  // With the full metadata, isValid() is exactly "getType() is defined": one pass of the type patterns, not two.
  switch (parsed.getType()) {
    case 'MOBILE':
      return { e164: parsed.number, kind: 'mobile' };
    case 'FIXED_LINE':
    case 'FIXED_LINE_OR_MOBILE':
      return { e164: parsed.number, kind: 'landline' };
    case 'TOLL_FREE':
    case 'SHARED_COST':
    case 'UAN':
      return { e164: parsed.number, kind: 'service' };
    default:
      return null;
  }
}

/** Phone-looking runs in free text: mobiles, landlines with area code, 400/800 numbers. */
const PHONE_IN_TEXT =
  /(?<![\d])(?:(?:\+|00)?86[\s-]?)?(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8}|[48]00[\s-]?\d{3}[\s-]?\d{4})(?![\d])/;

/** The first phone number written in a text, as written (not yet validated). */
export function findPhone(text: string): string | null {
  return PHONE_IN_TEXT.exec(text)?.[0].trim() ?? null;
}
