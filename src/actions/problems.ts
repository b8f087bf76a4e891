import * as core from '@actions/core';
import { join, relative } from 'node:path';
import type { Problem } from '../model/types.js';

/** Each problem as a GitHub annotation at its file and line (GitHub shows at most 10 per type per step). */
export function annotate(problems: readonly Problem[], root: string, workspace: string): void {
  for (const problem of problems) {
    const properties = { file: relative(workspace, join(root, problem.file)), startLine: problem.line, startColumn: problem.column, title: 'kubecd' };
    if (problem.severity === 'error') core.error(problem.message, properties);
    else core.warning(problem.message, properties);
  }
}

/** All problems for the job summary, which has no cap. */
export function problemsTable(problems: readonly Problem[], root: string, workspace: string): string[][] {
  return problems.map((p) => [p.severity, `${relative(workspace, join(root, p.file))}:${p.line}:${p.column}`, p.message]);
}
