// check-upgrades against Azure Container Registry with the ambient Entra identity and nothing injected: the
// CLI (from source, its own process) lets DefaultAzureCredential sign in through workload identity
// (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE) at the Entra ID stand-in over TLS, and the
// ACR stand-in's exchange accepts only what that Entra ID issued. Without the variables (and no az CLI) the
// run warns and skips the ACR triggers.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { spawnCollect } from '../harness/action-runner.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { REPO_ROOT } from '../harness/tools.js';
import { startAcrStandIn, type AcrStandIn } from '../standins/acr.js';
import { AKS_SERVER_APP_ID, ARM_RESOURCE, startAzureStandins, startImdsWithoutIdentity, type AzureStandIns } from '../standins/azure.js';
import { trustInThisProcess } from '../standins/azure-tls.js';
import type { RunningServer } from '../standins/common.js';
import { generateSigningKey, signJwt, type SigningKey } from '../standins/jwt.js';
import { environmentsYaml, imageRelease, makeDeployments, releasesYaml } from './fixture.js';

const TENANT = '5f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
const CLIENT = '0d9e8f7a-6b5c-4d3e-9f2a-1b2c3d4e5f60';
/** An AKS cluster's service account issuer and the pod's service account: what workload identity federates. */
const ISSUER = 'https://oidc.prod-aks.azure.com/2b8e4f1a-0000-4000-8000-00000000aks1/';
const SUBJECT = 'system:serviceaccount:ci:kubecd';
/** Separate images with one config time: only the `_tags` listing's createdTime orders them. */
const NIGHTLIES = { n1: '2025-03-01T00:00:00Z', n2: '2025-05-01T00:00:00Z', n3: '2025-04-01T00:00:00Z' };

let upstream: RunningRegistry;
let azure: AzureStandIns;
let acr: AcrStandIn;
let imds: RunningServer;
let serviceAccountKey: SigningKey;
let root: string;

beforeAll(async () => {
  upstream = await startRegistry();
  await pushImage(upstream, { repository: 'team/svc', tag: ['1.0.0', '1.0.1', '1.1.0', '2.0.0'], created: '2024-01-01T00:00:00Z' });
  for (const tag of Object.keys(NIGHTLIES)) await pushImage(upstream, { repository: 'team/nightly', tag, created: '2024-01-01T00:00:00Z', labels: { build: tag } });
  serviceAccountKey = generateSigningKey();
  azure = await startAzureStandins({
    tenantId: TENANT,
    applications: [{ clientId: CLIENT, federated: { issuer: ISSUER, subject: SUBJECT, publicKey: serviceAccountKey.publicKey } }],
    clusters: [],
  });
  acr = await startAcrStandIn({ upstream: upstream.url, tenantId: TENANT, entra: azure, createdTimes: NIGHTLIES, pageSize: 2 });
  imds = await startImdsWithoutIdentity();
  root = await makeDeployments({
    'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
    'releases/prod.yaml': releasesYaml([
      imageRelease('acr-svc', `${acr.loginServer}/team/svc`, '1.0.0', 'MinorVersion'),
      imageRelease('acr-nightly', `${acr.loginServer}/team/nightly`, 'n1', 'Newest'),
    ]),
  });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([acr?.stop(), azure?.close(), imds?.stop(), upstream?.stop()]);
  await cleanupAll();
});

/** A projected service account token, as the workload identity webhook mounts it into the pod. */
function federatedToken(): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ iss: ISSUER, sub: SUBJECT, aud: ['api://AzureADTokenExchange'], iat: now, nbf: now, exp: now + 3600 }, serviceAccountKey);
}

/**
 * `kubecd check-upgrades -f environments.yaml prod` from source in a process of its own, with only the given
 * Azure variables: PATH is an empty folder (no az, azd or pwsh), HOME and the docker config are empty, and the
 * managed identity endpoint is a loopback stand-in of a machine without one.
 */
async function checkUpgrades(azureEnv: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = await makeTempDir('acr-ambient-home');
  await mkdir(join(home, 'bin'));
  await mkdir(join(home, 'docker'));
  const entry = join(home, 'cli.mjs');
  await writeFile(entry, `await (await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src', 'cli', 'main.ts')).href)})).main();\n`);
  return spawnCollect(join(REPO_ROOT, 'node_modules', '.bin', 'node'), [
    '--import', pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, entry,
    'check-upgrades', '-f', join(root, 'environments.yaml'), 'prod',
  ], {
    cwd: root,
    timeoutMs: 90_000,
    env: {
      PATH: join(home, 'bin'),
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      DOCKER_CONFIG: join(home, 'docker'),
      KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ [acr.loginServer]: acr.url }),
      AZURE_POD_IDENTITY_AUTHORITY_HOST: imds.url,
      ...azure.env,
      ...azureEnv,
    },
  });
}

const entraTokenRequests = () => azure.log.matching('POST', `/${TENANT}/oauth2/v2.0/token`);
const exchanges = () => acr.tokenCalls.filter((c) => c.endpoint === 'exchange');

