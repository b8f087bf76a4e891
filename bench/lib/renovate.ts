/**
 * Renovate, the peer for upgrade lookups, installed on demand into its own folder under the bench cache
 * (its 600-odd packages stay out of the project's node_modules).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_ROOT } from './paths.js';
import { timedOk } from './run.js';

export const RENOVATE_VERSION = '44.94.0';

export async function ensureRenovate(): Promise<string> {
  const dir = join(CACHE_ROOT, 'renovate');
  const entry = join(dir, 'node_modules', 'renovate', 'dist', 'renovate.js');
  if (existsSync(entry)) return entry;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'kubecd-bench-renovate', private: true }, null, 2)}\n`);
  // Its peer dependencies and install scripts (native regex and sqlite add-ons) are optional: leave them out.
  await writeFile(join(dir, '.npmrc'), 'legacy-peer-deps=true\nfund=false\naudit=false\n');
  process.stderr.write(`[bench] installing renovate@${RENOVATE_VERSION} into ${dir} ...\n`);
  await timedOk('npm', ['install', '--save-exact', '--ignore-scripts', `renovate@${RENOVATE_VERSION}`], { cwd: dir, timeoutMs: 900_000 });
  return entry;
}
