import type { LockFile } from '../lock/types.js';
import type { DeploymentsRepo, Problem, Release } from '../model/types.js';

export interface LoadedRepo {
  /** Everything that could be loaded (partial when there are problems). */
  repo: DeploymentsRepo;
  /** Sorted by file, line, column. */
  problems: Problem[];
  /** A parsed values file by root-relative path ({} when missing or bad). */
  valuesFile(path: string): Record<string, unknown>;
  /** A local chart's values.yaml ({} for chart references or when there is none). */
  chartDefaults(release: Release): Record<string, unknown>;
  /** The environment's parsed lock file, if it exists. */
  lock(environment: string): LockFile | undefined;
  /** Root-relative files and folders whose change affects this environment (sorted, unique). */
  environmentInputs(environment: string): string[];
}
