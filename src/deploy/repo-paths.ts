/**
 * The repository paths apply hands to helm and kubectl, resolved again at use time: lint checked them, but a
 * symlink swapped in since (or a loader that missed one) must still never lead helm or kubectl outside.
 */
import { checkChartDirectory, confinedRoot, isRefused, statConfined } from '../fs/confined.js';
import type { Environment, Release } from '../model/types.js';
import { DeployError } from './types.js';

/** Root-relative path -> its real absolute path, for every file and chart folder of `releases`. */
export async function resolveRepoPaths(repoRoot: string, environment: Environment, releases: readonly Release[]): Promise<(file: string) => string> {
  const root = await confinedRoot(repoRoot);
  const resolved = new Map<string, string>();
  const refusals: string[] = [];
  const files = new Set([...environment.resourceFiles, ...releases.flatMap((r) => r.resourceFiles)]);
  if (environment.cluster.provider.kind === 'existingContext' && environment.cluster.provider.kubeconfig) files.add(environment.cluster.provider.kubeconfig);
  const charts = new Set(releases.flatMap((r) => (r.chart.kind === 'dir' ? [r.chart.dir] : [])));
  await Promise.all([
    ...[...files].map(async (file) => {
      const found = await statConfined(root, file);
      if (isRefused(found)) refusals.push(`\`${file}\` ${found.refused.message}`);
      else if (found.kind !== 'file') refusals.push(`\`${file}\` is a directory; expected a file`);
      else resolved.set(file, found.real);
    }),
    ...[...charts].map(async (dir) => {
      const found = await checkChartDirectory(root, dir);
      if (isRefused(found)) refusals.push(`chart directory \`${dir}\` ${found.refused.message}`);
      else resolved.set(dir, found.real);
    }),
  ]);
  if (refusals.length > 0) throw new DeployError(`refusing to deploy: ${refusals.sort().join('; ')}`);
  return (file) => {
    const real = resolved.get(file);
    if (real === undefined) throw new DeployError(`refusing to deploy: \`${file}\` was not resolved inside the repository`);
    return real;
  };
}
