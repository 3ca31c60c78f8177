export {
  Listing,
  LISTING_DEALS,
  LISTING_KINDS,
  LISTING_STATUSES,
  type ListingDeal,
  type ListingKind,
  type ListingStatus,
} from './listing.entity.js';
export { ListingHold } from './listing-hold.entity.js';
export {
  COLUMNS,
  columnForHeader,
  dayRentToMonth,
  naturalKeyOf,
  parseCell,
  parseRent,
  type ListingFields,
  type CellError,
} from './listing-fields.js';
export { ListingsRepository, type ActiveHold, type ListingQuery } from './listings.repository.js';
export { ListingsService, MAX_HOLD_DAYS, type ListingInput } from './listings.service.js';
export { ListingImportService, readSheet, type ImportResult, type ImportRowError } from './listing-import.js';
export { ListingsModule } from './listings.module.js';
export { ListingsDemo, DEMO_LISTINGS, DEMO_PARK_NAME } from './listings-demo.js';

import { Listing } from './listing.entity.js';
import { ListingHold } from './listing-hold.entity.js';
export const LISTINGS_ENTITIES = [Listing, ListingHold];
export { listingSummary, listingView, type ListingSummary, type ListingView } from './listing-view.js';
