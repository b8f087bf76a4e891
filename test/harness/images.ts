import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { MEDIA_TYPES, type RegistryClient } from './registry-client.js';
import { registryClient, type RunningRegistry } from './registry.js';

export interface Platform { os: string; architecture: string; created: string }

export interface ImageSpec {
  repository: string;
  /** One tag or several tags for the same manifest. */
  tag: string | string[];
  /** The config blob's `created` (RFC 3339); for an index, the default for platforms that give none. */
  created: string;
  /** `docker` = Docker v2 schema 2, `oci` = OCI image manifest, `index` = OCI index over per-platform manifests. */
  format?: 'docker' | 'oci' | 'index';
  /** For `index`: its platforms (default linux/amd64 and linux/arm64); otherwise the first one is used. */
  platforms?: Platform[];
  labels?: Record<string, string>;
}

export interface Blob { bytes: Buffer; digest: string }
export interface ManifestDocument extends Blob { mediaType: string }

/** Everything one image consists of, built in memory: what pushImage sends and writeImage (registry-storage.ts) stores. */
export interface BuiltImage {
  repository: string;
  tags: string[];
  /** The one small gzip tar layer every image shares. */
  layer: Blob;
  /** One config blob per platform. */
  configs: Blob[];
  /** For an index: its per-platform manifests (stored by digest, untagged); empty otherwise. */
  platformManifests: ManifestDocument[];
  /** The manifest or index the tags point at. */
  top: ManifestDocument;
}

let sharedLayer: { blob: Blob; diffId: string } | undefined;
/** Per registry, `repository@digest` -> the upload of that blob (memoised, so concurrent pushes send it once). */
const blobUploads = new WeakMap<RunningRegistry, Map<string, Promise<void>>>();

/** Builds an image's blobs and manifests; the same spec always gives the same bytes. */
export function buildImage(img: ImageSpec): BuiltImage {
  const format = img.format ?? 'docker';
  const tags = Array.isArray(img.tag) ? img.tag : [img.tag];
  const layer = testLayer();
  const configs: Blob[] = [];
  const platformManifests: ManifestDocument[] = [];
  const platformManifest = (manifestFormat: 'docker' | 'oci', platform: Platform): ManifestDocument => {
    const config = configBlob(img, platform, layer.diffId);
    configs.push(config);
    return imageManifest(manifestFormat, config, layer.blob);
  };
  let top: ManifestDocument;
  if (format === 'index') {
    const platforms = img.platforms ?? [
      { os: 'linux', architecture: 'amd64', created: img.created },
      { os: 'linux', architecture: 'arm64', created: img.created },
    ];
    const manifests = [];
    for (const platform of platforms) {
      const manifest = platformManifest('oci', platform);
      platformManifests.push(manifest);
      manifests.push({ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.length, platform: { os: platform.os, architecture: platform.architecture } });
    }
    top = document(MEDIA_TYPES.ociIndex, { schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests });
  } else {
    top = platformManifest(format, img.platforms?.[0] ?? { os: 'linux', architecture: 'amd64', created: img.created });
  }
  return { repository: img.repository, tags, layer: layer.blob, configs, platformManifests, top };
}

/** Pushes one image (config blob, one small shared layer, manifest or index) under each of its tags. */
export async function pushImage(reg: RunningRegistry, img: ImageSpec): Promise<{ digest: string }> {
  const client = registryClient(reg);
  const built = buildImage(img);
  await ensureBlob(reg, client, img.repository, built.layer, true);
  for (const config of built.configs) await ensureBlob(reg, client, img.repository, config, false);
  for (const manifest of built.platformManifests) await putManifest(client, img.repository, manifest.digest, manifest);
  for (const tag of built.tags) await putManifest(client, img.repository, tag, built.top);
  return { digest: built.top.digest };
}

/** Pushes many images, at most `concurrency` at a time (blobs already in a repository are not sent again). */
export async function pushImages(reg: RunningRegistry, images: ImageSpec[], opts: { concurrency?: number } = {}): Promise<{ digest: string }[]> {
  await registryClient(reg).discoverAuth();
  const results: { digest: string }[] = new Array(images.length);
  let next = 0;
  const worker = async () => {
    while (next < images.length) {
      const index = next++;
      results[index] = await pushImage(reg, images[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, images.length) }, worker));
  return results;
}

function configBlob(img: ImageSpec, platform: Platform, diffId: string): Blob {
  return blob(Buffer.from(JSON.stringify({
    created: platform.created,
    architecture: platform.architecture,
    os: platform.os,
    config: { Labels: img.labels ?? {}, Cmd: ['/kubecd-test.txt'] },
    rootfs: { type: 'layers', diff_ids: [diffId] },
    history: [{ created: platform.created, created_by: 'kubecd test harness' }],
  })));
}

