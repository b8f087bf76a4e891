/**
 * Writes images straight into a CNCF distribution filesystem storage root (the folder `startRegistry({ storageDir })`
 * serves), the same blobs and manifests images.ts pushes over HTTP, in the layout the registry itself writes:
 *
 *   docker/registry/v2/blobs/sha256/<2 hex>/<hex>/data                       blob and manifest bytes
 *   docker/registry/v2/repositories/<repo>/_layers/sha256/<hex>/link          config and layer blobs of the repository
 *   docker/registry/v2/repositories/<repo>/_manifests/revisions/sha256/<hex>/link
 *   docker/registry/v2/repositories/<repo>/_manifests/tags/<tag>/current/link
 *   docker/registry/v2/repositories/<repo>/_manifests/tags/<tag>/index/sha256/<hex>/link
 *
 * A link file holds `sha256:<hex>` without a newline. Seeding 60,000 tags this way takes seconds instead of the
 * quarter of an hour it takes through the registry (which fsyncs every blob and verifies every manifest).
 * Synchronous file calls on purpose: one small file after another is several times faster than queueing them on
 * libuv's thread pool; writeImages yields to the event loop between batches.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildImage, type Blob, type ImageSpec } from './images.js';

export interface StorageWriter {
  /** The storage root (`storage.filesystem.rootdirectory` of the registry's config). */
  readonly root: string;
  /** Writes one image (blobs, manifests, links, tags) and returns the digest its tags point at. */
  writeImage(img: ImageSpec): { digest: string };
}

/** A writer for `root` that remembers which blobs, links and folders it already wrote (one per seeding run). */
export function createStorageWriter(root: string): StorageWriter {
  const v2 = join(root, 'docker', 'registry', 'v2');
  const madeDirs = new Set<string>();
  const written = new Set<string>();
  mkdirSync(v2, { recursive: true });
  for (let dir = v2; !madeDirs.has(dir); dir = dirname(dir)) madeDirs.add(dir);

  // One mkdir per new folder, parents first (a recursive mkdir costs failed attempts and stats on every call).
  const ensureDir = (dir: string): void => {
    if (madeDirs.has(dir)) return;
    ensureDir(dirname(dir));
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    madeDirs.add(dir);
  };
  const writeOnce = (dir: string, file: string, content: Buffer | string): void => {
    const path = join(dir, file);
    if (written.has(path)) return;
    ensureDir(dir);
    writeFileSync(path, content);
    written.add(path);
  };
  const hexOf = (digest: string): string => {
    if (!digest.startsWith('sha256:')) throw new Error(`not a sha256 digest: ${digest}`);
    return digest.slice('sha256:'.length);
  };
  const storeBlob = (content: Blob): string => {
    const hex = hexOf(content.digest);
    writeOnce(join(v2, 'blobs', 'sha256', hex.slice(0, 2), hex), 'data', content.bytes);
    return hex;
  };

  return {
    root,
    writeImage(img) {
      const built = buildImage(img);
      const repository = join(v2, 'repositories', ...validRepository(img.repository).split('/'));
      for (const content of [built.layer, ...built.configs]) {
        const hex = storeBlob(content);
        writeOnce(join(repository, '_layers', 'sha256', hex), 'link', content.digest);
      }
      for (const manifest of [...built.platformManifests, built.top]) {
        const hex = storeBlob(manifest);
        writeOnce(join(repository, '_manifests', 'revisions', 'sha256', hex), 'link', manifest.digest);
      }
      const topHex = hexOf(built.top.digest);
      for (const tag of built.tags) {
        const tagDir = join(repository, '_manifests', 'tags', validTag(tag));
        // `current` moves when a tag is written again; the registry keeps every revision a tag had in its index.
        const current = join(tagDir, 'current');
        ensureDir(current);
        writeFileSync(join(current, 'link'), built.top.digest);
        writeOnce(join(tagDir, 'index', 'sha256', topHex), 'link', built.top.digest);
      }
      return { digest: built.top.digest };
    },
  };
}

/** Writes many images into the storage root `root`, yielding to the event loop every `batch` images. */
export async function writeImages(root: string, images: ImageSpec[], opts: { batch?: number } = {}): Promise<{ digest: string }[]> {
  const writer = createStorageWriter(root);
  const batch = opts.batch ?? 200;
  const results: { digest: string }[] = [];
  for (let i = 0; i < images.length; i++) {
    results.push(writer.writeImage(images[i]!));
    if ((i + 1) % batch === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

// The distribution spec's grammar, so a bad name fails here rather than as a folder the registry never lists.
const REPOSITORY_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

function validRepository(name: string): string {
  if (!REPOSITORY_NAME.test(name)) throw new Error(`invalid repository name: ${name}`);
  return name;
}

function validTag(tag: string): string {
  if (!TAG_NAME.test(tag)) throw new Error(`invalid tag: ${tag}`);
  return tag;
}
