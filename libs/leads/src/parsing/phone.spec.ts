import { findPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '+8613812345678', 'mobile'],
    ['138 1234 5678', '+8613812345678', 'mobile'],
    ['138-1234-5678', '+8613812345678', 'mobile'],
    ['+86 138 1234 5678', '+8613812345678', 'mobile'],
    ['+8613812345678', '+8613812345678', 'mobile'],
    ['008613812345678', '+8613812345678', 'mobile'],
    ['８６１３８１２３４５６７８', '+8613812345678', 'mobile'],
    ['021-62345678', '+862162345678', 'landline'],
    ['(0512) 6789 1234', '+8651267891234', 'landline'],
    ['400-800-1234', '+864008001234', 'service'],
  ])('%s → %s (%s)', (raw, e164, kind) => {
    expect(normalizePhone(raw)).toEqual({ e164, kind });
  });

  it.each(['12345678901', '1381234567', '138123456789', 'abc', '', '+1 415 555 2671', '1'.repeat(60), '😀13812345678'])(
    'refuses %s',
    (raw) => {
      expect(normalizePhone(raw)).toBeNull();
    },
  );

  it('refuses non-strings', () => {
    expect(normalizePhone(12345 as unknown as string)).toBeNull();
  });
});

describe('findPhone', () => {
  it('finds mobiles, landlines and 400 numbers in text', () => {
    expect(findPhone('王先生 13812345678 谢谢')).toBe('13812345678');
    expect(findPhone('电话：0512-67891234')).toBe('0512-67891234');
    expect(findPhone('热线400-800-1234')).toBe('400-800-1234');
    expect(findPhone('+86 139 1234 5678')).toBe('+86 139 1234 5678');
  });

  it('ignores longer digit runs and text without phones', () => {
    expect(findPhone('订单号 2138123456789012')).toBeNull();
    expect(findPhone('没有电话')).toBeNull();
  });
});
