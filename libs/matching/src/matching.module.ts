import { Module } from '@nestjs/common';
import { ListingsModule } from '@app/listings';
import { MatchingService } from './matching.service.js';

@Module({
  imports: [ListingsModule],
  providers: [MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}
