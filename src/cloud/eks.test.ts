// kubecd's EKS access against the AWS stand-ins (test/standins/aws.ts): credentials (GitHub OIDC web identity,
// AssumeRole with ambient keys, ambient keys), DescribeCluster, and the bearer token with its renewal.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { startAwsStandIns, type AwsStandIns } from '../../test/standins/aws.js';
import type { EksTokenReview } from '../../test/standins/aws-authenticator.js';
import type { EksProvider } from '../model/types.js';
import { awsCredentials, type AwsCredentialInputs } from './aws-credentials.js';
import { stsEndpoint } from './aws-endpoints.js';
import { openEksAccess } from './eks.js';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBstandin\n-----END CERTIFICATE-----\n';
const DEVELOPER = { accessKeyId: 'AKIADEVELOPER0000001', secretAccessKey: 'developer-secret', arn: 'arn:aws:iam::123456789012:user/dev' };
const PROVIDER: EksProvider = { kind: 'eks', accountId: '123456789012', region: 'us-east-1', clusterName: 'prod-1' };
let aws: AwsStandIns;
let runnerTemp: string;

beforeAll(async () => {
  aws = await startAwsStandIns({
    users: [DEVELOPER],
    clusters: [{ name: 'prod-1', accountId: '123456789012', endpoint: 'https://127.0.0.1:6443', caCertificatePem: CA_PEM }],
  });
  runnerTemp = await mkdtemp(join(tmpdir(), 'kubecd-eks-test-'));
});
afterAll(async () => {
  await aws?.stop();
  await rm(runnerTemp, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The process environment a step would have: the SDK's endpoint variables pointing at the stand-ins. */
function stubAwsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  for (const [name, value] of Object.entries({ ...aws.env, ...extra })) vi.stubEnv(name, value);
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) if (!(name in extra)) vi.stubEnv(name, undefined);
  return { ...process.env, RUNNER_TEMP: runnerTemp };
}

async function githubOidcToken(audience: string): Promise<string> {
  const response = await fetch(`${aws.oidc.requestUrl}&audience=${encodeURIComponent(audience)}`, { headers: { authorization: `Bearer ${aws.oidc.requestToken}` } });
  return ((await response.json()) as { value: string }).value;
}

function credentialsFor(env: NodeJS.ProcessEnv, inputs: Partial<AwsCredentialInputs>, masked: string[]) {
  return awsCredentials({ region: 'us-east-1', endpoint: stsEndpoint('us-east-1', env), sessionName: 'kubecd-test', onSecret: (v) => masked.push(v), ...inputs });
}

async function kubeconfigOf(path: string) {
  return parse(await readFile(path, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]; users: { user: { token: string } }[] };
}

describe('EKS access through the AWS stand-ins', () => {
  test('assumes the role with the GitHub OIDC token, reads the cluster, and writes a token its authenticator accepts', async () => {
    const env = stubAwsEnv();
    const masked: string[] = [];
    const audiences: string[] = [];
    const credentials = await credentialsFor(env, { roleArn: aws.roleArn, githubOidcToken: (audience) => { audiences.push(audience); return githubOidcToken(audience); } }, masked);
    const access = await openEksAccess(PROVIDER, { credentials, namespace: 'shop', onSecret: (v) => masked.push(v), env });
    const config = await kubeconfigOf(access.target.kubeconfig!);
    expect(config.clusters[0]!.cluster.server).toBe('https://127.0.0.1:6443');
    expect(Buffer.from(config.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString()).toBe(CA_PEM);
    expect(access.description).toBe('EKS cluster 123456789012/us-east-1/prod-1 (endpoint https://127.0.0.1:6443)');
    expect(audiences).toEqual(['sts.amazonaws.com']);

    const token = config.users[0]!.user.token;
    expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    const url = new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString());
    expect(url.origin).toBe(aws.sts.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    const reviews: EksTokenReview[] = [];
    expect(await aws.authenticator('prod-1', [{ arn: aws.roleArn, username: 'kubecd-deployer' }], reviews)(token)).toEqual({ username: 'kubecd-deployer' });
    expect(reviews[0]!.arn).toBe('arn:aws:sts::123456789012:assumed-role/kubecd-deployer/kubecd-test');

    const issued = aws.sts.issued.at(-1)!;
    expect(issued.via).toBe('AssumeRoleWithWebIdentity');
    for (const secret of [token, issued.secretAccessKey, issued.sessionToken, aws.oidc.issued.at(-1)!.token]) expect(masked).toContain(secret);
    await access.close();
    expect(await readdir(runnerTemp)).toEqual([]);
  });

  test('keeps a token for ten of its fifteen minutes, then signs a new one (the clock is the test\'s)', async () => {
    const env = stubAwsEnv();
    let now = Date.now();
    const clock = () => now;
    const credentials = await credentialsFor(env, { roleArn: aws.roleArn, githubOidcToken, now: clock }, []);
    const issuedBefore = aws.sts.issued.length;
    const access = await openEksAccess(PROVIDER, { credentials, namespace: 'shop', onSecret: () => undefined, env, now: clock });
    const token = async () => (await kubeconfigOf(access.target.kubeconfig!)).users[0]!.user.token;
    const first = await token();
    now += 9 * 60_000;
    await access.fresh();
    expect(await token()).toBe(first);
    now += 61_000;
    await access.fresh();
    const second = await token();
    expect(second).not.toBe(first);
    const signedAt = (t: string) => new URL(Buffer.from(t.slice(11), 'base64url').toString()).searchParams.get('X-Amz-Date');
    expect(signedAt(second)).toBe(new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    // the role credentials (an hour) were still good: one exchange
    expect(aws.sts.issued.length - issuedBefore).toBe(1);
    await access.close();

    // a lifetime of 3 s is renewed after two thirds of it
    const brief = await openEksAccess(PROVIDER, { credentials, namespace: 'shop', onSecret: () => undefined, env, now: clock, tokenLifetimeMs: 3_000 });
    const briefToken = async () => (await kubeconfigOf(brief.target.kubeconfig!)).users[0]!.user.token;
    const start = await briefToken();
    now += 1_900;
    await brief.fresh();
    expect(await briefToken()).toBe(start);
    now += 200;
    await brief.fresh();
    expect(await briefToken()).not.toBe(start);
    await brief.close();
  });

  test('a token lasts no longer than the credentials that signed it: short credentials are renewed for each token', async () => {
    const shortLived = await startAwsStandIns({
      credentialLifetimeSeconds: 120,
      clusters: [{ name: 'prod-1', accountId: '123456789012', endpoint: 'https://127.0.0.1:6443', caCertificatePem: CA_PEM }],
    });
    try {
      const env = { ...process.env, ...shortLived.env, RUNNER_TEMP: runnerTemp };
      for (const [name, value] of Object.entries(shortLived.env)) vi.stubEnv(name, value);
      const fetchToken = async (audience: string) => {
        const response = await fetch(`${shortLived.oidc.requestUrl}&audience=${audience}`, { headers: { authorization: `Bearer ${shortLived.oidc.requestToken}` } });
        return ((await response.json()) as { value: string }).value;
      };
      const credentials = await awsCredentials({ region: 'us-east-1', endpoint: stsEndpoint('us-east-1', env), sessionName: 'kubecd-test', onSecret: () => undefined, roleArn: shortLived.roleArn, githubOidcToken: fetchToken });
      const access = await openEksAccess(PROVIDER, { credentials, namespace: 'shop', onSecret: () => undefined, env });
      const tokens = new Set<string>();
      for (let i = 0; i < 3; i++) {
        await access.fresh();
        tokens.add((await kubeconfigOf(access.target.kubeconfig!)).users[0]!.user.token);
      }
      expect(tokens.size).toBe(3);
      // DescribeCluster, the first token, then one exchange per fresh()
      expect(shortLived.sts.issued.length).toBeGreaterThanOrEqual(4);
      expect(shortLived.oidc.issued.length).toBe(shortLived.sts.issued.length);
      await access.close();
    } finally {
      await shortLived.stop();
    }
  });

  test('locally: ambient keys as they are, or the provider\'s role assumed with them', async () => {
    const env = stubAwsEnv({ AWS_ACCESS_KEY_ID: DEVELOPER.accessKeyId, AWS_SECRET_ACCESS_KEY: DEVELOPER.secretAccessKey });
    const verify = aws.authenticator('prod-1', [{ arn: DEVELOPER.arn, username: 'dev' }, { arn: aws.roleArn, username: 'kubecd-deployer' }]);

    const ambient = await openEksAccess(PROVIDER, { credentials: await credentialsFor(env, {}, []), namespace: 'shop', onSecret: () => undefined, env });
    expect(await verify((await kubeconfigOf(ambient.target.kubeconfig!)).users[0]!.user.token)).toEqual({ username: 'dev' });
    await ambient.close();

    const assumed = await openEksAccess(PROVIDER, { credentials: await credentialsFor(env, { roleArn: aws.roleArn }, []), namespace: 'shop', onSecret: () => undefined, env });
    expect(await verify((await kubeconfigOf(assumed.target.kubeconfig!)).users[0]!.user.token)).toEqual({ username: 'kubecd-deployer' });
    expect(aws.sts.issued.at(-1)!.via).toBe('AssumeRole');
    await assumed.close();
  });

  test('a cluster of another account, a missing cluster, a refused role and no OIDC permission are one-line errors', async () => {
    const env = stubAwsEnv();
    const credentials = await credentialsFor(env, { roleArn: aws.roleArn, githubOidcToken }, []);
    const open = (provider: EksProvider, creds = credentials) => openEksAccess(provider, { credentials: creds, namespace: 'shop', onSecret: () => undefined, env });
    await expect(open({ ...PROVIDER, accountId: '210987654321' })).rejects.toThrow('EKS cluster prod-1 in us-east-1 belongs to account 123456789012, not accountId 210987654321: are the AWS credentials for the right account?');
    await expect(open({ ...PROVIDER, clusterName: 'nope' })).rejects.toThrow(/^cannot read EKS cluster nope in us-east-1: ResourceNotFoundException: No cluster found for name: nope\.$/);
    const refused = await credentialsFor(env, { roleArn: 'arn:aws:iam::123456789012:role/other', githubOidcToken }, []);
    await expect(open(PROVIDER, refused)).rejects.toThrow(/cannot assume role arn:aws:iam::123456789012:role\/other with the GitHub OIDC token: AccessDenied: Not authorized/);
    const noPermission = await credentialsFor(env, { roleArn: aws.roleArn, githubOidcToken: async () => { throw new Error('cannot get the GitHub OIDC token (the job needs `permissions: id-token: write`)'); } }, []);
    await expect(open(PROVIDER, noPermission)).rejects.toThrow(/id-token: write/);
    expect(await readdir(runnerTemp)).toEqual([]);
  });

  test('the STS endpoint: regional by default, per partition, or the SDK\'s endpoint variable', () => {
    expect(stsEndpoint('eu-west-1', {}).href).toBe('https://sts.eu-west-1.amazonaws.com/');
    expect(stsEndpoint('cn-north-1', {}).href).toBe('https://sts.cn-north-1.amazonaws.com.cn/');
    expect(stsEndpoint('us-east-1', { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9/' }).href).toBe('http://127.0.0.1:9/');
    expect(stsEndpoint('us-east-1', { AWS_ENDPOINT_URL: 'https://localstack.test:4566' }).href).toBe('https://localstack.test:4566/');
    expect(() => stsEndpoint('us-east-1', { AWS_ENDPOINT_URL_STS: 'file:///etc/passwd' })).toThrow(/http\(s\) URL/);
  });
});
