/** `+8613812345678` or `13812345678` → `138****5678`; landlines keep area code and last 4. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length >= 7) return `${digits.slice(0, Math.min(4, digits.length - 4))}****${digits.slice(-4)}`;
  return '****';
}

/** 王小明 → 王** ; John Smith → J*** */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = [...name.trim()];
  if (chars.length <= 1) return `${chars[0] ?? ''}*`;
  if (/^[\u4e00-\u9fff]/.test(chars[0])) {
    // Keep 先生/女士 so the consultant knows how to greet: 王先生 stays readable, 王小明 → 王**.
    const honorific = /(先生|女士|小姐|总|经理|老板)$/.exec(name.trim())?.[0];
    if (honorific) return `${chars[0]}${honorific}`;
    return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 2))}`;
  }
  return `${chars[0]}***`;
}

/**
 * Chinese mobile numbers anywhere in free text (logs, notification bodies), with or without +86 and
 * separators: masked in place. Digits that are part of a longer token (a longer number, a UUID or
 * request id, a hash) are left alone.
 */
const MOBILE_IN_TEXT = /(?<![\w*-])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\w*-])/g;

export function maskPhonesInText(text: string): string {
  return text.replace(MOBILE_IN_TEXT, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

/** Deep copy of a log object with every string's phones masked (cycles and depth bounded). */
export function maskPhonesDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskPhonesInText(value);
  if (typeof value === 'number' && Number.isInteger(value) && /^1[3-9]\d{9}$/.test(String(value))) {
    return maskPhonesInText(String(value));
  }
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => maskPhonesDeep(v, depth + 1, seen));
  if (value instanceof Error) {
    return { type: value.name, message: maskPhonesInText(value.message), stack: value.stack && maskPhonesInText(value.stack) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskPhonesDeep(v, depth + 1, seen);
  return out;
}
