import { describe, expect, test } from 'vitest';
import { RetriesExhaustedError, TransientError, parseRetryAfter, retryDelay, withRetry, type RetryPolicy } from './retry.js';
import { Semaphore } from '../concurrency/semaphore.js';
import { nextLink } from './link-header.js';

const fast: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 5_000, timeoutMs: 1_000 };

describe('parseRetryAfter', () => {
  test('seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  test('grows exponentially with jitter, is capped, and honours Retry-After', () => {
    const policy = { ...fast, baseDelayMs: 100, maxDelayMs: 1000 };
    for (let i = 0; i < 20; i++) {
      const first = retryDelay(policy, 0);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      expect(retryDelay(policy, 10)).toBeLessThanOrEqual(1000);
      expect(retryDelay(policy, 0, 2500)).toBe(2500);
    }
  });
});

describe('withRetry', () => {
  test('retries transient failures, then succeeds', async () => {
    let calls = 0;
    const result = await withRetry(fast, async () => {
      calls++;
      if (calls < 3) throw new TransientError('HTTP 500');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  test('network errors are transient; persistent failure is RetriesExhaustedError with the last reason', async () => {
    let calls = 0;
    const failing = withRetry(fast, async () => {
      calls++;
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    await expect(failing).rejects.toThrow(RetriesExhaustedError);
    await expect(failing).rejects.toThrow(/^connection refused by the server \(after 3 attempts\)$/);
    expect(calls).toBe(3);
  });

  test('a timeout aborts the attempt and is retried', async () => {
    let calls = 0;
    const policy = { ...fast, timeoutMs: 20 };
    const result = await withRetry(policy, (signal) => {
      calls++;
      if (calls > 1) return Promise.resolve('second');
      return new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    expect(result).toBe('second');
  });

  test('other errors pass through at once', async () => {
    let calls = 0;
    await expect(withRetry(fast, async () => {
      calls++;
      throw new RangeError('no');
    })).rejects.toThrow(RangeError);
    expect(calls).toBe(1);
  });

  test('a Retry-After beyond the limit gives up without waiting', async () => {
    const started = Date.now();
    await expect(withRetry({ ...fast, maxRetryAfterMs: 1000 }, async () => {
      throw new TransientError('HTTP 429', 3_600_000);
    })).rejects.toThrow(/too long to wait/);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('Semaphore', () => {
  test('never runs more than its limit at once', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 10 }, () => semaphore.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    })));
    expect(peak).toBe(2);
  });
});

describe('nextLink', () => {
  test('finds rel="next" and resolves it against the page', () => {
    expect(nextLink('</v2/a/tags/list?n=2&last=b>; rel="next"', 'http://h:1/v2/a/tags/list')).toBe('http://h:1/v2/a/tags/list?n=2&last=b');
    expect(nextLink('<https://x/prev>; rel="prev", <https://x/next>; rel=next', 'https://x/')).toBe('https://x/next');
    expect(nextLink(null, 'http://h/')).toBeUndefined();
    expect(nextLink('<https://x/prev>; rel="prev"', 'http://h/')).toBeUndefined();
  });
});
