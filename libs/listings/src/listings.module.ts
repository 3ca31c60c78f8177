import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@app/leads';
import { Listing } from './listing.entity.js';
import { ListingHold } from './listing-hold.entity.js';
import { ListingsRepository } from './listings.repository.js';
import { ListingsService } from './listings.service.js';
import { ListingImportService } from './listing-import.js';

@Module({
  imports: [TypeOrmModule.forFeature([Listing, ListingHold]), LeadsModule],
  providers: [ListingsRepository, ListingsService, ListingImportService],
  exports: [ListingsRepository, ListingsService, ListingImportService],
})
export class ListingsModule {}
