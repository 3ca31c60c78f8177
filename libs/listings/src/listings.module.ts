import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@app/leads';
import { DemoModule } from '@app/demo';
import { Listing } from './listing.entity.js';
import { ListingHold } from './listing-hold.entity.js';
import { ListingsRepository } from './listings.repository.js';
import { ListingsService } from './listings.service.js';
import { ListingImportService } from './listing-import.js';
import { ListingsDemo } from './listings-demo.js';

@Module({
  imports: [TypeOrmModule.forFeature([Listing, ListingHold]), LeadsModule, DemoModule],
  providers: [ListingsRepository, ListingsService, ListingImportService, ListingsDemo],
  exports: [ListingsRepository, ListingsService, ListingImportService],
})
export class ListingsModule {}
