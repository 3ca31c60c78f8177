import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
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
  ValidateIf,
} from 'class-validator';
import {
  DEAL_TYPES,
  LEAD_CHANNELS,
  LEAD_STAGES,
  PROPERTY_TYPES,
  type DealType,
  type LeadChannel,
  type LeadStage,
  type PropertyType,
} from '@app/leads';
import { ACTIVITY_TYPES, LOST_REASONS, TASK_STATUSES, type ActivityType, type TaskStatus } from '@app/pipeline';

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
const toBool = ({ value }: { value: unknown }) =>
  value === '' || value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' ? false : value;

export class ChangeStageDto {
  @ApiProperty({ enum: LEAD_STAGES }) @IsIn(LEAD_STAGES) stage: LeadStage;
  @ApiPropertyOptional({ description: 'Required to move back or reopen a lost lead' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
  @ApiPropertyOptional({ enum: LOST_REASONS, description: 'Required for stage lost' })
  @IsOptional()
  @IsString()
  lostReason?: string;
  @ApiPropertyOptional({ description: 'Required with lostReason other' }) @IsOptional() @IsString() @MaxLength(1000) lostNote?: string;
  @ApiPropertyOptional({ description: '签约投资额 (万元); required for signed' }) @IsOptional() @IsNumber() signedInvestmentWan?: number;
  @ApiPropertyOptional({ description: '预计年税收 (万元); required for signed' }) @IsOptional() @IsNumber() signedAnnualTaxWan?: number;
  @ApiPropertyOptional({ description: 'Required for signed' }) @IsOptional() @IsUUID() signedParkId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() signedListingId?: string;
  @ApiPropertyOptional({ description: 'Signing date; required for signed' }) @IsOptional() @Type(() => Date) @IsDate() signedAt?: Date;
  @ApiPropertyOptional({ description: 'When the change happened (default now)' }) @IsOptional() @Type(() => Date) @IsDate() at?: Date;
}

export class StageChangeResponse {
  @ApiProperty() id: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiPropertyOptional({ nullable: true }) lostReason: string | null;
  @ApiPropertyOptional({ nullable: true }) lostNote: string | null;
  @ApiPropertyOptional({ nullable: true }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true }) actorName: string | null;
  @ApiProperty() at: string;
}

export class CreateActivityDto {
  @ApiProperty({ enum: ACTIVITY_TYPES }) @IsIn(ACTIVITY_TYPES) type: ActivityType;
  @ApiProperty({ example: '电话沟通，客户确认需要 5000㎡ 单层厂房' }) @IsString() @MinLength(1) @MaxLength(5000) body: string;
  @ApiPropertyOptional({ description: 'When it happened (default now)' }) @IsOptional() @Type(() => Date) @IsDate() at?: Date;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  listingIds?: string[];
}

export class ActivityResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: string;
  @ApiProperty() body: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: [String] }) listingIds: string[];
  @ApiPropertyOptional({ nullable: true }) authorId: string | null;
  @ApiPropertyOptional({ nullable: true }) authorName: string | null;
}

export class CreateTaskDto {
  @ApiProperty({ example: '周五带客户看厂房' }) @IsString() @MinLength(1) @MaxLength(500) title: string;
  @ApiProperty() @Type(() => Date) @IsDate() dueAt: Date;
  @ApiPropertyOptional({ description: 'Default: the caller' }) @IsOptional() @IsUUID() assigneeId?: string;
}

export class UpdateTaskDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate() dueAt?: Date;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
}

export class TaskResponse {
  @ApiProperty() id: string;
  @ApiProperty() leadId: string;
  @ApiPropertyOptional({ nullable: true }) leadReference: string | null;
  @ApiProperty() title: string;
  @ApiProperty() dueAt: string;
  @ApiProperty() assigneeId: string;
  @ApiPropertyOptional({ nullable: true }) assigneeName: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true }) doneAt: string | null;
  @ApiProperty() createdAt: string;
}

export class ListTasksQuery {
  @ApiPropertyOptional({ description: 'Only tasks assigned to me' }) @IsOptional() @Transform(toBool) @IsBoolean() mine?: boolean;
  @ApiPropertyOptional({ description: 'overdue | today | an ISO time: open tasks due before then' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  due?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES, description: 'Comma-separated' })
  @IsOptional()
  @Transform(toList)
  @IsIn(TASK_STATUSES, { each: true })
  status?: TaskStatus[];
  @ApiPropertyOptional() @IsOptional() @IsUUID() leadId?: string;
}

