import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { LEAD_CHANNELS } from '@app/leads';
import { EXPORT_FORMATS, GROUP_BYS, INTERVALS, type ExportFormat, type GroupBy, type Interval } from '@app/reports';

export class ReportQuery {
  @ApiPropertyOptional({ description: 'Start (inclusive); default 90 days before to' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;
  @ApiPropertyOptional({ description: 'End (exclusive); default now' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' }) @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
  @ApiPropertyOptional({ enum: LEAD_CHANNELS }) @IsOptional() @IsIn(LEAD_CHANNELS) channel?: string;
  @ApiPropertyOptional({ description: 'A consultant, or pool' })
  @IsOptional()
  @ValidateIf((o: ReportQuery) => o.ownerId !== 'pool')
  @IsUUID()
  ownerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() sourceArticleId?: string;
  @ApiPropertyOptional({ description: 'Signed park' }) @IsOptional() @IsUUID() parkId?: string;
  @ApiPropertyOptional({ example: 'C36' }) @IsOptional() @IsString() @MaxLength(10) industryCode?: string;
}

export class ConversionQuery extends ReportQuery {
  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'channel' }) @IsOptional() @IsIn(GROUP_BYS) groupBy?: GroupBy;
}

export class ResponseTimesQuery extends ReportQuery {
  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'consultant' }) @IsOptional() @IsIn(GROUP_BYS) groupBy?: GroupBy;
  @ApiPropertyOptional({ description: 'First-response SLA in working minutes; default: the routing setting' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  slaMinutes?: number;
}

export class TrendQuery extends ReportQuery {
  @ApiPropertyOptional({ enum: INTERVALS, default: 'day' }) @IsOptional() @IsIn(INTERVALS) interval?: Interval;
}
