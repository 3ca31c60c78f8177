import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { LISTING_DEALS, LISTING_KINDS, LISTING_STATUSES, type ListingDeal, type ListingKind, type ListingStatus } from '@app/listings';

/** Fields shared by create and update; every one optional here, create re-requires title/kind/deal. */
class ListingFieldsDto {
  @ApiPropertyOptional({ description: '编号 (external code; the import key when given)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalCode?: string | null;
  @ApiPropertyOptional({ enum: LISTING_STATUSES }) @IsOptional() @IsIn(LISTING_STATUSES) status?: ListingStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parkId?: string | null;
  @ApiPropertyOptional({ example: '浙江省金华市婺城区' }) @IsOptional() @IsString() @MaxLength(200) region?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string | null;
  @ApiPropertyOptional({ description: '㎡' }) @IsOptional() @IsNumber() @Min(0) areaSqm?: number | null;
  @ApiPropertyOptional({ description: '亩 (land)' }) @IsOptional() @IsNumber() @Min(0) areaMu?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(200) floors?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-5) @Max(200) floorNo?: number | null;
  @ApiPropertyOptional({ description: '层高 m' }) @IsOptional() @IsNumber() @Min(0) clearHeightM?: number | null;
  @ApiPropertyOptional({ description: '承重 t/㎡' }) @IsOptional() @IsNumber() @Min(0) floorLoadTPerSqm?: number | null;
  @ApiPropertyOptional({ description: '行车 t' }) @IsOptional() @IsNumber() @Min(0) craneTons?: number | null;
  @ApiPropertyOptional({ description: '配电 kVA' }) @IsOptional() @IsNumber() @Min(0) powerKva?: number | null;
  @ApiPropertyOptional({ example: '钢结构' }) @IsOptional() @IsString() @MaxLength(50) structure?: string | null;
  @ApiPropertyOptional({ description: '可环评' }) @IsOptional() @IsBoolean() envApproved?: boolean | null;
  @ApiPropertyOptional({ example: '独立产权' }) @IsOptional() @IsString() @MaxLength(50) ownership?: string | null;
  @ApiPropertyOptional({ example: 'M2' }) @IsOptional() @IsString() @MaxLength(50) landUse?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) plotRatio?: number | null;
  @ApiPropertyOptional({ description: '元/㎡/月' }) @IsOptional() @IsNumber() @Min(0) rentYuanPerSqmMonth?: number | null;
  @ApiPropertyOptional({ description: 'Rent as quoted, converted: "0.8元/㎡/天" → 24.33 元/㎡/月', example: '0.8元/㎡/天' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  rentQuoted?: string | null;
  @ApiPropertyOptional({ description: '元/㎡' }) @IsOptional() @IsNumber() @Min(0) salePriceYuanPerSqm?: number | null;
  @ApiPropertyOptional({ description: '万元/亩' }) @IsOptional() @IsNumber() @Min(0) landPriceWanPerMu?: number | null;
  @ApiPropertyOptional({ description: '亩均税收要求 万元/亩' }) @IsOptional() @IsNumber() @Min(0) minTaxPerMuWan?: number | null;
  @ApiPropertyOptional({ description: '投资强度要求 万元/亩' }) @IsOptional() @IsNumber() @Min(0) minInvestIntensityWanPerMu?:
    number | null;
  @ApiPropertyOptional({ type: [String], example: ['C36', 'C38'], description: 'GB/T 4754 codes; empty = unrestricted' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  allowedIndustries?: string[];
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsDateString() availableFrom?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string | null;
}

export class CreateListingDto extends ListingFieldsDto {
  @ApiProperty({ example: '金华开发区标准厂房A栋' }) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty({ enum: LISTING_KINDS }) @IsIn(LISTING_KINDS) kind: ListingKind;
  @ApiProperty({ enum: LISTING_DEALS }) @IsIn(LISTING_DEALS) deal: ListingDeal;
}

export class UpdateListingDto extends ListingFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ enum: LISTING_KINDS }) @IsOptional() @IsIn(LISTING_KINDS) kind?: ListingKind;
  @ApiPropertyOptional({ enum: LISTING_DEALS }) @IsOptional() @IsIn(LISTING_DEALS) deal?: ListingDeal;
}

export class ListListingsQuery {
  @ApiPropertyOptional({ enum: LISTING_KINDS }) @IsOptional() @IsIn(LISTING_KINDS) kind?: ListingKind;
  @ApiPropertyOptional({ enum: LISTING_DEALS }) @IsOptional() @IsIn(LISTING_DEALS) deal?: ListingDeal;
  @ApiPropertyOptional({ enum: LISTING_STATUSES }) @IsOptional() @IsIn(LISTING_STATUSES) status?: ListingStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parkId?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' }) @IsOptional() @IsIn(['csv', 'xlsx']) format?: 'csv' | 'xlsx';
}

export class CreateHoldDto {
  @ApiProperty() @IsUUID() leadId: string;
  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'Hold expires then (at most 30 days ahead)' }) @IsDateString() until: string;
}

export class ListingResponse {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ nullable: true }) externalCode: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LISTING_KINDS }) kind: ListingKind;
  @ApiProperty({ enum: LISTING_DEALS }) deal: ListingDeal;
  @ApiProperty({ enum: LISTING_STATUSES }) status: ListingStatus;
  @ApiPropertyOptional({ nullable: true }) parkId: string | null;
  @ApiPropertyOptional({ nullable: true }) region: string | null;
  @ApiPropertyOptional({ nullable: true }) address: string | null;
  @ApiPropertyOptional({ nullable: true }) areaSqm: number | null;
  @ApiPropertyOptional({ nullable: true }) areaMu: number | null;
  @ApiPropertyOptional({ nullable: true }) rentYuanPerSqmMonth: number | null;
  @ApiPropertyOptional({ nullable: true }) rentQuotedRaw: string | null;
  @ApiProperty({ type: [String] }) allowedIndustries: string[];
  @ApiProperty() demo: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class HoldResponse {
  @ApiProperty() id: string;
  @ApiProperty() listingId: string;
  @ApiProperty() leadId: string;
  @ApiPropertyOptional({ nullable: true }) heldById: string | null;
  @ApiProperty() until: string;
}

export class ImportErrorResponse {
  @ApiProperty() row: number;
  @ApiProperty() column: string;
  @ApiProperty() message_zh: string;
  @ApiProperty() message_en: string;
}

export class ImportResponse {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [ImportErrorResponse] }) errors: ImportErrorResponse[];
}
