import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@app/errors';
import { CurrentUser, type AuthUser } from '@app/identity';
import { PipelineService } from '@app/pipeline';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { ListTasksQuery, TaskResponse, UpdateTaskDto } from './dto.js';

/** `due`: overdue (before now), today (before the next midnight in China, UTC+8) or an ISO time. */
function dueBefore(due: string | undefined, now = new Date()): Date | undefined {
  if (!due) return undefined;
  if (due === 'overdue') return now;
  if (due === 'today') {
    const china = new Date(now.getTime() + 8 * 3600_000);
    return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + 1) - 8 * 3600_000);
  }
  const t = new Date(due);
  if (Number.isNaN(t.getTime())) {
    throw DomainError.field('due', 'INVALID_DUE', 'due：须为 overdue、today 或 ISO 时间', 'due must be overdue, today or an ISO time');
  }
  return t;
}

@ApiTags('pipeline')
@Controller('tasks')
export class TasksController {
  constructor(private readonly pipeline: PipelineService) {}

  @Get()
  @ApiOperation({ summary: 'Tasks: mine=true for my tasks; due=overdue|today|<ISO time> for open tasks due before then' })
  @ApiOkResponse({ type: [TaskResponse] })
  list(@Query() q: ListTasksQuery, @CurrentUser() user: AuthUser): Promise<TaskResponse[]> {
    return this.pipeline.listTasks(user, { mine: q.mine, dueBefore: dueBefore(q.due), statuses: q.status, leadId: q.leadId });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a task: title, due time, status (open|done|cancelled), assignee' })
  @ApiOkResponse({ type: TaskResponse })
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateTaskDto, @CurrentUser() user: AuthUser): Promise<TaskResponse> {
    return this.pipeline.updateTask(user, id, dto);
  }
}
