import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { newestCandidates } from '../../src/registry/newest.js';
import { parseImageReference } from '../../src/registry/reference.js';
import { chooseNewest, chooseSemver } from '../../src/versions/policy.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';

let reg: RunningRegistry;
const FAST_RETRY = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2_000 };

beforeAll(async () => {
  reg = await startRegistry();
  const semverTags = ['1.2.3', '1.2.4', '1.2.10', '1.3.0', '1.10.1', '2.0.0', '1.4.0-rc.1', '3.0.0-beta.1',
    'v1.2.99', 'v9.9.9', '1.2', '1.99', '1', '1234567', '20240101', 'sha-abc1234', 'main'];
  await pushImage(reg, { repository: 'decoys/app', tag: semverTags, created: '2024-01-01T00:00:00Z' });
  await pushImage(reg, { repository: 'newest/app', tag: 'v20240101-0900', created: '2024-01-01T09:00:00Z' });
  await pushImage(reg, { repository: 'newest/app', tag: 'v20240301-0900', created: '2024-03-12T09:00:00Z', format: 'oci' });
  // An older build pushed later under a newer-looking name: creation time, not the name, decides.
  await pushImage(reg, { repository: 'newest/app', tag: 'v20240401-0900', created: '2024-02-01T09:00:00Z' });
  await pushImage(reg, {
    repository: 'newest/app', tag: ['v20240315-1200', 'latest', 'stable'], created: '2024-01-15T00:00:00Z', format: 'index',
    platforms: [
      { os: 'linux', architecture: 'amd64', created: '2024-03-10T00:00:00Z' },
      { os: 'linux', architecture: 'arm64', created: '2024-03-15T12:00:00Z' },
    ],
  });
  await pushImage(reg, { repository: 'newest/app', tag: 'nightly', created: '2024-06-01T00:00:00Z' });
});

afterAll(async () => {
  await reg?.stop();
  await cleanupAll();
});

describe('tracks over a real registry seeded with decoys', () => {
  test.each([
    ['PatchLevel', '1.2.3', '1.2.10'],
    ['MinorVersion', '1.2.3', '1.10.1'],
    ['MajorVersion', '1.2.3', '2.0.0'],
    ['PatchLevel', 'v1.2.3', 'v1.2.99'],
    ['MajorVersion', 'v1.2.3', 'v9.9.9'],
    ['MinorVersion', '1.2', '1.99'],
    ['MajorVersion', '1', undefined],
  ] as const)('%s from %s → %s', async (track, current, expected) => {
    const tags = await new RegistryClient({ retry: FAST_RETRY }).listTags(`${reg.host}/decoys/app`);
    const decision = chooseSemver(current, tags, track);
    expect(decision.kind === 'upgrade' ? decision.tag : undefined).toBe(expected);
  });

  test('Newest follows the config created time, an index by its newest platform, never a moving tag', async () => {
    const client = new RegistryClient({ retry: FAST_RETRY });
    const repository = parseImageReference(`${reg.host}/newest/app`);
    const tags = await client.listTags(repository);
    const candidates = [...(await newestCandidates(client, repository, tags)).candidates.values()];
    expect(candidates.map((c) => c.tag).sort()).toEqual(['v20240101-0900', 'v20240301-0900', 'v20240315-1200', 'v20240401-0900']);
    expect(chooseNewest('v20240101-0900', candidates)).toMatchObject({ kind: 'upgrade', tag: 'v20240315-1200' });
    expect(chooseNewest('v20240315-1200', candidates).kind).toBe('current');
  });

  test('Newest fetches metadata only for tags whose creation time is not known', async () => {
    const client = new RegistryClient({ retry: FAST_RETRY });
    const repository = parseImageReference(`${reg.host}/newest/app`);
    const tags = await client.listTags(repository);
    const known = new Map([
      ['v20240101-0900', { created: new Date('2024-01-01T09:00:00Z') }],
      ['v20240401-0900', { created: new Date('2024-02-01T09:00:00Z') }],
    ]);
    const candidates = [...(await newestCandidates(client, repository, tags, { known: (tag) => known.get(tag) })).candidates.values()];
    expect(chooseNewest('v20240101-0900', candidates)).toMatchObject({ kind: 'upgrade', tag: 'v20240315-1200' });
    // v20240301-0900 (1 manifest) + v20240315-1200 (index + 2 platforms); nothing for known or moving tags.
    expect(client.stats.byKind.manifest).toBe(4);
    expect(client.stats.byKind.blob).toBe(3);
  });
});
