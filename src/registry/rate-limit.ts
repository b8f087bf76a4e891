/**
 * Docker Hub's pull limit. Hub counts every manifest GET as a pull (HEADs and blobs are free) and says how
 * many are left in `ratelimit-remaining: 76;w=21600` on manifest answers. Running into the limit gets HTTP
 * 429 for hours, for this run and for the cluster nodes pulling from the same address, so kubecd keeps its
 * own count: a lookup that needs more pulls than are left is skipped before it starts, a manifest GET with
 * none left is not sent, and a 429 that carries the limit headers is a skip, never retried.
 *
 * Pulls are claimed per repository: a `Newest` lookup claims the manifest fetches it will make before making
 * them, so lookups running side by side cannot each see enough pulls and together run out halfway.
 */
import { RegistryUnavailableError } from './errors.js';
import { DOCKER_HUB_HOST, normalizeHost } from './reference.js';

/** The trigger cannot be checked without running into the registry's pull limit; nothing was retried. */
export class RegistryRateLimitError extends RegistryUnavailableError {}

export interface LimitHeader {
  /** Pulls, the number before `;`. */
  value: number;
  /** The window in seconds (`w=`), when given. */
  windowSeconds?: number;
}

/** `100;w=21600` (or a bare `100`); undefined for anything else. */
export function parseLimitHeader(value: string | null | undefined): LimitHeader | undefined {
  if (!value) return undefined;
  const match = /^\s*(\d{1,9})\s*(?:;\s*w\s*=\s*(\d{1,9})\s*)?(?:;.*)?$/.exec(value);
  if (!match) return undefined;
  const header: LimitHeader = { value: Number(match[1]) };
  if (match[2] !== undefined) header.windowSeconds = Number(match[2]);
  return header;
}

function windowText(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  return seconds % 3600 === 0 ? ` per ${seconds / 3600} h` : ` per ${seconds} s`;
}

/** The repository of a `/v2/REPO/manifests/REF` URL, or undefined for any other URL. */
function manifestRepository(url: URL): string | undefined {
  const match = /^\/v2\/(.+)\/manifests\/[^/]+$/.exec(url.pathname);
  return match?.[1];
}

interface HostBudget {
  /** Pulls left that no lookup has claimed: the last header, less what was sent or claimed since. */
  free: number;
  limit?: number;
  windowSeconds?: number;
  /** Claimed and not yet sent, by repository. */
  claims: Map<string, number>;
  /** Manifest GETs sent whose answers have not come back. */
  inFlight: number;
}

/** Which hosts count pulls. Only Docker Hub: elsewhere the same header names mean other things, or nothing. */
export function countsPulls(host: string): boolean {
  return normalizeHost(host) === DOCKER_HUB_HOST;
}

export class PullLimits {
  private readonly budgets = new Map<string, HostBudget>();

  /** Whether the host's limit is known (a manifest answer carried it). */
  known(host: string): boolean {
    return this.budgets.has(normalizeHost(host));
  }

  /**
   * Claims `pulls` manifest GETs on `repository` (on `host`), or throws a RegistryRateLimitError saying how
   * many are left. Returns the release for what is left of the claim when the lookup is done. A host whose
   * limit is unknown or that does not count pulls needs no claim.
   */
  claim(host: string, repository: string, pulls: number): () => void {
    const budget = this.budgets.get(normalizeHost(host));
    if (!budget || pulls <= 0) return () => undefined;
    if (budget.free < pulls) {
      throw new RegistryRateLimitError(host, `${this.describe(budget, budget.free)}, ${pulls} manifest fetch${pulls === 1 ? '' : 'es'} needed for creation times; skipped rather than run into HTTP 429`);
    }
    budget.free -= pulls;
    budget.claims.set(repository, (budget.claims.get(repository) ?? 0) + pulls);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = Math.min(pulls, budget.claims.get(repository) ?? 0);
      budget.claims.set(repository, (budget.claims.get(repository) ?? 0) - left);
      if (budget.claims.get(repository) === 0) budget.claims.delete(repository);
      budget.free += left;
    };
  }

  /**
   * Before a request goes out: a manifest GET with no pull left (claimed or free) is refused. Returns
   * whether the request was counted (to be passed to {@link observe} with its answer).
   */
  admit(url: URL, method: string): boolean {
    if (method !== 'GET' || !countsPulls(url.host)) return false;
    const repository = manifestRepository(url);
    if (repository === undefined) return false;
    const budget = this.budgets.get(normalizeHost(url.host));
    if (!budget) return false;
    const claimed = budget.claims.get(repository) ?? 0;
    if (claimed > 0) {
      if (claimed === 1) budget.claims.delete(repository);
      else budget.claims.set(repository, claimed - 1);
    } else if (budget.free > 0) {
      budget.free--;
    } else {
      throw new RegistryRateLimitError(url.host, `${this.describe(budget, 0)}; skipped rather than run into HTTP 429`);
    }
    budget.inFlight++;
    return true;
  }

  /**
   * After an answer: learn the limit from its headers. A 429 with them is the limit reached (thrown, so the
   * transport does not retry it).
   */
  observe(url: URL, status: number, headers: Headers, counted: boolean): void {
    if (!countsPulls(url.host)) return;
    const repository = manifestRepository(url);
    if (repository === undefined) return;
    const host = normalizeHost(url.host);
    let budget = this.budgets.get(host);
    if (budget && counted && budget.inFlight > 0) budget.inFlight--;
    const remaining = parseLimitHeader(headers.get('ratelimit-remaining'));
    const limit = parseLimitHeader(headers.get('ratelimit-limit'));
    if (remaining === undefined && limit === undefined) return;
    if (!budget) {
      budget = { free: 0, claims: new Map(), inFlight: 0 };
      this.budgets.set(host, budget);
    }
    if (limit) budget.limit = limit.value;
    const windowSeconds = remaining?.windowSeconds ?? limit?.windowSeconds;
    if (windowSeconds !== undefined) budget.windowSeconds = windowSeconds;
    if (status === 429) {
      budget.free = 0;
      budget.claims.clear();
      throw new RegistryRateLimitError(url.host, `${this.describe(budget, 0)} (HTTP 429); skipped, not retried`);
    }
    if (remaining) {
      // Pulls still on their way were not in this count; claimed ones are promised already.
      let claimed = 0;
      for (const count of budget.claims.values()) claimed += count;
      budget.free = Math.max(0, remaining.value - budget.inFlight - claimed);
    }
  }

  private describe(budget: HostBudget, left: number): string {
    const of = budget.limit !== undefined ? ` of ${budget.limit}${windowText(budget.windowSeconds)}` : windowText(budget.windowSeconds);
    return `Docker Hub pull limit: ${left} left${of}`;
  }
}
