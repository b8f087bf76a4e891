import { describe, expect, test } from 'vitest';
import { dockerHubListing, hubTagTime } from './dockerhub-listing.js';
import { timesFromManifestMap } from './gcr-listing.js';
import { ListingUnavailableError, sanitiseTimedTags, timedListingFor, type ListingContext } from './listing-times.js';
import { Transport } from './transport.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

describe('GCR / Artifact Registry manifest map', () => {
  test('gives timeCreatedMs and the digest per tag', () => {
    const { times, ignored } = timesFromManifestMap({
      [D1]: { tag: ['1.0.0', 'stable'], timeCreatedMs: '1704067200000', timeUploadedMs: '1709251200000', mediaType: 'application/vnd.docker.distribution.manifest.v2+json', imageSizeBytes: '123' },
      [D2]: { tag: [], timeCreatedMs: '1704153600000' },
    });
    expect(ignored).toBe(0);
    expect([...times]).toEqual([
      ['1.0.0', { created: new Date('2024-01-01T00:00:00.000Z'), digest: D1 }],
      ['stable', { created: new Date('2024-01-01T00:00:00.000Z'), digest: D1 }],
    ]);
  });

  test('"0" is no time (an index, a build dated 1970); the tag falls back to its config', () => {
    expect(timesFromManifestMap({ [D1]: { tag: ['1.0.0'], timeCreatedMs: '0' } }).times.size).toBe(0);
  });

  test('hostile entries are dropped: bad digests, bad tags, unreadable times, one tag on two digests', () => {
    const { times, ignored } = timesFromManifestMap({
      'md5:abc': { tag: ['1.0.0'], timeCreatedMs: '1704067200000' },
      [D1]: { tag: ['9.9.9"\n x: y', '1.0.1', 'dup'], timeCreatedMs: '1704067200000' },
      [D2]: { tag: ['dup', '1.0.2'], timeCreatedMs: '1e12' },
      [`sha256:${'3'.repeat(64)}`]: { tag: ['dup'], timeCreatedMs: '1704067200000' },
    });
    expect([...times.keys()]).toEqual(['1.0.1']);
    expect(ignored).toBe(3);
    expect(timesFromManifestMap([]).times.size).toBe(0);
    expect(timesFromManifestMap('x').times.size).toBe(0);
  });
});

describe('every listing is re-checked', () => {
  test('times must be plausible, for listed tags, with real digests', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const warnings: string[] = [];
    const result = sanitiseTimedTags({
      tags: ['1.0.0', '1.0.1', '1.0.2', '1.0.3', 'bad tag', '1.0.0'],
      times: new Map([
        ['1.0.0', { created: new Date('2025-06-01T00:00:00Z'), digest: D1 }],
        ['1.0.1', { created: new Date('9999-01-01T00:00:00Z') }],
        ['1.0.2', { created: new Date(Number.NaN) }],
        ['1.0.3', { created: new Date('2025-06-02T00:00:00Z'), digest: 'md5:x' }],
        ['unlisted', { created: new Date('2025-06-01T00:00:00Z') }],
      ]),
    }, 'r/app', (m) => warnings.push(m), now);
    expect(result.tags).toEqual(['1.0.0', '1.0.1', '1.0.2', '1.0.3']);
    expect([...result.times]).toEqual([
      ['1.0.0', { created: new Date('2025-06-01T00:00:00Z'), digest: D1 }],
      ['1.0.3', { created: new Date('2025-06-02T00:00:00Z') }],
    ]);
    expect(warnings).toEqual([
      'r/app: ignored 1 invalid tag (e.g. "bad tag")',
      'r/app: ignored 3 listed creation times (unlisted tag, or not a plausible time)',
    ]);
  });
});

