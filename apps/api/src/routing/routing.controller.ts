import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/identity';
import { RoutingAdminService, RoutingService } from '@app/routing';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { CreateRuleDto, RuleResponse, SettingsDto, SettingsResponse, SimulateDto, SimulateResponse, UpdateRuleDto } from './dto.js';

@ApiTags('routing')
@Roles('manager')
@Controller('routing')
export class RoutingController {
  constructor(
    private readonly admin: RoutingAdminService,
    private readonly routing: RoutingService,
  ) {}

  @Get('rules')
  @ApiOperation({ summary: 'Routing rules in evaluation order (manager)' })
  @ApiOkResponse({ type: [RuleResponse] })
  async list(): Promise<RuleResponse[]> {
    return (await this.admin.listRules()).map(RuleResponse.of);
  }

  @Post('rules')
  async create(@Body() dto: CreateRuleDto): Promise<RuleResponse> {
    return RuleResponse.of(await this.admin.createRule(dto));
  }

  @Patch('rules/:id')
  async update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateRuleDto): Promise<RuleResponse> {
    return RuleResponse.of(await this.admin.updateRule(id, dto));
  }

  @Delete('rules/:id')
  @HttpCode(204)
  async remove(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.admin.deleteRule(id);
  }

  @Post('simulate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Who would get a lead with these facts now, and why (changes nothing)' })
  @ApiOkResponse({ type: SimulateResponse })
  simulate(@Body() dto: SimulateDto): Promise<SimulateResponse> {
    return this.routing.simulate(dto);
  }

  @Get('settings')
  async settings(): Promise<SettingsResponse> {
    return SettingsResponse.of(await this.admin.getSettings());
  }

  @Put('settings')
  async putSettings(@Body() dto: SettingsDto): Promise<SettingsResponse> {
    return SettingsResponse.of(await this.admin.putSettings(dto));
  }
}
