import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentUser, type AuthUser } from '@app/identity';
import { DEFAULT_POLICY_LIMIT, MatchingService, POLICIES_READ, type Matches } from '@app/matching';
import { ParseIdPipe } from '../http/parse-id.pipe.js';

export class MatchesQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: 'Include nearby listings ruled out, with reasons' })
  @IsOptional()
  @IsIn(['true', 'false'])
  excluded?: 'true' | 'false';

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, description: 'How many of the best listings to return' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    default: DEFAULT_POLICY_LIMIT,
    minimum: 0,
    maximum: POLICIES_READ,
    description:
      'How many policies to return, the most useful first (eligible, unknown, not eligible; larger benefit first); `policiesTotal` says how many apply',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(POLICIES_READ)
  policyLimit?: number;
}

@ApiTags('matching')
@Controller('leads')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get(':id/matches')
  @ApiOperation({ summary: 'Listings that fit the lead (best first, score 0–100, reasons), ruled-out ones, and policies with eligibility' })
  matches(@Param('id', ParseIdPipe) id: string, @Query() q: MatchesQuery, @CurrentUser() user: AuthUser): Promise<Matches> {
    return this.matching.matchesForLead(id, user, { excluded: q.excluded !== 'false', limit: q.limit, policyLimit: q.policyLimit });
  }
}
