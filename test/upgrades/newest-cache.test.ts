import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUpgrades } from '../../src/upgrades/run.js';
import { createSources } from '../../src/upgrades/sources.js';
import type { UpgradeRow } from '../../src/upgrades/types.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startFaultProxy, type ProxiedRequest, type RunningProxy } from '../harness/proxies.js';
import { plainLogger } from '../../src/log/plain.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { environmentsYaml, FIXED_NOW, imageRelease, load, makeDeployments, releasesYaml } from './fixture.js';

// The engine talks to the registry through a pass-through proxy that records every request, so each run's
// manifest and config-blob fetches can be counted.
let reg: RunningRegistry;
let proxy: RunningProxy;
const day = (n: number) => `2024-01-${String(n).padStart(2, '0')}T12:00:00Z`;
const INITIAL = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];

beforeAll(async () => {
  reg = await startRegistry();
  proxy = await startFaultProxy(reg.url, []);
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await reg?.stop();
  await cleanupAll();
});

interface Counts { manifestGets: number; manifestHeads: number; blobGets: number; tagLists: number }

function count(requests: ProxiedRequest[], repository: string): Counts {
  const of = (method: string, part: string) => requests.filter((r) => r.method === method && r.path.startsWith(`/v2/${repository}/${part}`)).length;
  return { manifestGets: of('GET', 'manifests/'), manifestHeads: of('HEAD', 'manifests/'), blobGets: of('GET', 'blobs/'), tagLists: of('GET', 'tags/list') };
}

/** One Newest run (dry: the release stays on its first tag), with the requests it made. */
async function newestRun(root: string, cacheDir: string | undefined, repository: string, warnings: string[] = []): Promise<{ row: UpgradeRow; counts: Counts }> {
  const before = proxy.requests.length;
  const { rows } = await runUpgrades(await load(root), {
    ...(await createSources()),
    write: 'lock',
    dryRun: true,
    now: FIXED_NOW,
    ...(cacheDir ? { cacheDir } : {}),
    logger: { ...plainLogger(() => undefined), warning: (message: string) => { warnings.push(message); } },
  });
  expect(rows).toHaveLength(1);
  return { row: rows[0]!, counts: count(proxy.requests.slice(before), repository) };
}

async function seed(repository: string): Promise<string> {
  for (const [i, tag] of INITIAL.entries()) await pushImage(reg, { repository, tag, created: day(i + 1), labels: { 'org.opencontainers.image.source': `https://github.com/acme/${tag}` } });
  // A moving tag on the newest image of all: never a candidate, never cached.
  await pushImage(reg, { repository, tag: ['latest', 'main'], created: day(20) });
  return makeDeployments({
    'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
    'releases/prod.yaml': releasesYaml([imageRelease('app', `${proxy.host}/${repository}`, 'b1', 'Newest')]),
  });
}

async function cacheFiles(cacheDir: string): Promise<string[]> {
  return (await readdir(join(cacheDir, 'images'))).map((name) => join(cacheDir, 'images', name));
}

