import { decideRouting, unmetCondition, type CandidateState, type RoutingInput, type RuleView } from './routing-decision.js';
import { DEFAULT_WORKING_HOURS } from './working-time.js';

const MON_10 = new Date('2026-03-02T10:00:00+08:00');
const SAT_10 = new Date('2026-03-07T10:00:00+08:00');

function c(userId: string, over: Partial<CandidateState> = {}): CandidateState {
  return {
    userId,
    name: userId,
    teamId: 'T1',
    active: true,
    leave: [],
    workingHours: DEFAULT_WORKING_HOURS,
    industries: [],
    capacity: 10,
    load: 0,
    lastSeq: {},
    ...over,
  };
}

function rule(id: string, over: Partial<RuleView> = {}): RuleView {
  return {
    id,
    name: id,
    active: true,
    conditions: {},
    target: { type: 'team', teamId: 'T1' },
    strategy: 'round_robin',
    requireOnDuty: false,
    ...over,
  };
}

function input(over: Partial<RoutingInput>): RoutingInput {
  return { facts: {}, rules: [], candidates: [], defaultTeamId: 'T1', now: MON_10, calendar: new Map(), ...over };
}

describe('rule conditions', () => {
  it('matches industries by GB/T prefix, regions by prefix, the rest exactly, tax inclusively', () => {
    expect(unmetCondition({ industryCode: 'C3670' }, { industries: ['C36'] })).toBeNull();
    expect(unmetCondition({ industryCode: 'C27' }, { industries: ['C36', 'C38'] })).toMatch(/行业/);
    expect(unmetCondition({}, { industries: ['C36'] })).toMatch(/未知/);
    expect(unmetCondition({ region: '江苏省苏州市' }, { regions: ['江苏省'] })).toBeNull();
    expect(unmetCondition({ region: '浙江省' }, { regions: ['江苏省'] })).toMatch(/地区/);
    expect(unmetCondition({ propertyType: 'land' }, { propertyTypes: ['factory'] })).toMatch(/载体/);
    expect(unmetCondition({ channel: 'article' }, { channels: ['web'] })).toMatch(/渠道/);
    expect(unmetCondition({ sourceArticleId: 'a1' }, { sourceArticleIds: ['a1'] })).toBeNull();
    expect(unmetCondition({ parkId: 'p2' }, { parkIds: ['p1'] })).toMatch(/园区/);
    expect(unmetCondition({ annualTaxWan: 500 }, { annualTaxMinWan: 500, annualTaxMaxWan: 1000 })).toBeNull();
    expect(unmetCondition({ annualTaxWan: 1000 }, { annualTaxMinWan: 500, annualTaxMaxWan: 1000 })).toBeNull();
    expect(unmetCondition({ annualTaxWan: 499 }, { annualTaxMinWan: 500 })).toMatch(/低于/);
    expect(unmetCondition({ annualTaxWan: 1001 }, { annualTaxMaxWan: 1000 })).toMatch(/高于/);
    expect(unmetCondition({}, { annualTaxMinWan: 1 })).toMatch(/年税收未知/);
    expect(unmetCondition({ industryCode: 'C36' }, {})).toBeNull();
  });
});

