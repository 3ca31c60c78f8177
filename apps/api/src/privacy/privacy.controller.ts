import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthUser } from '@app/identity';
import {
  PrivacyRequestsService,
  type AuditEntryView,
  type ErasureResult,
  type SubjectExport,
  type WithdrawalResult,
} from '@app/privacy-requests';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { AuditQueryDto, ConsentWithdrawalDto, SelfWithdrawalDto, SubjectRequestDto } from './dto.js';

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyRequestsService) {}

  @Post('leads/:id/reveal-phone')
  @HttpCode(200)
  @Roles('consultant', 'manager')
  @ApiOperation({ summary: "The lead's full phone (its owner, managers, admins); every reveal is written to the audit log" })
  reveal(
    @Param('id', ParseIdPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<{ leadId: string; phone: string; phoneMasked: string }> {
    return this.privacy.revealPhone(user, id);
  }

  @Get('audit')
  @Roles('admin')
  @ApiOperation({ summary: 'Audit log (admin): who viewed, changed, exported or revealed personal data, newest first' })
  audit(@Query() q: AuditQueryDto): Promise<AuditEntryView[]> {
    return this.privacy.listAudit(q);
  }

  @Post('privacy/export')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Data-subject access request (admin): all leads, events, consents and activities of a phone, as JSON' })
  export(@Body() dto: SubjectRequestDto, @CurrentUser() user: AuthUser): Promise<SubjectExport> {
    return this.privacy.exportSubject(user, dto.phone, dto.verification);
  }

  @Post('privacy/erase')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Data-subject erasure (admin): anonymise every lead of a phone, keeping stage, industry, area and tax for reports',
  })
  erase(@Body() dto: SubjectRequestDto, @CurrentUser() user: AuthUser): Promise<ErasureResult> {
    return this.privacy.eraseSubject(user, dto.phone, dto.verification);
  }

  @Post('privacy/consent-withdrawal')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: 'Record a consent withdrawal (managers, admins): consents marked withdrawn, unsent notifications cancelled' })
  withdraw(@Body() dto: ConsentWithdrawalDto, @CurrentUser() user: AuthUser): Promise<WithdrawalResult> {
    return this.privacy.withdrawConsent(user, dto.phone, dto.note);
  }

  @Public()
  @Post('privacy/consent-withdrawal/self')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The investor withdraws consent (public): a request reference with its phone; unsent notifications about the investor's requests are cancelled",
  })
  withdrawSelf(@Body() dto: SelfWithdrawalDto, @Req() req: FastifyRequest): Promise<WithdrawalResult> {
    return this.privacy.withdrawConsentByInvestor(dto.reference, dto.phone, req.ip ?? null);
  }
}
