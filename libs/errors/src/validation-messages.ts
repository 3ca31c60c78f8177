import type { ValidationError } from 'class-validator';
import type { FieldError } from './domain-error.js';

type Constraint = { zh: (arg?: string) => string; en: (arg?: string) => string };

/** Bilingual wording for each class-validator constraint the DTOs use. */
const MESSAGES: Record<string, Constraint> = {
  isDefined: { zh: () => '必填', en: () => 'is required' },
  isNotEmpty: { zh: () => '不能为空', en: () => 'must not be empty' },
  isString: { zh: () => '必须是文本', en: () => 'must be text' },
  isInt: { zh: () => '必须是整数', en: () => 'must be a whole number' },
  isNumber: { zh: () => '必须是数字', en: () => 'must be a number' },
  isBoolean: { zh: () => '必须是 true 或 false', en: () => 'must be true or false' },
  isEmail: { zh: () => '不是有效的电子邮箱', en: () => 'must be a valid email address' },
  isUUID: { zh: () => '不是有效的编号', en: () => 'must be a valid id (UUID)' },
  isIn: { zh: (a) => `必须是以下之一：${a}`, en: (a) => `must be one of: ${a}` },
  isEnum: { zh: (a) => `必须是以下之一：${a}`, en: (a) => `must be one of: ${a}` },
  min: { zh: (a) => `不能小于 ${a}`, en: (a) => `must not be less than ${a}` },
  max: { zh: (a) => `不能大于 ${a}`, en: (a) => `must not be greater than ${a}` },
  minLength: { zh: (a) => `至少 ${a} 个字符`, en: (a) => `must be at least ${a} characters` },
  maxLength: { zh: (a) => `最多 ${a} 个字符`, en: (a) => `must be at most ${a} characters` },
  isDateString: { zh: () => '不是有效的日期时间', en: () => 'must be an ISO 8601 date-time' },
  isISO8601: { zh: () => '不是有效的日期时间', en: () => 'must be an ISO 8601 date-time' },
  isArray: { zh: () => '必须是列表', en: () => 'must be a list' },
  arrayMaxSize: { zh: (a) => `最多 ${a} 项`, en: (a) => `must have at most ${a} items` },
  arrayMinSize: { zh: (a) => `至少 ${a} 项`, en: (a) => `must have at least ${a} items` },
  isObject: { zh: () => '必须是对象', en: () => 'must be an object' },
  isUrl: { zh: () => '不是有效的网址', en: () => 'must be a valid URL' },
  isPositive: { zh: () => '必须大于 0', en: () => 'must be greater than 0' },
  matches: { zh: () => '格式不正确', en: () => 'has the wrong format' },
  equals: { zh: (a) => `必须为 ${a}`, en: (a) => `must be ${a}` },
  whitelistValidation: { zh: () => '不是可接受的字段', en: () => 'is not an accepted field' },
  nestedValidation: { zh: () => '内容有误', en: () => 'is invalid' },
};

/** Pulls the constraint argument (e.g. the 5 of `min(5)`) out of class-validator's English message. */
function argumentOf(name: string, message: string): string | undefined {
  switch (name) {
    case 'isIn':
    case 'isEnum':
      return message.match(/following values: (.*)$/)?.[1];
    case 'min':
    case 'max':
      return message.match(/(-?[\d.]+)$/)?.[1];
    case 'minLength':
    case 'maxLength':
    case 'arrayMaxSize':
    case 'arrayMinSize':
      return message.match(/(\d+)/)?.[1];
    case 'equals':
      return message.match(/equal to (.*)$/)?.[1];
    default:
      return undefined;
  }
}

/** Flattens class-validator errors (nested too) into bilingual field errors: `address.city`, `items[2].qty`. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    // An empty JSON key ({"": 1}) is still named, as "".
    const prop = e.property === '' ? '""' : e.property;
    const path = prefix ? (/^\d+$/.test(prop) ? `${prefix}[${prop}]` : `${prefix}.${prop}`) : prop;
    if (e.constraints) {
      // Report the most basic failure first: a missing or wrongly typed value makes the other checks noise.
      const order = ['whitelistValidation', 'isDefined', 'isNotEmpty', 'isString', 'isInt', 'isNumber', 'isBoolean'];
      const names = Object.keys(e.constraints).sort((a, b) => {
        const ia = order.indexOf(a);
        const ib = order.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
      });
      const name = names[0];
      const text = e.constraints[name];
      const m = MESSAGES[name];
      const arg = argumentOf(name, text);
      out.push({
        field: path,
        code: name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
        message_zh: m ? `${path}：${m.zh(arg)}` : `${path}：格式不正确`,
        message_en: m ? `${path} ${m.en(arg)}` : text,
      });
    }
    if (e.children?.length) out.push(...toFieldErrors(e.children, path));
  }
  return out;
}
