import * as core from '@actions/core';
import { detectHelm } from '../helm/helm.js';
import { lint } from '../lint/lint.js';
import { actionsLogger } from '../log/actions.js';
import { hasErrors } from '../model/problems.js';
import { booleanInput, optionalInput, pathInput, workspace } from './inputs.js';
import { annotate, maskedProblems, problemsTable } from './problems.js';
import { runAction, writeSummary } from './run-action.js';

/** The lint action; @github/local-action and the bundle's entry file call it. */
export function run(): Promise<void> {
  return runAction(lintAction);
}

async function lintAction(): Promise<void> {
  const environmentsFile = pathInput('environments', 'environments.yaml');
  const render = booleanInput('render', false);
  const result = await lint({
    environmentsFile,
    render: render ? { helm: await detectHelm(optionalInput('helm') ?? 'helm') } : undefined,
    since: optionalInput('since'),
  });
  const { root } = result.loaded.repo;
  const problems = maskedProblems(result.loaded, result.problems);
  annotate(problems, root, workspace());

  const summary = core.summary.addHeading('kubecd lint', 2);
  summary.addTable([
    [{ data: 'environment', header: true }, { data: 'cluster', header: true }, { data: 'namespace', header: true }, { data: 'releases', header: true }],
    ...result.loaded.repo.environments.map((e) => [e.name, e.cluster.name, e.namespace, String(e.releases.length)]),
  ]);
  if (result.renderSkipped) {
    actionsLogger.warning(result.renderSkipped);
    summary.addRaw(`${result.renderSkipped}.`, true);
  } else if (render) summary.addRaw(`Rendered ${result.renders.filter((r) => r.ok).length} of ${result.renders.length} releases with helm template.`, true);
  if (problems.length > 0) {
    summary.addHeading(`${problems.length} problem(s)`, 3);
    summary.addTable([[{ data: 'severity', header: true }, { data: 'where', header: true }, { data: 'problem', header: true }], ...problemsTable(problems, root, workspace())]);
  }
  await writeSummary();

  if (hasErrors(result.problems)) {
    core.setFailed(`kubecd lint found ${result.problems.filter((p) => p.severity === 'error').length} error(s); nothing will be deployed.`);
    return;
  }
  core.setOutput('environments', JSON.stringify(result.environments.map((e) => e.name)));
  core.setOutput('matrix', JSON.stringify(result.matrix));
  actionsLogger.info(`${result.environments.length} environment(s) in the matrix: ${result.environments.map((e) => e.name).join(', ') || '(none)'}`);
}
