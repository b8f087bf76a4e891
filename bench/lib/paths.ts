import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in bench/lib/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Long-lived caches (bundles, the Renovate install), outside the repository. */
export const CACHE_ROOT = process.env.KUBECD_BENCH_CACHE ?? resolve(REPO_ROOT, '..', '.cache-bench');

export const RESULTS_FILE = join(REPO_ROOT, 'bench', 'results.json');
export const BENCHMARKS_DOC = join(REPO_ROOT, 'BENCHMARKS.md');
