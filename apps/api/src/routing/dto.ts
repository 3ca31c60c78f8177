import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LEAD_CHANNELS, PROPERTY_TYPES } from '@app/leads';
import {
  BREACH_ACTIONS,
  RULE_TARGET_TYPES,
  type BreachAction,
  type ConsultantProfile,
  type RoutingRule,
  type RoutingSettings,
  type RoutingStrategy,
  type RuleTargetType,
  type Team,
  type WorkingHours,
} from '@app/routing';

const STRATEGIES = ['round_robin', 'least_loaded'] as const;

export class LeavePeriodDto {
  @ApiProperty({ example: '2026-03-02T00:00:00+08:00' }) @IsISO8601() from: string;
  @ApiProperty({ example: '2026-03-07T00:00:00+08:00' }) @IsISO8601() to: string;
}

export class PutProfileDto {
  @ApiPropertyOptional({ type: [String], example: ['C36', 'C38'], description: 'GB/T 4754 codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  industries?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) parkIds?: string[];
  @ApiPropertyOptional({ type: [String], example: ['江苏省苏州市'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  regions?: string[];
  @ApiPropertyOptional({ description: 'Maximum open leads' }) @IsOptional() @IsInt() @Min(0) @Max(10000) capacity?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: [LeavePeriodDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LeavePeriodDto)
  leave?: LeavePeriodDto[];
  @ApiPropertyOptional({ example: { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } })
  @IsOptional()
  @IsObject()
  workingHours?: WorkingHours;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ nullable: true, description: '企业微信 userid' }) @IsOptional() @IsString() @MaxLength(64) wecomUserId?:
    string | null;
  @ApiPropertyOptional({ nullable: true, description: 'WeCom group robot key' }) @IsOptional() @IsString() @MaxLength(200) robotKey?:
    string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() teamId?: string | null;
}

export class ProfileResponse {
  @ApiProperty() userId: string;
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty({ type: [String] }) parkIds: string[];
  @ApiProperty({ type: [String] }) regions: string[];
  @ApiProperty() capacity: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [LeavePeriodDto] }) leave: LeavePeriodDto[];
  @ApiProperty() workingHours: WorkingHours;
  @ApiPropertyOptional({ nullable: true }) email: string | null;
  @ApiPropertyOptional({ nullable: true }) wecomUserId: string | null;
  @ApiProperty({ description: 'Whether a robot key is set (the key itself is a secret)' }) hasRobotKey: boolean;
  @ApiPropertyOptional({ nullable: true }) teamId: string | null;

  static of(p: ConsultantProfile): ProfileResponse {
    return {
      userId: p.userId,
      industries: p.industries,
      parkIds: p.parkIds,
      regions: p.regions,
      capacity: p.capacity,
      active: p.active,
      leave: p.leave,
      workingHours: p.workingHours,
      email: p.email,
      wecomUserId: p.wecomUserId,
      hasRobotKey: Boolean(p.robotKey),
      teamId: p.teamId,
    };
  }
}

export class TeamDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isDefault?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) robotKey?: string | null;
}

export class TeamResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() isDefault: boolean;
  @ApiProperty() hasRobotKey: boolean;
  static of(t: Team): TeamResponse {
    return { id: t.id, name: t.name, isDefault: t.isDefault, hasRobotKey: Boolean(t.robotKey) };
  }
}

export class RuleConditionsDto {
  @ApiPropertyOptional({ type: [String], example: ['C36'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  industries?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsUUID('all', { each: true }) parkIds?: string[];
  @ApiPropertyOptional({ type: [String], enum: PROPERTY_TYPES })
  @IsOptional()
  @IsArray()
  @IsIn(PROPERTY_TYPES, { each: true })
  propertyTypes?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  regions?: string[];
  @ApiPropertyOptional({ description: '万元' }) @IsOptional() @IsNumber() @Min(0) annualTaxMinWan?: number;
  @ApiPropertyOptional({ description: '万元' }) @IsOptional() @IsNumber() @Min(0) annualTaxMaxWan?: number;
  @ApiPropertyOptional({ type: [String], enum: LEAD_CHANNELS })
  @IsOptional()
  @IsArray()
  @IsIn(LEAD_CHANNELS, { each: true })
  channels?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsUUID('all', { each: true }) sourceArticleIds?: string[];
}

export class CreateRuleDto {
  @ApiProperty({ example: '新能源汽车 → 汽车组' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ description: 'Lower first; default after the last rule' }) @IsOptional() @IsInt() @Min(0) position?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: RuleConditionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleConditionsDto)
  conditions?: RuleConditionsDto;
  @ApiProperty({ enum: RULE_TARGET_TYPES }) @IsIn(RULE_TARGET_TYPES) targetType: RuleTargetType;
  @ApiPropertyOptional() @IsOptional() @IsUUID() targetConsultantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() targetTeamId?: string;
  @ApiPropertyOptional({ enum: STRATEGIES }) @IsOptional() @IsIn(STRATEGIES) strategy?: RoutingStrategy;
  @ApiPropertyOptional({ description: 'Skip consultants outside their working hours' }) @IsOptional() @IsBoolean() requireOnDuty?: boolean;
}

export class UpdateRuleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) position?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: RuleConditionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleConditionsDto)
  conditions?: RuleConditionsDto;
  @ApiPropertyOptional({ enum: RULE_TARGET_TYPES }) @IsOptional() @IsIn(RULE_TARGET_TYPES) targetType?: RuleTargetType;
  @ApiPropertyOptional() @IsOptional() @IsUUID() targetConsultantId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() targetTeamId?: string;
  @ApiPropertyOptional({ enum: STRATEGIES }) @IsOptional() @IsIn(STRATEGIES) strategy?: RoutingStrategy;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() requireOnDuty?: boolean;
}

