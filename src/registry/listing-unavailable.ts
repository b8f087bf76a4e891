/**
 * Thrown by a vendor listing that cannot answer for this repository (a private repository the vendor API
 * will not show, a name the API has no form for): the client then lists through the registry instead.
 * Its own module so that listing modules and listing-times.ts, which registers them, do not import each other.
 */
export class ListingUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ListingUnavailableError';
  }
}
