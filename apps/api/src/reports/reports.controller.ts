import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/identity';
import { ReportsService, toCsv, toXlsx, type ReportFilter, type ReportTable } from '@app/reports';
import { ConversionQuery, ReportQuery, ResponseTimesQuery, TrendQuery } from './dto.js';

const DAY_MS = 86_400_000;

function filterOf(q: ReportQuery, now = new Date()): ReportFilter {
  const to = q.to ?? now;
  return {
    from: q.from ?? new Date(to.getTime() - 90 * DAY_MS),
    to,
    channel: q.channel,
    ownerId: q.ownerId,
    sourceArticleId: q.sourceArticleId,
    parkId: q.parkId,
    industryCode: q.industryCode,
  };
}

/** JSON by default; format=csv|xlsx sends the report table as a download with Chinese headers. */
async function send<T>(q: ReportQuery, reply: FastifyReply, r: { data: T; table: ReportTable }, name: string): Promise<T | Buffer> {
  if (!q.format || q.format === 'json') return r.data;
  const stem = encodeURIComponent(r.table.title);
  reply.header('content-disposition', `attachment; filename="${name}.${q.format}"; filename*=UTF-8''${stem}.${q.format}`);
  if (q.format === 'csv') {
    reply.header('content-type', 'text/csv; charset=utf-8');
    return toCsv(r.table);
  }
  reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return toXlsx(r.table);
}

@ApiTags('reports')
@Roles('manager')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('funnel')
  @ApiOperation({ summary: 'Leads created in [from, to) reaching each stage; step and overall (signed ÷ all) conversion' })
  async funnel(@Query() q: ReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return send(q, reply, await this.reports.funnel(filterOf(q)), 'funnel');
  }

  @Get('conversion')
  @ApiOperation({ summary: 'Per channel/article/park/consultant/industry: leads, contacted, site visits, signed, rate, 万元 signed' })
  async conversion(@Query() q: ConversionQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return send(q, reply, await this.reports.conversion(filterOf(q), q.groupBy ?? 'channel'), 'conversion');
  }

  @Get('response-times')
  @ApiOperation({ summary: 'Median and p90 working minutes to first response and SLA compliance per consultant' })
  async responseTimes(@Query() q: ResponseTimesQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return send(q, reply, await this.reports.responseTimes(filterOf(q), q.groupBy ?? 'consultant', q.slaMinutes), 'response-times');
  }

  @Get('trend')
  @ApiOperation({ summary: 'New leads, signings and losses per day/week/month (China time)' })
  async trend(@Query() q: TrendQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return send(q, reply, await this.reports.trend(filterOf(q), q.interval ?? 'day'), 'trend');
  }

  @Get('lost-reasons')
  @ApiOperation({ summary: 'Leads lost in [from, to) by reason and the stage they were lost at' })
  async lostReasons(@Query() q: ReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return send(q, reply, await this.reports.lostReasons(filterOf(q)), 'lost-reasons');
  }
}
