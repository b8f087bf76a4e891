import { describe, expect, test } from 'vitest';
import type { LockEntry } from '../lock/types.js';
import type { Environment, Promotion, Release } from '../model/types.js';
import type { RegistryClient } from '../registry/client.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import { checkPromotion } from './promotion.js';
import type { UpgradeRow } from './types.js';

const NOW = new Date('2026-03-02T00:00:00.000Z');
const DIGEST = `sha256:${'c'.repeat(64)}`;
const pos = { file: 'releases/prod.yaml', line: 1, column: 1 };
const job = { environment: { name: 'prod' } as Environment, release: { name: 'web' } as Release, key: 'image.tag', current: '1.2.0' };
const base: UpgradeRow = { environment: 'prod', release: 'web', file: 'releases/prod.yaml', kind: 'image', key: 'image.tag', current: '1.2.0', decision: 'skip', reason: '', track: 'Promote', repository: 'r.test/web' };
const registry = { getImageInfo: async () => ({ digest: DIGEST, mediaType: '', created: new Date('2026-02-01T00:00:00Z'), labels: {}, annotations: {}, platforms: [] }) } as unknown as RegistryClient;

function loadedWith(entry: Partial<LockEntry> | undefined): LoadedRepo {
  const entries = entry ? [{ release: 'web', key: 'image.tag', value: '1.3.0', resolvedAt: '2026-02-28T00:00:00Z', ...entry }] : [];
  return { lock: (name: string) => (name === 'staging' ? { environment: 'staging', entries } : undefined) } as unknown as LoadedRepo;
}
const promote = (extra: Partial<Promotion> = {}): Promotion => ({ from: 'staging', fromPos: pos, after: '24h', afterMs: 86_400_000, ...extra });
const decide = (entry: Partial<LockEntry> | undefined, p: Promotion, earlier: UpgradeRow[] = []) =>
  checkPromotion({ loaded: loadedWith(entry), registry, now: NOW }, job, p, { host: 'r.test', repository: 'web' }, base, earlier);

describe('track: Promote decisions', () => {
  test('promotes what `from` has held for at least `after`, measured from `since` (else resolvedAt)', async () => {
    expect(await decide({ since: '2026-02-28T12:00:00Z' }, promote())).toMatchObject({
      decision: 'upgrade', candidate: '1.3.0', digest: DIGEST, promotedFrom: 'staging', promotedSince: '2026-02-28T12:00:00Z', reason: 'promoted from staging, running there since 2026-02-28T12:00:00Z',
    });
    expect(await decide({}, promote())).toMatchObject({ decision: 'upgrade', promotedSince: '2026-02-28T00:00:00Z' });
  });

  test('waits for the soak time, keeps the semver bounds, and never passes on a held entry', async () => {
    expect(await decide({ since: '2026-03-01T12:00:00Z' }, promote())).toMatchObject({
      decision: 'current', reason: 'staging has run 1.3.0 since 2026-03-01T12:00:00Z; promoted after 24h, at 2026-03-02T12:00:00.000Z',
    });
    expect(await decide({}, promote({ within: 'PatchLevel' }))).toMatchObject({ decision: 'current', reason: 'staging runs 1.3.0, outside PatchLevel of 1.2.0' });
    expect(await decide({ hold: true, value: '1.0.0' }, promote({ afterMs: 0 }))).toMatchObject({ decision: 'current', reason: 'staging holds 1.0.0 in its lock file; a held entry is not promoted' });
    expect(await decide(undefined, promote())).toMatchObject({ decision: 'current', reason: 'staging has no lock entry for image.tag yet; nothing to promote' });
  });

  test("what `from` got earlier in this run counts from now; its digest-only update does not", async () => {
    const staging = { ...base, environment: 'staging', decision: 'upgrade' as const, candidate: '1.4.0' };
    expect(await decide({}, promote(), [staging])).toMatchObject({ decision: 'current', reason: expect.stringContaining(`staging has run 1.4.0 since ${NOW.toISOString()}`) });
    expect(await decide({}, promote({ afterMs: 0 }), [staging])).toMatchObject({ decision: 'upgrade', candidate: '1.4.0' });
    expect(await decide({}, promote(), [{ ...staging, candidate: '1.3.0', change: 'digest' }])).toMatchObject({ decision: 'upgrade', candidate: '1.3.0', promotedSince: '2026-02-28T00:00:00Z' });
  });
});
