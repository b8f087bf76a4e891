// End-to-end: promotion between environments, digest pinning and hold, on the real registry, git and API
// server, with the engines in process (check-upgrades, publish, apply) and the clock injected, never slept.
// test tracks the registry; staging promotes from test after 1h (its trigger pins digests); prod promotes
// from staging after 24h (its environment pins, through a digest value key).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvironment } from '../../src/deploy/apply.js';
import { githubClient } from '../../src/git/pull-requests.js';
import { detectHelm, type Helm } from '../../src/helm/helm.js';
import { parseLockFile } from '../../src/lock/parse.js';
import { plainLogger } from '../../src/log/plain.js';
import { loadRepo } from '../../src/repo/load.js';
import { publish } from '../../src/upgrades/publish.js';
import { pullRequestBody, updatesJson } from '../../src/upgrades/report.js';
import { runUpgrades } from '../../src/upgrades/run.js';
import { createSources } from '../../src/upgrades/sources.js';
import type { UpgradeRow } from '../../src/upgrades/types.js';
import { createNamespace, deploymentImage } from '../apply/helpers.js';
import { cloneWorkingCopy, git, seedRepo, type SeededRepo } from '../harness/git.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { helmBinary, kubectlBinary } from '../harness/tools.js';
import { useCluster } from '../harness/use-cluster.js';
import { startGitHubStandIn, type GitHubStandIn } from '../standins/github.js';

const cluster = useCluster();
const TOKEN = 'ghs_kubecdpromotiontoken0123456789';
const NAMESPACES = { test: 'promo-test', staging: 'promo-staging', prod: 'promo-prod' } as const;
type Env = keyof typeof NAMESPACES;
const ENVIRONMENTS: Env[] = ['test', 'staging', 'prod'];
const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const hours = (h: number) => new Date(T0 + h * 3_600_000);

const CHART = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'charts/web/values.yaml': 'image:\n  repository: none\n  tag: none\n',
  'charts/web/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: 1
  selector:
    matchLabels: { app: {{ .Release.Name }} }
  template:
    metadata:
      labels: { app: {{ .Release.Name }} }
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}{{ if .Values.image.digest }}@{{ .Values.image.digest }}{{ else }}:{{ .Values.image.tag }}{{ end }}"
`,
};

function environmentsYaml(): string {
  const env = (name: Env, extra = '') =>
    `  - name: ${name}\n    provider:\n      existingContext:\n        kubeconfig: kubeconfig.yaml\n        context: promo\n    kubeNamespace: ${NAMESPACES[name]}\n    releases:\n      - releases/${name}.yaml\n${extra}`;
  return `environments:\n${env('test')}${env('staging')}${env('prod', '    pinDigest: true\n')}`;
}

function releaseYaml(repository: string, trigger: string): string {
  return `releases:
  - name: web
    chart:
      dir: ../charts/web
    values:
      - key: image.repository
        value: ${repository}
      - key: image.tag
        value: "1.0.0"
    triggers:
      - image:
