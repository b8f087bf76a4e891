// An `aks` environment end to end: the apply action (from source) signs in to the Entra ID stand-in with the
// GitHub OIDC stand-in's token, reads the cluster's address and CA from the ARM stand-in, and deploys into a
// real kube-apiserver that authenticates its Entra tokens through a TokenReview webhook (as AKS does). The
// CLI does the same with the ambient credentials DefaultAzureCredential finds (workload identity variables).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { runBundledAction, spawnCollect } from '../harness/action-runner.js';
import { startCluster, type StartedCluster } from '../harness/cluster.js';
import { cleanupAll } from '../harness/process.js';
import { startTokenWebhook, type TokenWebhook } from '../harness/token-webhook.js';
import { helmBinary, kubectlBinary, REPO_ROOT } from '../harness/tools.js';
import { AKS_SERVER_APP_ID, startAzureStandins, type AzureStandIns } from '../standins/azure.js';
import { startOidcStandIn, type OidcStandIn } from '../standins/oidc.js';
import { fixtureRepo, revisions } from './helpers.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-111122223333';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const OBJECT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
const PROVIDER = `aks:\n  tenantId: ${TENANT}\n  subscriptionId: ${SUBSCRIPTION}\n  resourceGroup: rg-prod\n  clusterName: aks-prod`;

let oidc: OidcStandIn;
let webhook: TokenWebhook;
let cluster: StartedCluster;
let azure: AzureStandIns;
/** Set by a test: the AKS token count at which the stand-ins' clock jumps past every earlier token. */
let jumpAt: number | undefined;

beforeAll(async () => {
  oidc = await startOidcStandIn({ repository: 'acme/deployments' });
  webhook = await startTokenWebhook();
  cluster = await startCluster({ tokenWebhook: webhook, gkeUser: { name: 'nobody', clusterRole: null } });
  azure = await startAzureStandins({
    tenantId: TENANT,
    applications: [{
      clientId: CLIENT, objectId: OBJECT_ID, groups: ['deployers-group-id'],
      federated: { issuer: oidc.issuer, subject: 'repo:acme/deployments:ref:refs/heads/main', publicKey: oidc.publicKey },
    }],
    clusters: [{ subscriptionId: SUBSCRIPTION, resourceGroup: 'rg-prod', name: 'aks-prod', fqdn: new URL(cluster.server).host, caData: cluster.caData }],
    beforeIssue: (audience, before) => {
      if (audience === AKS_SERVER_APP_ID && before === jumpAt) azure.advanceClock(3600);
    },
  });
  webhook.verifiers.push((token) => azure.reviewAksToken(token));
  // Kubernetes RBAC for the application, by object id, as on an AKS cluster without Azure RBAC.
  const bound = await cluster.kubectl(['create', 'clusterrolebinding', 'aks-deployer', '--clusterrole=cluster-admin', `--user=${OBJECT_ID}`]);
  expect(bound.code, bound.stderr).toBe(0);
}, 600_000);

afterAll(async () => {
  await azure?.close();
  await cluster?.stop();
  await webhook?.stop();
  await oidc?.stop();
  await cleanupAll();
});

const aksReviews = () => webhook.reviews.filter((r) => azure.issued.some((t) => t.token === r.token));