function imageManifest(format: 'docker' | 'oci', config: Blob, layer: Blob): ManifestDocument {
  const types = format === 'docker'
    ? { manifest: MEDIA_TYPES.dockerManifest, config: MEDIA_TYPES.dockerConfig, layer: MEDIA_TYPES.dockerLayer }
    : { manifest: MEDIA_TYPES.ociManifest, config: MEDIA_TYPES.ociConfig, layer: MEDIA_TYPES.ociLayer };
  return document(types.manifest, {
    schemaVersion: 2,
    mediaType: types.manifest,
    config: { mediaType: types.config, digest: config.digest, size: config.bytes.length },
    layers: [{ mediaType: types.layer, digest: layer.digest, size: layer.bytes.length }],
  });
}

function document(mediaType: string, body: object): ManifestDocument {
  const bytes = Buffer.from(JSON.stringify(body));
  return { bytes, digest: sha256(bytes), mediaType };
}

async function putManifest(client: RegistryClient, repository: string, reference: string, manifest: { bytes: Buffer; mediaType: string }): Promise<void> {
  const response = await client.request(`/v2/${repository}/manifests/${reference}`, {
    method: 'PUT', headers: { 'content-type': manifest.mediaType }, body: manifest.bytes, scope: `repository:${repository}:pull,push`,
  });
  if (response.status !== 201) throw new Error(`PUT manifest ${repository}:${reference}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

/**
 * Uploads a blob unless this process already has (or, with `check`, a HEAD says the repository has it). The upload
 * is memoised per repository and digest: concurrent first pushes to a repository all wait for one upload of the
 * shared layer, instead of uploading it side by side — the registry rewrites the repository's link file on each
 * commit, and a manifest PUT that reads it mid-rewrite fails with DIGEST_INVALID / MANIFEST_BLOB_UNKNOWN.
 */
function ensureBlob(reg: RunningRegistry, client: RegistryClient, repository: string, content: Blob, check: boolean): Promise<void> {
  let uploads = blobUploads.get(reg);
  if (!uploads) blobUploads.set(reg, (uploads = new Map()));
  const key = `${repository}@${content.digest}`;
  let upload = uploads.get(key);
  if (!upload) {
    upload = uploadBlob(client, repository, content, check);
    uploads.set(key, upload);
    // A failed upload is forgotten, so a later push tries again.
    upload.catch(() => { if (uploads.get(key) === upload) uploads.delete(key); });
  }
  return upload;
}

async function uploadBlob(client: RegistryClient, repository: string, content: Blob, check: boolean): Promise<void> {
  const scope = `repository:${repository}:pull,push`;
  if (check) {
    const head = await client.request(`/v2/${repository}/blobs/${content.digest}`, { method: 'HEAD', scope });
    await head.arrayBuffer();
    if (head.ok) return;
  }
  const start = await client.request(`/v2/${repository}/blobs/uploads/`, { method: 'POST', scope });
  await start.arrayBuffer();
  const location = start.headers.get('location');
  if (start.status !== 202 || !location) throw new Error(`POST blob upload ${repository}: ${start.status}`);
  const target = new URL(location, client.baseUrl);
  target.searchParams.set('digest', content.digest);
  const put = await client.request(`${target.pathname}${target.search}`, {
    method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: content.bytes, scope,
  });
  if (put.status !== 201) throw new Error(`PUT blob ${repository}@${content.digest}: ${put.status} ${await put.text()}`);
  await put.arrayBuffer();
}

function blob(bytes: Buffer): Blob {
  return { bytes, digest: sha256(bytes) };
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** One gzip tar layer holding one small file; the same bytes for every image, so it is uploaded once per repository. */
function testLayer(): { blob: Blob; diffId: string } {
  if (!sharedLayer) {
    const tar = tarWithOneFile('kubecd-test.txt', Buffer.from('a layer pushed by the kubecd test harness\n'));
    sharedLayer = { blob: blob(gzipSync(tar)), diffId: sha256(tar) };
  }
  return sharedLayer;
}

function tarWithOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  field(0, 100, name);
  field(100, 8, '0000644\0');
  field(108, 8, '0000000\0');
  field(116, 8, '0000000\0');
  field(124, 12, `${content.length.toString(8).padStart(11, '0')}\0`);
  field(136, 12, '00000000000\0');
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let checksum = 0;
  for (const byte of header) checksum += byte;
  field(148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}
