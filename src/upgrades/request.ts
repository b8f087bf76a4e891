/**
 * The check-upgrades request as both entry points ask for it: the action's inputs and the CLI's flags become
 * these plain options, and every default lives here.
 */
import { isAbsolute, resolve } from 'node:path';
import { FAIL_ON, type FailOn } from './report.js';
import type { RunUpgradesOptions } from './run.js';
import { defaultCacheDir } from './sources.js';
import type { WriteMode } from './types.js';

export const WRITE_MODES: readonly WriteMode[] = ['lock', 'patch'];

export interface UpgradesOptions {
  /** Default all. */
  environments?: readonly string[];
  release?: string;
  image?: string;
  /** lock (default) or patch. */
  write?: string;
  /** registry-errors (default) or never. */
  failOn?: string;
  /** Default $XDG_CACHE_HOME/kubecd or ~/.cache/kubecd; a relative path is taken from `baseDir`. */
  cacheDir?: string;
  insecureRegistries?: readonly string[];
  /** Check and report only (default false). */
  dryRun?: boolean;
  /** What a relative cacheDir is relative to: the action's workspace, the CLI's working directory. */
  baseDir: string;
  env?: NodeJS.ProcessEnv;
}

export interface UpgradesRequest {
  /** For runUpgrades, with the sources and a logger. */
  run: Pick<RunUpgradesOptions, 'write' | 'dryRun' | 'environments' | 'release' | 'image' | 'cacheDir'> & { write: WriteMode; dryRun: boolean; cacheDir: string };
  failOn: FailOn;
  /** For createSources. */
  insecureRegistries: string[];
}

/** A setting with a value the engine cannot take; `option` is the kebab-case name both entry points spell. */
export class UpgradesOptionError extends Error {
  constructor(readonly option: string, readonly problem: string) {
    super(`${option} ${problem}`);
  }
}

function choice<T extends string>(option: string, allowed: readonly T[], value: string | undefined, fallback: T): T {
  const chosen = value ?? fallback;
  if (!(allowed as readonly string[]).includes(chosen)) throw new UpgradesOptionError(option, `must be one of ${allowed.join(', ')}, not "${chosen}"`);
  return chosen as T;
}

/** Checks the options and fills in the defaults; throws UpgradesOptionError before anything is checked. */
export function upgradesRequest(options: UpgradesOptions): UpgradesRequest {
  const cacheDir = options.cacheDir ? (isAbsolute(options.cacheDir) ? options.cacheDir : resolve(options.baseDir, options.cacheDir)) : defaultCacheDir(options.env);
  return {
    run: {
      write: choice('write', WRITE_MODES, options.write, 'lock'),
      dryRun: options.dryRun ?? false,
      ...(options.environments && options.environments.length > 0 ? { environments: [...options.environments] } : {}),
      ...(options.release ? { release: options.release } : {}),
      ...(options.image ? { image: options.image } : {}),
      cacheDir,
    },
    failOn: choice('fail-on', FAIL_ON, options.failOn, 'registry-errors'),
    insecureRegistries: [...(options.insecureRegistries ?? [])],
  };
}
