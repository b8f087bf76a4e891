import { afterAll, describe, expect, it } from 'vitest';
import { pushImage, pushImages } from './images.js';
import { cleanupAll, runningProcesses } from './process.js';
import { startFaultProxy } from './proxies.js';
import { MEDIA_TYPES } from './registry-client.js';
import { listTags, registryClient, type RunningRegistry } from './registry.js';
import { useRegistry } from './use-registry.js';

const reg = useRegistry('basic');

afterAll(async () => {
  await cleanupAll();
  expect(runningProcesses()).toEqual([]);
});

const labels = { 'org.opencontainers.image.source': 'https://example.invalid/team/app' };

describe.each([
  { format: 'docker' as const, manifestType: MEDIA_TYPES.dockerManifest, configType: MEDIA_TYPES.dockerConfig, layerType: MEDIA_TYPES.dockerLayer },
  { format: 'oci' as const, manifestType: MEDIA_TYPES.ociManifest, configType: MEDIA_TYPES.ociConfig, layerType: MEDIA_TYPES.ociLayer },
])('a $format image', ({ format, manifestType, configType, layerType }) => {
  it('comes back with its media types, created time and labels', async () => {
    const repository = `team/${format}`;
    const { digest } = await pushImage(reg, { repository, tag: ['2.0.0', 'latest'], created: '2023-11-14T22:13:20Z', format, labels });
    const client = registryClient(reg);
    const manifest = await client.getManifest(repository, '2.0.0');
    expect(manifest.mediaType).toBe(manifestType);
    expect(manifest.digest).toBe(digest);
    expect((await client.getManifest(repository, 'latest')).digest).toBe(digest);
    const body = manifest.body as { config: { mediaType: string; digest: string }; layers: { mediaType: string }[] };
    expect(body.config.mediaType).toBe(configType);
    expect(body.layers.map((l) => l.mediaType)).toEqual([layerType]);
    const config = (await client.getBlobJson(repository, body.config.digest)) as { created: string; os: string; architecture: string; config: { Labels: Record<string, string> } };
    expect(config.created).toBe('2023-11-14T22:13:20Z');
    expect(config.config.Labels).toEqual(labels);
    expect([config.os, config.architecture]).toEqual(['linux', 'amd64']);
    expect((await listTags(reg, repository)).sort()).toEqual(['2.0.0', 'latest']);
  });
});

it('a multi-arch OCI index lists one manifest per platform, each with its own created time', async () => {
  const platforms = [
    { os: 'linux', architecture: 'amd64', created: '2024-02-01T10:00:00Z' },
    { os: 'linux', architecture: 'arm64', created: '2024-02-01T12:30:00Z' },
    { os: 'linux', architecture: 's390x', created: '2024-01-31T08:00:00Z' },
  ];
  const { digest } = await pushImage(reg, { repository: 'team/multi', tag: 'v3.1.0', created: '2024-02-01T12:30:00Z', format: 'index', platforms, labels });
  const client = registryClient(reg);
  const index = await client.getManifest('team/multi', 'v3.1.0');
  expect(index.mediaType).toBe(MEDIA_TYPES.ociIndex);
  expect(index.digest).toBe(digest);
  const entries = (index.body as { manifests: { mediaType: string; digest: string; platform: { os: string; architecture: string } }[] }).manifests;
  expect(entries.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64', 's390x']);
  for (const [i, entry] of entries.entries()) {
    expect(entry.mediaType).toBe(MEDIA_TYPES.ociManifest);
    const manifest = await client.getManifest('team/multi', entry.digest);
    expect(manifest.mediaType).toBe(MEDIA_TYPES.ociManifest);
    const config = (await client.getBlobJson('team/multi', (manifest.body as { config: { digest: string } }).config.digest)) as { created: string; architecture: string; config: { Labels: Record<string, string> } };
    expect(config.created).toBe(platforms[i]!.created);
    expect(config.architecture).toBe(platforms[i]!.architecture);
    expect(config.config.Labels).toEqual(labels);
  }
});

it('seeds many tags fast, sending the shared layer once per repository', async () => {
  const counter = await startFaultProxy(reg.url, []);
  try {
    const viaProxy: RunningRegistry = { ...reg, host: counter.host, url: counter.url };
    const count = 60;
    const images = Array.from({ length: count }, (_, i) => ({
      repository: 'team/many', tag: `1.0.${i}`, created: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
    }));
    const started = performance.now();
    await pushImages(viaProxy, images, { concurrency: 8 });
    const ms = performance.now() - started;
    console.log(`seeded ${count} tags in ${Math.round(ms)} ms (${Math.round((count * 1000) / ms)} tags/s)`);
    expect((await listTags(reg, 'team/many')).length).toBe(count);
    const uploads = counter.requests.filter((r) => r.method === 'POST' && r.path.includes('/blobs/uploads/'));
    const layerChecks = counter.requests.filter((r) => r.method === 'HEAD');
    // one config blob per tag, plus the shared layer once: the workers wait for its one check and upload
    expect(uploads.length).toBe(count + 1);
    expect(layerChecks.length).toBe(1);
    expect(counter.requests.filter((r) => r.status === 401).map((r) => r.path)).toEqual(['/v2/']);
    expect(counter.requests.every((r) => r.status === 401 || (r.status >= 200 && r.status < 300) || r.status === 404)).toBe(true);
  } finally {
    await counter.stop();
  }
});

it('twenty first pushes to a new repository at once all land, the shared layer uploaded once', async () => {
  const counter = await startFaultProxy(reg.url, []);
  try {
    const viaProxy: RunningRegistry = { ...reg, host: counter.host, url: counter.url };
    const count = 20;
    const images = Array.from({ length: count }, (_, i) => ({
      repository: 'team/concurrent', tag: `2.0.${i}`, created: new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString(),
    }));
    const results = await pushImages(viaProxy, images, { concurrency: count });
    expect(new Set(results.map((r) => r.digest)).size).toBe(count);
    expect((await listTags(reg, 'team/concurrent')).sort()).toEqual(images.map((i) => i.tag).sort());
    const client = registryClient(reg);
    for (const [i, image] of images.entries()) expect((await client.getManifest(image.repository, image.tag)).digest).toBe(results[i]!.digest);
    const layerPuts = counter.requests.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'));
    expect(layerPuts.length).toBe(count + 1);
    expect(counter.requests.filter((r) => r.method === 'HEAD').length).toBe(1);
  } finally {
    await counter.stop();
  }
});
