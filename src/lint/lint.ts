import { hasErrors, sortProblems } from '../model/problems.js';
import { loadRepo } from '../repo/load.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import { repoSecrets } from '../repo/secrets.js';
import type { Environment, Problem } from '../model/types.js';
import { renderRelease } from '../helm/render.js';
import type { Helm } from '../helm/helm.js';
import { mapLimited } from '../concurrency/map-limited.js';
import { changedFilesSince, touches } from '../git/changed-files.js';
import { matrixEntry, type MatrixEntry } from './matrix.js';
import { agentOwnershipProblems } from './agent-ownership.js';

export interface LintOptions {
  environmentsFile: string;
  /** Also `helm template` every release, so template errors surface. */
  render?: { helm: Helm; concurrency?: number };
  /** A git ref: the matrix then holds only the environments whose inputs changed since it. */
  since?: string;
}

export interface RenderOutcome {
  environment: string;
  release: string;
  ok: boolean;
}

export interface LintResult {
  loaded: LoadedRepo;
  /** Every problem found: loading, checks, and rendering. Sorted by file, line, column. */
  problems: Problem[];
  /** The environments in the matrix (all of them unless `since` narrowed it). */
  environments: Environment[];
  matrix: { include: MatrixEntry[] };
  renders: RenderOutcome[];
  /** Why nothing was rendered although `render` was asked for (the repo has errors). */
  renderSkipped?: string;
}

/** The one line lint gives instead of rendering a repo with errors. */
export const RENDER_SKIPPED = 'not rendered with helm template: the deployments repo has errors (fix them first)';

export async function lint(options: LintOptions): Promise<LintResult> {
  const loaded = await loadRepo(options.environmentsFile);
  const problems = [...loaded.problems, ...(await agentOwnershipProblems(loaded))];
  let renders: RenderOutcome[] = [];
  let renderSkipped: string | undefined;

  // A value that failed validation (a release name, a chart reference) must never reach helm.
  if (options.render && hasErrors(loaded.problems)) renderSkipped = RENDER_SKIPPED;
  else if (options.render) {
    const { helm, concurrency = 4 } = options.render;
    const redactor = repoSecrets(loaded, () => undefined);
    const jobs = loaded.repo.environments.flatMap((environment) => environment.releases.map((release) => ({ environment, release })));
    renders = await mapLimited(jobs, concurrency, async ({ environment, release }) => {
      let error: string | undefined;
      try {
        const result = await renderRelease(helm, loaded, environment, release);
        if (result.code !== 0) error = helmError(result.stderr);
      } catch (thrown) {
        error = (thrown as Error).message;
      }
      if (error !== undefined) {
        problems.push({
          ...release.pos,
          severity: 'error',
          message: `release "${release.name}" does not render in environment "${environment.name}": ${redactor.redact(error)}`,
        });
      }
      return { environment: environment.name, release: release.name, ok: error === undefined };
    });
  }

  // An agent in the cluster applies its own environments: the matrix the apply jobs run on leaves them out.
  let environments = loaded.repo.environments.filter((environment) => environment.deployedBy !== 'agent');
  if (options.since !== undefined) {
    try {
      const changed = await changedFilesSince(loaded.repo.root, options.since);
      environments = environments.filter((environment) =>
        loaded.environmentInputs(environment.name).some((input) => changed.some((file) => touches(file, input))),
      );
    } catch (error) {
      problems.push({ file: loaded.repo.environmentsFile, line: 1, column: 1, severity: 'error', message: (error as Error).message });
    }
  }

  return { loaded, problems: sortProblems(problems), environments, matrix: { include: environments.map(matrixEntry) }, renders, ...(renderSkipped ? { renderSkipped } : {}) };
}

/** helm's own message, without the usage noise it sometimes prints after it. */
function helmError(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.filter((line) => !line.startsWith('Use --debug')).join(' ') || 'helm template failed';
}

