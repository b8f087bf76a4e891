// The entry points end to end. The built action and CLI bundles (what GitHub and users run): the full GKE
// workload identity path through the action, and the CLI's exit code; these run the committed dist/
// (test/dist.test.ts proves it is what src/ builds to). Then the apply action from source (its outputs, its
// inputs' names) and the request mapper that the action and the CLI share.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { applyCommand, planCommand } from '../../src/cli/commands/apply.js';
import { USAGE, UsageError } from '../../src/cli/usage.js';
import { APPLY_SETTINGS, applyRequest, type ApplyOptions } from '../../src/deploy/request.js';
import { run } from '../../src/exec/run.js';
import { plainLogger } from '../../src/log/plain.js';
import { loadRepo } from '../../src/repo/load.js';
import { runBundledAction } from '../harness/action-runner.js';
import { useCluster } from '../harness/use-cluster.js';
import { HELM_MAJORS, helmBinary, kubectlBinary, REPO_ROOT } from '../harness/tools.js';
import { startGoogleStandIns, type GoogleStandIns } from '../standins/google.js';
import { startSlackStandIn, type SlackStandIn } from '../standins/slack.js';
import { deploymentImage, fixtureRepo, kubeconfigRepo, revisions } from './helpers.js';

const cluster = useCluster();
const node = process.execPath;
const bundles = join(REPO_ROOT, 'dist');
let google: GoogleStandIns;
let slack: SlackStandIn;

beforeAll(async () => {
  google = await startGoogleStandIns({
    accessToken: cluster.gkeToken,
    clusters: [{
      project: 'acme-prod', location: 'us-central1-b', name: 'prod-1',
      endpoint: new URL(cluster.server).host,
      caCertificatePem: Buffer.from(cluster.caData, 'base64').toString('utf8'),
    }],
    addresses: [{ project: 'acme-prod', region: 'us-central1', name: 'shop-ingress', address: '203.0.113.7' }],
  });
  slack = await startSlackStandIn();
}, 300_000);

afterAll(async () => {
  await google?.stop();
  await slack?.stop();
});

const GKE_PROVIDER = 'gke:\n  project: acme-prod\n  clusterName: prod-1\n  zone: us-central1-b';

/**
 * The environment of a runner step that runs the apply bundle on the GKE path through the stand-ins. The
 * identity inputs under their deprecated names unless `names` is 'current' (the bundle may predate the rename).
 */
async function gkeStepEnv(standIns: GoogleStandIns, workspace: string, runnerTemp: string, major: 3 | 4, names: 'current' | 'deprecated' = 'deprecated'): Promise<NodeJS.ProcessEnv> {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    ...standIns.oidc.env,
    KUBECD_GKE_API_ENDPOINT: standIns.urls.gke,
    KUBECD_COMPUTE_API_URL: standIns.urls.gce,
    KUBECD_GOOGLE_STS_URL: standIns.urls.stsToken,
    KUBECD_GOOGLE_IAM_URL: standIns.urls.iam,
    INPUT_ENVIRONMENTS: 'environments.yaml',
    INPUT_ENVIRONMENT: 'test',
    INPUT_HELM: await helmBinary(major),
    INPUT_KUBECTL: await kubectlBinary(),
    'INPUT_CREATE-NAMESPACE': 'true',
    ...(names === 'current'
      ? { 'INPUT_WORKLOAD-IDENTITY-PROVIDER': standIns.provider, 'INPUT_SERVICE-ACCOUNT': standIns.serviceAccount }
      : { INPUT_WORKLOAD_IDENTITY_PROVIDER: standIns.provider, INPUT_SERVICE_ACCOUNT: standIns.serviceAccount }),
  };
}

