import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import {
  PrivacyRequestsService,
  type AuditEntryView,
  type ErasureResult,
  type SubjectExport,
  type WithdrawalResult,
} from '@app/privacy-requests';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { AuditQueryDto, ConsentWithdrawalDto, SubjectRequestDto } from './dto.js';

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
}
