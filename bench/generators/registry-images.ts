/**
 * The image set of the upgrade benchmarks (R repositories × 300 tags) and a registry that serves it.
 *
 * Seeding 60,000 tags over HTTP takes minutes, so the registry's storage folder is cached under the bench
 * cache, keyed by the generator's parameters and the harness's image format: the first run seeds it through
 * the registry itself (the harness's pushImages, 32 pushes at a time, one shared layer per repository), later
 * runs start a registry straight on the cached folder. Serving uses token auth, as hosted registries do.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pushImages, type ImageSpec } from '../../test/harness/images.js';
import { makeTempDir, startProcess } from '../../test/harness/process.js';
import type { RunningRegistry } from '../../test/harness/registry.js';
import { startTokenServer, type RunningTokenServer } from '../../test/harness/token-server.js';
import { CACHE_ROOT, REPO_ROOT } from '../lib/paths.js';
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
  /** Whether this call seeded the storage (first run) and how long it took. */
  seeded: { now: boolean; ms: number; images: number };
  stop(): Promise<void>;
}

const TOKEN_SERVICE = 'kubecd-bench-registry';
const TOKEN_ISSUER = 'kubecd-bench-token-server';
const REGISTRY_BINARY = '/usr/bin/docker-registry';

export async function serveImageSet(spec: ImageSetSpec): Promise<ServedRegistry> {
  const storage = await seededStorage(spec);
  const dir = await makeTempDir('bench-registry');
  const username = 'bench';
  const password = randomBytes(12).toString('hex');
  const tokenServer = await startTokenServer({ dir, service: TOKEN_SERVICE, issuer: TOKEN_ISSUER, users: { [username]: { password, canPush: false } } });
  const auth = `auth:\n  token:\n    realm: ${tokenServer.url}\n    service: ${TOKEN_SERVICE}\n    issuer: ${TOKEN_ISSUER}\n    rootcertbundle: ${tokenServer.certPath}\n`;
  const registry = await startRegistryOn(storage.dir, dir, auth, 'bench-registry-token');
  return {
    host: registry.host,
    url: `http://${registry.host}`,
    username,
    password,
    tokenServer,
    seeded: storage.seeded,
    async stop() {
      await registry.stop();
      await tokenServer.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function startRegistryOn(storageDir: string, configDir: string, authConfig: string, name: string): Promise<{ host: string; stop(): Promise<void> }> {
  const configPath = join(configDir, `${name}.yml`);
  await writeFile(configPath, [
    'version: 0.1',
    'log:',
    '  level: info',
    '  formatter: text',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${storageDir}`,
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    '  addr: 127.0.0.1:0',
    `  secret: ${randomBytes(16).toString('hex')}`,
    authConfig,
  ].join('\n'));
  const server = startProcess(name, REGISTRY_BINARY, ['serve', configPath], { keepOutputChars: 20_000 });
  try {
    const host = (await server.waitFor(/listening on (127\.0\.0\.1:\d+)/, 20_000))[1]!;
    return { host, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The cached storage folder for `spec`, seeded first when it is not there yet. */
async function seededStorage(spec: ImageSetSpec): Promise<{ dir: string; seeded: ServedRegistry['seeded'] }> {
  const harnessFormat = await readFile(join(REPO_ROOT, 'test', 'harness', 'images.ts'));
  const key = createHash('sha256').update(JSON.stringify({ ...spec, tags: TAGS_PER_REPOSITORY, layout: 1 })).update(harnessFormat).digest('hex').slice(0, 16);
  const root = join(CACHE_ROOT, 'registry', key);
  const dir = join(root, 'data');
  const marker = join(root, 'complete');
  const all = images(spec);
  if (existsSync(marker)) return { dir, seeded: { now: false, ms: 0, images: all.length } };

  await rm(root, { recursive: true, force: true });
  // Seed on tmpfs (the registry fsyncs every blob: on a disk that is ~50 pushes/s, on tmpfs ~250/s), then copy.
  const scratch = await makeTempDir('bench-seed', existsSync('/dev/shm') ? '/dev/shm' : undefined);
  const started = performance.now();
  process.stderr.write(`[bench] seeding ${all.length} images for ${root} (first run only; a few minutes) ...\n`);
  try {
    const registry = await startRegistryOn(join(scratch, 'data'), scratch, '', 'bench-registry-seed');
    try {
      const target: RunningRegistry = { host: registry.host, url: `http://${registry.host}`, auth: 'anonymous', stop: registry.stop };
      // One image per repository first: concurrent first pushes to one repository race on its shared layer upload.
      const firsts = all.filter((_, index) => index % TAGS_PER_REPOSITORY === 0);
      await pushImages(target, firsts, { concurrency: 32 });
      await pushImages(target, interleaved(all.filter((_, index) => index % TAGS_PER_REPOSITORY !== 0)), { concurrency: 32 });
    } finally {
      await registry.stop();
    }
    await mkdir(root, { recursive: true });
    await cp(join(scratch, 'data'), dir, { recursive: true });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  await writeFile(marker, JSON.stringify({ ...spec, images: all.length, seededMs: Math.round(ms) }));
  return { dir, seeded: { now: true, ms, images: all.length } };
}

/** Round-robin over repositories, so concurrent pushes go to different repositories. */
function interleaved(images: ImageSpec[]): ImageSpec[] {
  const byRepository = new Map<string, ImageSpec[]>();
  for (const image of images) {
    const queue = byRepository.get(image.repository);
    if (queue) queue.push(image);
    else byRepository.set(image.repository, [image]);
  }
  const queues = [...byRepository.values()];
  const out: ImageSpec[] = [];
  for (let i = 0; out.length < images.length; i++) for (const queue of queues) if (queue[i]) out.push(queue[i]!);
  return out;
}