describe.each(HELM_MAJORS)('entry points with Helm %i', (major) => {
  test('the action deploys through GitHub OIDC -> STS -> IAM -> GKE, removes its kubeconfig and leaks no token', async () => {
    const namespace = `apply-gke-h${major}`;
    const repo = await fixtureRepo(namespace, GKE_PROVIDER);
    const runnerTemp = await mkdtemp(join(tmpdir(), 'kubecd-runner-'));
    onTestFinished(async () => {
      await repo.remove();
      await rm(runnerTemp, { recursive: true, force: true });
    });
    await repo.edit('releases/apps.yaml', '      - key: image.tag\n        value: "1.0.0"', '      - key: image.tag\n        value: "1.0.0"\n      - key: ingressIp\n        valueFrom:\n          gceResource:\n            address:\n              name: shop-ingress\n              isGlobal: false');
    const outputFile = join(runnerTemp, 'output.txt');
    const summaryFile = join(runnerTemp, 'summary.md');
    const temp = join(runnerTemp, 'temp');
    await mkdir(temp);
    await writeFile(outputFile, ''); // the runner creates both files before a step runs
    await writeFile(summaryFile, '');
    const mintsBefore = google.iam.mintCount;
    const addressPath = '/compute/v1/projects/acme-prod/regions/us-central1/addresses/shop-ingress';
    const addressLookupsBefore = google.gce.log.matching('GET', addressPath).length;

    const result = await run(node, [join(bundles, 'apply', 'index.js')], {
      cwd: repo.root,
      env: {
        ...(await gkeStepEnv(google, repo.root, temp, major)),
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        'INPUT_SLACK-WEBHOOK-URL': slack.webhookUrl,
      },
      timeoutMs: 120_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);

    expect(await deploymentImage(cluster, namespace, 'web')).toBe('registry.test/team/app:1.0.7');
    expect(await deploymentImage(cluster, namespace, 'worker')).toBe('registry.test/team/worker:2.0.0');
    expect((await cluster.kubectl(['get', 'configmap', 'web', '-n', namespace, '-o', 'jsonpath={.data.ingressIp}'])).stdout).toBe('203.0.113.7');
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });
    expect(google.iam.mintCount).toBeGreaterThan(mintsBefore);
    expect(google.gke.log.matching('GET', '/v1/projects/acme-prod/locations/us-central1-b/clusters/prod-1').length).toBeGreaterThan(0);
    expect(google.gce.log.matching('GET', addressPath).length - addressLookupsBefore).toBe(1);

    const outputs = await readFile(outputFile, 'utf8');
    expect(outputs).toMatch(/applied<<[^\n]+\n\["web","worker"\]\n/);
    expect(outputs).toMatch(/failed<<[^\n]+\n\[\]\n/);
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toMatch(/\| web \| applied \|/);
    expect(slack.messages.at(-1)?.text).toMatch(/applied 2: web, worker/);

    // the kubeconfig (and every values file) is gone
    expect(await readdir(temp)).toEqual([]);
    // tokens: masked (the runner hides ::add-mask:: values), and nowhere else in logs, outputs or summary
    const secrets = [cluster.gkeToken, ...google.sts.issued.map((t) => t.token), ...google.oidc.issued.map((t) => t.token), google.oidc.requestToken, slack.webhookUrl];
    expect(result.stdout).toContain(`::add-mask::${cluster.gkeToken}`);
    const logWithoutMaskCommands = output.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    for (const secret of secrets) {
      expect(logWithoutMaskCommands).not.toContain(secret);
      expect(outputs).not.toContain(secret);
      expect(summary).not.toContain(secret);
    }
  });

  test('the CLI exits 1 when a release fails, after deploying the others', async () => {
    const namespace = `apply-cli-h${major}`;
    const repo = await kubeconfigRepo(cluster, namespace, (await cluster.namespaceCredential(namespace)).token);
    onTestFinished(() => repo.remove());
    await repo.addReleases('  - name: broken\n    chart:\n      dir: ../charts/broken\n');
    const result = await run(node, [join(bundles, 'cli', 'index.js'), 'apply', '-f', repo.environmentsFile, 'test', '--helm', await helmBinary(major), '--kubectl', await kubectlBinary()], { timeoutMs: 120_000 });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(1);
    expect(result.stdout).toMatch(/^broken: failed — .*noSuchFunction/m);
    expect(result.stdout).toMatch(/^web: applied/m);
    expect(result.stdout).toMatch(/^worker: applied/m);
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });

    const plan = await run(node, [join(bundles, 'cli', 'index.js'), 'plan', '-f', repo.environmentsFile, 'test', '--release', 'web', '--helm', await helmBinary(major), '--kubectl', await kubectlBinary()], { timeoutMs: 120_000 });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/^web: no-changes/m);
  });
});

