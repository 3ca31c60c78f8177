import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import type { Lead } from '@app/leads';
import { RoutingService } from '@app/routing';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { AssignDto, PoolActionResponse } from './dto.js';

function view(l: Lead): PoolActionResponse {
  return {
    id: l.id,
    reference: l.reference,
    ownerId: l.ownerId,
    assignedAt: l.assignedAt?.toISOString() ?? null,
    pooledAt: l.pooledAt?.toISOString() ?? null,
  };
}

/** The pool (公海): claim, assign, release. */
@ApiTags('routing')
@Controller('leads')
export class PoolController {
  constructor(private readonly routing: RoutingService) {}

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('consultant')
  @ApiOperation({ summary: 'Take a lead from the pool (consultant, up to the claim cap)' })
  async claim(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<PoolActionResponse> {
    return view(await this.routing.claim(user, id));
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: 'Give a lead to a consultant (manager)' })
  async assign(@Param('id', ParseIdPipe) id: string, @Body() dto: AssignDto, @CurrentUser() user: AuthUser): Promise<PoolActionResponse> {
    return view(await this.routing.assign(user, id, dto.consultantId));
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('consultant', 'manager')
  @ApiOperation({ summary: 'Return a lead to the pool (its owner or a manager)' })
  async release(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<PoolActionResponse> {
    return view(await this.routing.release(user, id));
  }
}
