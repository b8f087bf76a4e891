/**
 * An environment marked `deployedBy: agent` is applied by a kubecd agent in its cluster. A workflow of the
 * deployments repo that applies it too (a step using the kubecd apply action) makes two deployers undo each
 * other's changes: this check finds such steps and warns at each of them.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { confinedRoot, isRefused, statConfined, type ConfinedRoot } from '../fs/confined.js';
import { isObj, list, obj, str, type Obj } from '../model/data.js';
import { excerpt, formatPos, problem } from '../model/problems.js';
import type { Environment, Problem } from '../model/types.js';
import type { YamlSource } from '../model/yaml-source.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import { readYaml } from '../repo/read-yaml.js';

export const WORKFLOWS_DIR = '.github/workflows';
/** More workflow files than any repository has; the rest are not read. */
export const MAX_WORKFLOW_FILES = 200;
/** A workflow file is far smaller than a values file. */
const MAX_WORKFLOW_BYTES = 1024 * 1024;

/** `owner/repo/action-apply@ref` (kubecd or a fork of it) or the local `./action-apply`. */
const APPLY_ACTION = /^(?:[\w.-]+\/[\w.-]+\/action-apply@\S+|\.\/action-apply\/?)$/;
/** The whole input is one matrix value: `${{ matrix.environment }}`. */
const MATRIX_VALUE = /^\$\{\{\s*matrix\.([A-Za-z_][\w-]*)\s*\}\}$/;
const EXPRESSION = '${{';
const LINT_MATRIX = /^\$\{\{\s*fromJSON\(\s*needs\.[A-Za-z_][\w-]*\.outputs\.matrix\s*\)\s*\}\}$/;

/** Which environments one apply step deploys. */
type Applied =
  /** Written in the workflow: exactly these. */
  | { kind: 'names'; names: Set<string>; via?: string }
  /** Decided when the workflow runs (a lint matrix, an input): any environment of the file. */
  | { kind: 'any'; expression: string };

export async function agentOwnershipProblems(loaded: LoadedRepo): Promise<Problem[]> {
  const owned = loaded.repo.environments.filter((environment) => environment.deployedBy === 'agent');
  if (owned.length === 0) return [];
  let root: ConfinedRoot;
  try {
    root = await confinedRoot(loaded.repo.root);
  } catch {
    return [];
  }
  const problems: Problem[] = [];
  for (const file of await workflowFiles(root)) {
    const source = await readYaml(root, file, MAX_WORKFLOW_BYTES);
    // A workflow that does not read is actionlint's (and GitHub's) to report, not lint's.
    if ('error' in source || source.problems.length > 0 || !isObj(source.data)) continue;
    problems.push(...workflowProblems(source, owned, loaded.repo.environmentsFile));
  }
  return problems;
}

/** The workflow files (root-relative), sorted; none when the folder is missing or leaves the repository. */
async function workflowFiles(root: ConfinedRoot): Promise<string[]> {
  const folder = await statConfined(root, WORKFLOWS_DIR);
  if (isRefused(folder) || folder.kind !== 'dir') return [];
  let names: string[];
  try {
    names = (await readdir(folder.real, { withFileTypes: true })).filter((e) => !e.isDirectory() && /\.ya?ml$/.test(e.name)).map((e) => e.name);
  } catch {
    return [];
  }
  return names.sort().slice(0, MAX_WORKFLOW_FILES).map((name) => `${WORKFLOWS_DIR}/${name}`);
}

function workflowProblems(source: YamlSource, owned: readonly Environment[], environmentsFile: string): Problem[] {
  const problems: Problem[] = [];
  for (const [jobId, rawJob] of Object.entries(obj(obj(source.data)['jobs']))) {
    if (!isObj(rawJob)) continue;
    list(rawJob['steps']).forEach((rawStep, index) => {
      if (!isObj(rawStep)) return;
      const uses = str(rawStep['uses'])?.trim();
      if (uses === undefined || !APPLY_ACTION.test(uses)) return;
      const inputs = obj(rawStep['with']);
      if (!appliesThisFile(inputs, environmentsFile)) return;
      const applied = appliedEnvironments(inputs, rawJob);
      if (!applied) return;
      const pos = source.pos(['jobs', jobId, 'steps', index]);
      for (const environment of owned) {
        const message = conflict(environment, applied);
        if (message) problems.push(problem(pos, message, 'warning'));
      }
    });
  }
  return problems;
}

/** The step's `environments` input (default environments.yaml) names the file being linted, or may. */
function appliesThisFile(inputs: Obj, environmentsFile: string): boolean {
  const written = inputs['environments'];
  if (written === undefined || written === null) return environmentsFile === 'environments.yaml';
  const text = String(written).trim();
  if (text.includes(EXPRESSION)) return true;
  return path.posix.normalize(text.replaceAll('\\', '/')) === environmentsFile;
}

function appliedEnvironments(inputs: Obj, job: Obj): Applied | undefined {
  const written = inputs['environment'];
  // Without it the action fails before deploying anything.
  if (written === undefined || written === null) return undefined;
  const text = String(written).trim();
  if (!text.includes(EXPRESSION)) return { kind: 'names', names: new Set([text]) };
  const key = MATRIX_VALUE.exec(text)?.[1];
  if (key !== undefined && fromLintMatrix(job)) return undefined;
  const values = key === undefined ? undefined : matrixValues(job, key);
  return values ? { kind: 'names', names: values, via: text } : { kind: 'any', expression: text };
}

/** `matrix: ${{ fromJSON(needs.<job>.outputs.matrix) }}`: kubecd lint's matrix, which never holds an agent's environments. */
function fromLintMatrix(job: Obj): boolean {
  const matrix = obj(job['strategy'])['matrix'];
  return typeof matrix === 'string' && LINT_MATRIX.test(matrix.trim());
}

/** The values a matrix key takes when the job's matrix is written out (undefined when it is computed). */
function matrixValues(job: Obj, key: string): Set<string> | undefined {
  const matrix = obj(job['strategy'])['matrix'];
  if (!isObj(matrix)) return undefined;
  const values = new Set<string>();
  const add = (value: unknown): boolean => {
    if (typeof value === 'string' && value.includes(EXPRESSION)) return false;
    if (value !== undefined && value !== null && !isObj(value) && !Array.isArray(value)) values.add(String(value).trim());
    return true;
  };
  const direct = matrix[key];
  if (typeof direct === 'string') return undefined; // `key: ${{ fromJSON(...) }}`
  for (const value of list(direct)) if (!add(value)) return undefined;
  if (typeof matrix['include'] === 'string') return undefined;
  for (const entry of list(matrix['include'])) if (isObj(entry) && !add(entry[key])) return undefined;
  return values;
}

function conflict(environment: Environment, applied: Applied): string | undefined {
  const owner = `it is \`deployedBy: agent\` (${formatPos(environment.pos)}): a kubecd agent in the cluster applies it, and two deployers undo each other's changes`;
  const fix = `leave \`${environment.name}\` out of this workflow, or set \`deployedBy: action\` and stop its agent`;
  if (applied.kind === 'any') {
    return `this kubecd apply step may apply environment \`${environment.name}\` (its \`environment\` input \`${excerpt(applied.expression)}\` can name any environment), but ${owner}; ${fix}`;
  }
  if (!applied.names.has(environment.name)) return undefined;
  const through = applied.via ? ` (through \`${excerpt(applied.via)}\`)` : '';
  return `this kubecd apply step applies environment \`${environment.name}\`${through}, but ${owner}; ${fix}`;
}
