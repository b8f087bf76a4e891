import * as core from '@actions/core';
import { applyEnvironment } from '../deploy/apply.js';
import { DEPLOY_MODES, type DeployMode } from '../deploy/types.js';
import type { DeployLogger } from '../deploy/logger.js';
import { outcomeLists, outcomeMarkdown } from '../deploy/report.js';
import { detectHelm } from '../helm/helm.js';
import { loadRepo } from '../repo/load.js';
import { postToSlack, type RunReport } from '../notify/slack.js';
import { booleanInput, choiceInput, InputError, listInput, optionalInput, pathInput, positiveIntegerInput } from './inputs.js';
import { reportInvalidRepo } from './problems.js';
import { runAction, writeSummary } from './run-action.js';

const coreLogger: DeployLogger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  group: (title, lines) => {
    core.startGroup(title);
    for (const line of lines) core.info(line);
    core.endGroup();
  },
  secret: (value) => core.setSecret(value),
};

function workloadIdentityInputs(): { workloadIdentityProvider: string; serviceAccount: string } | undefined {
  const provider = optionalInput('workload_identity_provider');
  const serviceAccount = optionalInput('service_account');
  if (!provider && !serviceAccount) return undefined;
  if (!provider || !serviceAccount) throw new InputError('inputs "workload_identity_provider" and "service_account" go together');
  return { workloadIdentityProvider: provider, serviceAccount };
}

function runUrl(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = process.env;
  return server && repository && id ? `${server}/${repository}/actions/runs/${id}` : undefined;
}

async function notify(webhook: string | undefined, report: RunReport): Promise<void> {
  if (!webhook) return;
  try {
    await postToSlack(webhook, report);
  } catch (error) {
    core.warning(`Slack notification failed: ${(error as Error).message}`);
  }
}

/** The apply action; @github/local-action and the bundle's entry file call it. */
export function run(): Promise<void> {
  return runAction(applyAction);
}

async function applyAction(): Promise<void> {
  for (const name of ['applied', 'skipped', 'failed']) core.setOutput(name, '[]');
  const webhook = optionalInput('slack-webhook-url');
  const environment = core.getInput('environment', { required: true }).trim();
  const mode = choiceInput<DeployMode>('mode', DEPLOY_MODES, 'apply');

  // helm's version check runs while the repo loads: it is on every apply's critical path.
  const helm = detectHelm(optionalInput('helm') ?? 'helm');
  helm.catch(() => undefined);
  const loaded = await loadRepo(pathInput('environments', 'environments.yaml'));
  const errors = await reportInvalidRepo(loaded, `kubecd ${mode}: ${environment}`, 'Nothing was deployed');
  if (errors > 0) throw new Error(`the deployments repo has ${errors} error(s); nothing was deployed`);

  try {
    const outcome = await applyEnvironment({
      loaded,
      environment,
      releases: listInput('releases'),
      mode,
      force: booleanInput('force', false),
      prune: booleanInput('prune', false),
      concurrency: positiveIntegerInput('concurrency', 4),
      timeout: optionalInput('timeout'),
      wait: booleanInput('wait', false),
      atomic: booleanInput('atomic', false),
      failFast: booleanInput('fail-fast', false),
      createNamespace: booleanInput('create-namespace', false),
      helm: await helm,
      kubectl: optionalInput('kubectl') ?? 'kubectl',
      credentials: {
        ...(optionalInput('kubeconfig') ? { kubeconfig: pathInput('kubeconfig', '') } : {}),
        ...(workloadIdentityInputs() ? { workloadIdentity: workloadIdentityInputs() } : {}),
      },
      logger: coreLogger,
    });
    const lists = outcomeLists(outcome);
    for (const [name, list] of Object.entries(lists)) core.setOutput(name, JSON.stringify(list));
    core.summary.addRaw(outcomeMarkdown(outcome));
    await writeSummary();
    await notify(webhook, { environment, mode, ...lists, runUrl: runUrl() });
    if (outcome.failed) {
      const failures = [...lists.failed, ...outcome.resources.filter((r) => r.result === 'failed').map((r) => r.file), ...outcome.pruned.filter((p) => p.result === 'failed').map((p) => `prune ${p.name}`)];
      core.setFailed(`kubecd ${mode} of ${environment} failed: ${failures.join(', ')}`);
    }
  } catch (error) {
    await notify(webhook, { environment, mode, applied: [], skipped: [], failed: [`(run) ${(error as Error).message}`], runUrl: runUrl() });
    throw error;
  }
}
