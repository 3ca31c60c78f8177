import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { PipelineService } from '@app/pipeline';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import {
  ActivityResponse,
  ChangeStageDto,
  CreateActivityDto,
  CreateTaskDto,
  LeadDetailResponse,
  LeadListResponse,
  ListLeadsQuery,
  MergeLeadsDto,
  StageChangeResponse,
  TaskResponse,
  UpdateLeadDto,
} from './dto.js';

@ApiTags('pipeline')
@Controller('leads')
export class LeadsPipelineController {
  constructor(private readonly pipeline: PipelineService) {}

  @Get()
  @ApiOperation({ summary: 'Leads, newest first (keyset pagination); consultants see their own and the pool' })
  @ApiOkResponse({ type: LeadListResponse })
  list(@Query() q: ListLeadsQuery, @CurrentUser() user: AuthUser): Promise<LeadListResponse> {
    return this.pipeline.list(user, { ...q, stages: q.stage });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A lead with its need, owner, stage history, activities, tasks and events' })
  @ApiOkResponse({ type: LeadDetailResponse })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<LeadDetailResponse> {
    return this.pipeline.detail(user, id);
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Edit fields or reassign (managers); audited' })
  @ApiOkResponse({ type: LeadDetailResponse })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateLeadDto, @CurrentUser() user: AuthUser): Promise<LeadDetailResponse> {
    return this.pipeline.edit(user, id, dto);
  }

  @Post(':id/merge')
  @Roles('manager')
  @ApiOperation({ summary: 'Merge another lead into this one (managers): inquiries, activities, tasks move here' })
  @ApiOkResponse({ type: LeadDetailResponse })
  merge(@Param('id', ParseIdPipe) id: string, @Body() dto: MergeLeadsDto, @CurrentUser() user: AuthUser): Promise<LeadDetailResponse> {
    return this.pipeline.merge(user, id, dto.otherLeadId.toLowerCase());
  }

  @Patch(':id/stage')
  @ApiOperation({ summary: 'Move the lead to a stage (back moves and reopening need a reason; lost a reason code; signed the deal)' })
  @ApiOkResponse({ type: StageChangeResponse })
  changeStage(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: ChangeStageDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StageChangeResponse> {
    return this.pipeline.changeStage(user, id, {
      stage: dto.stage,
      reason: dto.reason,
      lostReason: dto.lostReason,
      lostNote: dto.lostNote,
      at: dto.at,
      signed: {
        investmentWan: dto.signedInvestmentWan,
        annualTaxWan: dto.signedAnnualTaxWan,
        parkId: dto.signedParkId,
        listingId: dto.signedListingId,
        signedAt: dto.signedAt,
      },
    });
  }

  @Post(':id/activities')
  @ApiOperation({ summary: 'Record a call, WeChat, visit, meeting, email or note; the first contact sets the first response time' })
  @ApiOkResponse({ type: ActivityResponse })
  addActivity(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CreateActivityDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ActivityResponse> {
    return this.pipeline.addActivity(user, id, dto);
  }

  @Post(':id/tasks')
  @ApiOperation({ summary: 'Add a follow-up task' })
  @ApiOkResponse({ type: TaskResponse })
  addTask(@Param('id', ParseIdPipe) id: string, @Body() dto: CreateTaskDto, @CurrentUser() user: AuthUser): Promise<TaskResponse> {
    return this.pipeline.createTask(user, id, dto);
  }
}
