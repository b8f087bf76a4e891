import { describe, expect, test } from 'vitest';
import type { LockFile } from '../lock/types.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import { planLockFiles } from './lock-plan.js';
import type { UpgradeRow } from './types.js';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const base: LockFile = {
  environment: 'prod',
  entries: [
    { release: 'api', key: 'image.tag', value: '2.0.0', digest: OLD, resolvedAt: '2026-01-05T00:00:00Z', since: '2026-01-01T00:00:00Z' },
    { release: 'old', key: 'image.tag', value: '0.9.0', resolvedAt: '2026-01-05T00:00:00Z', hold: true },
    { release: 'web', key: 'image.tag', value: '1.0.0', resolvedAt: '2026-01-05T00:00:00Z', since: '2026-01-01T00:00:00Z' },
  ],
};
const loaded = {
  repo: { environments: [{ name: 'prod', lockFile: 'locks/prod.yaml', releases: ['api', 'old', 'web'].map((name) => ({ name })) }] },
  lock: () => base,
} as unknown as LoadedRepo;
const row = (release: string, candidate: string, extra: Partial<UpgradeRow> = {}): UpgradeRow => ({
  environment: 'prod', release, file: 'releases/prod.yaml', kind: 'image', key: 'image.tag', current: '', candidate, decision: 'upgrade', reason: '', track: 'Newest', repository: 'r.test/x', ...extra,
});

describe('lock plan: since and hold', () => {
  test('a new value starts `since` now; a digest update keeps it; a held entry is kept as it is', () => {
    const [plan] = planLockFiles(loaded, [row('web', '1.1.0'), row('api', '2.0.0', { change: 'digest', digest: NEW, previousDigest: OLD })], { now: NOW });
    const byRelease = Object.fromEntries(plan!.lock.entries.map((e) => [e.release, e]));
    expect(byRelease['web']).toMatchObject({ value: '1.1.0', resolvedAt: NOW.toISOString(), since: NOW.toISOString() });
    expect(byRelease['api']).toMatchObject({ value: '2.0.0', digest: NEW, resolvedAt: NOW.toISOString(), since: '2026-01-01T00:00:00Z' });
    expect(byRelease['old']).toEqual(base.entries[1]);
  });

  test('an entry written before `since` existed takes its resolvedAt as since when the value stays', () => {
    const [plan] = planLockFiles(loaded, [row('old', '0.9.0', { change: 'digest', digest: NEW })], { now: NOW });
    expect(plan!.lock.entries.find((e) => e.release === 'old')).toMatchObject({ since: '2026-01-05T00:00:00Z', digest: NEW });
  });
});
