import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../src/log/logger.js';
import { RegistryClient } from '../../src/registry/client.js';
import { credentialResolver } from '../../src/registry/credentials.js';
import { EcrCredentials } from '../../src/registry/ecr.js';
import { runUpgrades } from '../../src/upgrades/run.js';
import { createSources } from '../../src/upgrades/sources.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { startAcrStandIn, type AcrStandIn } from '../standins/acr.js';
import { writeCredentialHelper } from '../standins/credential-helper.js';
import { startEcrStandIn, type EcrStandIn } from '../standins/ecr.js';
import { environmentsYaml, FIXED_NOW, imageRelease, load, makeDeployments, releasesYaml } from './fixture.js';

const AWS_KEYS = { accessKeyId: 'AKIAKUBECDTEST000002', secretAccessKey: 'kubecd/test/secret/key/000000000000000002' };
const TAGS = ['1.0.0', '1.0.1', '1.0.2', '1.1.0', '2.0.0'];
/** Separate images (labels differ) with the same config time: only a vendor listing's times tell them apart. */
const NIGHTLIES = ['n1', 'n2', 'n3'];

let upstream: RunningRegistry;
let basic: RunningRegistry;
let token: RunningRegistry;
let ecr: EcrStandIn;
let acr: AcrStandIn;

beforeAll(async () => {
  [upstream, basic, token] = await Promise.all([startRegistry(), startRegistry({ auth: 'basic' }), startRegistry({ auth: 'token' })]);
  for (const reg of [upstream, basic, token]) await pushImage(reg, { repository: 'team/svc', tag: TAGS, created: '2024-01-01T00:00:00Z' });
  await pushImage(upstream, { repository: 'team/other', tag: ['3.0.0', '3.0.1'], created: '2024-01-01T00:00:00Z' });
  for (const tag of NIGHTLIES) await pushImage(upstream, { repository: 'team/nightly', tag, created: '2024-01-01T00:00:00Z', labels: { build: tag } });
  ecr = await startEcrStandIn({
    upstream: upstream.url,
    ...AWS_KEYS,
    pushedAt: { n1: '2025-03-01T00:00:00Z', n2: '2025-05-01T00:00:00Z', n3: '2025-04-01T00:00:00Z' },
    pageSize: 2,
  });
  acr = await startAcrStandIn({
    upstream: upstream.url,
    createdTimes: { n1: '2025-03-01T00:00:00Z', n2: '2025-04-01T00:00:00Z', n3: '2025-05-01T00:00:00Z' },
    pageSize: 2,
  });
  // The AWS SDK's default chain reads its credentials here, as on a runner after configure-aws-credentials.
  vi.stubEnv('AWS_ACCESS_KEY_ID', AWS_KEYS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', AWS_KEYS.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/kubecd-test/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/kubecd-test/aws-credentials');
  vi.stubEnv('AWS_ENDPOINT_URL_ECR', ecr.apiUrl);
}, 120_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.allSettled([ecr?.stop(), acr?.stop(), upstream?.stop(), basic?.stop(), token?.stop()]);
  await cleanupAll();
});

/** The environment kubecd runs with: vendor hosts routed to the stand-ins, an empty docker config unless given. */
async function vendorEnv(dockerConfig?: unknown): Promise<NodeJS.ProcessEnv> {
  const dir = await makeTempDir('docker-config');
  if (dockerConfig !== undefined) await writeFile(join(dir, 'config.json'), JSON.stringify(dockerConfig));
  return {
    DOCKER_CONFIG: dir,
    KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ [ecr.host]: ecr.registryUrl, [acr.loginServer]: acr.url }),
  };
}

function recordingLogger(): { logger: Logger; secrets: string[]; lines: string[] } {
  const secrets: string[] = [];
  const lines: string[] = [];
  const logger: Logger = {
    info: (message) => { lines.push(`info: ${message}`); },
    warning: (message) => { lines.push(`warning: ${message}`); },
    debug: (message) => { lines.push(`debug: ${message}`); },
    group: (title, groupLines) => { lines.push(title, ...groupLines); },
    secret: (value) => { secrets.push(value); },
  };
  return { logger, secrets, lines };
}

