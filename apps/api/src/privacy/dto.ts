import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Action prefix, e.g. lead.reveal_phone, privacy.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ example: 'lead' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: 'ISO time, inclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'ISO time, exclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** A data-subject request received and verified by staff. */
export class SubjectRequestDto {
  @ApiProperty({ example: '13812345678', description: "The investor's phone (any common writing)" })
  @IsString()
  @MinLength(5)
  @MaxLength(40)
  phone: string;

  @ApiProperty({ example: '回拨该号码核实身份', description: 'How the requester was verified (kept in the audit log)' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  verification: string;
}

export class ConsentWithdrawalDto {
  @ApiProperty({ example: '13812345678' })
  @IsString()
  @MinLength(5)
  @MaxLength(40)
  phone: string;

  @ApiPropertyOptional({ description: 'How the withdrawal was received' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** The investor's own withdrawal: the reference of one of their requests and their phone. */
export class SelfWithdrawalDto {
  @ApiProperty({ example: 'ZS-2026-000123' })
  @IsString()
  @MinLength(3)
  @MaxLength(40)
  reference: string;

  @ApiProperty({ example: '13812345678' })
  @IsString()
  @MinLength(5)
  @MaxLength(40)
  phone: string;
}
