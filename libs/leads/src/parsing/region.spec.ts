import { parseRegion } from './region.js';

describe('parseRegion', () => {
  it.each([
    ['苏州', '苏州'],
    ['希望在苏州工业园区', '苏州工业园区'],
    ['嘉兴市优先', '嘉兴市'],
    ['浙江省内都可以', '浙江省'],
    ['上海松江区', '上海'],
    ['考虑吴中区', '吴中区'],
    ['落户滨江新区', '滨江新区'],
  ])('%s → %s', (text, region) => {
    expect(parseRegion(text)).toBe(region);
  });

  it('returns null without a place', () => {
    expect(parseRegion('厂房3000平')).toBeNull();
  });
});
