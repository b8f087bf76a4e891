import { constants } from 'node:fs';
import { access, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, pushImage, type ImageSpec } from './images.js';
import { cleanupAll, makeTempDir, runningProcesses } from './process.js';
import { ALL_MANIFEST_TYPES, MEDIA_TYPES } from './registry-client.js';
import { createStorageWriter, writeImages } from './registry-storage.js';
import { listTags, registryClient, startRegistry, type RunningRegistry } from './registry.js';

const labels = { 'org.opencontainers.image.source': 'https://example.invalid/team/app' };
const platforms = [
  { os: 'linux', architecture: 'amd64', created: '2024-02-01T10:00:00Z' },
  { os: 'linux', architecture: 'arm64', created: '2024-02-01T12:30:00Z' },
];
const seeded: Record<'docker' | 'oci' | 'index', ImageSpec> = {
  docker: { repository: 'team/docker', tag: ['1.0.0', 'stable'], created: '2023-11-14T22:13:20Z', format: 'docker', labels },
  oci: { repository: 'team/oci', tag: '2.0.0', created: '2023-12-01T08:00:00Z', format: 'oci', labels: { team: 'oci' } },
  index: { repository: 'team/multi', tag: 'v3.1.0', created: '2024-02-01T12:30:00Z', format: 'index', platforms, labels },
};
const retagged: ImageSpec[] = [
  { repository: 'team/moving', tag: 'latest', created: '2024-01-01T00:00:00Z' },
  { repository: 'team/moving', tag: ['latest', '1.1.0'], created: '2024-03-01T00:00:00Z' },
];

// tmpfs when there is one: the big seeding below is 360,000 small files, which a disk takes minutes to delete.
const parent = await access('/dev/shm', constants.W_OK).then(() => '/dev/shm', () => undefined);
let storage: string;
let reg: RunningRegistry;
const written = new Map<ImageSpec, string>();

beforeAll(async () => {
  storage = await makeTempDir('storage-test', parent);
  const writer = createStorageWriter(storage);
  for (const spec of [...Object.values(seeded), ...retagged]) written.set(spec, writer.writeImage(spec).digest);
  reg = await startRegistry({ auth: 'token', storageDir: storage });
});

afterAll(async () => {
  await reg?.stop();
  await cleanupAll();
  expect(runningProcesses()).toEqual([]);
});

