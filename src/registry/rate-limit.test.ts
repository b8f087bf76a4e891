import { describe, expect, test } from 'vitest';
import { parseLimitHeader, PullLimits, RegistryRateLimitError } from './rate-limit.js';

const HUB = 'registry-1.docker.io';
const manifest = (repository: string, tag = '1.0.0') => new URL(`https://${HUB}/v2/${repository}/manifests/${tag}`);
const limitHeaders = (remaining: number, limit = 100) => new Headers({ 'ratelimit-limit': `${limit};w=21600`, 'ratelimit-remaining': `${remaining};w=21600` });

describe('Docker Hub pull limit', () => {
  test('reads the headers Hub sends', () => {
    expect(parseLimitHeader('100;w=21600')).toEqual({ value: 100, windowSeconds: 21600 });
    expect(parseLimitHeader('76')).toEqual({ value: 76 });
    for (const bad of ['', 'many', '-1;w=5', '1e9;w=1', null, undefined]) expect(parseLimitHeader(bad)).toBeUndefined();
  });

  test('an unknown limit claims nothing and admits everything', () => {
    const limits = new PullLimits();
    expect(limits.known(HUB)).toBe(false);
    limits.claim(HUB, 'library/nginx', 1000)();
    expect(limits.admit(manifest('library/nginx'), 'GET')).toBe(false);
  });

  test('a claim larger than what is left is refused, saying how many are left and needed', () => {
    const limits = new PullLimits();
    limits.observe(manifest('library/nginx'), 200, limitHeaders(3), false);
    expect(() => limits.claim(HUB, 'library/nginx', 4)).toThrow(RegistryRateLimitError);
    expect(() => limits.claim(HUB, 'library/nginx', 4)).toThrow('Docker Hub pull limit: 3 left of 100 per 6 h, 4 manifest fetches needed for creation times; skipped rather than run into HTTP 429');
  });

  test('claims are taken from what is left, so side-by-side lookups cannot both spend the same pulls', () => {
    const limits = new PullLimits();
    limits.observe(manifest('a/one'), 200, limitHeaders(10), false);
    const releaseOne = limits.claim(HUB, 'a/one', 6);
    expect(() => limits.claim(HUB, 'a/two', 6)).toThrow(/4 left/);
    // The claimed repository's GETs use its claim; others use what is free.
    for (let i = 0; i < 6; i++) expect(limits.admit(manifest('a/one', `t${i}`), 'GET')).toBe(true);
    for (let i = 0; i < 4; i++) limits.admit(manifest('a/two', `t${i}`), 'GET');
    expect(() => limits.admit(manifest('a/two', 'one-more'), 'GET')).toThrow('Docker Hub pull limit: 0 left of 100 per 6 h; skipped rather than run into HTTP 429');
    releaseOne();
  });

  test('an unused claim goes back when released', () => {
    const limits = new PullLimits();
    limits.observe(manifest('a/one'), 200, limitHeaders(5), false);
    const release = limits.claim(HUB, 'a/one', 5);
    limits.admit(manifest('a/one'), 'GET');
    release();
    release();
    expect(() => limits.claim(HUB, 'a/two', 5)).toThrow(/4 left/);
    limits.claim(HUB, 'a/two', 4);
  });

  test('HEADs, blobs and other hosts are not pulls', () => {
    const limits = new PullLimits();
    limits.observe(manifest('a/one'), 200, limitHeaders(0), false);
    expect(limits.admit(manifest('a/one'), 'HEAD')).toBe(false);
    expect(limits.admit(new URL(`https://${HUB}/v2/a/one/blobs/sha256:${'0'.repeat(64)}`), 'GET')).toBe(false);
    expect(limits.admit(new URL('https://ghcr.io/v2/a/one/manifests/1.0.0'), 'GET')).toBe(false);
    const other = new PullLimits();
    other.observe(new URL('https://ghcr.io/v2/a/one/manifests/1'), 200, limitHeaders(0), false);
    expect(other.known('ghcr.io')).toBe(false);
  });

  test('a 429 with the limit headers throws (not a transient error) and closes the budget', () => {
    const limits = new PullLimits();
    expect(() => limits.observe(manifest('a/one'), 429, limitHeaders(0), false)).toThrow('Docker Hub pull limit: 0 left of 100 per 6 h (HTTP 429); skipped, not retried');
    expect(() => limits.admit(manifest('a/two'), 'GET')).toThrow(RegistryRateLimitError);
  });

  test('a 429 without the headers is left to the retry policy', () => {
    const limits = new PullLimits();
    expect(() => limits.observe(manifest('a/one'), 429, new Headers(), false)).not.toThrow();
  });

  test('pulls still in flight are not counted twice when a header comes back', () => {
    const limits = new PullLimits();
    limits.observe(manifest('a/one'), 200, limitHeaders(10), false);
    const counted = [limits.admit(manifest('a/one', '1'), 'GET'), limits.admit(manifest('a/one', '2'), 'GET')];
    // The first answer says 9 left; the second GET is still out, so 8 are free.
    limits.observe(manifest('a/one', '1'), 200, limitHeaders(9), counted[0]!);
    expect(() => limits.claim(HUB, 'a/two', 9)).toThrow(/8 left/);
  });
});