describe('Newest with the image metadata cache', () => {
  it('fetches every tag once, then only the new tag; verifies a remembered winner with one HEAD', async () => {
    const repository = 'cache/nightly';
    const root = await seed(repository);
    const cacheDir = await makeTempDir('kubecd-cache');

    const first = await newestRun(root, cacheDir, repository);
    expect(first.row).toMatchObject({ decision: 'upgrade', candidate: 'b6', sourceUrl: 'https://github.com/acme/b6' });
    expect(first.counts).toEqual({ manifestGets: INITIAL.length, manifestHeads: 0, blobGets: INITIAL.length, tagLists: 1 });
    const [file] = await cacheFiles(cacheDir);
    const stored = JSON.parse(await readFile(file!, 'utf8')) as { tags: Record<string, { digest: string; created: string }> };
    expect(Object.keys(stored.tags).sort()).toEqual(INITIAL);
    expect(stored.tags.b6!.created).toBe('2024-01-06T12:00:00.000Z');

    // Without the cache every run pays for every tag again (what the cache saves).
    const uncached = await newestRun(root, undefined, repository);
    expect(uncached.counts.blobGets).toBe(INITIAL.length);

    await pushImage(reg, { repository, tag: 'b7', created: day(7) });
    const second = await newestRun(root, cacheDir, repository);
    expect(second.row).toMatchObject({ decision: 'upgrade', candidate: 'b7' });
    expect(second.counts).toEqual({ manifestGets: 1, manifestHeads: 0, blobGets: 1, tagLists: 1 });

    // Nothing new: the winner comes from the cache and is checked with one HEAD, nothing else.
    const third = await newestRun(root, cacheDir, repository);
    expect(third.row).toMatchObject({ decision: 'upgrade', candidate: 'b7', created: '2024-01-07T12:00:00.000Z' });
    expect(third.row.digest).toBe(second.row.digest);
    expect(third.counts).toEqual({ manifestGets: 0, manifestHeads: 1, blobGets: 0, tagLists: 1 });

    // b7 re-pushed to a different image: the HEAD sees another digest, so it is fetched again.
    await pushImage(reg, { repository, tag: 'b7', created: day(8) });
    const fourth = await newestRun(root, cacheDir, repository);
    expect(fourth.row).toMatchObject({ decision: 'upgrade', candidate: 'b7', created: '2024-01-08T12:00:00.000Z' });
    expect(fourth.row.digest).not.toBe(third.row.digest);
    expect(fourth.counts).toEqual({ manifestGets: 1, manifestHeads: 1, blobGets: 1, tagLists: 1 });
    const fifth = await newestRun(root, cacheDir, repository);
    expect(fifth.row.digest).toBe(fourth.row.digest);
    expect(fifth.counts).toEqual({ manifestGets: 0, manifestHeads: 1, blobGets: 0, tagLists: 1 });

    console.log(`newest cache: first run ${first.counts.manifestGets} manifests + ${first.counts.blobGets} configs; ` +
      `one new tag ${second.counts.manifestGets} + ${second.counts.blobGets}; nothing new ${third.counts.manifestHeads} HEAD`);
  });

  it('survives a corrupt cache file: warns once, fetches everything, and rewrites it', async () => {
    const repository = 'cache/corrupt';
    const root = await seed(repository);
    const cacheDir = await makeTempDir('kubecd-cache');
    await newestRun(root, cacheDir, repository);
    const [file] = await cacheFiles(cacheDir);
    await writeFile(file!, '{"version": 1, "tags": {"b1": ');

    const warnings: string[] = [];
    const run = await newestRun(root, cacheDir, repository, warnings);
    expect(run.row).toMatchObject({ decision: 'upgrade', candidate: 'b6' });
    expect(run.counts.blobGets).toBe(INITIAL.length);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('corrupt');
    expect(Object.keys((JSON.parse(await readFile(file!, 'utf8')) as { tags: object }).tags).sort()).toEqual(INITIAL);

    const again = await newestRun(root, cacheDir, repository, warnings);
    expect(again.counts.blobGets).toBe(0);
    expect(warnings).toHaveLength(1);
  });

  it('never caches moving tags, and drops tags the registry no longer lists', async () => {
    const repository = 'cache/moving';
    const root = await seed(repository);
    const cacheDir = await makeTempDir('kubecd-cache');
    await newestRun(root, cacheDir, repository);
    const [file] = await cacheFiles(cacheDir);
    const stored = JSON.parse(await readFile(file!, 'utf8')) as { tags: Record<string, unknown> };
    expect(stored.tags).not.toHaveProperty('latest');
    expect(stored.tags).not.toHaveProperty('main');

    // A planted entry for a tag the registry does not list goes at the next run.
    stored.tags.gone = { digest: `sha256:${'0'.repeat(64)}`, created: '2030-01-01T00:00:00.000Z' };
    await writeFile(file!, JSON.stringify(stored));
    const run = await newestRun(root, cacheDir, repository);
    expect(run.row).toMatchObject({ decision: 'upgrade', candidate: 'b6' });
    expect(run.counts.blobGets).toBe(0);
    expect(Object.keys((JSON.parse(await readFile(file!, 'utf8')) as { tags: object }).tags).sort()).toEqual(INITIAL);
  });
});