describe('an aks environment through the Entra ID, ARM and GitHub OIDC stand-ins and a real kube-apiserver', () => {
  test('the apply action deploys with a federated token, renewing it before each command after the first one expired', async () => {
    const namespace = 'apply-aks-action';
    const repo = await fixtureRepo(namespace, PROVIDER);
    onTestFinished(() => repo.remove());
    // Tokens live 2 minutes (inside the 5-minute margin, so each command asks for one). The first is minted
    // when the access opens, the second for the first command; when the third is minted the clock jumps an
    // hour, so the first command's token expires between it and the second command.
    azure.setLifetime(120);
    jumpAt = 2;
    const reviewedBefore = webhook.reviews.length;
    const issuedBefore = azure.issued.length;

    const result = await runBundledAction('apply', {
      workspace: repo.root,
      fromSource: true,
      inputs: { environment: 'test', helm: await helmBinary(4), kubectl: await kubectlBinary(), 'create-namespace': 'true', concurrency: '1', 'azure-client-id': CLIENT },
      env: { ...oidc.env, ...azure.env },
      timeoutMs: 170_000,
    });
    jumpAt = undefined;
    expect(result.code, `${result.log}\n${result.stderr}`).toBe(0);
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });

    const minted = azure.issued.slice(issuedBefore);
    const aksTokens = minted.filter((t) => t.audience === AKS_SERVER_APP_ID).map((t) => t.token);
    const reviews = aksReviews().filter((r) => webhook.reviews.indexOf(r) >= reviewedBefore);
    // One token per command: the namespace, the release state, the resource file and its record, two upgrades.
    expect(aksTokens.length).toBeGreaterThanOrEqual(4);
    expect(new Set(reviews.map((r) => r.token)).size).toBeGreaterThanOrEqual(4);
    expect(reviews.filter((r) => !r.authenticated)).toEqual([]);
    expect(reviews.map((r) => r.username)).toContain(OBJECT_ID);
    // The first command's token was used, then expired mid-run; the API server refuses it now.
    const firstUsed = aksTokens[1]!;
    expect(reviews.some((r) => r.token === firstUsed && r.authenticated)).toBe(true);
    expect(await azure.reviewAksToken(firstUsed)).toBeUndefined();
    // The API server keeps a webhook answer for a moment (cache TTL 1s); then it asks again and is told no.
    let stale = await cluster.kubectl(['get', 'namespace', namespace], { token: firstUsed });
    for (let attempt = 0; attempt < 20 && stale.code === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      stale = await cluster.kubectl(['get', 'namespace', namespace], { token: firstUsed });
    }
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/Unauthorized|must be logged in/);

    // Every token was masked, and none went anywhere but an Authorization header.
    const tokens = [...minted.map((t) => t.token), ...oidc.issued.map((t) => t.token)];
    for (const token of minted.map((t) => t.token)) {
      expect(result.masked).toContain(token);
      azure.log.assertOnlyInAuthorization(token);
    }
    for (const token of tokens) expect(result.log).not.toContain(token);
    expect(result.log).toContain(`AKS cluster ${SUBSCRIPTION}/rg-prod/aks-prod (public endpoint ${cluster.server})`);
  });

  test('a bad azure-client-id input fails in one line before anything is read', async () => {
    const repo = await fixtureRepo('apply-aks-bad-input', PROVIDER);
    onTestFinished(() => repo.remove());
    const before = azure.log.requests.length;
    const result = await runBundledAction('apply', {
      workspace: repo.root, fromSource: true, inputs: { environment: 'test', 'azure-client-id': '--token=x' }, env: { ...oidc.env, ...azure.env }, timeoutMs: 60_000,
    });
    expect(result.code).toBe(1);
    expect(result.errors).toEqual(['::error::input "azure-client-id" must be a GUID, not "--token=x"']);
    expect(azure.log.requests.length).toBe(before);
  });

  test('azure-client-id in a job without `id-token: write` fails saying so, and deploys nothing', async () => {
    const namespace = 'apply-aks-no-oidc';
    const repo = await fixtureRepo(namespace, PROVIDER);
    onTestFinished(() => repo.remove());
    const result = await runBundledAction('apply', {
      workspace: repo.root, fromSource: true, inputs: { environment: 'test', helm: await helmBinary(4), kubectl: await kubectlBinary(), 'azure-client-id': CLIENT, 'create-namespace': 'true' }, env: { ...azure.env }, timeoutMs: 60_000,
    });
    expect(result.code).toBe(1);
    expect(result.errors.join('\n')).toMatch(/cannot get an Entra ID token for Azure Resource Manager: .*id-token: write/);
    expect(result.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace
    expect((await cluster.kubectl(['get', 'namespace', namespace])).code).not.toBe(0);
  });

  test('the CLI deploys with the ambient credentials (workload identity variables, read by DefaultAzureCredential)', async () => {
    const namespace = 'apply-aks-cli';
    const repo = await fixtureRepo(namespace, PROVIDER);
    const dir = await mkdtemp(join(tmpdir(), 'kubecd-aks-cli-'));
    onTestFinished(async () => {
      await repo.remove();
      await rm(dir, { recursive: true, force: true });
    });
    azure.setLifetime(3600);
    const url = new URL(oidc.requestUrl);
    url.searchParams.set('audience', 'api://AzureADTokenExchange');
    const federated = ((await (await fetch(url, { headers: { Authorization: `Bearer ${oidc.requestToken}` } })).json()) as { value: string }).value;
    await writeFile(join(dir, 'federated-token'), federated, { mode: 0o600 });
    const entry = join(dir, 'cli.mjs');
    await writeFile(entry, `await (await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src', 'cli', 'main.ts')).href)})).main();\n`);
    const issuedBefore = azure.issued.length;

    const result = await spawnCollect(join(REPO_ROOT, 'node_modules', '.bin', 'node'), [
      '--import', pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, entry,
      'apply', 'environments.yaml', 'test', '--helm', await helmBinary(4), '--kubectl', await kubectlBinary(), '--create-namespace',
    ], {
      cwd: repo.root,
      timeoutMs: 170_000,
      env: {
        PATH: process.env.PATH, HOME: dir, ...azure.env,
        AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_FEDERATED_TOKEN_FILE: join(dir, 'federated-token'),
      },
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });
    const minted = azure.issued.slice(issuedBefore);
    expect(minted.map((t) => t.audience).sort()).toEqual([AKS_SERVER_APP_ID, 'https://management.azure.com']);
    // A one-hour token is reused for every command.
    expect(`${result.stdout}${result.stderr}`).not.toContain(minted[1]!.token);
  });
});
