import type { Listing } from './listing.entity.js';

/** A listing as the API shows it (never the entity itself). */
export type ListingView = Omit<Listing, 'naturalKey' | 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export function listingView(l: Listing): ListingView {
  const { naturalKey: _k, createdAt, updatedAt, ...rest } = l;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}
