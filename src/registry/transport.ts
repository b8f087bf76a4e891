/**
 * One place every registry HTTP request goes through: bounded concurrency, retries, per-request
 * timeouts, and request counting. It knows nothing about authentication.
 */
import { Semaphore } from '../concurrency/semaphore.js';
import {
  DEFAULT_RETRY_POLICY,
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
    this.fetchImpl = options.fetch ?? fetch;
  }

  /**
   * Sends a request, retrying transient failures; `check` may throw a TransientError to retry on a bad
   * body (a digest mismatch, invalid JSON) or return the parsed value. `headers` is called per attempt,
   * so a refreshed token is used on a retry. Throws RetriesExhaustedError when every attempt failed.
   */
  async send<T>(
    kind: RequestKind,
    url: string,
    init: { method?: 'GET' | 'HEAD'; headers?: () => Promise<Record<string, string>> },
    check: (response: ReceivedResponse) => T | Promise<T>,
  ): Promise<T> {
    let attempt = 0;
    return withRetry(
      this.policy,
      async (signal) => {
        const headers = { 'user-agent': this.options.userAgent ?? 'kubecd', ...(await init.headers?.()) };
        const response = await this.semaphore.run(async () => {
          this.count(kind, attempt++ > 0);
          const res = await this.fetchImpl(url, { method: init.method ?? 'GET', headers, signal, redirect: 'follow' });
          if (isTransientStatus(res.status)) {
            await res.body?.cancel().catch(() => undefined);
            throw new TransientError(`HTTP ${res.status} from ${new URL(url).pathname}`, parseRetryAfter(res.headers.get('retry-after')));
          }
          const body = init.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await res.arrayBuffer());
          return { status: res.status, headers: res.headers, url: res.url || url, body };
        });
        return check(response);
      },
      { onRetry: (reason, delay) => this.options.log?.(`retrying ${kind} ${url} in ${Math.round(delay)} ms: ${reason}`) },
    );
  }

  private count(kind: RequestKind, retry: boolean): void {
    this.stats.requests++;
    this.stats.byKind[kind]++;
    if (retry) this.stats.retries++;
  }
}

export { RetriesExhaustedError, TransientError };