/** The raw response for a manifest, as the registry serves it for `accept`. */
async function rawManifest(repository: string, reference: string, accept: string[]) {
  const response = await registryClient(reg).request(`/v2/${repository}/manifests/${reference}`, {
    headers: accept.length ? { accept: accept.join(', ') } : {}, scope: `repository:${repository}:pull`,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, mediaType: response.headers.get('content-type'), digest: response.headers.get('docker-content-digest'), bytes };
}

describe.each([
  { format: 'docker' as const, manifestType: MEDIA_TYPES.dockerManifest, configType: MEDIA_TYPES.dockerConfig },
  { format: 'oci' as const, manifestType: MEDIA_TYPES.ociManifest, configType: MEDIA_TYPES.ociConfig },
])('a $format image written into storage', ({ format, manifestType, configType }) => {
  const spec = seeded[format];
  const tags = Array.isArray(spec.tag) ? spec.tag : [spec.tag];

  it('lists its tags, and every tag serves the bytes images.ts would push, under its digest', async () => {
    expect((await listTags(reg, spec.repository)).sort()).toEqual([...tags].sort());
    const expected = buildImage(spec).top;
    for (const tag of tags) {
      for (const accept of [ALL_MANIFEST_TYPES, [manifestType]]) {
        const served = await rawManifest(spec.repository, tag, accept);
        expect(served.status).toBe(200);
        expect(served.mediaType).toBe(manifestType);
        expect(served.digest).toBe(written.get(spec));
        expect(served.digest).toBe(expected.digest);
        expect(served.bytes.equals(expected.bytes)).toBe(true);
      }
    }
  });

  it('resolves by digest, and its config blob reads back created time and labels', async () => {
    const client = registryClient(reg);
    const manifest = await client.getManifest(spec.repository, written.get(spec)!);
    expect(manifest.mediaType).toBe(manifestType);
    const body = manifest.body as { config: { mediaType: string; digest: string }; layers: { digest: string }[] };
    expect(body.config.mediaType).toBe(configType);
    const config = (await client.getBlobJson(spec.repository, body.config.digest)) as { created: string; os: string; architecture: string; config: { Labels: Record<string, string> } };
    expect(config.created).toBe(spec.created);
    expect(config.config.Labels).toEqual(spec.labels);
    expect([config.os, config.architecture]).toEqual(['linux', 'amd64']);
    const layer = await client.request(`/v2/${spec.repository}/blobs/${body.layers[0]!.digest}`, { method: 'HEAD', scope: `repository:${spec.repository}:pull` });
    expect(layer.status).toBe(200);
  });
});

it('a Docker manifest asked for without an Accept header is down-converted to schema 1 from the stored blobs', async () => {
  const served = await rawManifest('team/docker', '1.0.0', []);
  expect(served.status).toBe(200);
  const body = JSON.parse(served.bytes.toString()) as { schemaVersion: number; tag: string; history: unknown[] };
  expect(body.schemaVersion).toBe(1);
  expect(body.tag).toBe('1.0.0');
  expect(body.history).toHaveLength(1);
});

it('an OCI index serves its platform manifests by digest, each with its own created time', async () => {
  const spec = seeded.index;
  const client = registryClient(reg);
  const index = await client.getManifest(spec.repository, 'v3.1.0');
  expect(index.mediaType).toBe(MEDIA_TYPES.ociIndex);
  expect(index.digest).toBe(written.get(spec));
  const served = await rawManifest(spec.repository, 'v3.1.0', [MEDIA_TYPES.ociIndex]);
  expect(served.bytes.equals(buildImage(spec).top.bytes)).toBe(true);
  const entries = (index.body as { manifests: { digest: string; mediaType: string; platform: { architecture: string } }[] }).manifests;
  expect(entries.map((e) => e.platform.architecture)).toEqual(['amd64', 'arm64']);
  for (const [i, entry] of entries.entries()) {
    const manifest = await client.getManifest(spec.repository, entry.digest);
    expect(manifest.mediaType).toBe(MEDIA_TYPES.ociManifest);
    expect(manifest.digest).toBe(entry.digest);
    const config = (await client.getBlobJson(spec.repository, (manifest.body as { config: { digest: string } }).config.digest)) as { created: string; architecture: string; config: { Labels: Record<string, string> } };
    expect(config.created).toBe(platforms[i]!.created);
    expect(config.architecture).toBe(platforms[i]!.architecture);
    expect(config.config.Labels).toEqual(labels);
  }
  expect(await listTags(reg, spec.repository)).toEqual(['v3.1.0']);
});

it('a tag written again points at the newer image', async () => {
  const client = registryClient(reg);
  expect((await listTags(reg, 'team/moving')).sort()).toEqual(['1.1.0', 'latest']);
  expect((await client.getManifest('team/moving', 'latest')).digest).toBe(written.get(retagged[1]!));
  expect(written.get(retagged[0]!)).not.toBe(written.get(retagged[1]!));
});

it('takes HTTP pushes afterwards, into a seeded repository and a new one, with the same digests', async () => {
  const more: ImageSpec = { ...seeded.docker, tag: '1.0.1', created: '2023-11-15T00:00:00Z' };
  const { digest } = await pushImage(reg, more);
  expect(digest).toBe(buildImage(more).top.digest);
  expect((await listTags(reg, 'team/docker')).sort()).toEqual(['1.0.0', '1.0.1', 'stable']);

  // The same spec pushed into a new repository gets the digest the storage writer gave it.
  const { digest: pushedIndex } = await pushImage(reg, { ...seeded.index, repository: 'team/multi-pushed' });
  expect(pushedIndex).toBe(written.get(seeded.index));
  expect((await registryClient(reg).getManifest('team/multi-pushed', 'v3.1.0')).digest).toBe(pushedIndex);
});

it('rejects names the registry would never list', () => {
  const writer = createStorageWriter(storage);
  expect(() => writer.writeImage({ repository: 'Team/App', tag: '1', created: '2024-01-01T00:00:00Z' })).toThrow(/invalid repository/);
  expect(() => writer.writeImage({ repository: 'team/app', tag: '../1', created: '2024-01-01T00:00:00Z' })).toThrow(/invalid tag/);
});

// The benchmarks seed 200 × 300 this way on every run; the suite checks a quarter of that to stay quick.
it('writes 50 repositories × 300 tags fast, and the registry serves them', async () => {
  const repositories = 50;
  const tagsPerRepository = 300;
  const images: ImageSpec[] = [];
  for (let r = 0; r < repositories; r++) {
    for (let t = 0; t < tagsPerRepository; t++) {
      images.push({
        repository: `bench/app-${r}`, tag: `${1 + Math.floor(t / 100)}.${Math.floor(t / 10) % 10}.${t % 10}`,
        created: new Date(Date.UTC(2025, 0, 1) + t * 3_600_000 + r * 1000).toISOString(), labels: { app: `app-${r}` },
      });
    }
  }
  const big = await makeTempDir('storage-big', parent);
  try {
    const started = performance.now();
    const digests = await writeImages(big, images);
    const ms = performance.now() - started;
    console.log(`wrote ${repositories} × ${tagsPerRepository} = ${images.length} tags into registry storage in ${(ms / 1000).toFixed(1)} s (${Math.round(images.length / (ms / 1000))} tags/s)`);
    expect(new Set(digests.map((d) => d.digest)).size).toBe(images.length);
    const served = await startRegistry({ storageDir: big });
    try {
      for (const r of [0, 17, 49]) {
        expect((await listTags(served, `bench/app-${r}`)).length).toBe(tagsPerRepository);
        const last = images[r * tagsPerRepository + tagsPerRepository - 1]!;
        const manifest = await registryClient(served).getManifest(last.repository, '3.9.9');
        expect(manifest.digest).toBe(digests[r * tagsPerRepository + tagsPerRepository - 1]!.digest);
        const config = (await registryClient(served).getBlobJson(last.repository, (manifest.body as { config: { digest: string } }).config.digest)) as { created: string };
        expect(config.created).toBe(last.created);
      }
    } finally {
      await served.stop();
    }
  } finally {
    await rm(big, { recursive: true, force: true });
  }
});