describe('Docker Hub tags API', () => {
  const page = (results: unknown[], next: string | null) => ({ count: results.length, next, previous: null, results });

  function context(pages: Record<string, { status?: number; body: unknown }>, maxPages = 10): { context: ListingContext; asked: string[] } {
    const asked: string[] = [];
    const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      asked.push(url);
      expect(new Headers(init?.headers).get('authorization')).toBeNull();
      const answer = pages[url] ?? { status: 404, body: { message: 'httperror 404: object not found' } };
      return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const transport = new Transport({ fetch: fetchImpl, retry: { attempts: 1 }, env: {} });
    return { asked, context: { transport, pullHeaders: async () => ({ authorization: 'Bearer registry-token' }), baseUrl: 'https://registry-1.docker.io', maxPages, env: {} } };
  }
  const first = 'https://hub.docker.com/v2/namespaces/library/repositories/nginx/tags?page_size=100';
  const second = 'https://hub.docker.com/v2/namespaces/library/repositories/nginx/tags?page=2&page_size=100';
  const ref = { host: 'registry-1.docker.io', repository: 'library/nginx' };

  test('applies to Docker Hub only', () => {
    expect(timedListingFor('registry-1.docker.io')).toBe(dockerHubListing);
    expect(timedListingFor('docker.io')).toBe(dockerHubListing);
    expect(timedListingFor('ghcr.io')).toBeUndefined();
  });

  test('follows next, anonymously, taking tag_last_pushed (else last_updated) and the digest', async () => {
    const { context: ctx, asked } = context({
      [first]: { body: page([{ name: '1.27', digest: D1, tag_last_pushed: '2025-02-01T10:00:00.123456Z', last_updated: '2025-03-01T00:00:00Z' }], second) },
      [second]: { body: page([{ name: '1.26', last_updated: '2025-01-01T00:00:00Z' }, { name: '1.25', tag_last_pushed: 'yesterday' }], null) },
    });
    const listed = await dockerHubListing.list(ref, ctx);
    expect(asked).toEqual([first, second]);
    expect(listed.tags).toEqual(['1.27', '1.26', '1.25']);
    expect([...listed.times]).toEqual([
      ['1.27', { created: new Date('2025-02-01T10:00:00.123Z'), digest: D1 }],
      ['1.26', { created: new Date('2025-01-01T00:00:00Z') }],
    ]);
    expect(hubTagTime({ tag_last_pushed: null, last_updated: null })).toBeUndefined();
  });

  test('refuses pagination that leaves the repository\'s tags, loops, or runs past the page cap', async () => {
    await expect(dockerHubListing.list(ref, context({ [first]: { body: page([{ name: 'a' }], 'https://evil.example/v2/namespaces/library/repositories/nginx/tags?page=2') } }).context))
      .rejects.toThrow(/pagination leaves the repository's tags \(https:\/\/evil\.example/);
    await expect(dockerHubListing.list(ref, context({ [first]: { body: page([{ name: 'a' }], 'https://hub.docker.com/v2/namespaces/acme/repositories/other/tags?page=2') } }).context))
      .rejects.toThrow(/pagination leaves/);
    await expect(dockerHubListing.list(ref, context({ [first]: { body: page([{ name: 'a' }], first) } }).context)).rejects.toThrow(/pagination loops/);
    await expect(dockerHubListing.list(ref, context({ [first]: { body: page([{ name: 'a' }], second) }, [second]: { body: page([{ name: 'b' }], `${second}&x=1`) } }, 2).context))
      .rejects.toThrow(/more than 2 pages/);
  });

  test('a private or unknown repository is unavailable (the client falls back); a malformed page is an error', async () => {
    await expect(dockerHubListing.list(ref, context({}).context)).rejects.toThrow(ListingUnavailableError);
    await expect(dockerHubListing.list({ ...ref, repository: 'a/b/c' }, context({}).context)).rejects.toThrow(ListingUnavailableError);
    await expect(dockerHubListing.list(ref, context({ [first]: { body: { results: 'nope' } } }).context)).rejects.toThrow(/not \{"results"/);
  });
});
