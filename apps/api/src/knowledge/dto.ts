import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  PARK_LEVELS,
  POLICY_KINDS,
  POLICY_STATUSES,
  type Article,
  type ConditionRule,
  type IngestResult,
  type Park,
  type ParkLevel,
  type Policy,
  type PolicyKind,
  type PolicyStatus,
  type Statistic,
} from '@app/knowledge';

export class IngestArticleDto {
  @ApiProperty({ example: '金华开发区发布招商引资十条政策' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ description: 'Plain text or HTML (scripts, navigation and boilerplate are stripped)' })
  @IsString()
  @MinLength(1)
  @MaxLength(500000)
  body: string;

  @ApiPropertyOptional({ example: 'https://www.jhkfq.gov.cn/art/2026/3/18/art_1.html' })
  @IsOptional()
  @IsUrl({ require_tld: false })
  @MaxLength(1000)
  sourceUrl?: string;

  @ApiPropertyOptional({ example: '2026-03-18T02:00:00Z' })
  @IsOptional()
  @IsISO8601()
  publishedAt?: string;
}

export class ParkRefResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) aliases: string[];

  static of(p: Park): ParkRefResponse {
    return { id: p.id, name: p.name, aliases: p.aliases };
  }
}

export class IndustryResponse {
  @ApiProperty({ example: '高端装备制造' }) name: string;
  @ApiProperty({ example: 'C34', description: 'GB/T 4754-2017 division' }) code: string;
}

export class PolicyResponse {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ nullable: true }) parkId: string | null;
  @ApiPropertyOptional({ nullable: true }) articleId: string | null;
  @ApiProperty({ enum: POLICY_KINDS }) kind: PolicyKind;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Exact words of the article' }) quote: string;
  @ApiPropertyOptional({ nullable: true }) amountWan: number | null;
  @ApiPropertyOptional({ nullable: true }) percent: number | null;
  @ApiPropertyOptional({
    nullable: true,
    description:
      'What percent is a share of (equipmentInvestmentWan, investmentWan, rent, landPrice, loanInterest, localTaxShare, unspecified)',
  })
  baseFact: string | null;
  @ApiPropertyOptional({ nullable: true }) multiplier: number | null;
  @ApiProperty({ type: [Number] }) months: number[];
  @ApiPropertyOptional({ nullable: true }) freeMonths: number | null;
  @ApiPropertyOptional({ nullable: true }) capWan: number | null;
  @ApiPropertyOptional({ nullable: true }) durationYears: number | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'Rule tree {and:[…]} / {or:[…]} / {fact, op, value}' })
  conditions: ConditionRule | null;
  @ApiProperty({ description: 'Reward tied to local tax contribution (公平竞争审查条例)' }) legacyRisk: boolean;
  @ApiProperty({ enum: POLICY_STATUSES }) status: PolicyStatus;
  @ApiProperty() demo: boolean;

  static of(p: Policy): PolicyResponse {
    return {
      id: p.id,
      parkId: p.parkId,
      articleId: p.articleId,
      kind: p.kind,
      title: p.title,
      quote: p.quote,
      amountWan: p.amountWan,
      percent: p.percent,
      baseFact: p.baseFact,
      multiplier: p.multiplier,
      months: p.months,
      freeMonths: p.freeMonths,
      capWan: p.capWan,
      durationYears: p.durationYears,
      conditions: p.conditions,
      legacyRisk: p.legacyRisk,
      status: p.status,
      demo: p.demo,
    };
  }
}

export class StatisticResponse {
  @ApiProperty({ example: '地区生产总值' }) label: string;
  @ApiProperty({ example: 248.2 }) value: number;
  @ApiProperty({ example: '亿元' }) unit: string;
  @ApiProperty() quote: string;

  static of(s: Statistic): StatisticResponse {
    return { label: s.label, value: s.value, unit: s.unit, quote: s.quote };
  }
}

export class IngestResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'false when an existing article (same sourceUrl or text) was updated' }) created: boolean;
  @ApiProperty({ type: [ParkRefResponse] }) parks: ParkRefResponse[];
  @ApiProperty({ type: [IndustryResponse] }) industries: IndustryResponse[];
  @ApiProperty({ type: [PolicyResponse] }) policies: PolicyResponse[];
  @ApiProperty({ type: [StatisticResponse] }) statistics: StatisticResponse[];

  static of(r: IngestResult): IngestResponse {
    const industries: IndustryResponse[] = [];
    for (const i of r.industries) if (!industries.some((x) => x.name === i.name)) industries.push({ name: i.name, code: i.code });
    return {
      id: r.article.id,
      title: r.article.title,
      created: r.created,
      parks: r.parks.map(ParkRefResponse.of),
      industries,
      policies: r.policies.map(PolicyResponse.of),
      statistics: r.statistics.map(StatisticResponse.of),
    };
  }
}

