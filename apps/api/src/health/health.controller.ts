import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { Public } from '@app/identity';
import { JobsService } from '@app/jobs';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: database reachable, migrations applied, job queue running' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    let database = false;
    let migrationsPending: boolean | null = null;
    try {
      await this.ds.query('SELECT 1');
      database = true;
      migrationsPending = await this.ds.showMigrations();
    } catch {
      // reported as down below
    }
    const queue = this.jobs.health();
    const ok = database && migrationsPending === false && queue.running;
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      database: database ? 'up' : 'down',
      migrations: migrationsPending === null ? 'unknown' : migrationsPending ? 'pending' : 'applied',
      queue: { running: queue.running, worker: queue.worker },
      time: new Date().toISOString(),
    };
  }
}
