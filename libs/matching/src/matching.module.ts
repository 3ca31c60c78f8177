import { Module } from '@nestjs/common';
import { LeadsModule } from '@app/leads';
import { ListingsModule } from '@app/listings';
import { MatchingService } from './matching.service.js';

@Module({
  imports: [LeadsModule, ListingsModule],
  providers: [MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}