describe('a GKE token that expires during the apply', () => {
  test('is renewed before each helm and kubectl command, and the apply succeeds', async () => {
    // Minted tokens live 2 minutes: inside the 5-minute margin, so every command needs a fresh one.
    const shortLived = await startGoogleStandIns({
      accessToken: cluster.gkeToken,
      lifetimeSeconds: 120,
      clusters: [{
        project: 'acme-prod', location: 'us-central1-b', name: 'prod-1',
        endpoint: new URL(cluster.server).host,
        caCertificatePem: Buffer.from(cluster.caData, 'base64').toString('utf8'),
      }],
    });
    const namespace = 'apply-gke-refresh';
    const repo = await fixtureRepo(namespace, GKE_PROVIDER);
    const runnerTemp = await mkdtemp(join(tmpdir(), 'kubecd-runner-'));
    onTestFinished(async () => {
      await shortLived.stop();
      await repo.remove();
      await rm(runnerTemp, { recursive: true, force: true });
    });
    const result = await run(node, [join(bundles, 'apply', 'index.js')], {
      cwd: repo.root,
      env: { ...(await gkeStepEnv(shortLived, repo.root, runnerTemp, 4)), INPUT_CONCURRENCY: '1' },
      timeoutMs: 120_000,
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });
    // One token for clusters.get, then one before each command: the storage read, the resource file and the
    // two helm upgrades at least.
    expect(shortLived.iam.mintCount).toBeGreaterThanOrEqual(4);
  });
});


/** Every value written to each output in a GITHUB_OUTPUT command file, in order (a name may repeat there). */
function outputWrites(text: string): Record<string, string[]> {
  const writes: Record<string, string[]> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (!heredoc) continue;
    const end = lines.indexOf(heredoc[2]!, i + 1);
    if (end < 0) throw new Error(`GITHUB_OUTPUT: ${heredoc[1]} has no closing delimiter`);
    (writes[heredoc[1]!] ??= []).push(lines.slice(i + 1, end).join('\n'));
    i = end;
  }
  return writes;
}

describe('the apply action, from source', () => {
  /** Runs src/actions/apply.ts as the runner would, with a GITHUB_OUTPUT file of the test's own to read raw. */
  async function applyFromSource(workspace: string, inputs: Record<string, string>) {
    const files = await mkdtemp(join(tmpdir(), 'kubecd-outputs-'));
    onTestFinished(() => rm(files, { recursive: true, force: true }));
    const outputFile = join(files, 'output');
    await writeFile(outputFile, '');
    const result = await runBundledAction('apply', { workspace, fromSource: true, inputs, env: { GITHUB_OUTPUT: outputFile }, timeoutMs: 120_000 });
    return { result, writes: outputWrites(await readFile(outputFile, 'utf8')) };
  }

  test('writes applied, skipped and failed once each: after a deploy, after a second (skipping) one, and when the repo does not load', async () => {
    const namespace = 'apply-outputs-once';
    const repo = await kubeconfigRepo(cluster, namespace);
    onTestFinished(() => repo.remove());
    const inputs = { environment: 'test', helm: await helmBinary(4), kubectl: await kubectlBinary(), 'create-namespace': 'true' };

    const first = await applyFromSource(repo.root, inputs);
    expect(first.result.code, first.result.log + first.result.stderr).toBe(0);
    expect(first.writes).toEqual({ applied: ['["web","worker"]'], skipped: ['[]'], failed: ['[]'] });

    const second = await applyFromSource(repo.root, inputs);
    expect(second.result.code, second.result.log).toBe(0);
    expect(second.writes).toEqual({ applied: ['[]'], skipped: ['["web","worker"]'], failed: ['[]'] });

    await repo.edit('releases/apps.yaml', '      - key: image.tag', '      - key: [image.tag');
    const broken = await applyFromSource(repo.root, inputs);
    expect(broken.result.code).toBe(1);
    expect(broken.result.errors.join('\n')).toMatch(/releases\/apps\.yaml/);
    expect(broken.writes).toEqual({ applied: ['[]'], skipped: ['[]'], failed: ['[]'] });
  });

  test('a bad input fails in one line naming it, and still writes each output once', async () => {
    const repo = await kubeconfigRepo(cluster, 'apply-bad-input');
    onTestFinished(() => repo.remove());
    const { result, writes } = await applyFromSource(repo.root, { environment: 'test', concurrency: '0' });
    expect(result.code).toBe(1);
    expect(result.errors).toEqual(['::error::input "concurrency" must be a positive whole number, not "0"']);
    expect(result.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace
    expect(writes).toEqual({ applied: ['[]'], skipped: ['[]'], failed: ['[]'] });
  });

  test('the workload identity inputs half given, or under both names with different values, fail before anything is read', async () => {
    const repo = await fixtureRepo('apply-identity-inputs', GKE_PROVIDER);
    onTestFinished(() => repo.remove());
    const half = await applyFromSource(repo.root, { environment: 'test', 'workload-identity-provider': google.provider });
    expect(half.result.errors).toEqual(['::error::inputs "workload-identity-provider" and "service-account" go together']);
    const both = await applyFromSource(repo.root, { environment: 'test', 'service-account': google.serviceAccount, service_account: 'other@acme-prod.iam.gserviceaccount.com', 'workload-identity-provider': google.provider });
    expect(both.result.errors).toEqual(['::error::inputs "service-account" and "service_account" (its deprecated name) are both set, to different values; set only "service-account"']);
    expect(both.writes).toEqual({ applied: ['[]'], skipped: ['[]'], failed: ['[]'] });
  });

  test.each([
    ['current', 'apply-gke-kebab'],
    ['deprecated', 'apply-gke-snake'],
  ] as const)('deploys through workload identity with the %s input names (the deprecated ones with a warning)', async (names, namespace) => {
    const repo = await fixtureRepo(namespace, GKE_PROVIDER);
    const runnerTemp = await mkdtemp(join(tmpdir(), 'kubecd-runner-'));
    onTestFinished(async () => {
      await repo.remove();
      await rm(runnerTemp, { recursive: true, force: true });
    });
    const result = await run(node, [join(bundles, 'apply', 'index.js')], { cwd: repo.root, env: await gkeStepEnv(google, repo.root, runnerTemp, 4, names), timeoutMs: 120_000 });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });
    const deprecations = result.stdout.split('\n').filter((line) => line.includes('is deprecated'));
    expect(deprecations).toEqual(names === 'current' ? [] : [
      '::warning::input "workload_identity_provider" is deprecated; use "workload-identity-provider"',
      '::warning::input "service_account" is deprecated; use "service-account"',
    ]);
  });
});

