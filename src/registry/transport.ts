/**
 * One place every registry HTTP request goes through: bounded concurrency, retries, per-request
 * timeouts, body size caps, redirects, plain-text network errors, and request counting. It knows nothing
 * about authentication beyond never carrying an `authorization` header to another origin.
 */
import { redactUrl } from '../exec/redact.js';
import { Semaphore } from '../concurrency/semaphore.js';
import { formatBytes } from '../fs/confined.js';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from './limits.js';
import { registryEndpointOverrides, routedFetch } from './endpoints.js';
import type { PullLimits } from './rate-limit.js';
import {
  DEFAULT_RETRY_POLICY,
  describeNetworkError,
  RetriesExhaustedError,
  TransientError,
  isTransientStatus,
  parseRetryAfter,
  withRetry,
  type RetryPolicy,
} from './retry.js';

export type RequestKind = 'ping' | 'token' | 'tags' | 'manifest' | 'blob' | 'index';

export interface RegistryStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Of which retries. */
  retries: number;
  byKind: Record<RequestKind, number>;
}

export function emptyStats(): RegistryStats {
  return { requests: 0, retries: 0, byKind: { ping: 0, token: 0, tags: 0, manifest: 0, blob: 0, index: 0 } };
}

export interface TransportOptions {
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once, for the whole client. Default 8. */
  concurrency?: number;
  fetch?: typeof fetch;
  userAgent?: string;
  log?: (message: string) => void;
  /** Body caps per request kind (see limits.ts). */
  bodyLimits?: Partial<BodyLimits>;
  /** Where KUBECD_REGISTRY_ENDPOINTS is read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Docker Hub's pull limit: manifest GETs past it are refused, a 429 carrying it is not retried. */
  pullLimits?: PullLimits;
}

/** Redirects followed per request at most. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** An answer over its size cap: not retried, the trigger that needed it is skipped. */
export class ResponseTooLargeError extends Error {
  constructor(readonly host: string, readonly limit: number) {
    super(`response from ${host} exceeds ${formatBytes(limit)}`);
    this.name = 'ResponseTooLargeError';
  }
}

/** A redirect that is not followed: too many hops, no Location, or a location that is not http(s). */
export class RedirectRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedirectRefusedError';
  }
}

/** Reads a body chunk by chunk, aborting as soon as it passes `limit` bytes. */
export async function readCapped(response: Response, limit: number, host: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(host, limit);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(host, limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** A response whose status the caller handles itself (anything but 429/408/5xx, which are retried). */
export interface ReceivedResponse {
  status: number;
  headers: Headers;
  url: string;
  /** The whole body, read within the timeout; empty for HEAD. */
  body: Buffer;
}

export class Transport {
  readonly stats: RegistryStats = emptyStats();
  readonly policy: RetryPolicy;
  private readonly semaphore: Semaphore;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: TransportOptions = {}) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.semaphore = new Semaphore(options.concurrency ?? 8);
    this.fetchImpl = routedFetch(options.fetch ?? fetch, registryEndpointOverrides(options.env));
  }

  /**
   * Sends a request, retrying transient failures; `check` may throw a TransientError to retry on a bad
   * body (a digest mismatch, invalid JSON) or return the parsed value. `headers` is called per attempt,
   * so a refreshed token is used on a retry. Throws RetriesExhaustedError when every attempt failed.
   */
  async send<T>(
    kind: RequestKind,
    url: string,
    init: { method?: 'GET' | 'HEAD' | 'POST'; headers?: () => Promise<Record<string, string>>; body?: string },
    check: (response: ReceivedResponse) => T | Promise<T>,
  ): Promise<T> {
    let attempt = 0;
    const limit = this.options.bodyLimits?.[kind] ?? DEFAULT_BODY_LIMITS[kind];
    return withRetry(
      this.policy,
      async (signal) => {
        const headers = { 'user-agent': this.options.userAgent ?? 'kubecd', ...(await init.headers?.()) };
        const response = await this.semaphore.run(async () => {
          const retry = attempt++ > 0;
          let target = new URL(url);
          try {
            for (let hop = 0; ; hop++) {
              const counted = this.options.pullLimits?.admit(target, init.method ?? 'GET') ?? false;
              this.count(kind, retry || hop > 0);
              const res = await this.fetchImpl(target, { method: init.method ?? 'GET', headers, signal, redirect: 'manual', ...(init.body !== undefined ? { body: init.body } : {}) });
              try {
                this.options.pullLimits?.observe(target, res.status, res.headers, counted);
              } catch (error) {
                await res.body?.cancel().catch(() => undefined);
                throw error;
              }
              if (REDIRECT_STATUSES.has(res.status)) {
                await res.body?.cancel().catch(() => undefined);
                target = this.redirectTarget(target, res.headers.get('location'), hop, headers);
                continue;
              }
              if (isTransientStatus(res.status)) {
                await res.body?.cancel().catch(() => undefined);
                throw new TransientError(`HTTP ${res.status} from ${target.host}${target.pathname}`, parseRetryAfter(res.headers.get('retry-after')));
              }
              const body = init.method === 'HEAD' ? Buffer.alloc(0) : await readCapped(res, limit, target.host);
              return { status: res.status, headers: res.headers, url: target.toString(), body };
            }
          } catch (error) {
            const description = describeNetworkError(error, this.policy.timeoutMs, target.host);
            if (description) throw new TransientError(description, undefined, { cause: error });
            throw error;
          }
        });
        return check(response);
      },
      { onRetry: (reason, delay) => this.options.log?.(`retrying ${kind} ${redactUrl(url)} in ${Math.round(delay)} ms: ${reason}`) },
    );
  }

  /** Where a redirect leads; the authorization header is dropped (for good) once the origin changes. */
  private redirectTarget(from: URL, location: string | null, hop: number, headers: Record<string, string>): URL {
    if (hop >= MAX_REDIRECTS) throw new RedirectRefusedError(`${from.host} redirected more than ${MAX_REDIRECTS} times`);
    if (!location) throw new RedirectRefusedError(`${from.host} sent a redirect without a Location`);
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      throw new RedirectRefusedError(`${from.host} redirected to an unreadable location`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new RedirectRefusedError(`${from.host} redirected to a ${next.protocol.replace(/:$/, '').slice(0, 16)} location; only http(s) is followed`);
    }
    if (next.origin !== from.origin) {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    }
    return next;
  }

  private count(kind: RequestKind, retry: boolean): void {
    this.stats.requests++;
    this.stats.byKind[kind]++;
    if (retry) this.stats.retries++;
  }
}

export { RetriesExhaustedError, TransientError };
export type { BodyLimits };