export class ArticleSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true }) sourceUrl: string | null;
  @ApiPropertyOptional({ nullable: true }) publishedAt: string | null;
  @ApiProperty() demo: boolean;
  @ApiProperty({ type: [ParkRefResponse] }) parks: ParkRefResponse[];

  static of(a: Article): ArticleSummaryResponse {
    return {
      id: a.id,
      title: a.title,
      sourceUrl: a.sourceUrl,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      demo: a.demo,
      parks: (a.parks ?? []).map(ParkRefResponse.of),
    };
  }
}

export class ArticleResponse extends ArticleSummaryResponse {
  @ApiProperty({ description: 'Plain text' }) body: string;
  @ApiProperty({ type: [PolicyResponse], description: 'Reviewed policies only' }) policies: PolicyResponse[];

  static detail(a: Article, parks: Park[], policies: Policy[]): ArticleResponse {
    return {
      ...ArticleSummaryResponse.of(a),
      parks: parks.map(ParkRefResponse.of),
      body: a.body,
      policies: policies.map(PolicyResponse.of),
    };
  }
}

export class ParkResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiPropertyOptional({ enum: PARK_LEVELS, nullable: true }) level: ParkLevel | null;
  @ApiPropertyOptional({ nullable: true }) region: string | null;
  @ApiPropertyOptional({ nullable: true }) address: string | null;
  @ApiPropertyOptional({ nullable: true, description: '亩均税收 threshold (万元/亩)' }) minTaxPerMuWan: number | null;
  @ApiPropertyOptional({ nullable: true, description: '亩均投资强度 threshold (万元/亩)' }) minInvestIntensityWanPerMu: number | null;
  @ApiProperty({ type: [IndustryResponse] }) industries: IndustryResponse[];
  @ApiProperty() demo: boolean;

  static of(p: Park): ParkResponse {
    return {
      id: p.id,
      name: p.name,
      aliases: p.aliases,
      level: p.level,
      region: p.region,
      address: p.address,
      minTaxPerMuWan: p.minTaxPerMuWan,
      minInvestIntensityWanPerMu: p.minInvestIntensityWanPerMu,
      industries: (p.industries ?? []).map((i) => ({ name: i.name, code: i.code })),
      demo: p.demo,
    };
  }
}

export class ParkDetailResponse extends ParkResponse {
  @ApiProperty({ type: [PolicyResponse], description: 'Extracted and reviewed (not rejected)' }) policies: PolicyResponse[];
  @ApiProperty({ type: [ArticleSummaryResponse] }) articles: ArticleSummaryResponse[];

  static detail(p: Park, policies: Policy[], articles: Article[]): ParkDetailResponse {
    return { ...ParkResponse.of(p), policies: policies.map(PolicyResponse.of), articles: articles.map(ArticleSummaryResponse.of) };
  }
}

export class IndustryInputDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50) name: string;
  @ApiProperty({ example: 'C36' }) @IsString() @MinLength(1) @MaxLength(10) code: string;
}

export class CreateParkDto {
  @ApiProperty({ example: '金华经济技术开发区' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ enum: PARK_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(PARK_LEVELS)
  level?: ParkLevel;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;

  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(100000) minTaxPerMuWan?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(100000) minInvestIntensityWanPerMu?: number;

  @ApiPropertyOptional({ type: [IndustryInputDto], description: 'Industries to add' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => IndustryInputDto)
  industries?: IndustryInputDto[];
}

/** Every field optional; industries given are added. */
export class UpdateParkDto extends PartialType(CreateParkDto) {}

export class PolicyQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() parkId?: string;
  @ApiPropertyOptional({ enum: POLICY_KINDS }) @IsOptional() @IsIn(POLICY_KINDS) kind?: PolicyKind;
  @ApiPropertyOptional({ enum: POLICY_STATUSES }) @IsOptional() @IsIn(POLICY_STATUSES) status?: PolicyStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() articleId?: string;
}

export class UpdatePolicyDto {
  @ApiPropertyOptional({ enum: POLICY_KINDS }) @IsOptional() @IsIn(POLICY_KINDS) kind?: PolicyKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(300) title?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() parkId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber() @Min(0) amountWan?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(100) percent?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) baseFact?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(100) multiplier?: number | null;
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  months?: number[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(120) freeMonths?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber() @Min(0) capWan?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(100) durationYears?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'Rule tree {and:[…]} / {or:[…]} / {fact, op, value}' })
  @IsOptional()
  @IsObject()
  conditions?: ConditionRule | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() legacyRisk?: boolean;
  @ApiPropertyOptional({ enum: POLICY_STATUSES }) @IsOptional() @IsIn(POLICY_STATUSES) status?: PolicyStatus;
}
