import type { Listing } from './listing.entity.js';

/** A listing as the API shows it (never the entity itself). */
export type ListingView = Omit<Listing, 'naturalKey' | 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export function listingView(l: Listing): ListingView {
  const { naturalKey: _k, createdAt, updatedAt, ...rest } = l;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

/** A listing named rather than shown in full (matching's ruled-out list): what identifies it and what the reasons refer to. */
export type ListingSummary = Pick<Listing, 'id' | 'externalCode' | 'title' | 'kind' | 'deal' | 'status' | 'areaSqm' | 'region' | 'parkId'>;

export function listingSummary(l: ListingSummary): ListingSummary {
  return {
    id: l.id,
    externalCode: l.externalCode,
    title: l.title,
    kind: l.kind,
    deal: l.deal,
    status: l.status,
    areaSqm: l.areaSqm,
    region: l.region,
    parkId: l.parkId,
  };
}