export class ListLeadsQuery {
  @ApiPropertyOptional({ enum: LEAD_STAGES, description: 'Comma-separated' })
  @IsOptional()
  @Transform(toList)
  @IsIn(LEAD_STAGES, { each: true })
  stage?: LeadStage[];
  @ApiPropertyOptional({ description: 'A user id, or pool (公海)' })
  @IsOptional()
  @ValidateIf((o: ListLeadsQuery) => o.ownerId !== 'pool')
  @IsUUID()
  ownerId?: string;
  @ApiPropertyOptional({ description: 'Signed park' }) @IsOptional() @IsUUID() parkId?: string;
  @ApiPropertyOptional({ enum: LEAD_CHANNELS }) @IsOptional() @IsIn(LEAD_CHANNELS) channel?: LeadChannel;
  @ApiPropertyOptional() @IsOptional() @IsUUID() sourceArticleId?: string;
  @ApiPropertyOptional({ description: 'Company, contact (Chinese substring), reference or the last four digits of the phone' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class LeadSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: LEAD_STAGES }) stage: string;
  @ApiPropertyOptional({ nullable: true }) ownerId: string | null;
  @ApiPropertyOptional({ nullable: true }) ownerName: string | null;
  @ApiProperty({ enum: LEAD_CHANNELS }) channel: string;
  @ApiPropertyOptional({ nullable: true }) sourceArticleId: string | null;
  @ApiProperty() company: string;
  @ApiProperty() contactName: string;
  @ApiProperty({ example: '138****8888' }) phoneMasked: string;
  @ApiPropertyOptional({ nullable: true }) industryCode: string | null;
  @ApiPropertyOptional({ nullable: true }) industryName: string | null;
  @ApiPropertyOptional({ nullable: true }) signedParkId: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) firstResponseAt: string | null;
  @ApiPropertyOptional({ nullable: true }) lastActivityAt: string | null;
}

export class LeadListResponse {
  @ApiProperty({ type: [LeadSummaryResponse] }) items: LeadSummaryResponse[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class EventResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'inquiry, stage_change, assignment, activity, task, notification, merge, note, sla' }) type: string;
  @ApiPropertyOptional({ nullable: true }) actorId: string | null;
  @ApiProperty() at: string;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
}

export class NotificationResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'assigned' }) kind: string;
  @ApiProperty({ example: 'email' }) channel: string;
  @ApiProperty({ example: 'sent' }) status: string;
  @ApiProperty() subject: string;
  @ApiProperty() attempts: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) sentAt: string | null;
}

export class LeadDetailResponse extends LeadSummaryResponse {
  @ApiProperty({ description: 'Full for the owner and managers, masked otherwise' }) phone: string;
  @ApiProperty() need: string;
  @ApiProperty() usage: string;
  @ApiProperty() taxText: string;
  @ApiProperty({ type: Object }) parsed: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true }) lostReason: string | null;
  @ApiPropertyOptional({ nullable: true }) signedInvestmentWan: number | null;
  @ApiPropertyOptional({ nullable: true }) signedAnnualTaxWan: number | null;
  @ApiPropertyOptional({ nullable: true }) signedAt: string | null;
  @ApiProperty({ type: [StageChangeResponse] }) stageHistory: StageChangeResponse[];
  @ApiProperty({ type: [ActivityResponse] }) activities: ActivityResponse[];
  @ApiProperty({ type: [TaskResponse] }) tasks: TaskResponse[];
  @ApiProperty({ type: [EventResponse] }) events: EventResponse[];
  @ApiProperty({ type: [NotificationResponse] }) notifications: NotificationResponse[];
}

export class UpdateLeadDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) company?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) contactName?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) wechat?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) need?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) usage?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) taxText?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10) industryCode?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) industryName?: string | null;
  @ApiPropertyOptional({ enum: LEAD_CHANNELS }) @IsOptional() @IsIn(LEAD_CHANNELS) channel?: LeadChannel;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() sourceArticleId?: string | null;
  @ApiPropertyOptional({ enum: PROPERTY_TYPES, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(PROPERTY_TYPES)
  propertyType?: PropertyType | null;
  @ApiPropertyOptional({ enum: DEAL_TYPES, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(DEAL_TYPES)
  dealType?: DealType | null;
  @ApiPropertyOptional({ nullable: true, description: '㎡' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  areaSqmMin?: number | null;
  @ApiPropertyOptional({ nullable: true, description: '㎡' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  areaSqmMax?: number | null;
  @ApiPropertyOptional({ nullable: true, description: '预计年税收 (万元)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  annualTaxWan?: number | null;
  @ApiPropertyOptional({ nullable: true, description: '总投资 (万元)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  investmentWan?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) region?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) strategicIndustry?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Reassign to this user; null returns the lead to the pool' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  ownerId?: string | null;
}

export class MergeLeadsDto {
  @ApiProperty({ description: 'This lead is merged into the one in the path, then removed' }) @IsUUID() otherLeadId: string;
}
