// One deployments repo with an environment per cluster provider — gke, eks, aks, existingContext — each applied by
// the apply action (from source) against one real kube-apiserver. The cloud tokens are checked as the clouds'
// clusters check them: the API server asks a TokenReview webhook, whose verifiers are aws-iam-authenticator's
// (the STS stand-in's GetCallerIdentity) and the AKS Entra webhook's; GKE's token is a static one the Google
// stand-ins hand out. The EKS credentials live seconds, so its tokens expire during the apply and are renewed.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBundledAction, type ActionResult } from '../harness/action-runner.js';
import { startCluster, type StartedCluster } from '../harness/cluster.js';
import { cleanupAll } from '../harness/process.js';
import { startTokenWebhook, type TokenWebhook } from '../harness/token-webhook.js';
import { helmBinary, kubectlBinary, REPO_ROOT } from '../harness/tools.js';
import { run } from '../../src/exec/run.js';
import { startAwsStandIns, type AwsStandIns } from '../standins/aws.js';
import { startAzureStandins, type AzureStandIns } from '../standins/azure.js';
import { startGoogleStandIns, type GoogleStandIns } from '../standins/google.js';
import { FIXTURE, revisions } from './helpers.js';

const NAMESPACES = { gke: 'prov-gke', eks: 'prov-eks', aks: 'prov-aks', local: 'prov-local' } as const;
const EKS_USER = 'eks-deployer';
/** A developer's long-term keys: what the CLI finds in the environment (the AWS SDK's default chain). */
const DEVELOPER = { accessKeyId: 'AKIADEVELOPER0000001', secretAccessKey: 'developer-secret', arn: 'arn:aws:iam::123456789012:user/dev', username: 'eks-dev' };
const AZURE = { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', subscriptionId: '0b1f6471-1bf0-4dda-aec3-111122223333', clientId: '11111111-2222-3333-4444-555555555555', objectId: 'aaaaaaaa-0000-0000-0000-0000000000aa' };
/** Seconds the EKS role credentials (and so every EKS token) live. */
const EKS_CREDENTIAL_SECONDS = 10;

let webhook: TokenWebhook;
let cluster: StartedCluster;
let aws: AwsStandIns;
let google: GoogleStandIns;
let azure: AzureStandIns;
let repoRoot: string;
let heldForExpiry = false;

beforeAll(async () => {
  webhook = await startTokenWebhook();
  cluster = await startCluster({ tokenWebhook: webhook });
  const caPem = Buffer.from(cluster.caData, 'base64').toString('utf8');
  const host = new URL(cluster.server).host;

  aws = await startAwsStandIns({
    credentialLifetimeSeconds: EKS_CREDENTIAL_SECONDS,
    users: [{ accessKeyId: DEVELOPER.accessKeyId, secretAccessKey: DEVELOPER.secretAccessKey, arn: DEVELOPER.arn }],
    clusters: [{ name: 'prod-eks', accountId: '123456789012', endpoint: cluster.server, caCertificatePem: caPem }],
    // The first renewal after the API server accepted an EKS token waits until that token's credentials have
    // expired and the API server's 1 s cache has let go of it: the run then certainly spans an expiry.
    beforeIssue: async () => {
      if (heldForExpiry) return;
      const accepted = webhook.reviews.find((r) => r.authenticated && r.username === EKS_USER);
      const credentials = accepted && aws.sts.issued.find((c) => c.accessKeyId === signingKeyOf(accepted.token));
      if (!credentials) return;
      heldForExpiry = true;
      await sleep(Math.max(0, credentials.expiresAt + 1_500 - Date.now()));
    },
  });
  webhook.verifiers.push(aws.authenticator('prod-eks', [{ arn: aws.roleArn, username: EKS_USER }, { arn: DEVELOPER.arn, username: DEVELOPER.username }]));

  google = await startGoogleStandIns({
    accessToken: cluster.gkeToken,
    clusters: [{ project: 'acme-prod', location: 'us-central1-b', name: 'prod-gke', endpoint: host, caCertificatePem: caPem }],
  });

  // The Entra application trusts this repository's GitHub OIDC tokens (the AWS stand-ins' issuer serves both).
  azure = await startAzureStandins({
    tenantId: AZURE.tenantId,
    applications: [{ clientId: AZURE.clientId, objectId: AZURE.objectId, federated: { issuer: aws.oidc.issuer, subject: 'repo:acme/deployments:ref:refs/heads/main', publicKey: aws.oidc.publicKey } }],
    clusters: [{ subscriptionId: AZURE.subscriptionId, resourceGroup: 'rg-prod', name: 'prod-aks', fqdn: host, caData: cluster.caData }],
  });
  webhook.verifiers.push((token) => azure.reviewAksToken(token));

  for (const [namespace, user] of [[NAMESPACES.eks, EKS_USER], [NAMESPACES.eks, DEVELOPER.username], [NAMESPACES.aks, AZURE.objectId]] as const) await grantNamespace(namespace, user);
  const local = await cluster.namespaceCredential(NAMESPACES.local);

  repoRoot = await mkdtemp(join(tmpdir(), 'kubecd-providers-repo-'));
  await cp(FIXTURE, repoRoot, { recursive: true });
  await cluster.writeKubeconfig({ path: join(repoRoot, 'kubeconfig.yaml'), context: 'local', token: local.token });
  const environment = (name: string, namespace: string, provider: string) =>
    `  - name: ${name}\n    provider:\n${provider.replace(/^/gm, '      ')}\n    kubeNamespace: ${namespace}\n    releases:\n      - releases/apps.yaml\n`;
  await writeFile(join(repoRoot, 'environments.yaml'), 'environments:\n' + [
    environment('gke', NAMESPACES.gke, 'gke:\n  project: acme-prod\n  clusterName: prod-gke\n  zone: us-central1-b'),
    environment('eks', NAMESPACES.eks, 'eks:\n  accountId: "123456789012"\n  region: us-east-1\n  clusterName: prod-eks'),
    environment('aks', NAMESPACES.aks, `aks:\n  tenantId: ${AZURE.tenantId}\n  subscriptionId: ${AZURE.subscriptionId}\n  resourceGroup: rg-prod\n  clusterName: prod-aks`),
    environment('local', NAMESPACES.local, 'existingContext:\n  kubeconfig: kubeconfig.yaml\n  context: local'),
  ].join(''));
}, 600_000);

afterAll(async () => {
  await Promise.allSettled([aws?.stop(), google?.stop(), azure?.close()]);
  await cluster?.stop();
  await webhook?.stop();
  if (repoRoot) await rm(repoRoot, { recursive: true, force: true });
  await cleanupAll();
});

describe('apply with each cluster provider, the cloud tokens checked by the API server through stand-ins', () => {
  test('gke, eks, aks and existingContext each deploy, and EKS tokens that expire mid-run are renewed', async () => {
    const base = { helm: await helmBinary(4), kubectl: await kubectlBinary(), concurrency: '1' };
    const apply = (environment: string, inputs: Record<string, string>, env: Record<string, string>) =>
      runBundledAction('apply', { workspace: repoRoot, fromSource: true, inputs: { ...base, environment, ...inputs }, env, timeoutMs: 170_000 });
    const ok = (result: ActionResult) => expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);

    const eks = await apply('eks', { 'aws-role-arn': aws.roleArn }, aws.env);
    ok(eks);
    const gke = await apply('gke', { 'workload-identity-provider': google.provider, 'service-account': google.serviceAccount, 'create-namespace': 'true' }, {
      ...google.oidc.env,
      KUBECD_GKE_API_ENDPOINT: google.urls.gke, KUBECD_COMPUTE_API_URL: google.urls.gce,
      KUBECD_GOOGLE_STS_URL: google.urls.stsToken, KUBECD_GOOGLE_IAM_URL: google.urls.iam,
    });
    ok(gke);
    const aks = await apply('aks', { 'azure-client-id': AZURE.clientId }, { ...aws.oidc.env, ...azure.env });
    ok(aks);
    ok(await apply('local', {}, {}));

    for (const namespace of Object.values(NAMESPACES)) expect(await revisions(cluster, namespace), namespace).toEqual({ web: 1, worker: 1 });

    // EKS: tokens minted by kubecd, each a presigned GetCallerIdentity URL signed with one set of role credentials.
    const eksTokens = [...new Set(webhook.reviews.filter((r) => r.token.startsWith('k8s-aws-v1.')).map((r) => r.token))];
    const credentialOf = (token: string) => aws.sts.issued.findIndex((c) => c.accessKeyId === signingKeyOf(token));
    const accepted = eksTokens.filter((t) => webhook.reviews.some((r) => r.token === t && r.authenticated && r.username === EKS_USER));
    expect(accepted.length).toBeGreaterThan(1);
    expect(heldForExpiry).toBe(true);
    // the first token the API server accepted, and one signed after that token's credentials expired
    const firstToken = accepted[0]!;
    const firstExpiry = aws.sts.issued[credentialOf(firstToken)]!.expiresAt;
    expect(accepted.some((t) => aws.sts.issued[credentialOf(t)]!.issuedAt > firstExpiry)).toBe(true);
    // the first one is refused now
    const late = await cluster.kubectl(['get', 'configmaps', '-n', NAMESPACES.eks], { token: firstToken });
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/Unauthorized|must be logged in/);
    expect(aws.sts.issued.every((c) => c.via === 'AssumeRoleWithWebIdentity' && c.roleArn === aws.roleArn)).toBe(true);
    // every EKS token was masked before use, and none shows in the log
    for (const token of eksTokens) {
      expect(eks.masked).toContain(token);
      expect(eks.log).not.toContain(token);
    }

    // GKE and AKS: their cloud tokens reached the cluster; AKS's through the webhook as the application's object id.
    expect(google.iam.mintCount).toBeGreaterThan(0);
    expect(webhook.reviews.some((r) => r.authenticated && r.username === AZURE.objectId)).toBe(true);
    expect(azure.issued.some((t) => t.clientId === AZURE.clientId)).toBe(true);
  });
});