describe('ECR and ACR stand-ins: check-upgrades with vendor registry auth', () => {
  it('authenticates to ECR (one GetAuthorizationToken) and ACR (one Entra exchange), and masks every secret', async () => {
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'], staging: ['releases/staging.yaml'] }),
      'releases/prod.yaml': releasesYaml([
        imageRelease('ecr-svc', `${ecr.host}/team/svc`, '1.0.0', 'PatchLevel'),
        imageRelease('ecr-other', `${ecr.host}/team/other`, '3.0.0', 'PatchLevel'),
        imageRelease('acr-svc', `${acr.loginServer}/team/svc`, '1.0.0', 'MinorVersion'),
        imageRelease('acr-other', `${acr.loginServer}/team/other`, '3.0.0', 'PatchLevel'),
      ]),
      'releases/staging.yaml': releasesYaml([
        imageRelease('ecr-svc', `${ecr.host}/team/svc`, '1.0.1', 'MajorVersion'),
        imageRelease('acr-svc', `${acr.loginServer}/team/svc`, '1.0.1', 'MajorVersion'),
      ]),
    });
    const { logger, secrets, lines } = recordingLogger();
    const ecrCallsBefore = ecr.calls.length;
    const exchangesBefore = acr.tokenCalls.filter((c) => c.endpoint === 'exchange').length;
    const sources = await createSources({ env: await vendorEnv(), azureCredential: acr.entraCredential(), logger });
    const { rows } = await runUpgrades(await load(root), { ...sources, write: 'lock', dryRun: true, now: FIXED_NOW, logger });
    expect(rows.map((r) => `${r.environment} ${r.release} ${r.decision} ${r.candidate ?? r.reason}`)).toEqual([
      'prod ecr-svc upgrade 1.0.2',
      'prod ecr-other upgrade 3.0.1',
      'prod acr-svc upgrade 1.1.0',
      'prod acr-other upgrade 3.0.1',
      'staging ecr-svc upgrade 2.0.0',
      'staging acr-svc upgrade 2.0.0',
    ]);

    // ECR: one signed GetAuthorizationToken for every request; the front saw only Basic AWS:<that token>.
    const ecrCalls = ecr.calls.slice(ecrCallsBefore);
    expect(ecrCalls.filter((c) => c.operation === 'GetAuthorizationToken').map((c) => c.refused ?? 'ok')).toEqual(['ok']);
    const password = ecr.passwords.at(-1)!;
    const authorised = ecr.front.requests.filter((r) => r.status === 200 && r.url.startsWith('/v2/team/'));
    expect(authorised.length).toBeGreaterThanOrEqual(4);
    expect(new Set(authorised.map((r) => r.authorization))).toEqual(new Set([`Basic ${Buffer.from(`AWS:${password}`).toString('base64')}`]));

    // ACR: one exchange for the refresh token, then access tokens per repository with pull and metadata_read.
    const exchanges = acr.tokenCalls.filter((c) => c.endpoint === 'exchange').slice(exchangesBefore);
    expect(exchanges.map((c) => `${c.status} ${c.form.service} ${c.form.tenant}`)).toEqual([`200 ${acr.loginServer} ${acr.tenantId}`]);
    const scopes = new Set(acr.tokenCalls.filter((c) => c.endpoint === 'token' && c.status === 200).map((c) => c.form.scope));
    expect(scopes).toEqual(new Set(['repository:team/svc:pull,metadata_read', 'repository:team/other:pull,metadata_read']));

    // Every secret went to the masker, and none was logged.
    const handedOut = [password, acr.issued.refresh.at(-1)!, ...acr.issued.access.slice(-2)];
    expect(secrets).toEqual(expect.arrayContaining(handedOut));
    for (const secret of handedOut) expect(lines.join('\n')).not.toContain(secret);
  });

  it('Newest takes the creation times from ECR DescribeImages (paginated) and the ACR _tags listing', async () => {
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([
        imageRelease('ecr-nightly', `${ecr.host}/team/nightly`, 'n1', 'Newest'),
        imageRelease('acr-nightly', `${acr.loginServer}/team/nightly`, 'n1', 'Newest'),
      ]),
    });
    const before = { ecr: ecr.calls.length, acr: acr.front.requests.length };
    const sources = await createSources({ env: await vendorEnv(), azureCredential: acr.entraCredential() });
    const { rows } = await runUpgrades(await load(root), { ...sources, write: 'lock', dryRun: true, now: FIXED_NOW });
    // The images' own configs all say 2024-01-01: only the vendors' times make n2 (ECR) and n3 (ACR) the newest.
    expect(rows.map((r) => `${r.release} ${r.decision} ${r.candidate ?? r.reason}`)).toEqual(['ecr-nightly upgrade n2', 'acr-nightly upgrade n3']);
    const describes = ecr.calls.slice(before.ecr).filter((c) => c.operation === 'DescribeImages');
    expect(describes.map((c) => `${c.refused ?? 'ok'} ${String(c.body.nextToken !== undefined)}`)).toEqual(['ok false', 'ok true']);
    expect(describes[0]!.body).toMatchObject({ registryId: ecr.accountId, repositoryName: 'team/nightly', maxResults: 1000, filter: { tagStatus: 'TAGGED' } });
    const listings = acr.front.requests.slice(before.acr).filter((r) => r.url.startsWith('/acr/v1/team/nightly/_tags'));
    expect(listings.map((r) => r.status)).toEqual([200, 200]);
    expect(listings[0]!.url).toContain('orderby=timedesc');
  });

  it('without an Entra identity, an ACR host falls back to the docker config (its identitytoken), with a warning', async () => {
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([imageRelease('acr-svc', `${acr.loginServer}/team/svc`, '1.0.0', 'PatchLevel')]),
    });
    const noIdentity = { getToken: async () => { throw new Error('ManagedIdentityCredential: no managed identity endpoint found'); } };
    const { logger, lines } = recordingLogger();
    const bare = await createSources({ env: await vendorEnv(), azureCredential: noIdentity, logger });
    const { rows } = await runUpgrades(await load(root), { ...bare, write: 'lock', dryRun: true, now: FIXED_NOW, logger });
    expect(rows[0]).toMatchObject({ decision: 'skip' });
    expect(rows[0]!.reason).toMatch(/registry failed: .*token server wants credentials \(HTTP 401\)/);
    expect(lines.join('\n')).toMatch(/myreg\.azurecr\.io: no ACR credentials from the environment \(no Entra token for https:\/\/management\.azure\.com\/\.default: ManagedIdentityCredential: no managed identity endpoint found\); trying the docker config/);

    // What `az acr login` leaves in the docker config: the refresh token as `identitytoken`.
    const entra = await acr.entraCredential().getToken('https://management.azure.com/.default');
    const exchanged = await fetch(`${acr.url}/oauth2/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'access_token', service: acr.loginServer, access_token: entra!.token }).toString(),
    });
    const { refresh_token: refreshToken } = (await exchanged.json()) as { refresh_token: string };
    const withConfig = await createSources({ env: await vendorEnv({ auths: { [acr.loginServer]: { identitytoken: refreshToken } } }), azureCredential: noIdentity });
    const again = await runUpgrades(await load(root), { ...withConfig, write: 'lock', dryRun: true, now: FIXED_NOW });
    expect(again.rows.map((r) => `${r.decision} ${r.candidate ?? r.reason}`)).toEqual(['upgrade 1.0.2']);
    const last = acr.tokenCalls.filter((c) => c.endpoint === 'token').at(-1)!;
    expect(last).toMatchObject({ status: 200, form: { grant_type: 'refresh_token', refresh_token: refreshToken, service: acr.loginServer, scope: 'repository:team/svc:pull,metadata_read' } });
  });

  it('an ECR token is fetched again once it has expired', async () => {
    const shortLived = await startEcrStandIn({ upstream: upstream.url, ...AWS_KEYS, accountId: '210987654321', tokenLifetimeSeconds: 2 });
    try {
      const client = new RegistryClient({
        credentials: credentialResolver({ vendors: [new EcrCredentials({ env: { AWS_ENDPOINT_URL_ECR: shortLived.apiUrl } })] }),
        env: { KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ [shortLived.host]: shortLived.registryUrl }) },
      });
      expect(await client.listTags(`${shortLived.host}/team/svc`)).toEqual(expect.arrayContaining(TAGS));
      expect(await client.getDigest(`${shortLived.host}/team/svc:1.0.0`)).toMatch(/^sha256:/);
      expect(shortLived.calls.filter((c) => c.operation === 'GetAuthorizationToken')).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect((await client.listTags(`${shortLived.host}/team/other`)).sort()).toEqual(['3.0.0', '3.0.1']);
      expect(shortLived.calls.filter((c) => c.operation === 'GetAuthorizationToken')).toHaveLength(2);
      const [first, second] = shortLived.passwords;
      expect(shortLived.front.requests.filter((r) => r.url === '/v2/team/other/tags/list' && r.status === 200).map((r) => r.authorization))
        .toEqual([`Basic ${Buffer.from(`AWS:${second}`).toString('base64')}`]);
      expect(first).not.toBe(second);
    } finally {
      await shortLived.stop();
    }
  });
});

describe('docker credential helper stand-ins: check-upgrades with credHelpers and credsStore', () => {
  it('runs each helper only for its own host, and the registries answer with what the helpers gave', async () => {
    const helpers = await makeTempDir('helpers');
    const basicHelper = await writeCredentialHelper(helpers, 'kubecd-basic', {
      [basic.host]: { stdout: JSON.stringify({ ServerURL: basic.host, Username: basic.username, Secret: basic.password }) },
    });
    const store = await writeCredentialHelper(helpers, 'kubecd-store', {
      [token.host]: { stdout: JSON.stringify({ ServerURL: token.host, Username: token.username, Secret: token.password }) },
    });
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([
        imageRelease('basic', `${basic.host}/team/svc`, '1.0.0', 'PatchLevel'),
        imageRelease('token', `${token.host}/team/svc`, '1.0.0', 'PatchLevel'),
        imageRelease('anon', `${upstream.host}/team/svc`, '1.0.0', 'PatchLevel'),
      ]),
    });
    const { logger, secrets, lines } = recordingLogger();
    const env = {
      ...(await vendorEnv({ credHelpers: { [basic.host]: 'kubecd-basic' }, credsStore: 'kubecd-store' })),
      PATH: `${helpers}:${process.env.PATH ?? ''}`,
    };
    const sources = await createSources({ env, logger });
    const { rows } = await runUpgrades(await load(root), { ...sources, write: 'lock', dryRun: true, now: FIXED_NOW, logger });
    expect(rows.map((r) => `${r.release} ${r.decision} ${r.candidate ?? r.reason}`)).toEqual(['basic upgrade 1.0.2', 'token upgrade 1.0.2', 'anon upgrade 1.0.2']);
    expect(await basicHelper.calls()).toEqual([`get ${basic.host}`]);
    // The anonymous registry needs no credentials, so nothing was asked for it.
    expect(await store.calls()).toEqual([`get ${token.host}`]);
    expect(secrets).toEqual(expect.arrayContaining([basic.password, token.password]));
    expect(lines.join('\n')).not.toContain(basic.password!);
    expect(lines.join('\n')).not.toMatch(/does not run/);
  });

  it('a helper answering garbage skips its registry with a clear reason', async () => {
    const helpers = await makeTempDir('helpers');
    await writeCredentialHelper(helpers, 'kubecd-broken', { [basic.host]: { stdout: '{"Username": 1, "Secret": "leaky-s3cret"}' } });
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([imageRelease('basic', `${basic.host}/team/svc`, '1.0.0', 'PatchLevel')]),
    });
    const env = { ...(await vendorEnv({ credHelpers: { [basic.host]: 'kubecd-broken' } })), PATH: `${helpers}:${process.env.PATH ?? ''}` };
    const { rows } = await runUpgrades(await load(root), { ...(await createSources({ env })), write: 'lock', dryRun: true, now: FIXED_NOW });
    expect(rows[0]!.decision).toBe('skip');
    expect(rows[0]!.reason).toMatch(/could not get credentials: docker-credential-kubecd-broken get answered without a string "Username" and a non-empty string "Secret"/);
    expect(rows[0]!.reason).not.toContain('leaky-s3cret');
  });
});
