import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '@app/errors';
import { ConsultantProfile } from './consultant-profile.entity.js';
import type { RoutingStrategy, RuleConditions } from './routing-decision.js';
import { RoutingRule, type RuleTargetType } from './routing-rule.entity.js';
import { RoutingSettings } from './routing-settings.entity.js';
import { RoutingService } from './routing.service.js';
import { Team } from './team.entity.js';
import { DEFAULT_WORKING_HOURS, workingHoursProblem, type WorkingHours } from './working-time.js';

export interface ProfileChanges {
  industries?: string[];
  parkIds?: string[];
  regions?: string[];
  capacity?: number;
  active?: boolean;
  leave?: { from: string; to: string }[];
  workingHours?: WorkingHours;
  email?: string | null;
  wecomUserId?: string | null;
  robotKey?: string | null;
  teamId?: string | null;
}

export interface RuleInput {
  name?: string;
  position?: number;
  active?: boolean;
  conditions?: RuleConditions;
  targetType?: RuleTargetType;
  targetConsultantId?: string | null;
  targetTeamId?: string | null;
  strategy?: RoutingStrategy;
  requireOnDuty?: boolean;
}

/** Consultant profiles, teams, rules and settings: what admins and managers configure. */
@Injectable()
export class RoutingAdminService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly routing: RoutingService,
  ) {}

  /** Routing caches rules and the default team for a moment: drop them after every write. */
  private async changed<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } finally {
      this.routing.invalidate();
    }
  }

  private async consultantUser(userId: string): Promise<void> {
    const rows: { role: string }[] = await this.ds.query(`SELECT role FROM app_user WHERE id = $1`, [userId]);
    if (!rows.length) throw DomainError.notFound('User', '用户');
    if (rows[0].role !== 'consultant' && rows[0].role !== 'manager') {
      throw DomainError.field('userId', 'NOT_A_CONSULTANT', 'userId：该用户不是顾问或经理', 'userId must be a consultant or a manager');
    }
  }

  async getProfile(userId: string): Promise<ConsultantProfile> {
    await this.consultantUser(userId);
    return (
      (await this.ds.manager.findOneBy(ConsultantProfile, { userId })) ??
      this.ds.manager.create(ConsultantProfile, {
        userId,
        industries: [],
        parkIds: [],
        regions: [],
        capacity: 50,
        active: true,
        leave: [],
        workingHours: DEFAULT_WORKING_HOURS,
        email: null,
        wecomUserId: null,
        robotKey: null,
        teamId: null,
      })
    );
  }

  async putProfile(userId: string, changes: ProfileChanges): Promise<ConsultantProfile> {
    const profile = await this.getProfile(userId);
    if (changes.workingHours) {
      const problem = workingHoursProblem(changes.workingHours);
      if (problem) throw DomainError.field('workingHours', 'INVALID_WORKING_HOURS', `workingHours：${problem}`, `workingHours: ${problem}`);
    }
    for (const [i, p] of (changes.leave ?? []).entries()) {
      if (!(Date.parse(p.from) < Date.parse(p.to))) {
        throw DomainError.field(
          `leave[${i}]`,
          'INVALID_PERIOD',
          `leave[${i}]：结束时间必须晚于开始时间`,
          `leave[${i}]: to must be after from`,
        );
      }
    }
    if (changes.teamId) await this.getTeam(changes.teamId, 'teamId');
    Object.assign(profile, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
    return this.changed(this.ds.manager.save(ConsultantProfile, profile));
  }

  listProfiles(): Promise<ConsultantProfile[]> {
    return this.ds.manager.find(ConsultantProfile, { order: { userId: 'ASC' } });
  }

  listTeams(): Promise<Team[]> {
    return this.ds.manager.find(Team, { order: { createdAt: 'ASC' } });
  }

  async getTeam(id: string, field = 'id'): Promise<Team> {
    const team = await this.ds.manager.findOneBy(Team, { id });
    if (!team) throw DomainError.field(field, 'TEAM_NOT_FOUND', `${field}：团队不存在`, `${field}: team not found`);
    return team;
  }

  async saveTeam(id: string | null, input: { name?: string; isDefault?: boolean; robotKey?: string | null }): Promise<Team> {
    return this.changed(
      this.ds.transaction(async (m) => {
        const team = id ? await this.getTeam(id) : m.create(Team, { name: input.name ?? '', isDefault: false, robotKey: null });
        if (input.name !== undefined) team.name = input.name;
        if (input.robotKey !== undefined) team.robotKey = input.robotKey;
        if (input.isDefault !== undefined) team.isDefault = input.isDefault;
        // One default team at most.
        if (input.isDefault) await m.query(`UPDATE team SET is_default = false WHERE is_default`);
        return m.save(Team, team);
      }),
    );
  }

  listRules(): Promise<RoutingRule[]> {
    return this.ds.manager.find(RoutingRule, { order: { position: 'ASC', createdAt: 'ASC' } });
  }

  async getRule(id: string): Promise<RoutingRule> {
    const rule = await this.ds.manager.findOneBy(RoutingRule, { id });
    if (!rule) throw DomainError.notFound('Routing rule', '分配规则');
    return rule;
  }

  private async checkTarget(rule: RoutingRule): Promise<void> {
    if (rule.targetType === 'consultant') {
      if (!rule.targetConsultantId)
        throw DomainError.field(
          'targetConsultantId',
          'REQUIRED',
          'targetConsultantId：请选择顾问',
          'targetConsultantId is required for a consultant target',
        );
      const rows: { role: string }[] = await this.ds.query(`SELECT role FROM app_user WHERE id = $1`, [rule.targetConsultantId]);
      if (rows[0]?.role !== 'consultant')
        throw DomainError.field(
          'targetConsultantId',
          'NOT_A_CONSULTANT',
          'targetConsultantId：不是顾问',
          'targetConsultantId must be a consultant',
        );
      rule.targetTeamId = null;
    } else if (rule.targetType === 'team') {
      if (!rule.targetTeamId)
        throw DomainError.field('targetTeamId', 'REQUIRED', 'targetTeamId：请选择团队', 'targetTeamId is required for a team target');
      await this.getTeam(rule.targetTeamId, 'targetTeamId');
      rule.targetConsultantId = null;
    } else {
      rule.targetConsultantId = null;
      rule.targetTeamId = null;
    }
    const c = rule.conditions ?? {};
    if (c.annualTaxMinWan != null && c.annualTaxMaxWan != null && c.annualTaxMinWan > c.annualTaxMaxWan) {
      throw DomainError.field(
        'conditions.annualTaxMaxWan',
        'RANGE_INVERTED',
        '年税收上限不能小于下限',
        'annualTaxMaxWan must not be below annualTaxMinWan',
      );
    }
  }

  async createRule(input: RuleInput): Promise<RoutingRule> {
    const max: { max: number | null }[] = await this.ds.query(`SELECT max(position) AS max FROM routing_rule`);
    const rule = this.ds.manager.create(RoutingRule, {
      name: input.name,
      position: input.position ?? (max[0].max ?? 0) + 10,
      active: input.active ?? true,
      conditions: input.conditions ?? {},
      targetType: input.targetType,
      targetConsultantId: input.targetConsultantId ?? null,
      targetTeamId: input.targetTeamId ?? null,
      strategy: input.strategy ?? 'round_robin',
      requireOnDuty: input.requireOnDuty ?? false,
    });
    await this.checkTarget(rule);
    return this.changed(this.ds.manager.save(RoutingRule, rule));
  }

  async updateRule(id: string, input: RuleInput): Promise<RoutingRule> {
    const rule = await this.getRule(id);
    Object.assign(rule, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    await this.checkTarget(rule);
    return this.changed(this.ds.manager.save(RoutingRule, rule));
  }

  async deleteRule(id: string): Promise<void> {
    await this.getRule(id);
    await this.changed(this.ds.manager.delete(RoutingRule, { id }));
  }

  async getSettings(): Promise<RoutingSettings> {
    return (
      (await this.ds.manager.findOneBy(RoutingSettings, { id: 1 })) ??
      this.ds.manager.create(RoutingSettings, {
        id: 1,
        firstResponseMinutes: 30,
        escalateMultiplier: 2,
        recycleMultiplier: 4,
        breachAction: 'pool',
        claimCap: 20,
      })
    );
  }

  async putSettings(input: Partial<Omit<RoutingSettings, 'id' | 'updatedAt'>>): Promise<RoutingSettings> {
    const s = await this.getSettings();
    Object.assign(s, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    if (s.recycleMultiplier < s.escalateMultiplier || s.escalateMultiplier < 1) {
      throw DomainError.field(
        'recycleMultiplier',
        'ORDER',
        '升级倍数须 ≥1 且回收倍数不小于升级倍数',
        'Need 1 ≤ escalateMultiplier ≤ recycleMultiplier',
      );
    }
    return this.changed(this.ds.manager.save(RoutingSettings, s));
  }
}
