import { extractFields, missingFields } from './fields.js';
import { parseMessage } from './message-parser.js';

describe('extractFields', () => {
  it('reads the issue example with full-width labels', () => {
    const f = extractFields(
      '需求：厂房3000平方，租；用途：新能源汽车电机生产；税收：年300万；公司：某某科技有限公司；联系人：王先生；手机：138 1234 5678',
    );
    expect(f).toMatchObject({
      need: '厂房3000平方,租', // full-width punctuation comes back half-width
      usage: '新能源汽车电机生产',
      tax: '年300万',
      company: '某某科技有限公司',
      contact: '王先生',
      phone: '138 1234 5678',
    });
  });

  it('reads labels in any order, with half-width colons, newlines and 【】', () => {
    const f = extractFields('手机:13912345678\n【公司】甲乙丙有限公司\n联系人: 李女士 13912345678\n用途：食品');
    expect(f).toMatchObject({ phone: '13912345678', company: '甲乙丙有限公司', contact: '李女士', usage: '食品' });
  });

  it('recognises unlabelled phones, emails, names, companies and tax phrases', () => {
    const f = extractFields('你好，我们是苏州某某精密有限公司，租厂房3000平，年税收300万，找陈经理 13812345678 chen@example.com');
    expect(f).toMatchObject({
      company: '苏州某某精密有限公司',
      contact: '陈经理',
      phone: '13812345678',
      email: 'chen@example.com',
      tax: '年税收300万',
    });
    expect(f.need).toContain('厂房3000平');
  });

  it('reads labels at the start of a line followed by a space, and trims a company value to the company', () => {
    const f = extractFields('需求 厂房 4000平 租\n用途 电动自行车\n企业：杭州某某科技有限公司 联系：金总');
    expect(f).toMatchObject({ need: '厂房 4000平 租', usage: '电动自行车', company: '杭州某某科技有限公司', contact: '金总' });
  });

  it('finds a contact introduced by 对接人是/负责人 and a company followed by 的', () => {
    const f = extractFields('我是常州某某新材料有限公司的负责人岳总，对接人是姚经理');
    expect(f).toMatchObject({ company: '常州某某新材料有限公司', contact: '岳总' });
  });

  it('keeps the first value of a repeated label and reads email/wechat', () => {
    const f = extractFields('公司：甲有限公司；公司：乙有限公司；微信：abc_123；邮箱：a@b.cn');
    expect(f).toMatchObject({ company: '甲有限公司', wechat: 'abc_123', email: 'a@b.cn' });
  });

  it('returns nothing for noise', () => {
    expect(extractFields('😀😀😀 [微笑]')).toEqual({});
    expect(extractFields('')).toEqual({});
  });

  it('lists the core fields still missing', () => {
    expect(missingFields({ need: 'x', phone: '1' })).toEqual(['usage', 'tax', 'company', 'contact']);
    expect(missingFields({})).toHaveLength(6);
  });
});

describe('parseMessage', () => {
  it('returns the fields, the structured need and what is missing', () => {
    const r = parseMessage('需求：土地30亩，拿地；用途：汽车零部件；税收：年税收600万');
    expect(r.fields).toMatchObject({ need: '土地30亩,拿地', usage: '汽车零部件', tax: '年税收600万' });
    expect(r.parsed).toMatchObject({
      propertyType: 'land',
      dealType: 'buy',
      areaSqm: { min: 20000, max: 20000 },
      areaUnit: 'mu',
      industry: { code: 'C36', name: '汽车制造业' },
      annualTaxWan: 600,
      taxPerMuWan: 20,
    });
    expect(r.missing).toEqual(['company', 'contact', 'phone']);
  });

  it('does not take the region from the company name', () => {
    expect(parseMessage('公司：苏州某某有限公司；需求：厂房3000平').parsed.region).toBeNull();
  });

  it('survives huge and hostile input', () => {
    const r = parseMessage('需求：'.repeat(5000) + '😀'.repeat(10000) + '9'.repeat(5000));
    expect(r.missing.length).toBeGreaterThan(0);
  });
});
