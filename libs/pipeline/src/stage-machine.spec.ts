import { decideStageChange, stageRank, type StageDecision } from './stage-machine.js';
import { classifySearch, decodeCursor, encodeCursor, searchHex } from './list-cursor.js';

const now = new Date('2026-11-20T08:00:00Z');
const signed = {
  investmentWan: 12000,
  annualTaxWan: 600,
  parkId: '7f1c3c9e-0b7a-4d7e-9f55-0d1b2c3d4e5f',
  signedAt: new Date('2026-11-19T00:00:00Z'),
};
const fields = (d: StageDecision) => (d.ok ? [] : d.errors.map((e) => `${e.field}:${e.code}`));

describe('stage machine', () => {
  it('orders the pipeline and keeps lost outside it', () => {
    expect(stageRank('new')).toBe(0);
    expect(stageRank('landed')).toBe(6);
    expect(stageRank('lost')).toBe(-1);
  });

  it('moves forward, skipping stages, without a reason', () => {
    const d = decideStageChange('new', { to: 'site_visit' }, now);
    expect(d).toEqual({ ok: true, direction: 'forward', effects: expect.objectContaining({ stage: 'site_visit' }) });
  });

  it('refuses a move to the current stage', () => {
    expect(fields(decideStageChange('qualified', { to: 'qualified' }, now))).toEqual(['stage:SAME_STAGE']);
  });

  it('needs a reason to move back, and clears a signing when going back below signed', () => {
    expect(fields(decideStageChange('negotiating', { to: 'qualified' }, now))).toEqual(['reason:REASON_REQUIRED']);
    expect(fields(decideStageChange('negotiating', { to: 'qualified', reason: '   ' }, now))).toEqual(['reason:REASON_REQUIRED']);
    const d = decideStageChange('signed', { to: 'negotiating', reason: '合同被退回' }, now);
    expect(d.ok && d.direction).toBe('back');
    expect(d.ok && d.effects).toMatchObject({ stage: 'negotiating', signedInvestmentWan: null, signedParkId: null, signedAt: null });
  });

  it('keeps the signing when a landed lead moves back to signed', () => {
    const d = decideStageChange('landed', { to: 'signed', reason: '注册未完成' }, now);
    expect(d.ok).toBe(true);
    expect(d.ok && 'signedInvestmentWan' in d.effects).toBe(false);
  });

  it('needs a known lost reason, and a note for other', () => {
    expect(fields(decideStageChange('contacted', { to: 'lost' }, now))).toEqual(['lostReason:LOST_REASON_REQUIRED']);
    expect(fields(decideStageChange('contacted', { to: 'lost', lostReason: 'too_far' }, now))).toEqual(['lostReason:LOST_REASON_REQUIRED']);
    expect(fields(decideStageChange('contacted', { to: 'lost', lostReason: 'other' }, now))).toEqual(['lostNote:LOST_NOTE_REQUIRED']);
    const d = decideStageChange('site_visit', { to: 'lost', lostReason: 'other', lostNote: ' 项目取消 ' }, now);
    expect(d).toEqual({ ok: true, direction: 'lost', effects: { stage: 'lost', lostReason: 'other', lostNote: '项目取消' } });
    const price = decideStageChange('new', { to: 'lost', lostReason: 'price' }, now);
    expect(price.ok && price.effects).toEqual({ stage: 'lost', lostReason: 'price', lostNote: null });
  });

  it('needs a reason to reopen a lost lead, and clears the lost reason', () => {
    expect(fields(decideStageChange('lost', { to: 'contacted' }, now))).toEqual(['reason:REASON_REQUIRED']);
    const d = decideStageChange('lost', { to: 'contacted', reason: '客户重新联系' }, now);
    expect(d.ok && d.direction).toBe('reopen');
    expect(d.ok && d.effects).toMatchObject({ stage: 'contacted', lostReason: null, lostNote: null });
  });

  it('needs investment, tax, park and date to sign, and names every missing field', () => {
    expect(fields(decideStageChange('negotiating', { to: 'signed' }, now))).toEqual([
      'signedInvestmentWan:REQUIRED',
      'signedAnnualTaxWan:REQUIRED',
      'signedParkId:REQUIRED',
      'signedAt:REQUIRED',
    ]);
    expect(fields(decideStageChange('negotiating', { to: 'signed', signed: { ...signed, investmentWan: 0 } }, now))).toEqual([
      'signedInvestmentWan:REQUIRED',
    ]);
    expect(
      fields(decideStageChange('negotiating', { to: 'signed', signed: { ...signed, signedAt: new Date('2026-12-25T00:00:00Z') } }, now)),
    ).toEqual(['signedAt:IN_FUTURE']);
    const d = decideStageChange('qualified', { to: 'signed', signed: { ...signed, listingId: null } }, now);
    expect(d.ok && d.effects).toEqual({
      stage: 'signed',
      signedInvestmentWan: 12000,
      signedAnnualTaxWan: 600,
      signedParkId: signed.parkId,
      signedListingId: null,
      signedAt: signed.signedAt,
    });
  });

  it('treats landing without a signing as a signing, but not landing after one', () => {
    expect(fields(decideStageChange('negotiating', { to: 'landed' }, now))).toContain('signedParkId:REQUIRED');
    expect(decideStageChange('signed', { to: 'landed' }, now).ok).toBe(true);
    expect(fields(decideStageChange('lost', { to: 'signed', reason: '回心转意' }, now))).toContain('signedAt:REQUIRED');
  });
});

describe('lead list cursor and search', () => {
  it('round-trips a cursor with microsecond time and refuses garbage with the field named', () => {
    const c = { createdAt: '2026-11-20 16:01:02.123456+08', id: '7f1c3c9e-0b7a-4d7e-9f55-0d1b2c3d4e5f' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ['xyz', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["2026-01-01","nope"]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ fields: [expect.objectContaining({ field: 'cursor' })] }));
    }
  });

  it('tells references, last four digits and text apart', () => {
    expect(classifySearch(' zs-2026-000123 ')).toEqual({ kind: 'reference', value: 'ZS-2026-000123' });
    expect(classifySearch('8888')).toEqual({ kind: 'last4', value: '8888' });
    expect(classifySearch('新能源')).toEqual({ kind: 'text', value: '新能源' });
  });

  it('spells text as lower-case UTF-8 hex, so a substring is a hex substring', () => {
    expect(searchHex('AB')).toBe('6162');
    expect(searchHex('宁德新能源科技').includes(searchHex('新能源'))).toBe(true);
  });
});