describe('routing decision', () => {
  it('takes the first matching rule in order and explains skipped rules', () => {
    const d = decideRouting(
      input({
        facts: { industryCode: 'C36', annualTaxWan: 800 },
        rules: [
          rule('r-bio', { conditions: { industries: ['C27'] }, target: { type: 'consultant', consultantId: 'li' } }),
          rule('r-off', { active: false, target: { type: 'consultant', consultantId: 'li' } }),
          rule('r-auto', {
            conditions: { industries: ['C36'], annualTaxMinWan: 500 },
            target: { type: 'consultant', consultantId: 'wang' },
          }),
        ],
        candidates: [c('wang'), c('li')],
      }),
    );
    expect(d).toMatchObject({ consultantId: 'wang', ruleId: 'r-auto' });
    expect(d.steps.map((s) => s.code)).toEqual(['rule_not_matched', 'rule_inactive', 'rule_matched', 'chosen']);
  });

  it('skips inactive, on-leave and at-capacity consultants, and falls through to the next rule', () => {
    const d = decideRouting(
      input({
        rules: [rule('r1', { target: { type: 'consultant', consultantId: 'a' } }), rule('r2', { target: { type: 'team', teamId: 'T1' } })],
        candidates: [
          c('a', { active: false }),
          c('b', { leave: [{ from: '2026-03-01T00:00:00+08:00', to: '2026-03-06T00:00:00+08:00' }] }),
          c('c', { load: 10, capacity: 10 }),
          c('d'),
        ],
      }),
    );
    expect(d).toMatchObject({ consultantId: 'd', ruleId: 'r2' });
    const skipped = d.steps.filter((s) => s.code === 'candidate_skipped').map((s) => [s.userId, s.reason]);
    expect(skipped).toEqual([
      ['a', 'inactive'],
      ['a', 'inactive'],
      ['b', 'on_leave'],
      ['c', 'at_capacity'],
    ]);
    expect(d.steps.some((s) => s.code === 'rule_no_candidate' && s.ruleId === 'r1')).toBe(true);
  });

  it('treats leave as over once its end has passed', () => {
    const d = decideRouting(input({ candidates: [c('b', { leave: [{ from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }] })] }));
    expect(d.consultantId).toBe('b');
  });

  it('skips off-duty consultants only when the rule requires on-duty', () => {
    const candidates = [c('a')];
    const lax = decideRouting(input({ now: SAT_10, rules: [rule('r1')], candidates }));
    expect(lax.consultantId).toBe('a');
    const strict = decideRouting(
      input({ now: SAT_10, rules: [rule('r1', { requireOnDuty: true })], candidates, defaultTeamId: 'T-empty' }),
    );
    expect(strict.steps.find((s) => s.code === 'candidate_skipped')?.reason).toBe('off_duty');
    expect(strict.consultantId).toBeNull();
    const onDuty = decideRouting(input({ now: MON_10, rules: [rule('r1', { requireOnDuty: true })], candidates }));
    expect(onDuty.consultantId).toBe('a');
  });

  it('sends a lead to the pool when a rule says so', () => {
    const d = decideRouting(
      input({
        facts: { channel: 'import' },
        rules: [rule('r-pool', { conditions: { channels: ['import'] }, target: { type: 'pool' } })],
        candidates: [c('a')],
      }),
    );
    expect(d).toMatchObject({ consultantId: null, ruleId: 'r-pool' });
    expect(d.steps.at(-1)?.code).toBe('pool');
  });

  it('with no rule: default team, least loaded', () => {
    const d = decideRouting(input({ candidates: [c('a', { load: 3 }), c('b', { load: 1 }), c('x', { teamId: 'T2', load: 0 })] }));
    expect(d).toMatchObject({ consultantId: 'b', ruleId: null, scope: 'team:T1' });
    expect(d.steps[0].code).toBe('default_team');
  });

  it('with no rule and equal loads: round robin (least recently assigned first)', () => {
    const d = decideRouting(
      input({
        candidates: [
          c('a', { load: 2, lastSeq: { 'team:T1': 9 } }),
          c('b', { load: 2, lastSeq: { 'team:T1': 7 } }),
          c('c', { load: 2, lastSeq: { 'team:T1': 8 } }),
        ],
      }),
    );
    expect(d.consultantId).toBe('b');
  });

  it('round robin inside a team ignores load and rotates by last assignment in the rule’s scope', () => {
    const d = decideRouting(
      input({
        rules: [rule('r1')],
        candidates: [
          c('a', { load: 0, lastSeq: { 'rule:r1': 5 } }),
          c('b', { load: 9, lastSeq: { 'rule:r1': 3 } }),
          c('c', { load: 1, lastSeq: { 'team:T1': 1 } }),
        ],
      }),
    );
    // c has never been assigned by this rule: first in rotation.
    expect(d).toMatchObject({ consultantId: 'c', scope: 'rule:r1' });
  });

  it('least_loaded inside a team picks the lowest load', () => {
    const d = decideRouting(
      input({
        rules: [rule('r1', { strategy: 'least_loaded' })],
        candidates: [c('a', { load: 4 }), c('b', { load: 2 }), c('c', { load: 3 })],
      }),
    );
    expect(d.consultantId).toBe('b');
  });

  it('prefers specialists of the lead’s industry within the eligible set', () => {
    const d = decideRouting(input({ facts: { industryCode: 'C2710' }, candidates: [c('a'), c('bio', { industries: ['C27'], load: 5 })] }));
    expect(d.consultantId).toBe('bio');
    expect(d.steps.some((s) => s.code === 'specialists')).toBe(true);
  });

  it('puts the lead in the pool when nobody is eligible', () => {
    const d = decideRouting(input({ candidates: [c('a', { active: false }), c('b', { load: 1, capacity: 1 })] }));
    expect(d).toMatchObject({ consultantId: null, ruleId: null, scope: null });
    expect(d.steps.at(-1)?.code).toBe('pool');
  });

  it('without a default team uses every consultant', () => {
    const d = decideRouting(
      input({ defaultTeamId: null, candidates: [c('a', { teamId: null, load: 1 }), c('b', { teamId: 'T9', load: 0 })] }),
    );
    expect(d.consultantId).toBe('b');
  });

  it('is fair: simulated 300 round-robin decisions give equal consultants 100 each', () => {
    const cands = [c('a'), c('b'), c('c')];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let seq = 1; seq <= 300; seq++) {
      const d = decideRouting(input({ rules: [rule('r1')], candidates: cands }));
      const chosen = cands.find((x) => x.userId === d.consultantId)!;
      chosen.lastSeq = { ...chosen.lastSeq, [d.scope!]: seq };
      chosen.load++;
      chosen.capacity = 1000;
      counts[chosen.userId]++;
    }
    expect(counts).toEqual({ a: 100, b: 100, c: 100 });
  });

  it('with a rotation position, round robin takes field[position % n] over the candidates sorted by id', () => {
    const cands = [c('b', { load: 9 }), c('a'), c('c', { lastSeq: { 'rule:r1': 1 } })];
    const pick = (position: number) =>
      decideRouting(input({ rules: [rule('r1')], candidates: cands, rotation: { 'rule:r1': position } })).consultantId;
    expect([7, 8, 9, 10].map(pick)).toEqual(['b', 'c', 'a', 'b']);
  });

  it('concurrent decisions with stale loads and consecutive positions stay even (lock-free round robin)', () => {
    const cands = [c('a', { capacity: 1000 }), c('b', { capacity: 1000 }), c('c', { capacity: 1000 }), c('d', { capacity: 1000 })];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    // Waves of 40 decisions read the same loads (nothing committed yet), each with its own position.
    for (let wave = 0; wave < 10; wave++) {
      const picks = Array.from(
        { length: 40 },
        (_, i) => decideRouting(input({ candidates: cands, rotation: { 'team:T1': wave * 40 + i }, loadBand: 10 })).consultantId!,
      );
      for (const p of picks) {
        counts[p]++;
        cands.find((x) => x.userId === p)!.load++;
      }
    }
    expect(counts).toEqual({ a: 100, b: 100, c: 100, d: 100 });
  });

  it('least_loaded with a band: those within the band take turns; one further behind gets every lead', () => {
    const cands = [c('a', { load: 20, capacity: 100 }), c('b', { load: 25, capacity: 100 }), c('late', { load: 3, capacity: 100 })];
    const pick = (position: number, loadBand: number) =>
      decideRouting(input({ candidates: cands, rotation: { 'team:T1': position }, loadBand })).consultantId;
    expect([0, 1, 2].map((p) => pick(p, 10))).toEqual(['late', 'late', 'late']);
    cands[2].load = 18;
    expect([0, 1, 2].map((p) => pick(p, 10))).toEqual(['a', 'b', 'late']);
    expect([0, 1, 2].map((p) => pick(p, 0))).toEqual(['late', 'late', 'late']);
  });
});
