import { isWorkingTime, type CalendarOverrides, type WorkingHours } from './working-time.js';

/** What routing knows about a lead. */
export interface LeadFacts {
  industryCode?: string | null;
  parkId?: string | null;
  propertyType?: string | null;
  region?: string | null;
  annualTaxWan?: number | null;
  channel?: string | null;
  sourceArticleId?: string | null;
}

/** A rule's conditions; an absent condition matches everything. */
export interface RuleConditions {
  /** GB/T 4754 codes; a lead matches when its code starts with one of them (C36 matches C3670). */
  industries?: string[];
  parkIds?: string[];
  propertyTypes?: string[];
  /** A lead matches when its region starts with one of them (江苏省 matches 江苏省苏州市). */
  regions?: string[];
  annualTaxMinWan?: number | null;
  annualTaxMaxWan?: number | null;
  channels?: string[];
  sourceArticleIds?: string[];
}

export type RuleTarget = { type: 'consultant'; consultantId: string } | { type: 'team'; teamId: string } | { type: 'pool' };
export type RoutingStrategy = 'round_robin' | 'least_loaded';

export interface RuleView {
  id: string;
  name: string;
  active: boolean;
  conditions: RuleConditions;
  target: RuleTarget;
  strategy: RoutingStrategy;
  /** Skip consultants outside their working hours. */
  requireOnDuty: boolean;
}

export interface CandidateState {
  userId: string;
  name: string;
  teamId: string | null;
  active: boolean;
  leave: { from: string; to: string }[];
  workingHours: WorkingHours;
  industries: string[];
  capacity: number;
  /** Open leads now owned. */
  load: number;
  /** Rotation position in the scope being decided (higher = assigned more recently); null = never. */
  lastSeq: Record<string, number>;
}

export interface RoutingStep {
  code:
    | 'rule_inactive'
    | 'rule_not_matched'
    | 'rule_matched'
    | 'rule_no_candidate'
    | 'candidate_skipped'
    | 'specialists'
    | 'chosen'
    | 'pool'
    | 'default_team';
  ruleId?: string;
  userId?: string;
  reason?: string;
  message: string;
}

export interface RoutingDecision {
  consultantId: string | null;
  ruleId: string | null;
  /** Rotation scope used (for the round-robin state to record). */
  scope: string | null;
  steps: RoutingStep[];
}

export interface RoutingInput {
  facts: LeadFacts;
  rules: RuleView[];
  candidates: CandidateState[];
  defaultTeamId: string | null;
  now: Date;
  calendar: CalendarOverrides;
  /**
   * Round-robin position per scope: the value the scope's sequence gave this decision. When set,
   * the choice is `field[position % field.length]` over the candidates sorted by id, so concurrent
   * decisions (each with its own position) spread evenly without any lock. Without it (pure
   * callers, simulations), the least recently assigned by `lastSeq` goes first.
   */
  rotation?: Record<string, number>;
  /**
   * least_loaded: consultants within this many open leads of the least loaded count as equally
   * loaded and take turns (round robin). Loads read by concurrent decisions lag by the leads still
   * in flight; a band wider than that lag keeps equal consultants in strict rotation. Default 0.
   */
  loadBand?: number;
}

function prefixIn(value: string | null | undefined, list: string[] | undefined): boolean | null {
  if (!list || list.length === 0) return null;
  if (!value) return false;
  const v = value.trim().toUpperCase();
  return list.some((x) => v.startsWith(x.trim().toUpperCase()));
}

function exactIn(value: string | null | undefined, list: string[] | undefined): boolean | null {
  if (!list || list.length === 0) return null;
  if (!value) return false;
  return list.includes(value);
}

/** The first condition a lead fails, or null when the rule matches. */
export function unmetCondition(facts: LeadFacts, c: RuleConditions): string | null {
  if (prefixIn(facts.industryCode, c.industries) === false) return `行业 ${facts.industryCode ?? '未知'} 不在 ${c.industries!.join('/')}`;
  if (exactIn(facts.parkId, c.parkIds) === false) return '园区不符';
  if (exactIn(facts.propertyType, c.propertyTypes) === false)
    return `载体类型 ${facts.propertyType ?? '未知'} 不在 ${c.propertyTypes!.join('/')}`;
  if (prefixIn(facts.region, c.regions) === false) return `地区 ${facts.region ?? '未知'} 不在 ${c.regions!.join('/')}`;
  const hasMin = c.annualTaxMinWan !== undefined && c.annualTaxMinWan !== null;
  const hasMax = c.annualTaxMaxWan !== undefined && c.annualTaxMaxWan !== null;
  if (hasMin || hasMax) {
    const tax = facts.annualTaxWan;
    if (tax === undefined || tax === null) return '年税收未知';
    if (hasMin && tax < c.annualTaxMinWan!) return `年税收 ${tax} 万元低于 ${c.annualTaxMinWan} 万元`;
    if (hasMax && tax > c.annualTaxMaxWan!) return `年税收 ${tax} 万元高于 ${c.annualTaxMaxWan} 万元`;
  }
  if (exactIn(facts.channel, c.channels) === false) return `渠道 ${facts.channel ?? '未知'} 不符`;
  if (exactIn(facts.sourceArticleId, c.sourceArticleIds) === false) return '来源文章不符';
  return null;
}

function onLeave(c: CandidateState, now: Date): boolean {
  return c.leave.some((p) => Date.parse(p.from) <= now.getTime() && now.getTime() < Date.parse(p.to));
}

/** Why a candidate cannot take a lead now, or null. */
export function ineligibility(c: CandidateState, now: Date, calendar: CalendarOverrides, requireOnDuty: boolean): string | null {
  if (!c.active) return 'inactive';
  if (onLeave(c, now)) return 'on_leave';
  if (requireOnDuty && !isWorkingTime(now, c.workingHours, calendar)) return 'off_duty';
  if (c.load >= c.capacity) return 'at_capacity';
  return null;
}

