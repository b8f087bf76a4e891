import * as core from '@actions/core';
import { dirname, resolve } from 'node:path';
import { githubClient, splitRepository, type GitHubRepo } from '../git/pull-requests.js';
import type { GitContext } from '../git/git.js';
import { loadRepo } from '../repo/load.js';
import { parseRegistryCredentials, type CredentialMap } from '../registry/credentials.js';
import { branchLocks, publish, type CommitMode, type GroupMode } from '../upgrades/publish.js';
import { checkedTable, FAIL_ON, registryFailureLine, registryFailures, updatesJson, type FailOn } from '../upgrades/report.js';
import { repoSecrets } from '../repo/secrets.js';
import { runUpgrades } from '../upgrades/run.js';
import { createSources, defaultCacheDir } from '../upgrades/sources.js';
import type { WriteMode } from '../upgrades/types.js';
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
  for (const credential of Object.values(credentials)) core.setSecret('token' in credential ? credential.token : credential.password);
  return credentials;
}

/** The check-upgrades action; @github/local-action and the bundle's entry file call it. */
export function run(): Promise<void> {
  return runAction(checkUpgradesAction);
}

/** The check-upgrades action: inputs → engine → files → git and pull requests → outputs and summary. */
export async function checkUpgradesAction(): Promise<void> {
  const environmentsFile = pathInput('environments', 'environments.yaml');
  const write = choiceInput<WriteMode>('write', ['lock', 'patch'], 'lock');
  const commit = choiceInput<CommitMode>('commit', ['pull-request', 'push', 'none'], 'pull-request');
  const group = choiceInput<GroupMode>('group', ['environment', 'all'], 'environment');
  const dryRun = booleanInput('dry-run', false);
  const failOn = choiceInput<FailOn>('fail-on', FAIL_ON, 'registry-errors');
  const token = optionalInput('token');
  const environmentFilter = listInput('environment');
  const release = optionalInput('release');
  const image = optionalInput('image');
  const cacheDir = optionalInput('cache-dir');

  const loaded = await loadRepo(environmentsFile);
  // helmRepos URLs may hold a password; registry errors quote the URL.
  const redactor = repoSecrets(loaded, (value) => core.setSecret(value));
  const errors = await reportInvalidRepo(loaded, 'kubecd check-upgrades', 'Nothing was checked or written');
  if (errors > 0) {
    core.setOutput('updates', '[]');
    core.setOutput('pull-requests', '[]');
    core.setOutput('changed', 'false');
    core.setFailed(`kubecd check-upgrades: ${errors} error(s) in the deployments repo; nothing written.`);
    return;
  }
  const environments = environmentFilter.length > 0 ? environmentFilter : loaded.repo.environments.map((e) => e.name);

  const ctx: GitContext = { cwd: dirname(environmentsFile), ...(token ? { token } : {}) };
  const usesGit = !dryRun && commit === 'pull-request';
  const previous = usesGit && write === 'lock' ? await branchLocks(ctx, loaded, environments, group) : new Map();

  const registryCredentials = optionalInput('registry-credentials');
  const sources = await createSources({
    ...(registryCredentials ? { credentials: parseCredentialsInput(registryCredentials) } : {}),
    insecureRegistries: listInput('insecure-registries'),
    ...(token ? { githubToken: token } : {}),
    onSecret: (value) => core.setSecret(value),
    log: (message) => core.debug(message),
    warn: (message) => core.warning(redactor.redact(message)),
  });
  const result = await runUpgrades(loaded, {
    ...sources,
    write,
    dryRun,
    environments,
    ...(release ? { release } : {}),
    ...(image ? { image } : {}),
    previousLock: (name) => previous.get(name),
    cacheDir: cacheDir ? resolve(workspace(), cacheDir) : defaultCacheDir(),
    warn: (message) => core.warning(redactor.redact(message)),
  });
  const updates = result.rows.filter((r) => r.decision === 'upgrade');
  for (const row of result.rows) {
    const line = `${row.environment}/${row.release} ${row.key}: ${row.current}${row.candidate ? ` -> ${row.candidate}` : ''} (${row.track}) ${row.decision}: ${row.reason}`;
    if (row.decision === 'skip') core.warning(redactor.redact(line));
    else core.info(redactor.redact(line));
  }
  const failures = registryFailures(result.rows);
  for (const failure of failures) core.error(redactor.redact(registryFailureLine(failure)));

  let pullRequests: object[] = [];
  if (!dryRun && commit !== 'none') {
    let github: GitHubRepo | undefined;
    if (commit === 'pull-request') {
      if (!token) throw new InputError('commit: pull-request needs the `token` input');
      const repository = process.env.GITHUB_REPOSITORY;
      if (!repository) throw new InputError('GITHUB_REPOSITORY is not set; cannot open pull requests');
      github = { octokit: githubClient(token), ...splitRepository(repository) };
    }
    const published = await publish({
      ctx,
      loaded,
      commit,
      group,
      ...(optionalInput('base') ? { base: optionalInput('base')! } : {}),
      ...(github ? { github } : {}),
      rows: result.rows,
      changed: result.changed,
      environments,
      complete: !release && !image,
      log: (message) => core.info(message),
    });
    pullRequests = published.pullRequests.map((p) => ({ number: p.number, url: p.url, branch: p.branch, action: p.action }));
  }

  const table = checkedTable(result.rows).map((row) => row.map((cell) => redactor.redact(cell)));
  const summary = core.summary.addHeading('kubecd check-upgrades', 2);
  summary.addRaw(`${result.rows.length} trigger(s) checked: ${updates.length} upgrade(s), ${result.rows.filter((r) => r.decision === 'skip').length} skipped${dryRun ? ' (dry run: nothing written)' : ''}.`, true);
  if (failures.length > 0) summary.addList(failures.map((failure) => redactor.redact(registryFailureLine(failure))));
  if (table.length > 1) summary.addTable([table[0]!.map((data) => ({ data, header: true })), ...table.slice(1)]);
  if (pullRequests.length > 0) summary.addList(pullRequests.map((p) => `${(p as { action: string }).action}: ${(p as { url: string }).url}`));
  await writeSummary();

  core.setOutput('updates', JSON.stringify(updatesJson(updates)));
  core.setOutput('pull-requests', JSON.stringify(pullRequests));
  core.setOutput('changed', String(!dryRun && result.changed.length > 0));
  if (failOn === 'registry-errors' && failures.length > 0) {
    const triggers = failures.reduce((sum, failure) => sum + failure.triggers, 0);
    core.setFailed(`kubecd check-upgrades: ${failures.length} registry or chart repository failure(s) skipped ${triggers} trigger(s) (fail-on: registry-errors; set fail-on: never to only warn).`);
  }
}