${trigger.replace(/^/gm, '          ')}
`;
}

let reg: RunningRegistry;
let repo: SeededRepo;
let github: GitHubStandIn;
let helm: Helm;
let kubectl: string;
const digests: Record<string, string> = {};

beforeAll(async () => {
  reg = await startRegistry();
  helm = await detectHelm(await helmBinary(3));
  kubectl = await kubectlBinary();
  digests['1.0.0'] = (await pushImage(reg, { repository: 'team/web', tag: '1.0.0', created: '2026-01-01T00:00:00Z' })).digest;
  const repository = `${reg.host}/team/web`;
  repo = await seedRepo({
    ...CHART,
    '.gitignore': 'kubeconfig.yaml\n',
    'environments.yaml': environmentsYaml(),
    'releases/test.yaml': releaseYaml(repository, 'track: Newest'),
    'releases/staging.yaml': releaseYaml(repository, 'track: Promote\nfrom: test\nafter: 1h\npinDigest: true'),
    'releases/prod.yaml': releaseYaml(repository, 'track: Promote\nfrom: staging\nafter: 24h\ndigestValue: image.digest'),
  });
  github = await startGitHubStandIn({ token: TOKEN, owner: 'acme', repo: 'deployments', gitDir: repo.bareDir });
  for (const namespace of Object.values(NAMESPACES)) await createNamespace(cluster, namespace);
}, 120_000);

afterAll(async () => {
  await github?.stop();
  await reg?.stop();
  await cleanupAll();
});

/** A fresh checkout of main, as a workflow job gets it, with the (untracked) kubeconfig apply reads. */
async function checkout(): Promise<string> {
  const dir = await cloneWorkingCopy(repo);
  await cluster.writeKubeconfig({ path: join(dir, 'kubeconfig.yaml'), context: 'promo' });
  return dir;
}

interface Run { rows: UpgradeRow[]; dir: string; pullRequests: Awaited<ReturnType<typeof publish>>['pullRequests'] }

/** check-upgrades at `now` in a fresh checkout, then published: pushed to main, or as a pull request. */
async function checkUpgrades(now: Date, commit: 'push' | 'pull-request' = 'push'): Promise<Run> {
  const dir = await checkout();
  const loaded = await loadRepo(join(dir, 'environments.yaml'));
  expect(loaded.problems).toEqual([]);
  const sources = await createSources({ env: {} });
  const result = await runUpgrades(loaded, { ...sources, write: 'lock', now: () => now });
  const published = await publish({
    ctx: { cwd: dir }, loaded, commit, group: 'all', rows: result.rows, changed: result.changed, environments: ENVIRONMENTS, complete: true,
    ...(commit === 'pull-request' ? { github: { octokit: githubClient(TOKEN, github.url), owner: 'acme', repo: 'deployments' } } : {}),
  });
  return { rows: result.rows, dir, pullRequests: published.pullRequests };
}

/** The apply engine, for every environment, from a fresh checkout of main. */
async function applyAll(): Promise<Record<Env, string | undefined>> {
  const dir = await checkout();
  const images = {} as Record<Env, string | undefined>;
  for (const environment of ENVIRONMENTS) {
    let log = '';
    const outcome = await applyEnvironment({ loaded: await loadRepo(join(dir, 'environments.yaml')), environment, mode: 'apply', helm, kubectl, logger: plainLogger((t) => { log += t; }) });
    expect(outcome.failed, log).toBe(false);
    images[environment] = await deploymentImage(cluster, NAMESPACES[environment], 'web');
  }
  return images;
}

function row(rows: UpgradeRow[], environment: Env): UpgradeRow {
  return rows.find((r) => r.environment === environment)!;
}

async function lockEntry(dir: string, environment: Env) {
  const file = `locks/${environment}.yaml`;
  return parseLockFile(await readFile(join(dir, file), 'utf8'), file).lock!.entries[0]!;
}

describe('promotion, digest pinning and hold, end to end', () => {
  it('test gets a pushed image at once, staging after test soaked 1h, prod after staging soaked 24h; a re-push is a digest update for pinned environments only; a held entry stays', async () => {
    const web = (tag: string) => `${reg.host}/team/web:${tag}`;
    expect(await applyAll()).toEqual({ test: web('1.0.0'), staging: web('1.0.0'), prod: web('1.0.0') });

    // A build pushes 1.1.0. test takes it; staging and prod have nothing soaked to promote, but they pin:
    // the digest of what they run is recorded, an update of its own kind.
    digests['1.1.0'] = (await pushImage(reg, { repository: 'team/web', tag: '1.1.0', created: '2026-02-01T00:00:00Z' })).digest;
    const first = await checkUpgrades(hours(0));
    expect(row(first.rows, 'test')).toMatchObject({ decision: 'upgrade', candidate: '1.1.0', track: 'Newest' });
    expect(row(first.rows, 'staging')).toMatchObject({ decision: 'upgrade', candidate: '1.0.0', change: 'digest', digest: digests['1.0.0'] });
    expect(row(first.rows, 'prod')).toMatchObject({ decision: 'upgrade', candidate: '1.0.0', change: 'digest', digest: digests['1.0.0'] });
    expect(await lockEntry(first.dir, 'test')).toMatchObject({ value: '1.1.0', since: hours(0).toISOString() });
    expect(await applyAll()).toEqual({
      test: web('1.1.0'),
      staging: web(`1.0.0@${digests['1.0.0']}`),
      prod: `${reg.host}/team/web@${digests['1.0.0']}`,
    });

    // 30 minutes later test has not soaked long enough.
    const early = await checkUpgrades(new Date(T0 + 30 * 60_000));
    expect(row(early.rows, 'staging')).toMatchObject({ decision: 'current', track: 'Promote' });
    expect(row(early.rows, 'staging').reason).toContain(`test has run 1.1.0 since ${hours(0).toISOString()}; promoted after 1h, at ${hours(1).toISOString()}`);

    // Two hours in: staging gets what test runs; prod sees staging's new entry (since now) and waits.
    const second = await checkUpgrades(hours(2));
    expect(row(second.rows, 'test').decision).toBe('current');
    expect(row(second.rows, 'staging')).toMatchObject({ decision: 'upgrade', candidate: '1.1.0', track: 'Promote', promotedFrom: 'test', promotedSince: hours(0).toISOString(), digest: digests['1.1.0'] });
    expect(row(second.rows, 'prod')).toMatchObject({ decision: 'current' });
    expect(row(second.rows, 'prod').reason).toContain(`staging has run 1.1.0 since ${hours(2).toISOString()}; promoted after 24h`);
    expect(pullRequestBody(second.rows.filter((r) => r.decision === 'upgrade'))).toContain(`promoted from test, running there since ${hours(0).toISOString()}`);
    expect(await lockEntry(second.dir, 'staging')).toMatchObject({ value: '1.1.0', digest: digests['1.1.0'], track: 'Promote', since: hours(2).toISOString() });
    expect((await applyAll()).staging).toBe(web(`1.1.0@${digests['1.1.0']}`));

    // A day later prod follows staging.
    const third = await checkUpgrades(hours(27));
    expect(row(third.rows, 'prod')).toMatchObject({ decision: 'upgrade', candidate: '1.1.0', promotedFrom: 'staging', promotedSince: hours(2).toISOString() });
    expect(third.rows.filter((r) => r.decision === 'upgrade').map((r) => r.environment)).toEqual(['prod']);
    expect(await applyAll()).toEqual({
      test: web('1.1.0'),
      staging: web(`1.1.0@${digests['1.1.0']}`),
      prod: `${reg.host}/team/web@${digests['1.1.0']}`,
    });

    // 1.1.0 is pushed again with other content: a pull request for the pinned environments' digests only,
    // with the old and new digest; until it is merged, apply keeps deploying the old content.
    const repushed = (await pushImage(reg, { repository: 'team/web', tag: '1.1.0', created: '2026-02-02T00:00:00Z', labels: { rebuilt: 'yes' } })).digest;
    expect(repushed).not.toBe(digests['1.1.0']);
    const fourth = await checkUpgrades(hours(30), 'pull-request');
    const updates = fourth.rows.filter((r) => r.decision === 'upgrade');
    expect(updates.map((u) => u.environment).sort()).toEqual(['prod', 'staging']);
    expect(row(fourth.rows, 'test').decision).toBe('current');
    expect(updatesJson(updates)).toEqual(updates.map((u) => expect.objectContaining({ environment: u.environment, kind: 'digest', from: '1.1.0', to: '1.1.0', digest: repushed, previousDigest: digests['1.1.0'] })));
    expect(fourth.pullRequests).toHaveLength(1);
    const pull = github.pulls.find((p) => p.number === fourth.pullRequests[0]!.number)!;
    expect(pull.state).toBe('open');
    expect(pull.body).toContain(`digest \`${digests['1.1.0']}\` → \`${repushed}\``);
    expect((await applyAll()).staging).toBe(web(`1.1.0@${digests['1.1.0']}`));

    // prod breaks: a human rolls it back to 1.0.0 and holds it. check-upgrades leaves it alone and says so.
    const human = await checkout();
    const prodLock = join(human, 'locks/prod.yaml');
    const rolledBack = (await readFile(prodLock, 'utf8'))
      .replace('value: "1.1.0"', 'value: "1.0.0"')
      .replace(digests['1.1.0']!, digests['1.0.0']!)
      .replace(/^( {4}resolvedAt: .*)$/m, '$1\n    hold: true');
    expect(rolledBack).toContain('hold: true');
    await writeFile(prodLock, rolledBack);
    await git(human, ['commit', '--quiet', '-am', 'Roll prod back to 1.0.0 and hold it']);
    await git(human, ['push', '--quiet', 'origin', 'HEAD:main']);
    const held = await checkUpgrades(hours(60));
    expect(row(held.rows, 'prod')).toMatchObject({ decision: 'held', reason: 'held in the lock file; remove hold: true to resume' });
    expect(await readFile(join(held.dir, 'locks/prod.yaml'), 'utf8')).toBe(rolledBack);
    expect((await applyAll()).prod).toBe(`${reg.host}/team/web@${digests['1.0.0']}`);
  });
});
