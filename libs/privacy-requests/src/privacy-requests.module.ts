import { Module } from '@nestjs/common';
import { PrivacyRequestsService } from './privacy-requests.service.js';

/** Data-subject requests, audited phone reveal, audit trail and retention (PIPL). */
@Module({
  providers: [PrivacyRequestsService],
  exports: [PrivacyRequestsService],
})
export class PrivacyRequestsModule {}
