import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DEAL_TYPES, INTAKE_LIMITS, LEAD_CHANNELS, PROPERTY_TYPES, type DealType, type LeadChannel, type PropertyType } from '@app/leads';

/** A finite number in 万元 becomes its text, so `tax: 300` and `tax: "300"` mean the same. */
const numberToText = ({ value }: { value: unknown }): unknown =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : value;

export class CreateLeadDto {
  @ApiPropertyOptional({ description: '需求 (free text)', example: '厂房3000平方，租，层高8米' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  need?: string;

  @ApiPropertyOptional({ description: '用途', example: '新能源汽车电机生产' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  usage?: string;

  @ApiPropertyOptional({ description: '税收: "年税收300万", "500万元/年", "1.2亿", or a number meaning 万元', example: '年税收300万' })
  @IsOptional()
  @Transform(numberToText)
  @IsString()
  @MaxLength(500)
  tax?: string;

  @ApiPropertyOptional({ description: '公司 (required, here or in message)', example: '苏州恒驰电机有限公司' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company?: string;

  @ApiPropertyOptional({ description: '联系人 (required, here or in message)', example: '王先生' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  contact?: string;

  @ApiPropertyOptional({ description: 'Chinese mobile, landline or 400 number (required, here or in message)', example: '13812345678' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  wechat?: string;

  @ApiProperty({ description: 'PIPL consent to processing for follow-up; must be true' })
  @IsOptional()
  @IsBoolean()
  consent?: boolean;

  @ApiPropertyOptional({ description: 'Separate consent (单独同意) to share with parks/landlords' })
  @IsOptional()
  @IsBoolean()
  shareConsent?: boolean;

  @ApiPropertyOptional({
    description: 'A pasted message; fields missing above are read from it',
    example: '需求：厂房3000平方，租；用途：…；手机：138…',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  message?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sourceArticleId?: string;

  @ApiPropertyOptional({ enum: LEAD_CHANNELS })
  @IsOptional()
  @IsIn(LEAD_CHANNELS)
  channel?: LeadChannel;

  @ApiPropertyOptional({ enum: PROPERTY_TYPES })
  @IsOptional()
  @IsIn(PROPERTY_TYPES)
  propertyType?: PropertyType;

  @ApiPropertyOptional({ enum: DEAL_TYPES })
  @IsOptional()
  @IsIn(DEAL_TYPES)
  dealType?: DealType;

  @ApiPropertyOptional({ description: '㎡' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(INTAKE_LIMITS.maxAreaSqm)
  areaSqmMin?: number;

  @ApiPropertyOptional({ description: '㎡' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(INTAKE_LIMITS.maxAreaSqm)
  areaSqmMax?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ description: '万元/年' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(INTAKE_LIMITS.maxAnnualTaxWan)
  annualTaxWan?: number;

  @ApiPropertyOptional({ description: '万元' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(INTAKE_LIMITS.maxInvestmentWan)
  investmentWan?: number;

  @ApiPropertyOptional({ description: 'Honeypot: leave empty (hidden in the form)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  website?: string;
}

export class ParseTextDto {
  @ApiProperty({ example: '需求：厂房3000平方，租；用途：新能源汽车电机生产；税收：年300万；公司：…；联系人：王先生；手机：13812345678' })
  @IsString()
  @MaxLength(20000)
  text: string;
}

export class LeadStatusQuery {
  @ApiProperty({ example: 'ZS-2026-000123' })
  @IsString()
  @MaxLength(40)
  reference: string;

  @ApiProperty({ example: '13812345678' })
  @IsString()
  @MaxLength(60)
  phone: string;
}

export class AreaRange {
  @ApiPropertyOptional({ nullable: true }) min: number | null;
  @ApiPropertyOptional({ nullable: true }) max: number | null;
}

export class ParsedNeedResponse {
  @ApiPropertyOptional({ enum: PROPERTY_TYPES, nullable: true }) propertyType: string | null;
  @ApiPropertyOptional({ enum: DEAL_TYPES, nullable: true }) dealType: string | null;
  @ApiPropertyOptional({ type: AreaRange, nullable: true, description: '㎡' }) areaSqm: AreaRange | null;
  @ApiPropertyOptional({ nullable: true, description: 'range and unit as written: {min, max, unit: sqm|mu, raw}' }) area: object | null;
  @ApiPropertyOptional({ nullable: true, enum: ['sqm', 'mu'] }) areaUnit: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'GB/T 4754-2017 division {code, name}' }) industry: object | null;
  @ApiPropertyOptional({ nullable: true }) strategicIndustry: string | null;
  @ApiPropertyOptional({ nullable: true }) annualTaxWan: number | null;
  @ApiPropertyOptional({ nullable: true }) investmentWan: number | null;
  @ApiPropertyOptional({ nullable: true }) taxPerMuWan: number | null;
  @ApiProperty({ description: 'clearHeightM, floorLoadT, craneT, powerKva, powerKw, envApproval' }) requirements: object;
  @ApiPropertyOptional({ nullable: true }) region: string | null;
}

export class IntakeResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'ZS-2026-000123' }) reference: string;
  @ApiPropertyOptional({ example: 'new', description: 'only for a new lead' }) stage?: string;
  @ApiProperty({ description: 'true when appended to the open lead of the same phone (200)' }) duplicate: boolean;
  @ApiPropertyOptional({ type: ParsedNeedResponse, description: 'only for a new lead' }) parsed?: ParsedNeedResponse;
}

export class ParseResponse {
  @ApiProperty({ description: 'need, usage, tax, company, contact, phone, email, wechat, region, investment as found' }) fields: object;
  @ApiProperty({ type: ParsedNeedResponse }) parsed: ParsedNeedResponse;
  @ApiProperty({ type: [String], description: 'core fields not found' }) missing: string[];
}

export class LeadStatusResponse {
  @ApiProperty() reference: string;
  @ApiProperty() stage: string;
  @ApiPropertyOptional({ nullable: true, description: "owner's first name only (family name for Chinese names)" }) ownerFirstName:
    string | null;
}