export class RuleResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() position: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: RuleConditionsDto }) conditions: RuleConditionsDto;
  @ApiProperty({ enum: RULE_TARGET_TYPES }) targetType: RuleTargetType;
  @ApiPropertyOptional({ nullable: true }) targetConsultantId: string | null;
  @ApiPropertyOptional({ nullable: true }) targetTeamId: string | null;
  @ApiProperty({ enum: STRATEGIES }) strategy: RoutingStrategy;
  @ApiProperty() requireOnDuty: boolean;
  static of(r: RoutingRule): RuleResponse {
    return {
      id: r.id,
      name: r.name,
      position: r.position,
      active: r.active,
      conditions: r.conditions as RuleConditionsDto,
      targetType: r.targetType,
      targetConsultantId: r.targetConsultantId,
      targetTeamId: r.targetTeamId,
      strategy: r.strategy,
      requireOnDuty: r.requireOnDuty,
    };
  }
}

export class SimulateDto {
  @ApiPropertyOptional({ example: 'C36' }) @IsOptional() @IsString() @MaxLength(10) industryCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parkId?: string;
  @ApiPropertyOptional({ enum: PROPERTY_TYPES }) @IsOptional() @IsIn(PROPERTY_TYPES) propertyType?: string;
  @ApiPropertyOptional({ example: '江苏省苏州市' }) @IsOptional() @IsString() @MaxLength(50) region?: string;
  @ApiPropertyOptional({ description: '万元' }) @IsOptional() @IsNumber() @Min(0) annualTaxWan?: number;
  @ApiPropertyOptional({ enum: LEAD_CHANNELS }) @IsOptional() @IsIn(LEAD_CHANNELS) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() sourceArticleId?: string;
}

export class RoutingStepResponse {
  @ApiProperty() code: string;
  @ApiPropertyOptional() ruleId?: string;
  @ApiPropertyOptional() userId?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() message: string;
}

export class SimulateResponse {
  @ApiPropertyOptional({ nullable: true }) consultant: { id: string; name: string } | null;
  @ApiPropertyOptional({ nullable: true }) rule: { id: string; name: string } | null;
  @ApiProperty({ type: [RoutingStepResponse] }) steps: RoutingStepResponse[];
}

export class AssignDto {
  @ApiProperty() @IsUUID() consultantId: string;
}

export class PoolActionResponse {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiPropertyOptional({ nullable: true }) ownerId: string | null;
  @ApiPropertyOptional({ nullable: true }) assignedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) pooledAt: string | null;
}

export class SettingsDto {
  @ApiPropertyOptional({ description: 'Working minutes to first response' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10080)
  firstResponseMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100) escalateMultiplier?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100) recycleMultiplier?: number;
  @ApiPropertyOptional({ enum: BREACH_ACTIONS }) @IsOptional() @IsIn(BREACH_ACTIONS) breachAction?: BreachAction;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) claimCap?: number;
}

export class SettingsResponse {
  @ApiProperty() firstResponseMinutes: number;
  @ApiProperty() escalateMultiplier: number;
  @ApiProperty() recycleMultiplier: number;
  @ApiProperty({ enum: BREACH_ACTIONS }) breachAction: BreachAction;
  @ApiProperty() claimCap: number;
  static of(s: RoutingSettings): SettingsResponse {
    return {
      firstResponseMinutes: s.firstResponseMinutes,
      escalateMultiplier: s.escalateMultiplier,
      recycleMultiplier: s.recycleMultiplier,
      breachAction: s.breachAction,
      claimCap: s.claimCap,
    };
  }
}