describe('ACR and Entra ID stand-ins: check-upgrades with the ambient workload identity', () => {
  it('signs in through workload identity, exchanges one Entra token, and finds the upgrades by the _tags listing times', async () => {
    const dir = await makeTempDir('acr-ambient-federated');
    const federated = federatedToken();
    await writeFile(join(dir, 'token'), federated, { mode: 0o600 });
    const before = { entra: entraTokenRequests().length, issued: azure.issued.length, exchanges: exchanges().length, front: acr.front.requests.length, imds: imds.log.requests.length };

    const result = await checkUpgrades({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_FEDERATED_TOKEN_FILE: join(dir, 'token') });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    expect(result.stdout).toMatch(/prod\s+acr-svc\s+image\.tag\s+1\.0\.0\s+1\.1\.0\s+MinorVersion\s+newer found/);
    // The images' configs all say 2024-01-01; n2 is the newest only by the listing's createdTime.
    expect(result.stdout).toMatch(/prod\s+acr-nightly\s+image\.tag\s+n1\s+n2\s+Newest\s+newer found/);
    expect(result.stderr).not.toMatch(/warning/i);

    // Exactly one Entra token (workload identity: the federated token as client assertion) and one exchange.
    const tokenRequests = entraTokenRequests().slice(before.entra);
    expect(tokenRequests).toHaveLength(1);
    const form = new URLSearchParams(tokenRequests[0]!.body);
    expect({ client: form.get('client_id'), scope: form.get('scope'), assertion: form.get('client_assertion') })
      .toEqual({ client: CLIENT, scope: `${ARM_RESOURCE}/.default`, assertion: federated });
    const minted = azure.issued.slice(before.issued);
    expect(minted.map((t) => `${t.clientId} ${t.audience}`)).toEqual([`${CLIENT} ${ARM_RESOURCE}`]);
    const exchanged = exchanges().slice(before.exchanges);
    expect(exchanged.map((c) => `${c.status} ${c.form.service} ${c.form.tenant}`)).toEqual([`200 ${acr.loginServer} ${TENANT}`]);
    expect(exchanged[0]!.form.access_token).toBe(minted[0]!.token);
    // Managed identity was never asked: the chain stopped at workload identity.
    expect(imds.log.requests.length).toBe(before.imds);

    // The Newest trigger read the ACR listing, newest first, over both pages (3 tags, 2 a page).
    const listings = acr.front.requests.slice(before.front).filter((r) => r.url.startsWith('/acr/v1/team/nightly/_tags'));
    expect(listings.map((r) => r.status)).toEqual([200, 200]);
    expect(listings[0]!.url).toContain('orderby=timedesc');

    // No secret in the output: not the federated token, the Entra token, the refresh token or an access token.
    const secrets = [federated, minted[0]!.token, ...acr.issued.refresh, ...acr.issued.access];
    expect(acr.issued.refresh.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(output).not.toContain(secret);
    azure.log.assertOnlyInAuthorization(minted[0]!.token);
  });

  it('the exchange takes only unexpired Entra tokens for Azure Resource Manager from this tenant\'s Entra ID', async () => {
    const untrust = trustInThisProcess(azure.ca);
    onTestFinished(untrust);
    /** A token from the Entra ID stand-in, as workload identity gets one (client credentials, federated assertion). */
    const entraToken = async (resource: string) => {
      const response = await fetch(`${azure.authorityHost}/${TENANT}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: CLIENT, scope: `${resource}/.default`, grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: federatedToken(),
        }).toString(),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const exchange = async (token: string) => {
      const response = await fetch(`${acr.url}/oauth2/exchange`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'access_token', service: acr.loginServer, access_token: token }).toString(),
      });
      return `${response.status} ${exchanges().at(-1)!.refused ?? 'ok'}`;
    };
    expect(await exchange(await entraToken(ARM_RESOURCE))).toBe('200 ok');
    // Signed by another key (the ACR stand-in's own test issuer), for another audience, or expired: refused.
    const foreign = await acr.entraCredential().getToken(`${ARM_RESOURCE}/.default`);
    expect(await exchange(foreign!.token)).toBe('401 Entra token refused: JWT signature does not verify against the issuer key');
    expect(await exchange(await entraToken(AKS_SERVER_APP_ID))).toBe(`401 Entra token refused: audience ${AKS_SERVER_APP_ID} is not ${ARM_RESOURCE}`);
    const armToken = await entraToken(ARM_RESOURCE);
    azure.advanceClock(7200);
    try {
      expect(await exchange(armToken)).toBe('401 Entra token refused: JWT has expired');
    } finally {
      azure.advanceClock(-7200);
    }
  });

  it('without workload identity variables (and no az CLI) it warns once and skips the ACR triggers, each saying why', async () => {
    const before = { entra: azure.log.requests.length, exchanges: exchanges().length, imds: imds.log.requests.length };
    const result = await checkUpgrades({});
    const output = `${result.stdout}\n${result.stderr}`;
    // Registry failures fail check-upgrades unless --fail-on never.
    expect(result.code, output).toBe(1);
    expect(result.stdout).toMatch(/prod\s+acr-svc\s+image\.tag\s+1\.0\.0\s+MinorVersion\s+skipped\s+registry failed: myreg\.azurecr\.io\/team\/svc: token server wants credentials \(HTTP 401\); no ACR credentials from the environment: no Entra token for https:\/\/management\.azure\.com\/\.default: no Azure identity found/);
    expect(result.stdout).toMatch(/prod\s+acr-nightly\s+image\.tag\s+n1\s+Newest\s+skipped\s+registry failed: myreg\.azurecr\.io\/team\/nightly: token server wants credentials \(HTTP 401\); no ACR credentials from the environment/);
    expect(result.stderr.match(/^warning: .*$/gm)).toEqual([
      'warning: myreg.azurecr.io: no ACR credentials from the environment (no Entra token for https://management.azure.com/.default: '
        + 'no Azure identity found: DefaultAzureCredential saw no workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), '
        + 'managed identity, client secret or signed-in az CLI); trying the docker config',
    ]);
    expect(result.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace
    // One managed identity attempt, at the loopback stand-in of a machine without one; nothing reached Entra ID or the exchange.
    expect(imds.log.requests.slice(before.imds).map((r) => `${r.status} ${r.headers.metadata}`)).toEqual(['400 true']);
    expect(azure.log.requests.length).toBe(before.entra);
    expect(exchanges().length).toBe(before.exchanges);
  });
});
