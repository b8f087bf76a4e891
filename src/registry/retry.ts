/**
 * Retries with exponential backoff and jitter, honouring `Retry-After`, for any HTTP exchange: the
 * registry client and the Helm repository source both run their requests through {@link withRetry}.
 */

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** Delay before the first retry; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the source is reported unavailable instead. */
  maxRetryAfterMs: number;
  /** Per request, body included. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 15_000,
};

/** A failure worth trying again (429, 5xx, network error, timeout, truncated or invalid body). */
export class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** Every attempt failed transiently; `lastReason` says how the last one failed. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly lastReason: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`${lastReason} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`, options);
    this.name = 'RetriesExhaustedError';
  }
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

const NETWORK_CODES: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) => `connection refused by ${where}`,
  ECONNRESET: (where) => `connection reset by ${where}`,
  EPIPE: (where) => `connection reset by ${where}`,
  UND_ERR_SOCKET: (where) => `connection reset by ${where}`,
  UND_ERR_CLOSED: (where) => `connection closed by ${where}`,
  ENOTFOUND: (where) => `${where} not found (DNS)`,
  EAI_AGAIN: (where) => `${where} not found (DNS lookup failed)`,
  EHOSTUNREACH: (where) => `${where} is unreachable`,
  ENETUNREACH: (where) => `${where} is unreachable`,
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: (where) => `${where} sent a body shorter or longer than it announced`,
  UND_ERR_INVALID_ARG: (where) => `${where} sent a malformed HTTP answer`,
  HPE_INVALID_CONSTANT: (where) => `${where} sent a malformed HTTP answer`,
  HPE_INVALID_HEADER_TOKEN: (where) => `${where} sent a malformed HTTP header`,
};
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_)/;

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Plain text for a failed exchange (network error, timeout, abort), naming `where` (a host) — the one
 * place undici's codes (`UND_ERR_SOCKET`, `fetch failed`) become words. Undefined when `error` is not a
 * network failure.
 */
export function describeNetworkError(error: unknown, timeoutMs: number, where = 'the server'): string | undefined {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timed out after ${seconds(timeoutMs)}`;
  const code = errorCode(error);
  if (code && TIMEOUT_CODES.has(code)) return `timed out after ${seconds(timeoutMs)}`;
  if (code && NETWORK_CODES[code]) return NETWORK_CODES[code](where);
  if (code && TLS_CODE.test(code)) return `TLS handshake with ${where} failed (certificate not accepted)`;
  if (error instanceof TypeError || code) return `network error talking to ${where}`;
  return undefined;
}

/** Turns a fetch failure (network error, abort by timeout) into a TransientError; anything else is rethrown. */
export function classifyFetchError(error: unknown, timeoutMs: number, where?: string): never {
  if (error instanceof TransientError) throw error;
  const description = describeNetworkError(error, timeoutMs, where);
  if (description) throw new TransientError(description, undefined, { cause: error });
  throw error;
}

/** Exponential backoff with jitter in [50%, 100%] of the step, never less than what `Retry-After` asked. */
export function retryDelay(policy: RetryPolicy, retryIndex: number, retryAfterMs?: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  const jittered = step * (0.5 + Math.random() * 0.5);
  return Math.max(jittered, retryAfterMs ?? 0);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, throws something other than a TransientError (passed through), or the
 * attempts run out (RetriesExhaustedError). `attempt` gets an abort signal that fires at the policy's timeout.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (signal: AbortSignal) => Promise<T>,
  hooks: { onRetry?: (reason: string, delayMs: number) => void } = {},
): Promise<T> {
  let last: TransientError | undefined;
  const attempts = Math.max(1, policy.attempts);
  for (let index = 0; index < attempts; index++) {
    if (index > 0 && last) {
      const delay = retryDelay(policy, index - 1, last.retryAfterMs);
      hooks.onRetry?.(last.message, delay);
      await sleep(delay);
    }
    try {
      return await attempt(AbortSignal.timeout(policy.timeoutMs));
    } catch (error) {
      if (!(error instanceof TransientError)) {
        try {
          classifyFetchError(error, policy.timeoutMs);
        } catch (classified) {
          if (!(classified instanceof TransientError)) throw classified;
          last = classified;
        }
      } else {
        last = error;
      }
      if (last.retryAfterMs !== undefined && last.retryAfterMs > policy.maxRetryAfterMs) {
        throw new RetriesExhaustedError(
          `${last.message}; Retry-After ${Math.round(last.retryAfterMs / 1000)} s is too long to wait`,
          index + 1,
          { cause: last },
        );
      }
    }
  }
  throw new RetriesExhaustedError(last?.message ?? 'failed', attempts, { cause: last });
}