const REASON_ZH: Record<string, string> = {
  inactive: '已停用',
  on_leave: '休假中',
  off_duty: '非工作时间',
  at_capacity: '已达容量上限',
};

function seq(c: CandidateState, scope: string): number {
  return c.lastSeq[scope] ?? -1;
}

/** Round robin: the one assigned least recently in this scope; ties by id (stable). */
function byRotation(scope: string) {
  return (a: CandidateState, b: CandidateState): number => seq(a, scope) - seq(b, scope) || (a.userId < b.userId ? -1 : 1);
}

function pick(
  pool: CandidateState[],
  strategy: RoutingStrategy,
  scope: string,
  input: RoutingInput,
  steps: RoutingStep[],
  ruleId?: string,
): CandidateState {
  const facts = input.facts;
  let field = pool;
  if (facts.industryCode) {
    const specialists = pool.filter((c) => prefixIn(facts.industryCode, c.industries) === true);
    if (specialists.length > 0 && specialists.length < pool.length) {
      field = specialists;
      steps.push({
        code: 'specialists',
        ruleId,
        message: `优先分配给擅长行业 ${facts.industryCode} 的顾问：${specialists.map((c) => c.name).join('、')}`,
      });
    }
  }
  const position = input.rotation?.[scope];
  if (position !== undefined) {
    let turn = field;
    if (strategy === 'least_loaded') {
      const least = Math.min(...field.map((c) => c.load));
      turn = field.filter((c) => c.load <= least + (input.loadBand ?? 0));
    }
    const byId = [...turn].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    return byId[((position % byId.length) + byId.length) % byId.length];
  }
  const sorted = [...field].sort(strategy === 'least_loaded' ? (a, b) => a.load - b.load || byRotation(scope)(a, b) : byRotation(scope));
  return sorted[0];
}

function eligibleOf(
  candidates: CandidateState[],
  input: RoutingInput,
  requireOnDuty: boolean,
  steps: RoutingStep[],
  ruleId?: string,
): CandidateState[] {
  const out: CandidateState[] = [];
  for (const c of candidates) {
    const why = ineligibility(c, input.now, input.calendar, requireOnDuty);
    if (why) steps.push({ code: 'candidate_skipped', ruleId, userId: c.userId, reason: why, message: `跳过 ${c.name}：${REASON_ZH[why]}` });
    else out.push(c);
  }
  return out;
}

/**
 * Decides who gets a lead: rules in order (first match whose target has an eligible consultant),
 * then the default team (least loaded, round robin on ties), else the pool. Every decision is
 * explained in `steps`.
 */
export function decideRouting(input: RoutingInput): RoutingDecision {
  const steps: RoutingStep[] = [];
  for (const rule of input.rules) {
    if (!rule.active) {
      steps.push({ code: 'rule_inactive', ruleId: rule.id, message: `规则「${rule.name}」已停用` });
      continue;
    }
    const unmet = unmetCondition(input.facts, rule.conditions);
    if (unmet) {
      steps.push({ code: 'rule_not_matched', ruleId: rule.id, reason: unmet, message: `规则「${rule.name}」不匹配：${unmet}` });
      continue;
    }
    steps.push({ code: 'rule_matched', ruleId: rule.id, message: `匹配规则「${rule.name}」` });
    const target = rule.target;
    if (target.type === 'pool') {
      steps.push({ code: 'pool', ruleId: rule.id, message: '规则指定进入公海' });
      return { consultantId: null, ruleId: rule.id, scope: null, steps };
    }
    const members =
      target.type === 'consultant'
        ? input.candidates.filter((c) => c.userId === target.consultantId)
        : input.candidates.filter((c) => c.teamId === target.teamId);
    const eligible = eligibleOf(members, input, rule.requireOnDuty, steps, rule.id);
    if (eligible.length === 0) {
      steps.push({ code: 'rule_no_candidate', ruleId: rule.id, message: `规则「${rule.name}」没有可分配的顾问，继续下一条` });
      continue;
    }
    const scope = `rule:${rule.id}`;
    const chosen = pick(eligible, rule.strategy, scope, input, steps, rule.id);
    steps.push({
      code: 'chosen',
      ruleId: rule.id,
      userId: chosen.userId,
      message: `分配给 ${chosen.name}（${rule.strategy === 'least_loaded' ? '负载最低' : '轮询'}，当前 ${chosen.load}/${chosen.capacity}）`,
    });
    return { consultantId: chosen.userId, ruleId: rule.id, scope, steps };
  }

  const team = input.defaultTeamId ? input.candidates.filter((c) => c.teamId === input.defaultTeamId) : input.candidates;
  steps.push({
    code: 'default_team',
    message: input.defaultTeamId
      ? '没有规则命中，使用默认团队（负载最低，平局轮询）'
      : '没有规则命中且未设默认团队，在全部顾问中按负载最低分配',
  });
  const eligible = eligibleOf(team, input, false, steps);
  if (eligible.length === 0) {
    steps.push({ code: 'pool', message: '没有可分配的顾问，进入公海' });
    return { consultantId: null, ruleId: null, scope: null, steps };
  }
  const scope = `team:${input.defaultTeamId ?? 'all'}`;
  const chosen = pick(eligible, 'least_loaded', scope, input, steps);
  steps.push({
    code: 'chosen',
    userId: chosen.userId,
    message: `分配给 ${chosen.name}（负载最低，当前 ${chosen.load}/${chosen.capacity}）`,
  });
  return { consultantId: chosen.userId, ruleId: null, scope, steps };
}
