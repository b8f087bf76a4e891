import * as core from '@actions/core';
import { join, relative } from 'node:path';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import type { Problem } from '../model/types.js';
import { repoSecrets } from '../repo/secrets.js';
import { workspace } from './inputs.js';
import { writeSummary } from './run-action.js';

/**
 * The repo's secrets (helmRepos URL passwords) masked for the runner, and the problems with them replaced:
 * the job summary is a file the runner's masking may not cover.
 */
export function maskedProblems(loaded: LoadedRepo, problems: readonly Problem[]): Problem[] {
  const redactor = repoSecrets(loaded, (value) => core.setSecret(value));
  return problems.map((problem) => ({ ...problem, message: redactor.redact(problem.message) }));
}

/** Each problem as a GitHub annotation at its file and line (GitHub shows at most 10 per type per step). */
export function annotate(problems: readonly Problem[], root: string, workspace: string): void {
  for (const problem of problems) {
    const properties = { file: relative(workspace, join(root, problem.file)), startLine: problem.line, startColumn: problem.column };
    if (problem.severity === 'error') core.error(problem.message, properties);
    else core.warning(problem.message, properties);
  }
}

/** All problems for the job summary, which has no cap. */
export function problemsTable(problems: readonly Problem[], root: string, workspace: string): string[][] {
  return problems.map((p) => [p.severity, `${relative(workspace, join(root, p.file))}:${p.line}:${p.column}`, p.message]);
}

/**
 * Annotates the repo's problems; when any is an error, writes them all to the job summary under `heading`
 * with `consequence` (what was not done) and returns the error count, so the caller stops before acting.
 */
export async function reportInvalidRepo(loaded: LoadedRepo, heading: string, consequence: string): Promise<number> {
  const { root } = loaded.repo;
  const problems = maskedProblems(loaded, loaded.problems);
  annotate(problems, root, workspace());
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors === 0) return 0;
  core.summary.addHeading(heading, 2).addRaw(`${consequence}: the deployments repo has ${errors} error(s).`, true);
  core.summary.addTable([[{ data: 'severity', header: true }, { data: 'where', header: true }, { data: 'problem', header: true }], ...problemsTable(problems, root, workspace())]);
  await writeSummary();
  return errors;
}
