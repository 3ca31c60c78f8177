import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/errors';
import { Public } from '@app/identity';
import { LeadIntakeService } from '@app/leads';
import { toIntakeInput } from './intake-body.js';
import { CreateLeadDto, IntakeResponse, LeadStatusQuery, LeadStatusResponse, ParseResponse, ParseTextDto } from './dto.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Public lead intake: the investor's form, the article page's form, and the paste box. */
@ApiTags('leads')
@Controller('leads')
export class LeadsIntakeController {
  constructor(private readonly intake: LeadIntakeService) {}

  @Public()
  @Post()
  @ApiOperation({ summary: 'Submit a request (需求); 201 new lead, 200 appended to the open lead of the same phone' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key → the first response, nothing new' })
  @ApiBody({ type: CreateLeadDto })
  @ApiCreatedResponse({ type: IntakeResponse })
  @ApiOkResponse({ type: IntakeResponse })
  async submit(
    // Validated by toIntakeInput (type errors and intake's own checks in one 400), not by the global pipe.
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntakeResponse> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw DomainError.field(
        'Idempotency-Key',
        'IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key：须为 1–200 个可见 ASCII 字符',
        'Idempotency-Key must be 1–200 visible ASCII characters',
      );
    }
    const input = await toIntakeInput(body, this.intake);
    const ua = req.headers['user-agent'];
    const result = await this.intake.submit(input, { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null, idempotencyKey });
    void reply.status(result.status);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  @Public()
  @Post('parse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Parse a pasted message into fields and a structured need (nothing is saved)' })
  @ApiOkResponse({ type: ParseResponse })
  parse(@Body() dto: ParseTextDto): ParseResponse {
    return this.intake.parse(dto.text);
  }

  @Public()
  @Get('status')
  @ApiOperation({ summary: "An investor's progress check: stage and the owner's first name; 404 unless reference and phone match" })
  @ApiOkResponse({ type: LeadStatusResponse })
  status(@Query() q: LeadStatusQuery, @Req() req: FastifyRequest): Promise<LeadStatusResponse> {
    return this.intake.status(q.reference, q.phone, req.ip ?? null);
  }
}
