import * as core from '@actions/core';
import { applyEnvironment } from '../deploy/apply.js';
import { outcomeLists, outcomeMarkdown } from '../deploy/report.js';
import { APPLY_SETTINGS, ApplyOptionError, applyRequest, checkApplyOptions, deployMode, helmPath, type ApplyOptions, type ApplySettings } from '../deploy/request.js';
import type { ApplyOutcome } from '../deploy/types.js';
import { detectHelm } from '../helm/helm.js';
import { actionsLogger } from '../log/actions.js';
import { loadRepo } from '../repo/load.js';
import { AZURE_GUID } from '../model/normalise-aks.js';
import { isIamRoleArn } from '../model/normalise-eks.js';
import { excerpt } from '../model/excerpt.js';
import { postToSlack, type RunReport } from '../notify/slack.js';
import { booleanInput, InputError, listInput, optionalInput, pathInput, renamedInput } from './inputs.js';
import { reportInvalidRepo } from './problems.js';
import { runAction, writeSummary } from './run-action.js';

type OutcomeLists = ReturnType<typeof outcomeLists>;

function workloadIdentityInputs(): ApplyOptions['workloadIdentity'] {
  const provider = renamedInput('workload-identity-provider', 'workload_identity_provider');
  const serviceAccount = renamedInput('service-account', 'service_account');
  if (!provider && !serviceAccount) return undefined;
  if (!provider || !serviceAccount) throw new InputError('inputs "workload-identity-provider" and "service-account" go together');
  return { workloadIdentityProvider: provider, serviceAccount };
}

/** The inputs the action shares with the CLI, as the request mapper takes them (absent inputs stay absent). */
function sharedSettings(): ApplySettings {
  const settings: Record<string, string | boolean> = {};
  for (const [name, spec] of Object.entries(APPLY_SETTINGS)) {
    const text = optionalInput(name);
    if (text === undefined) continue;
    settings[name] = spec.type === 'boolean' ? booleanInput(name, false) : 'file' in spec ? pathInput(name, '') : text;
  }
  return settings as ApplySettings;
}

function actionOptions(): ApplyOptions {
  const workloadIdentity = workloadIdentityInputs();
  const azureClientId = optionalInput('azure-client-id');
  if (azureClientId && !AZURE_GUID.test(azureClientId)) throw new InputError(`input "azure-client-id" must be a GUID, not "${excerpt(azureClientId)}"`);
  const awsRoleArn = optionalInput('aws-role-arn');
  if (awsRoleArn && !isIamRoleArn(awsRoleArn)) throw new InputError(`input "aws-role-arn" must be an IAM role ARN like arn:aws:iam::123456789012:role/NAME, not "${excerpt(awsRoleArn)}"`);
  return {
    ...sharedSettings(),
    environment: core.getInput('environment', { required: true }).trim(),
    releases: listInput('releases'),
    mode: optionalInput('mode'),
    ...(workloadIdentity ? { workloadIdentity } : {}),
    ...(azureClientId ? { azureClientId } : {}),
    ...(awsRoleArn ? { awsRoleArn } : {}),
    githubOidcToken,
  };
}

/** The job's GitHub OIDC token for `audience`; @actions/core masks it. */
async function githubOidcToken(audience: string): Promise<string> {
  try {
    return await core.getIDToken(audience);
  } catch (error) {
    throw new Error(`cannot get the GitHub OIDC token (the job needs \`permissions: id-token: write\`): ${(error as Error).message}`);
  }
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
    actionsLogger.warning(`Slack notification failed: ${(error as Error).message}`);
  }
}

/** The apply action; @github/local-action and the bundle's entry file call it. */
export function run(): Promise<void> {
  return runAction(applyAction);
}

/** Each output is written exactly once, whichever way the run ends: empty lists when nothing was deployed. */
async function applyAction(): Promise<void> {
  let lists: OutcomeLists = { applied: [], skipped: [], failed: [] };
  try {
    lists = await deploy();
  } finally {
    for (const [name, list] of Object.entries(lists)) core.setOutput(name, JSON.stringify(list));
  }
}

async function deploy(): Promise<OutcomeLists> {
  const webhook = optionalInput('slack-webhook-url');
  const options = actionOptions();
  try {
    checkApplyOptions(options);
  } catch (error) {
    throw error instanceof ApplyOptionError ? new InputError(`input "${error.option}" ${error.problem}`) : error;
  }
  const { environment } = options;
  const mode = deployMode(options.mode);

  // helm's version check runs while the repo loads: it is on every apply's critical path.
  const helm = detectHelm(helmPath(options));
  helm.catch(() => undefined);
  const loaded = await loadRepo(pathInput('environments', 'environments.yaml'));
  const errors = await reportInvalidRepo(loaded, `kubecd ${mode}: ${environment}`, 'Nothing was deployed');
  if (errors > 0) throw new Error(`the deployments repo has ${errors} error(s); nothing was deployed`);

  let outcome: ApplyOutcome;
  try {
    outcome = await applyEnvironment(applyRequest(options, { loaded, helm: await helm, logger: actionsLogger }));
  } catch (error) {
    await notify(webhook, { environment, mode, applied: [], skipped: [], failed: [`(run) ${(error as Error).message}`], runUrl: runUrl() });
    throw error;
  }
  const lists = outcomeLists(outcome);
  core.summary.addRaw(outcomeMarkdown(outcome));
  await writeSummary();
  await notify(webhook, { environment, mode, ...lists, runUrl: runUrl() });
  if (outcome.failed) {
    const failures = [...lists.failed, ...outcome.resources.filter((r) => r.result === 'failed').map((r) => r.file), ...outcome.pruned.filter((p) => p.result === 'failed').map((p) => `prune ${p.name}`)];
    core.setFailed(`kubecd ${mode} of ${environment} failed: ${failures.join(', ')}`);
  }
  return lists;
}
