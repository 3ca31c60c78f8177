import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/identity';
import { RoutingAdminService } from '@app/routing';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { ProfileResponse, PutProfileDto, TeamDto, TeamResponse } from './dto.js';

@ApiTags('routing')
@Roles('admin')
@Controller()
export class ConsultantsController {
  constructor(private readonly admin: RoutingAdminService) {}

  @Get('consultants')
  @ApiOperation({ summary: 'Consultant routing profiles (admin)' })
  @ApiOkResponse({ type: [ProfileResponse] })
  async list(): Promise<ProfileResponse[]> {
    return (await this.admin.listProfiles()).map(ProfileResponse.of);
  }

  @Get('consultants/:userId/profile')
  async get(@Param('userId', ParseIdPipe) userId: string): Promise<ProfileResponse> {
    return ProfileResponse.of(await this.admin.getProfile(userId));
  }

  @Put('consultants/:userId/profile')
  @ApiOperation({ summary: 'Industries, parks, regions, capacity, leave, working hours, contacts (admin)' })
  async put(@Param('userId', ParseIdPipe) userId: string, @Body() dto: PutProfileDto): Promise<ProfileResponse> {
    return ProfileResponse.of(await this.admin.putProfile(userId, dto));
  }

  @Get('teams')
  async teams(): Promise<TeamResponse[]> {
    return (await this.admin.listTeams()).map(TeamResponse.of);
  }

  @Post('teams')
  async createTeam(@Body() dto: TeamDto): Promise<TeamResponse> {
    return TeamResponse.of(await this.admin.saveTeam(null, dto));
  }

  @Patch('teams/:id')
  async updateTeam(@Param('id', ParseIdPipe) id: string, @Body() dto: TeamDto): Promise<TeamResponse> {
    return TeamResponse.of(await this.admin.saveTeam(id, dto));
  }
}
