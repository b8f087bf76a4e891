import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ChartSource } from '../model/types.js';

/** Bumped when what goes into a fingerprint changes, so old labels stop matching. */
export const FINGERPRINT_VERSION = 1;
/** Kubernetes label values hold at most 63 characters. */
export const FINGERPRINT_LENGTH = 56;

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** Every file below `dir` as [path relative to dir with forward slashes, sha256 of its bytes], sorted by path. */
export async function directoryDigests(dir: string): Promise<[string, string][]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const digests = await Promise.all(
    files.map(async (file): Promise<[string, string]> => [relative(dir, file).split(sep).join('/'), createHash('sha256').update(await readFile(file)).digest('hex')]),
  );
  return digests.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What identifies the chart: its files for a local dir; the reference and version for repo and OCI charts. */
export async function chartIdentity(chart: ChartSource, absoluteDir: (dir: string) => string, version?: string): Promise<unknown> {
  switch (chart.kind) {
    case 'dir':
      return { kind: 'dir', files: await directoryDigests(absoluteDir(chart.dir)) };
    case 'repo':
      return { kind: 'repo', reference: chart.reference, repoUrl: chart.repoUrl ?? null, version: version ?? chart.version };
    case 'oci':
      return { kind: 'oci', reference: chart.reference, version: version ?? chart.version };
  }
}

/** sha256 over the resource files (their paths and bytes) and the namespace, shortened to fit a label value. */
export async function resourceFilesFingerprint(files: readonly string[], absolute: (file: string) => string, namespace: string): Promise<string> {
  const digests = await Promise.all(files.map(async (file) => [file, createHash('sha256').update(await readFile(absolute(file))).digest('hex')]));
  const text = canonicalJson({ v: FINGERPRINT_VERSION, resourceFiles: digests, namespace });
  return createHash('sha256').update(text).digest('hex').slice(0, FINGERPRINT_LENGTH);
}

export interface FingerprintInput {
  chart: unknown;
  values: Record<string, unknown>;
  namespace: string;
}

/** sha256 over everything that decides what a release deploys, shortened to fit a label value. */
export function fingerprint(input: FingerprintInput): string {
  const text = canonicalJson({ v: FINGERPRINT_VERSION, chart: input.chart, values: input.values, namespace: input.namespace });
  return createHash('sha256').update(text).digest('hex').slice(0, FINGERPRINT_LENGTH);
}
