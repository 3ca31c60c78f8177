import { parseDealType, parsePropertyType } from './property.js';

describe('parsePropertyType', () => {
  it.each([
    ['厂房3000平方', 'factory'],
    ['标准厂房', 'factory'],
    ['需要一个车间', 'factory'],
    ['土地30亩', 'land'],
    ['工业用地', 'land'],
    ['想拿地自建', 'land'],
    ['找一块地块', 'land'],
    ['写字楼500平', 'office'],
    ['办公室', 'office'],
    ['研发办公', 'office'],
    ['仓库5000平', 'warehouse'],
    ['仓储用房', 'warehouse'],
    ['冷库', 'warehouse'],
  ])('%s → %s', (text, type) => {
    expect(parsePropertyType(text)).toBe(type);
  });

  it('takes the first mentioned carrier', () => {
    expect(parsePropertyType('土地50亩自建厂房')).toBe('land');
    expect(parsePropertyType('厂房带办公')).toBe('factory');
  });

  it('returns null without carrier words', () => {
    expect(parsePropertyType('想了解一下政策')).toBeNull();
  });
});

describe('parseDealType', () => {
  it.each([
    ['租厂房', 'rent'],
    ['租赁', 'rent'],
    ['承租', 'rent'],
    ['厂房3000平方，租', 'rent'],
    ['买厂房', 'buy'],
    ['购买', 'buy'],
    ['购置土地', 'buy'],
    ['拿地', 'buy'],
    ['土地出让', 'buy'],
    ['要产权的', 'buy'],
  ])('%s → %s', (text, deal) => {
    expect(parseDealType(text)).toBe(deal);
  });

  it('takes the first mentioned and ignores 销售/采购', () => {
    expect(parseDealType('先租后买')).toBe('rent');
    expect(parseDealType('年销售额5000万')).toBeNull();
    expect(parseDealType('采购原料')).toBeNull();
  });
});
