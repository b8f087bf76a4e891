import { join } from 'node:path';
import { hasErrors } from '../model/problems.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import type { Environment, Release, ValueSetting } from '../model/types.js';
import { HelmError, helmTemplate, type Helm } from './helm.js';
import { releaseInputs } from './release-inputs.js';
import type { RunResult } from '../exec/run.js';
import { withValuesFile } from './values-file.js';

export interface RenderOptions {
  /** Resolves `valueFrom` entries; without it they are left out (lint renders without cloud access). */
  resolveValueFrom?: (setting: ValueSetting) => unknown;
}

/**
 * `helm template` of one release in one environment, with the inputs apply would use (lock file included).
 * A repo with errors renders nothing: a value that failed validation must never become a helm argument.
 */
export function renderRelease(helm: Helm, loaded: LoadedRepo, environment: Environment, release: Release, options: RenderOptions = {}): Promise<RunResult> {
  if (hasErrors(loaded.problems)) return Promise.reject(new HelmError('the deployments repo has errors; nothing was rendered'));
  const { values, chart } = releaseInputs(loaded, environment, release, {
    absoluteDir: (dir) => join(loaded.repo.root, dir),
    ...(options.resolveValueFrom ? { resolveValueFrom: options.resolveValueFrom } : {}),
  });
  return withValuesFile(values, (valuesFile) => helmTemplate(helm, { release: release.name, namespace: environment.namespace, chart, valuesFile }));
}