describe('the apply action\'s AWS input', () => {
  test('a bad aws-role-arn, or a role without the id-token permission, fails in one line before anything is deployed', async () => {
    const inputs = { environment: 'eks', helm: await helmBinary(4), kubectl: await kubectlBinary() };
    const bad = await runBundledAction('apply', { workspace: repoRoot, fromSource: true, inputs: { ...inputs, 'aws-role-arn': 'arn:aws:iam::123:role/x' }, env: aws.env });
    expect(bad.code).toBe(1);
    expect(bad.errors).toEqual(['::error::input "aws-role-arn" must be an IAM role ARN like arn:aws:iam::123456789012:role/NAME, not "arn:aws:iam::123:role/x"']);
    const { ACTIONS_ID_TOKEN_REQUEST_URL: _url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: _token, ...withoutOidc } = aws.env;
    const noPermission = await runBundledAction('apply', { workspace: repoRoot, fromSource: true, inputs: { ...inputs, 'aws-role-arn': aws.roleArn }, env: withoutOidc });
    expect(noPermission.code).toBe(1);
    expect(noPermission.errors.join('\n')).toMatch(/cannot get the GitHub OIDC token \(the job needs `permissions: id-token: write`\)/);
    expect(noPermission.stderr).not.toMatch(/\bat \S+ \(/);
  });
});

describe('the CLI with an eks environment', () => {
  test('uses the ambient AWS credentials (no role, no OIDC): the developer\'s keys reach the cluster as their user', async () => {
    const checksBefore = aws.sts.checks.length;
    const entry = join(repoRoot, '..', `kubecd-cli-entry-${process.pid}.mjs`);
    await writeFile(entry, `await (await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src', 'cli', 'main.ts')).href)})).main();\n`);
    try {
      const result = await run(process.execPath, ['--import', pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, entry,
        'apply', '-f', join(repoRoot, 'environments.yaml'), 'eks', '--helm', await helmBinary(4), '--kubectl', await kubectlBinary()], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, HOME: repoRoot, AWS_ENDPOINT_URL_STS: aws.sts.url, AWS_ENDPOINT_URL_EKS: aws.eks.url, AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: DEVELOPER.accessKeyId, AWS_SECRET_ACCESS_KEY: DEVELOPER.secretAccessKey },
        timeoutMs: 170_000,
      });
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      // deployed by the action before, unchanged since: the CLI read the release records and skipped both
      expect(result.stdout).toMatch(/^web: skipped/m);
      expect(result.stdout).toMatch(/^worker: skipped/m);
    } finally {
      await rm(entry, { force: true });
    }
    const checks = aws.sts.checks.slice(checksBefore);
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((c) => c.ok && c.presigned && c.accessKeyId === DEVELOPER.accessKeyId && c.clusterId === 'prod-eks')).toBe(true);
    expect(webhook.reviews.some((r) => r.authenticated && r.username === DEVELOPER.username)).toBe(true);
  });
});

/** The access key id in a token's X-Amz-Credential. */
function signingKeyOf(token: string): string {
  const url = new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString('utf8'));
  return (url.searchParams.get('X-Amz-Credential') ?? '').split('/')[0]!;
}

/** What EKS access entries or aws-auth do for the role's user: a Role on its namespace (no cluster-wide rights). */
async function grantNamespace(namespace: string, user: string): Promise<void> {
  const manifest = {
    apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'deployer', namespace }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `deployer-${user}`, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }] },
    ],
  };
  const result = await cluster.kubectl(['apply', '-f', '-'], { input: JSON.stringify(manifest) });
  if (result.code !== 0) throw new Error(result.stderr);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
