import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLockFile } from '../../src/lock/parse.js';
import { runUpgrades } from '../../src/upgrades/run.js';
import { createSources } from '../../src/upgrades/sources.js';
import type { UpgradeRow } from '../../src/upgrades/types.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { environmentsYaml, FIXED_NOW, imageRelease, load, makeDeployments, read, releasesYaml } from './fixture.js';

let reg: RunningRegistry;
const day = (d: string) => `${d}T12:00:00Z`;

beforeAll(async () => {
  reg = await startRegistry();
  const semverTags = [
    '1.2', '1.2.3', '1.2.4', '1.2.10', '1.3.0', '1.3.5', '1.4.0-rc.1', '1.4.0-rc.2', '1.5', '2.0.0', '2.1.0-beta.1',
    '3.0.0-rc.1', 'v1.2.0', 'v1.9.9', '1234567', '20240101', 'sha-abcdef1',
  ];
  for (const [i, tag] of semverTags.entries()) {
    await pushImage(reg, { repository: 'shop/app', tag, created: day(`2024-01-${String(i + 1).padStart(2, '0')}`), labels: { 'org.opencontainers.image.source': 'https://github.com/acme/app' } });
  }
  // `latest` is the newest push, on the 2.0.0 image's content but re-tagged later: a moving tag never wins.
  await pushImage(reg, { repository: 'shop/app', tag: 'latest', created: day('2024-12-31') });

  // Newest: builds named by date; a multi-arch index whose arm64 image is the newest of all.
  await pushImage(reg, { repository: 'shop/nightly', tag: 'v20240101-0900', created: day('2024-01-01') });
  await pushImage(reg, { repository: 'shop/nightly', tag: 'v20240310-0800', created: day('2024-03-10') });
  await pushImage(reg, {
    repository: 'shop/nightly', tag: 'v20240215-1000', created: day('2024-02-15'), format: 'index',
    platforms: [{ os: 'linux', architecture: 'amd64', created: day('2024-02-15') }, { os: 'linux', architecture: 'arm64', created: day('2024-03-15') }],
    labels: { 'org.opencontainers.image.source': 'https://github.com/acme/nightly' },
  });
  await pushImage(reg, { repository: 'shop/nightly', tag: ['latest', 'main'], created: day('2024-06-01') });
}, 120_000);

afterAll(async () => {
  await reg?.stop();
  await cleanupAll();
});

function deployments(): Promise<string> {
  const app = `${reg.host}/shop/app`;
  const nightly = `${reg.host}/shop/nightly`;
  return makeDeployments({
    'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
    'releases/prod.yaml': releasesYaml([
      imageRelease('patch', app, '1.2.3', 'PatchLevel'),
      imageRelease('minor', app, '1.2.3', 'MinorVersion'),
      imageRelease('major', app, '1.2.3', 'MajorVersion'),
      imageRelease('vprefix', app, 'v1.2.0', 'MinorVersion'),
      imageRelease('twoparts', app, '1.2', 'MinorVersion'),
      imageRelease('prerelease', app, '1.4.0-rc.1', 'MinorVersion'),
      imageRelease('top', app, '2.0.0', 'MajorVersion'),
      imageRelease('newest', nightly, 'v20240101-0900', 'Newest'),
    ]),
  });
}

const byRelease = (rows: UpgradeRow[]) => Object.fromEntries(rows.map((r) => [r.release, r]));

describe('tracks against a registry seeded with decoys', () => {
  it('picks exactly the expected tag per track, Newest by created (multi-arch index included)', async () => {
    const root = await deployments();
    const loaded = await load(root);
    const started = performance.now();
    const { rows } = await runUpgrades(loaded, { ...(await createSources()), write: 'lock', dryRun: true, now: FIXED_NOW });
    const rowsBy = byRelease(rows);
    const choice = (name: string) => rowsBy[name]?.decision === 'upgrade' ? rowsBy[name]!.candidate : rowsBy[name]?.decision;
    expect({
      patch: choice('patch'), minor: choice('minor'), major: choice('major'), vprefix: choice('vprefix'),
      twoparts: choice('twoparts'), prerelease: choice('prerelease'), top: choice('top'), newest: choice('newest'),
    }).toEqual({
      patch: '1.2.10', minor: '1.3.5', major: '2.0.0', vprefix: 'v1.9.9',
      twoparts: '1.5', prerelease: '1.4.0-rc.2', top: 'current', newest: 'v20240215-1000',
    });
    expect(rowsBy.patch!.sourceUrl).toBe('https://github.com/acme/app');
    expect(rowsBy.newest!.sourceUrl).toBe('https://github.com/acme/nightly');
    expect(rowsBy.newest!.created).toBe('2024-03-15T12:00:00.000Z');
    expect(rowsBy.patch!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    console.log(`tracks: ${rows.length} triggers checked in ${Math.round(performance.now() - started)} ms`);
  });

  it('writes a deterministic lock file, and a second run with nothing new changes no byte', async () => {
    const root = await deployments();
    const first = await runUpgrades(await load(root), { ...(await createSources()), write: 'lock', now: FIXED_NOW });
    expect(first.changed.map((c) => c.file)).toEqual(['locks/prod.yaml']);
    const text = await read(root, 'locks/prod.yaml');
    const { lock, problems } = parseLockFile(text, 'locks/prod.yaml');
    expect(problems).toEqual([]);
    const entry = lock!.entries.find((e) => e.release === 'patch')!;
    expect(entry).toMatchObject({ key: 'image.tag', value: '1.2.10', repository: `${reg.host}/shop/app`, track: 'PatchLevel', resolvedAt: '2026-01-02T03:04:05.000Z' });
    expect(text).toContain('value: "1.2.10"');
    const mtime = (await stat(join(root, 'locks/prod.yaml'))).mtimeMs;

    // A later clock: nothing new upstream, so nothing may change (resolvedAt included).
    const sources = await createSources();
    const second = await runUpgrades(await load(root), { ...sources, write: 'lock', now: () => new Date('2027-01-01T00:00:00Z') });
    expect(second.changed).toEqual([]);
    expect(second.rows.filter((r) => r.decision === 'upgrade')).toEqual([]);
    expect(await read(root, 'locks/prod.yaml')).toBe(text);
    expect((await stat(join(root, 'locks/prod.yaml'))).mtimeMs).toBe(mtime);
    // The lock remembers the Newest image's creation time, so its own config is not fetched again.
    const nightlyRow = second.rows.find((r) => r.release === 'newest')!;
    expect(nightlyRow.current).toBe('v20240215-1000');
    expect(nightlyRow.decision).toBe('current');
  });
});