describe('the apply request mapper the action and the CLI share', () => {
  const settings = Object.entries(APPLY_SETTINGS);

  test('action.yml declares every shared setting as an input, with the mapper\'s default, and the CLI usage names its flag', async () => {
    const action = parse(await readFile(join(REPO_ROOT, 'action-apply', 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
    for (const [name, spec] of settings) {
      expect(action.inputs[name], name).toBeDefined();
      expect(action.inputs[name]!.default ?? '', name).toBe('default' in spec ? String(spec.default) : '');
      expect(USAGE, name).toContain(`--${name}`);
    }
  });

  test('fills in each default once, for whichever entry point asks', async () => {
    const loaded = await loadRepo(join(REPO_ROOT, 'examples', 'environments.yaml'));
    const parts = { loaded, helm: { path: 'helm', version: 'v4.0.0', major: 4 as const }, logger: plainLogger(() => undefined) };
    const options: ApplyOptions = { environment: 'test' };
    expect(applyRequest(options, parts)).toMatchObject({
      environment: 'test', mode: 'apply', releases: [], concurrency: 4, timeout: '5m', kubectl: 'kubectl',
      force: false, prune: false, wait: false, atomic: false, failFast: false, createNamespace: false, credentials: {},
    });
    expect(applyRequest({ environment: 'test', mode: 'plan', concurrency: '2', 'fail-fast': true, context: 'c' }, parts)).toMatchObject({ mode: 'plan', concurrency: 2, failFast: true, credentials: { context: 'c' } });
  });

  test('the CLI refuses a bad setting as a usage error naming its flag, before reading the repo', async () => {
    await expect(applyCommand(['-f', '/nonexistent/environments.yaml', 'test', '--concurrency', '1.5'])).rejects.toThrow(new UsageError('--concurrency must be a positive whole number, not "1.5"'));
    await expect(planCommand(['-f', '/nonexistent/environments.yaml', 'test', '--concurrency', 'many'])).rejects.toBeInstanceOf(UsageError);
  });
});
