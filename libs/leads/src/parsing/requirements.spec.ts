import { parseRequirements } from './requirements.js';

describe('parseRequirements', () => {
  it('reads clear height, floor load, crane, power and environmental approval', () => {
    expect(parseRequirements('层高8米，承重3吨，行车10吨，用电500KVA，需要环评')).toEqual({
      clearHeightM: 8,
      floorLoadT: 3,
      craneT: 10,
      powerKva: 500,
      envApproval: true,
    });
  });

  it.each([
    ['净高不低于9米', { clearHeightM: 9 }],
    ['檐高10m', { clearHeightM: 10 }],
    ['地面承重5吨/平方', { floorLoadT: 5 }],
    ['承重不低于2t', { floorLoadT: 2 }],
    ['需要10吨行车', { craneT: 10 }],
    ['带5吨天车两台', { craneT: 5 }],
    ['用电800千伏安', { powerKva: 800 }],
    ['变压器630kVA', { powerKva: 630 }],
    ['用电300千瓦', { powerKw: 300 }],
    ['可环评', { envApproval: true }],
    ['无需环评', { envApproval: false }],
    ['不需要环评', { envApproval: false }],
  ])('%s', (text, expected) => {
    expect(parseRequirements(text)).toEqual(expected);
  });

  it('converts kN/㎡ to t/㎡', () => {
    expect(parseRequirements('承重30kN').floorLoadT).toBe(3.06);
  });

  it('does not read an area as a height', () => {
    expect(parseRequirements('3000平方米')).toEqual({});
  });
});
