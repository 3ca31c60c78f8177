import { parseArea, SQM_PER_MU } from './area.js';

describe('parseArea', () => {
  it.each([
    ['3000平方米', 3000, 3000, 'sqm'],
    ['3000平', 3000, 3000, 'sqm'],
    ['3000㎡', 3000, 3000, 'sqm'],
    ['3000m²', 3000, 3000, 'sqm'],
    ['3000m2', 3000, 3000, 'sqm'],
    ['3000方', 3000, 3000, 'sqm'],
    ['3000平米', 3000, 3000, 'sqm'],
    ['3,000平方米', 3000, 3000, 'sqm'],
    ['３０００平方', 3000, 3000, 'sqm'],
    ['5千平方', 5000, 5000, 'sqm'],
    ['三千平方米', 3000, 3000, 'sqm'],
    ['两千五百平', 2500, 2500, 'sqm'],
    ['1.2万平', 12000, 12000, 'sqm'],
    ['一万平方', 10000, 10000, 'sqm'],
    ['2000到5000平方', 2000, 5000, 'sqm'],
    ['2000-5000㎡', 2000, 5000, 'sqm'],
    ['2000平-5000平', 2000, 5000, 'sqm'],
    ['3000~4000平米左右', 3000, 4000, 'sqm'],
    ['5000至3000平', 3000, 5000, 'sqm'],
  ])('%s → %s–%s ㎡', (text, min, max, unit) => {
    const a = parseArea(text)!;
    expect(a).not.toBeNull();
    expect(a.minSqm).toBe(min);
    expect(a.maxSqm).toBe(max);
    expect(a.unit).toBe(unit);
  });

  it('converts 亩 at 2000/3 ㎡ and keeps the written unit and range', () => {
    expect(parseArea('30亩')).toMatchObject({ min: 30, max: 30, unit: 'mu', minSqm: 20000, maxSqm: 20000, raw: '30亩' });
    expect(parseArea('30-50亩')).toMatchObject({ min: 30, max: 50, unit: 'mu', minSqm: 20000, maxSqm: 33333.33 });
    expect(parseArea('30亩-50亩')).toMatchObject({ min: 30, max: 50, unit: 'mu' });
    expect(parseArea('1亩')!.minSqm).toBe(Math.round(SQM_PER_MU * 100) / 100);
    expect(parseArea('五十亩')).toMatchObject({ min: 50, unit: 'mu' });
  });

  it('reads open ranges: 以上, 起, 不少于, 至少, 以内, 不超过', () => {
    expect(parseArea('5000平以上')).toMatchObject({ minSqm: 5000, maxSqm: null });
    expect(parseArea('5000平起')).toMatchObject({ minSqm: 5000, maxSqm: null });
    expect(parseArea('不少于20亩')).toMatchObject({ min: 20, max: null, unit: 'mu', minSqm: 13333.33, maxSqm: null });
    expect(parseArea('至少3000平方')).toMatchObject({ minSqm: 3000, maxSqm: null });
    expect(parseArea('2000平以内')).toMatchObject({ minSqm: null, maxSqm: 2000 });
    expect(parseArea('不超过8000㎡')).toMatchObject({ minSqm: null, maxSqm: 8000 });
  });

  it('finds the first area inside a sentence', () => {
    expect(parseArea('需要租一个厂房，面积3000平方左右，层高8米')).toMatchObject({ minSqm: 3000, maxSqm: 3000 });
    expect(parseArea('拿地30亩，建厂房2万平')).toMatchObject({ unit: 'mu', min: 30 });
  });

  it('ignores numbers that are not areas', () => {
    expect(parseArea('层高8米，承重3吨，用电500KVA')).toBeNull();
    expect(parseArea('一方面考虑成本')).toBeNull();
    expect(parseArea('年税收300万')).toBeNull();
    expect(parseArea('')).toBeNull();
    expect(parseArea('0平方')).toBeNull();
  });
});
