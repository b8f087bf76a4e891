/**
 * Vendor tag listings that carry creation times, so `Newest` need not fetch a manifest and a config blob
 * per tag. Each vendor lives in its own module and is registered in TIMED_LISTINGS; a registry without one
 * (or a listing that cannot be read) falls back to the distribution tags/list and per-tag metadata.
 *
 * GCR and Artifact Registry need no entry: their distribution tags/list itself carries the times (its
 * `manifest` map, read for any registry that sends one — see gcr-listing.ts).
 */
import { isDigest, isOciTag } from '../model/grammar.js';
import { dockerHubListing } from './dockerhub-listing.js';
import { ACR_LISTING } from './acr.js';
import { ECR_LISTING } from './ecr.js';
import { keepValid } from './sanitise.js';
export { ListingUnavailableError } from './listing-unavailable.js';
import type { Credential } from './credentials.js';
import type { Transport } from './transport.js';

export interface ListedImage {
  created: Date;
  /** The manifest (or index) digest the tag points at, when the listing says. */
  digest?: string;
}

export interface TimedTags {
  /** Every tag, in the registry's order, each valid per the OCI tag grammar. */
  tags: string[];
  /** Creation times by tag, for the tags the listing gave one for. */
  times: Map<string, ListedImage>;
}

export interface ListingContext {
  transport: Transport;
  /** Headers that authorise a pull of the repository on its registry (the distribution API's token). */
  pullHeaders: () => Promise<Record<string, string>>;
  /** `https://host` of the registry (or http for loopback / insecure). */
  baseUrl: string;
  maxPages: number;
  env: NodeJS.ProcessEnv;
  /** The registry host's own credential (for a vendor API that takes the same login, e.g. Docker Hub's). */
  credential?: () => Promise<Credential | undefined>;
  onSecret?: (value: string) => void;
  warn?: (message: string) => void;
}

export interface TimedListing {
  /** For logs and stats, e.g. "Docker Hub tags API". */
  name: string;
  handles(host: string): boolean;
  list(ref: { host: string; repository: string }, context: ListingContext): Promise<TimedTags>;
}

/** Vendor listings, first match wins. */
export const TIMED_LISTINGS: TimedListing[] = [dockerHubListing, ECR_LISTING, ACR_LISTING];

export function timedListingFor(host: string): TimedListing | undefined {
  return TIMED_LISTINGS.find((listing) => listing.handles(host));
}

/** Listing times further ahead than this are not believed (clock skew is allowed for, a hostile year 9999 is not). */
export const MAX_FUTURE_MS = 24 * 3_600_000;

/** A creation time worth comparing: a real instant after 1970 and not far in the future. */
export function isSaneListingTime(date: unknown, now: number = Date.now()): date is Date {
  if (!(date instanceof Date)) return false;
  const ms = date.getTime();
  return Number.isFinite(ms) && ms > 0 && ms <= now + MAX_FUTURE_MS;
}

/**
 * What any listing (ours or a vendor module's) hands on, re-checked in one place: tags in the OCI grammar,
 * deduplicated; times only for listed tags, sane, with a digest only when it is one. `warn` is told once
 * how many tags and times were dropped.
 */
export function sanitiseTimedTags(listing: TimedTags, source: string, warn?: (message: string) => void, now: number = Date.now()): TimedTags {
  const tags = [...new Set(keepValid(listing.tags, isOciTag, 'tag', source, warn))];
  const listed = new Set(tags);
  const times = new Map<string, ListedImage>();
  let dropped = 0;
  for (const [tag, image] of listing.times) {
    if (!listed.has(tag) || !isSaneListingTime(image.created, now)) {
      dropped++;
      continue;
    }
    times.set(tag, { created: image.created, ...(isDigest(image.digest) ? { digest: image.digest } : {}) });
  }
  if (dropped > 0) warn?.(`${source}: ignored ${dropped} listed creation time${dropped === 1 ? '' : 's'} (unlisted tag, or not a plausible time)`);
  return { tags, times };
}
