import { maskName, maskPhone, maskPhonesDeep, maskPhonesInText } from './masking.js';
import { PersonalDataCipher } from './personal-data-cipher.js';
import { randomBytes } from 'node:crypto';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks landlines and 400 numbers too', () => {
    expect(maskPhone('+86 579 8211 1234')).toBe('8657****1234');
    expect(maskPhone('4008001234')).toBe('4008****1234');
  });
  it('returns an empty string for nothing', () => {
    expect(maskPhone(undefined)).toBe('');
  });
});

describe('maskName', () => {
  it('keeps the surname and honorific', () => {
    expect(maskName('王先生')).toBe('王先生');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('John Smith')).toBe('J***');
  });
});

describe('maskPhonesInText', () => {
  it('masks mobiles inside free text with +86 and separators', () => {
    expect(maskPhonesInText('联系人王先生，手机：138-1234-5678，或+86 13912345678')).toBe('联系人王先生，手机：138****5678，或139****5678');
  });
  it('leaves longer digit runs (ids, amounts) alone', () => {
    expect(maskPhonesInText('订单号 2026138123456789')).toBe('订单号 2026138123456789');
  });
  it('leaves UUIDs and request ids alone', () => {
    const ids = 'req 5f0c2a1e-8d3b-4c2f-9e13-e13228637398 and 0a1b2c3d-152-3041-4061';
    expect(maskPhonesInText(ids)).toBe(ids);
  });
  it('still masks phones after Chinese text, colons and equals signs', () => {
    expect(maskPhonesInText('手机13812345678 tel:13912345678 phone=13712345678')).toBe('手机138****5678 tel:139****5678 phone=137****5678');
  });
  it('masks deeply in log objects', () => {
    expect(maskPhonesDeep({ a: [{ phone: '13812345678' }], n: 13812345678 })).toEqual({
      a: [{ phone: '138****5678' }],
      n: '138****5678',
    });
  });
});

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher(randomBytes(32), randomBytes(32));
  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('+8613812345678');
    const b = cipher.encrypt('+8613812345678');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe('+8613812345678');
  });
  it('hashes equal values equally, different values differently', () => {
    expect(cipher.hash('+8613812345678')).toBe(cipher.hash('+8613812345678'));
    expect(cipher.hash('+8613812345678')).not.toBe(cipher.hash('+8613812345679'));
  });
  it('rejects tampered ciphertext', () => {
    const sealed = cipher.encrypt('x');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
  });
});
