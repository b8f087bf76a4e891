import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkUpgradesAction } from '../../src/actions/check-upgrades.js';
import { parseLockFile } from '../../src/lock/parse.js';
import { cloneWorkingCopy, git, remoteBranches, seedRepo, type SeededRepo } from '../harness/git.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { startGitHubStandIn, type GitHubStandIn } from '../standins/github.js';
import { CHART_FILES, environmentsYaml, imageRelease, releasesYaml } from './fixture.js';

const TOKEN = 'ghs_kubecdtesttoken0123456789abcdef';
let reg: RunningRegistry;
let repo: SeededRepo;
let github: GitHubStandIn;
let outputs: Record<string, string>;
let saved: NodeJS.ProcessEnv;

beforeAll(async () => {
  reg = await startRegistry();
  await pushImage(reg, { repository: 'shop/web', tag: ['1.0.0', '1.0.1'], created: '2024-01-01T00:00:00Z', labels: { 'org.opencontainers.image.source': 'https://github.com/acme/web' } });
  await pushImage(reg, { repository: 'shop/api', tag: ['2.0.0'], created: '2024-01-01T00:00:00Z' });
  const web = `${reg.host}/shop/web`;
  const api = `${reg.host}/shop/api`;
  repo = await seedRepo({
    ...CHART_FILES,
    'deploy/environments.yaml': environmentsYaml({ staging: ['releases/staging.yaml'], prod: ['releases/prod.yaml'] }),
    'deploy/releases/staging.yaml': releasesYaml([imageRelease('web', web, '1.0.0', 'PatchLevel'), imageRelease('api', api, '2.0.0', 'MinorVersion')]),
    'deploy/releases/prod.yaml': releasesYaml([imageRelease('web', web, '1.0.0', 'PatchLevel')]),
    'deploy/charts/app/Chart.yaml': CHART_FILES['charts/app/Chart.yaml']!,
    'deploy/charts/app/values.yaml': CHART_FILES['charts/app/values.yaml']!,
  });
  github = await startGitHubStandIn({ token: TOKEN, owner: 'acme', repo: 'deployments', gitDir: repo.bareDir });
}, 120_000);

afterAll(async () => {
  await github?.stop();
  await reg?.stop();
  await cleanupAll();
});

beforeEach(() => {
  saved = { ...process.env };
});

/** Runs the action in a fresh clone of main (as a workflow's checkout would), with `inputs`. */
async function runAction(inputs: Record<string, string>): Promise<{ workDir: string; outputs: Record<string, string> }> {
  const workDir = await cloneWorkingCopy(repo);
  const tmp = await makeTempDir('action');
  const outputFile = join(tmp, 'output');
  await writeFile(outputFile, '');
  process.env = {
    ...saved,
    GITHUB_WORKSPACE: workDir,
    GITHUB_REPOSITORY: 'acme/deployments',
    GITHUB_API_URL: github.url,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: join(tmp, 'summary'),
    RUNNER_TEMP: tmp,
    INPUT_ENVIRONMENTS: 'deploy/environments.yaml',
    INPUT_TOKEN: TOKEN,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  await writeFile(join(tmp, 'summary'), '');
  try {
    process.exitCode = 0;
    await checkUpgradesAction();
  } finally {
    process.env = saved;
  }
  outputs = parseOutputs(await readFile(outputFile, 'utf8'));
  return { workDir, outputs };
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(re)) out[match[1]!] = match[3]!;
  return out;
}

async function branchFile(branch: string, path: string): Promise<string> {
  return git(repo.bareDir, ['show', `${branch}:${path}`]);
}

