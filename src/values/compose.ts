import { lockedValues } from '../lock/chart-version.js';
import type { LockFile } from '../lock/types.js';
import type { Environment, ImageTrigger, Release, ValueSetting } from '../model/types.js';
import { deepMerge, getValue, setValue } from './keys.js';

/** What composing needs of the loaded repo (the loader's LoadedRepo has it). */
export interface ValueSources {
  valuesFile(path: string): Record<string, unknown>;
  chartDefaults(release: Release): Record<string, unknown>;
  lock(environment: string): LockFile | undefined;
}

export interface ComposeOptions {
  /**
   * Layer the environment's lock file entries for this release on top. Whatever deploys or renders a
   * release builds its inputs with helm/release-inputs.ts, which always does.
   */
  withLock?: boolean;
  /** Resolves `valueFrom` settings (the apply engine looks up GCE addresses); without it they are left out. */
  resolveValueFrom?: (setting: ValueSetting) => unknown;
  /** Put the chart's own values.yaml at the bottom (helm applies it anyway; the trigger check needs it). */
  withChartDefaults?: boolean;
}

export interface ComposedValues {
  values: Record<string, unknown>;
  /** `valueFrom` settings left out because no resolver was given. */
  unresolved: ValueSetting[];
}

/**
 * The values of one release in one environment, lowest precedence first: (chart defaults) <
 * environment `defaultValuesFile` < environment `defaultValues` < release values files < release
 * `values` < lock entries. `skipDefaultValues` drops the two environment layers.
 */
export function composeValuesDetailed(loaded: ValueSources, env: Environment, release: Release, opts: ComposeOptions = {}): ComposedValues {
  const values: Record<string, unknown> = {};
  const unresolved: ValueSetting[] = [];
  const apply = (settings: readonly ValueSetting[]): void => {
    for (const setting of settings) {
      if (setting.valueFrom) {
        if (opts.resolveValueFrom) setValue(values, setting.key, opts.resolveValueFrom(setting));
        else unresolved.push(setting);
      } else {
        setValue(values, setting.key, structuredClone(setting.value));
      }
    }
  };
  if (opts.withChartDefaults) deepMerge(values, loaded.chartDefaults(release));
  if (!release.skipDefaultValues) {
    if (env.defaultValuesFile !== undefined) deepMerge(values, loaded.valuesFile(env.defaultValuesFile));
    apply(env.defaultValues);
  }
  for (const file of release.valuesFiles) deepMerge(values, loaded.valuesFile(file));
  apply(release.values);
  if (opts.withLock) {
    for (const entry of lockedValues(loaded.lock(env.name), release.name)) setValue(values, entry.key, entry.value);
  }
  return { values, unresolved };
}

export function composeValues(
  loaded: ValueSources,
  env: Environment,
  release: Release,
  opts?: { withLock?: boolean; resolveValueFrom?: (s: ValueSetting) => unknown },
): Record<string, unknown> {
  return composeValuesDetailed(loaded, env, release, opts).values;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The image a trigger watches: `prefixValue` (when set) prepended to `repoValue`, and `tagValue`. */
export function imageOf(values: Record<string, unknown>, trigger: ImageTrigger): { repository?: string; tag?: string } {
  const repository = asText(getValue(values, trigger.repoValue));
  const prefix = asText(getValue(values, trigger.prefixValue));
  const tag = asText(getValue(values, trigger.tagValue));
  return {
    ...(repository !== undefined ? { repository: (prefix ?? '') + repository } : {}),
    ...(tag !== undefined ? { tag } : {}),
  };
}
