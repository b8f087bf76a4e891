import * as core from '@actions/core';
import { dirname } from 'node:path';
import { githubClient, splitRepository, type GitHubRepo } from '../git/pull-requests.js';
import type { GitContext } from '../git/git.js';
import { loadRepo } from '../repo/load.js';
import { parseRegistryCredentials, type CredentialMap } from '../registry/credentials.js';
import { branchLocks, publish, type CommitMode, type GroupMode } from '../upgrades/publish.js';
import { actionsLogger } from '../log/actions.js';
import { redactingLogger } from '../log/plain.js';
import { checkedTable, registryFailureLine, registryFailures, updatesJson } from '../upgrades/report.js';
import { upgradesRequest, UpgradesOptionError, type UpgradesRequest } from '../upgrades/request.js';
import { repoSecrets } from '../repo/secrets.js';
import { runUpgrades } from '../upgrades/run.js';
import { createSources } from '../upgrades/sources.js';
import type { UpgradeRow } from '../upgrades/types.js';
import { booleanInput, choiceInput, InputError, listInput, optionalInput, pathInput, workspace } from './inputs.js';
import { reportInvalidRepo } from './problems.js';
import { runAction, writeSummary } from './run-action.js';

/** The `registry-credentials` input, its secrets masked before anything can print them. */
function parseCredentialsInput(text: string): CredentialMap {
  let credentials: CredentialMap;
  try {
    credentials = parseRegistryCredentials(text);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  for (const credential of Object.values(credentials)) actionsLogger.secret('token' in credential ? credential.token : credential.password);
  return credentials;
}

/** The check-upgrades action; @github/local-action and the bundle's entry file call it. */
export function run(): Promise<void> {
  return runAction(checkUpgradesAction);
}

type Outputs = { updates: object[]; 'pull-requests': object[]; changed: boolean };

/** The check-upgrades action: inputs → engine → files → git and pull requests → outputs and summary. Each output is written once, whichever way it ends. */
export async function checkUpgradesAction(): Promise<void> {
  let outputs: Outputs = { updates: [], 'pull-requests': [], changed: false };
  try {
    outputs = await checkAndPublish();
  } finally {
    core.setOutput('updates', JSON.stringify(outputs.updates));
    core.setOutput('pull-requests', JSON.stringify(outputs['pull-requests']));
    core.setOutput('changed', String(outputs.changed));
  }
}

function actionRequest(): UpgradesRequest {
  const cacheDir = optionalInput('cache-dir');
  const failOn = optionalInput('fail-on');
  const release = optionalInput('release');
  const image = optionalInput('image');
  const write = optionalInput('write');
  try {
    return upgradesRequest({
      environments: listInput('environment'),
      ...(release ? { release } : {}),
      ...(image ? { image } : {}),
      ...(write ? { write } : {}),
      ...(failOn ? { failOn } : {}),
      ...(cacheDir ? { cacheDir } : {}),
      insecureRegistries: listInput('insecure-registries'),
      dryRun: booleanInput('dry-run', false),
      baseDir: workspace(),
    });
  } catch (error) {
    throw error instanceof UpgradesOptionError ? new InputError(`input "${error.option}" ${error.problem}`) : error;
  }
}

async function checkAndPublish(): Promise<Outputs> {
  const environmentsFile = pathInput('environments', 'environments.yaml');
  const request = actionRequest();
  const { dryRun, write, release, image } = request.run;
  const commit = choiceInput<CommitMode>('commit', ['pull-request', 'push', 'none'], 'pull-request');
  const group = choiceInput<GroupMode>('group', ['environment', 'all'], 'environment');
  const token = optionalInput('token');

  const loaded = await loadRepo(environmentsFile);
  // helmRepos URLs may hold a password; registry errors quote the URL.
  const redactor = repoSecrets(loaded, (value) => actionsLogger.secret(value));
  const logger = redactingLogger(actionsLogger, redactor);
  const errors = await reportInvalidRepo(loaded, 'kubecd check-upgrades', 'Nothing was checked or written');
  if (errors > 0) {
    core.setFailed(`kubecd check-upgrades: ${errors} error(s) in the deployments repo; nothing written.`);
    return { updates: [], 'pull-requests': [], changed: false };
  }
  const environments = request.run.environments ?? loaded.repo.environments.map((e) => e.name);

  const ctx: GitContext = { cwd: dirname(environmentsFile), ...(token ? { token } : {}) };
  const usesGit = !dryRun && commit === 'pull-request';
  const previous = usesGit && write === 'lock' ? await branchLocks(ctx, loaded, environments, group) : new Map();

  const registryCredentials = optionalInput('registry-credentials');
  const sources = await createSources({
    ...(registryCredentials ? { credentials: parseCredentialsInput(registryCredentials) } : {}),
    insecureRegistries: request.insecureRegistries,
    ...(token ? { githubToken: token } : {}),
    logger,
  });
  const result = await runUpgrades(loaded, {
    ...sources,
    ...request.run,
    environments,
    previousLock: (name) => previous.get(name),
    logger,
  });
  const updates = result.rows.filter((r) => r.decision === 'upgrade');
  for (const row of result.rows) {
    const line = `${row.environment}/${row.release} ${row.key}: ${row.current}${row.candidate ? ` -> ${row.candidate}` : ''} (${row.track}) ${row.decision}: ${row.reason}`;
    if (row.decision === 'skip') logger.warning(line);
    else logger.info(line);
  }
  const failures = registryFailures(result.rows);
  for (const failure of failures) core.error(redactor.redact(registryFailureLine(failure)));

  let pullRequests: { number: number; url: string; branch: string; action: string }[] = [];
  if (!dryRun && commit !== 'none') {
    let github: GitHubRepo | undefined;
    if (commit === 'pull-request') {
      if (!token) throw new InputError('commit: pull-request needs the `token` input');
      const repository = process.env.GITHUB_REPOSITORY;
      if (!repository) throw new InputError('GITHUB_REPOSITORY is not set; cannot open pull requests');
      github = { octokit: githubClient(token), ...splitRepository(repository) };
    }
    const base = optionalInput('base');
    const published = await publish({
      ctx,
      loaded,
      commit,
      group,
      ...(base ? { base } : {}),
      ...(github ? { github } : {}),
      rows: result.rows,
      changed: result.changed,
      environments,
      complete: !release && !image,
      logger,
    });
    pullRequests = published.pullRequests.map((p) => ({ number: p.number, url: p.url, branch: p.branch, action: p.action }));
  }

  const table = checkedTable(result.rows).map((row) => row.map((cell) => redactor.redact(cell)));
  const summary = core.summary.addHeading('kubecd check-upgrades', 2);
  summary.addRaw(`${result.rows.length} trigger(s) checked: ${updates.length} upgrade(s), ${result.rows.filter((r) => r.decision === 'skip').length} skipped${heldCount(result.rows)}${dryRun ? ' (dry run: nothing written)' : ''}.`, true);
  if (failures.length > 0) summary.addList(failures.map((failure) => redactor.redact(registryFailureLine(failure))));
  if (table.length > 1) summary.addTable([table[0]!.map((data) => ({ data, header: true })), ...table.slice(1)]);
  if (pullRequests.length > 0) summary.addList(pullRequests.map((p) => `${p.action}: ${p.url}`));
  await writeSummary();

  if (request.failOn === 'registry-errors' && failures.length > 0) {
    const triggers = failures.reduce((sum, failure) => sum + failure.triggers, 0);
    core.setFailed(`kubecd check-upgrades: ${failures.length} registry or chart repository failure(s) skipped ${triggers} trigger(s) (fail-on: registry-errors; set fail-on: never to only warn).`);
  }
  return { updates: updatesJson(updates), 'pull-requests': pullRequests, changed: !dryRun && result.changed.length > 0 };
}

/** `, N held` when a lock entry holds any trigger (nothing otherwise, so the usual line stays as it was). */
function heldCount(rows: readonly UpgradeRow[]): string {
  const held = rows.filter((r) => r.decision === 'held').length;
  return held > 0 ? `, ${held} held` : '';
}