describe('pull requests on the GitHub stand-in, branches on a bare git remote', () => {
  it('opens one pull request per environment, updates it when a newer tag appears, and leaves it alone when nothing is new', async () => {
    const t0 = performance.now();
    const first = await runAction({});
    expect(JSON.parse(first.outputs['pull-requests']!).map((p: { action: string; branch: string }) => `${p.action} ${p.branch}`).sort())
      .toEqual(['created kubecd/upgrades/prod', 'created kubecd/upgrades/staging']);
    expect(first.outputs.changed).toBe('true');
    const branches = await remoteBranches(repo);
    expect(branches.get('main')).toBe(repo.commit);
    const stagingSha = branches.get('kubecd/upgrades/staging')!;
    expect(stagingSha).toBeDefined();
    expect((await git(repo.bareDir, ['rev-parse', `${stagingSha}^`])).trim()).toBe(repo.commit);
    const lock = parseLockFile(await branchFile('kubecd/upgrades/staging', 'deploy/locks/staging.yaml'), 'x').lock!;
    expect(lock.entries.map((e) => `${e.release} ${e.key} ${e.value}`)).toEqual(['web image.tag 1.0.1']);
    // The staging branch holds only staging's lock file.
    await expect(branchFile('kubecd/upgrades/staging', 'deploy/locks/prod.yaml')).rejects.toThrow();
    expect(github.pulls).toHaveLength(2);
    const staging = github.pulls.find((p) => p.head === 'kubecd/upgrades/staging')!;
    expect(staging.base).toBe('main');
    expect(staging.body).toContain('| staging | web | `image.tag` | 1.0.0 → 1.0.1 | PatchLevel | [source](https://github.com/acme/web) |');
    // The token went only into Authorization headers, never into a URL or body.
    github.log.assertOnlyInAuthorization(TOKEN);
    console.log(`first run: ${Math.round(performance.now() - t0)} ms`);

    // A newer tag: the staging pull request is updated in place (no second one).
    await pushImage(reg, { repository: 'shop/web', tag: '1.0.2', created: '2024-02-01T00:00:00Z' });
    const second = await runAction({ environment: 'staging' });
    expect(JSON.parse(second.outputs['pull-requests']!)).toEqual([{ number: staging.number, url: expect.any(String), branch: 'kubecd/upgrades/staging', action: 'updated' }]);
    expect(github.pulls).toHaveLength(2);
    expect(staging.body).toContain('1.0.0 → 1.0.2');
    const afterSecond = (await remoteBranches(repo)).get('kubecd/upgrades/staging')!;
    expect(afterSecond).not.toBe(stagingSha);
    expect(await branchFile('kubecd/upgrades/staging', 'deploy/locks/staging.yaml')).toContain('value: "1.0.2"');

    // Nothing new: the branch and the pull request stay exactly as they are.
    const updatedAt = staging.updatedAt;
    const requestsBefore = github.log.requests.length;
    const third = await runAction({ environment: 'staging' });
    expect(JSON.parse(third.outputs['pull-requests']!).map((p: { action: string }) => p.action)).toEqual(['unchanged']);
    expect((await remoteBranches(repo)).get('kubecd/upgrades/staging')).toBe(afterSecond);
    expect(staging.updatedAt).toBe(updatedAt);
    expect(github.log.requests.slice(requestsBefore).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('image mode updates exactly the releases that track the pushed repository', async () => {
    await pushImage(reg, { repository: 'shop/api', tag: '2.1.0', created: '2024-03-01T00:00:00Z' });
    await pushImage(reg, { repository: 'shop/web', tag: '1.0.3', created: '2024-03-01T00:00:00Z' });
    const { workDir, outputs: out } = await runAction({ image: `${reg.host}/shop/api:2.1.0`, commit: 'none' });
    const updates = JSON.parse(out.updates!) as { environment: string; release: string; to: string }[];
    expect(updates.map((u) => `${u.environment}/${u.release} ${u.to}`)).toEqual(['staging/api 2.1.0']);
    const lock = parseLockFile(await readFile(join(workDir, 'deploy/locks/staging.yaml'), 'utf8'), 'x').lock!;
    expect(lock.entries.map((e) => `${e.release} ${e.value}`)).toEqual(['api 2.1.0']);
    await expect(readFile(join(workDir, 'deploy/locks/prod.yaml'), 'utf8')).rejects.toThrow();
    await rm(workDir, { recursive: true, force: true });
  });

  it('a run filtered to one release keeps the updates already pending on the branch', async () => {
    const staging = github.pulls.find((p) => p.head === 'kubecd/upgrades/staging')!;
    const { outputs: out } = await runAction({ environment: 'staging', release: 'api' });
    expect(JSON.parse(out['pull-requests']!).map((p: { action: string }) => p.action)).toEqual(['updated']);
    const lock = parseLockFile(await branchFile('kubecd/upgrades/staging', 'deploy/locks/staging.yaml'), 'x').lock!;
    expect(lock.entries.map((e) => `${e.release} ${e.value}`)).toEqual(['api 2.1.0', 'web 1.0.2']);
    expect(github.pulls).toHaveLength(2);
    expect(staging.state).toBe('open');
  });

  it('commit: push commits the lock files straight to the base branch', async () => {
    const before = (await remoteBranches(repo)).get('main');
    const { outputs: out } = await runAction({ environment: 'prod', commit: 'push' });
    expect(out.changed).toBe('true');
    const after = (await remoteBranches(repo)).get('main')!;
    expect(after).not.toBe(before);
    const message = await git(repo.bareDir, ['log', '-1', '--format=%an|%B', after]);
    expect(message).toContain('prod/web image.tag: 1.0.0 -> 1.0.3');
    expect(await branchFile('main', 'deploy/locks/prod.yaml')).toContain('value: "1.0.3"');
  });
});

describe('a full run after the base branch caught up', () => {
  it('closes the pull request that has nothing left and deletes its branch', async () => {
    // The previous test pushed prod's lock (web 1.0.3) to main; prod's pull request (web 1.0.1) is now moot.
    const prodPull = github.pulls.find((p) => p.head === 'kubecd/upgrades/prod')!;
    expect(prodPull.state).toBe('open');
    const { outputs: out } = await runAction({});
    const actions = JSON.parse(out['pull-requests']!).map((p: { action: string; branch: string }) => `${p.action} ${p.branch}`).sort();
    expect(actions).toEqual(['closed kubecd/upgrades/prod', 'updated kubecd/upgrades/staging']);
    expect(prodPull.state).toBe('closed');
    expect((await remoteBranches(repo)).has('kubecd/upgrades/prod')).toBe(false);
    expect(github.pulls).toHaveLength(2);
  });
});
