// The built action and CLI bundles (what GitHub and users run), end to end: the full GKE workload identity path
// through the action, and the CLI's exit code. Runs the committed dist/ (test/dist.test.ts proves it is
// what src/ builds to).
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { run } from '../../src/exec/run.js';
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

/** The environment of a runner step that runs the apply bundle on the GKE path through the stand-ins. */
async function gkeStepEnv(standIns: GoogleStandIns, workspace: string, runnerTemp: string, major: 3 | 4): Promise<NodeJS.ProcessEnv> {
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
    INPUT_WORKLOAD_IDENTITY_PROVIDER: standIns.provider,
    INPUT_SERVICE_ACCOUNT: standIns.serviceAccount,
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

