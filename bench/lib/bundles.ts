import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CACHE_ROOT, REPO_ROOT } from './paths.js';
import { timedOk } from './run.js';

export const BUNDLES = ['lint', 'check-upgrades', 'apply', 'cli'] as const;
export type BundleName = (typeof BUNDLES)[number];

export interface Bundles {
  dir: string;
  /** Path of dist/<name>/index.js in the benchmark's own build. */
  entry(name: BundleName): string;
  /** Bytes of every file of the build (the shared bundle and the entry files). */
  size(): Promise<number>;
}

let pending: Promise<Bundles> | undefined;

/**
 * Builds dist/ (the shared bundle and the four entries) with scripts/build.mjs into a cache folder keyed by the sources' hash (never into
 * dist/), so the benchmarks measure exactly what the current tree bundles and a second run skips the build.
 */
export function ensureBundles(): Promise<Bundles> {
  pending ??= build();
  return pending;
}

async function build(): Promise<Bundles> {
  const key = await sourceHash();
  const dir = join(CACHE_ROOT, 'dist', key);
  if (!BUNDLES.every((name) => existsSync(join(dir, name, 'index.js')))) {
    const temporary = `${dir}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    process.stderr.write(`[bench] building bundles into ${dir} ...\n`);
    await timedOk(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), '--out', temporary], { cwd: REPO_ROOT });
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
  }
  return {
    dir,
    entry: (name) => join(dir, name, 'index.js'),
    size: async () => {
      let total = 0;
      for (const file of await listFiles(dir)) total += (await stat(file)).size;
      return total;
    },
  };
}

/** sha256 over everything that goes into a bundle: src/, the build script, the lock file. */
async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await listFiles(join(REPO_ROOT, 'src'))).filter((f) => !f.endsWith('.test.ts')), join(REPO_ROOT, 'scripts', 'build.mjs'), join(REPO_ROOT, 'package-lock.json')];
  for (const file of files.sort()) {
    hash.update(relative(REPO_ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
