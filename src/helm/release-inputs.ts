import { chartVersionToUse } from '../lock/chart-version.js';
import { pinDigests } from '../lock/pinning.js';
import type { Environment, Release, ValueSetting } from '../model/types.js';
import { composeValues, type ValueSources } from '../values/compose.js';
import { chartArgs, type ChartArguments } from './helm.js';

export interface ReleaseInputOptions {
  /** The absolute path of a root-relative chart folder. */
  absoluteDir: (dir: string) => string;
  /** Resolves `valueFrom` entries; without it they are left out (lint renders without cloud access). */
  resolveValueFrom?: (setting: ValueSetting) => unknown;
}

/** Everything helm is given for one release in one environment. */
export interface ReleaseInputs {
  /** The composed values, lock file entries included (pinned triggers with the locked digest). */
  values: Record<string, unknown>;
  /** The chart argument, with the lock file's chart version when it pins one. */
  chart: ChartArguments;
  /** The chart version used (undefined for a chart folder). */
  chartVersion?: string;
}

/**
 * The ONE place a release's helm inputs are built: lint --render, `kubecd render`, plan and apply all go
 * through it, so what a pull request renders is what apply deploys. The lock is always included.
 */
export function releaseInputs(loaded: ValueSources, environment: Environment, release: Release, options: ReleaseInputOptions): ReleaseInputs {
  const lock = loaded.lock(environment.name);
  const chartVersion = chartVersionToUse(release, lock);
  const values = composeValues(loaded, environment, release, { withLock: true, resolveValueFrom: options.resolveValueFrom });
  pinDigests(values, environment, release, lock);
  return {
    values,
    chart: chartArgs(release.chart, options.absoluteDir, chartVersion),
    ...(chartVersion !== undefined ? { chartVersion } : {}),
  };
}
