import type { FieldError } from '@app/errors';

/** At least 10 characters with a letter and a digit; not the email itself. */
export function checkPassword(password: unknown, email?: string, field = 'password'): FieldError | undefined {
  const fail = (code: string, zh: string, en: string): FieldError => ({ field, code, message_zh: zh, message_en: en });
  if (typeof password !== 'string' || password.length === 0) return fail('REQUIRED', '密码：必填', 'password is required');
  if (password.length < 10) return fail('PASSWORD_TOO_SHORT', '密码：至少 10 个字符', 'password must be at least 10 characters');
  if (password.length > 200) return fail('PASSWORD_TOO_LONG', '密码：最多 200 个字符', 'password must be at most 200 characters');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    return fail('PASSWORD_TOO_WEAK', '密码：需同时包含字母和数字', 'password must contain both letters and digits');
  }
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0])) {
    return fail('PASSWORD_CONTAINS_EMAIL', '密码：不能包含邮箱名', 'password must not contain the email name');
  }
  return undefined;
}
