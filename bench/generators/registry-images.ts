/**
 * The image set of the upgrade benchmarks (R repositories × 300 tags) and a registry that serves it.
 *
 * The storage is written straight into a registry storage folder by the harness's registry-storage.ts (the same
 * manifests and blobs pushImages would send), on tmpfs: 60,000 tags take ~11 s there, against ~16 minutes through
 * the registry's HTTP API. It is seeded once per bench process, shared by the benchmarks that serve the same set,
 * and removed at the end of the run (no cache on disk: 360,000 small files cost more to copy or delete on a disk
 * than to write again). Serving uses token auth, as hosted registries do.
 */
import { constants } from 'node:fs';
import { access, rm } from 'node:fs/promises';
import type { ImageSpec } from '../../test/harness/images.js';
import { makeTempDir } from '../../test/harness/process.js';
import { startRegistry } from '../../test/harness/registry.js';
import { writeImages } from '../../test/harness/registry-storage.js';
import type { RunningTokenServer } from '../../test/harness/token-server.js';
import { onShutdown } from '../lib/cleanup.js';
import { repositoryPath } from './deployments-repo.js';

export interface ImageSetSpec {
  repositories: number;
}

/** 300 tags: M.m.p for M 1..3, m 0..9, p 0..9, created in version order (so Newest and semver agree). */
export function tagsOf(): { tag: string; order: number }[] {
  const tags: { tag: string; order: number }[] = [];
  for (let major = 1; major <= 3; major++) for (let minor = 0; minor <= 9; minor++) for (let patch = 0; patch <= 9; patch++) {
    tags.push({ tag: `${major}.${minor}.${patch}`, order: (major - 1) * 100 + minor * 10 + patch });
  }
  return tags;
}

export const TAGS_PER_REPOSITORY = tagsOf().length;
export const NEWEST_TAG = '3.9.9';

export function createdOf(repository: number, order: number): string {
  return new Date(Date.UTC(2025, 0, 1) + order * 3_600_000 + repository * 1000).toISOString();
}

function images(spec: ImageSetSpec): ImageSpec[] {
  const out: ImageSpec[] = [];
  for (let i = 0; i < spec.repositories; i++) {
    for (const { tag, order } of tagsOf()) {
      out.push({ repository: repositoryPath(i), tag, created: createdOf(i, order), labels: { 'org.opencontainers.image.source': `https://git.bench.test/app-${i}` } });
    }
  }
  return out;
}

export interface ServedRegistry {
  /** `127.0.0.1:PORT` of the registry itself (put a counting proxy in front of it). */
  host: string;
  url: string;
  username: string;
  password: string;
  tokenServer: RunningTokenServer;
  /** Whether this call seeded the storage (the first one of the process does) and how long it took. */
  seeded: { now: boolean; ms: number; images: number };
  stop(): Promise<void>;
}

export async function serveImageSet(spec: ImageSetSpec): Promise<ServedRegistry> {
  const storage = await seededStorage(spec);
  // Token auth, as hosted registries do; the benchmarks read as the pull-only user.
  const registry = await startRegistry({ auth: 'token', storageDir: storage.dir, accessLog: false });
  return {
    host: registry.host,
    url: registry.url,
    username: registry.readOnlyUser!.username,
    password: registry.readOnlyUser!.password,
    tokenServer: registry.tokenServer!,
    seeded: storage.seeded,
    stop: () => registry.stop(),
  };
}

const storages = new Map<string, Promise<string>>();

/** The storage folder holding `spec`'s images, written on the first call of this process (the others wait for it). */
async function seededStorage(spec: ImageSetSpec): Promise<{ dir: string; seeded: ServedRegistry['seeded'] }> {
  const key = JSON.stringify(spec);
  const existing = storages.get(key);
  const count = spec.repositories * TAGS_PER_REPOSITORY;
  if (existing) return { dir: await existing, seeded: { now: false, ms: 0, images: count } };
  const started = performance.now();
  const seeding = seed(spec);
  storages.set(key, seeding);
  seeding.catch(() => storages.delete(key));
  const dir = await seeding;
  return { dir, seeded: { now: true, ms: performance.now() - started, images: count } };
}

async function seed(spec: ImageSetSpec): Promise<string> {
  const all = images(spec);
  process.stderr.write(`[bench] writing ${all.length} images into a registry storage folder ...\n`);
  // tmpfs when there is one: the folder holds 360,000 small files, which a disk takes minutes to write back and delete.
  const dir = await makeTempDir('bench-registry-storage', await writable('/dev/shm') ? '/dev/shm' : undefined);
  onShutdown(() => rm(dir, { recursive: true, force: true }));
  await writeImages(dir, all);
  return dir;
}

async function writable(dir: string): Promise<boolean> {
  try {
    await access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
