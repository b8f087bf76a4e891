// The AWS stand-ins answer the vendor's own SDK (@aws-sdk/client-sts, @aws-sdk/client-eks) and check what the
// real services check: the GitHub OIDC token on AssumeRoleWithWebIdentity, SigV4 on every signed call, and the
// EKS token's presigned GetCallerIdentity URL the way aws-iam-authenticator calls it.
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eksToken } from '../../src/cloud/aws-eks-token.js';
import { checkAuthorizationHeader } from './aws-sigv4.js';
import { canonicalArn, type EksTokenReview } from './aws-authenticator.js';
import { startAwsStandIns, type AwsStandIns } from './aws.js';
import { signJwt, generateSigningKey } from './jwt.js';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBstandin\n-----END CERTIFICATE-----\n';
let aws: AwsStandIns;

beforeAll(async () => {
  aws = await startAwsStandIns({
    presignedLifetimeSeconds: 2,
    users: [{ accessKeyId: 'AKIADEVELOPER0000001', secretAccessKey: 'developer-secret', arn: 'arn:aws:iam::123456789012:user/dev' }],
    clusters: [{ name: 'prod-1', accountId: '123456789012', endpoint: 'https://127.0.0.1:6443', caCertificatePem: CA_PEM }],
  });
});
afterAll(() => aws?.stop());

async function oidcToken(audience: string): Promise<string> {
  const response = await fetch(`${aws.oidc.requestUrl}&audience=${encodeURIComponent(audience)}`, { headers: { authorization: `Bearer ${aws.oidc.requestToken}` } });
  return ((await response.json()) as { value: string }).value;
}

function sts(): STSClient {
  return new STSClient({ region: aws.region, endpoint: aws.sts.url, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
}

async function assumeRole() {
  const answer = await sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: aws.roleArn, RoleSessionName: 'kubecd-test', WebIdentityToken: await oidcToken('sts.amazonaws.com') }));
  const c = answer.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration! };
}

describe('AWS STS stand-in', () => {
  it('exchanges a GitHub OIDC token for role credentials through the SDK (Query protocol, XML)', async () => {
    const answer = await sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: aws.roleArn, RoleSessionName: 'kubecd-test', WebIdentityToken: await oidcToken('sts.amazonaws.com') }));
    expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(answer.Credentials?.Expiration).toBeInstanceOf(Date);
    expect(answer.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/kubecd-deployer/kubecd-test');
    expect(answer.SubjectFromWebIdentityToken).toBe('repo:acme/deployments:ref:refs/heads/main');
  });

  it('refuses a token for another audience, from another issuer, or a role that does not trust the repository', async () => {
    const send = (token: string, role = aws.roleArn) => sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role, RoleSessionName: 'kubecd-test', WebIdentityToken: token }));
    await expect(send(await oidcToken('https://github.com/acme'))).rejects.toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringMatching(/audience/) });
    const forged = signJwt({ iss: aws.oidc.issuer, aud: 'sts.amazonaws.com', sub: 'repo:acme/deployments:ref:refs/heads/main', exp: Math.floor(Date.now() / 1000) + 60 }, generateSigningKey());
    await expect(send(forged)).rejects.toMatchObject({ name: 'InvalidIdentityTokenException', message: expect.stringMatching(/signature/) });
    await expect(send(await oidcToken('sts.amazonaws.com'), 'arn:aws:iam::123456789012:role/other')).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('checks SigV4 as AWS documents it (the get-vanilla example of the signing test suite)', () => {
    const request = (signature: string) => ({
      method: 'GET', url: '/', body: '',
      headers: {
        host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
      },
    });
    const expectation = { service: 'service', region: 'us-east-1', secretOf: () => ({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }), now: Date.UTC(2015, 7, 30, 12, 36) };
    expect(checkAuthorizationHeader(request('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'), expectation)).toMatchObject({ ok: true, accessKeyId: 'AKIDEXAMPLE' });
    expect(checkAuthorizationHeader(request('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf32'), expectation)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(checkAuthorizationHeader(request('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'), { ...expectation, region: 'us-west-2' })).toMatchObject({ ok: false });
  });
});

describe('AWS EKS stand-in', () => {
  it('answers DescribeCluster to a SigV4-signed SDK call with the assumed role credentials', async () => {
    const credentials = await assumeRole();
    const eks = new EKSClient({ region: aws.region, endpoint: aws.eks.url, credentials });
    const { cluster } = await eks.send(new DescribeClusterCommand({ name: 'prod-1' }));
    expect(cluster).toMatchObject({ arn: 'arn:aws:eks:us-east-1:123456789012:cluster/prod-1', endpoint: 'https://127.0.0.1:6443', status: 'ACTIVE' });
    expect(Buffer.from(cluster!.certificateAuthority!.data!, 'base64').toString()).toBe(CA_PEM);
    await expect(eks.send(new DescribeClusterCommand({ name: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses a wrong secret, an unknown key and a missing session token', async () => {
    const credentials = await assumeRole();
    const call = (creds: Parameters<typeof eksClientWith>[0]) => eksClientWith(creds).send(new DescribeClusterCommand({ name: 'prod-1' }));
    await expect(call({ ...credentials, secretAccessKey: 'wrong' })).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    await expect(call({ ...credentials, accessKeyId: 'ASIAUNKNOWN' })).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    await expect(call({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey })).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
  });
});

function eksClientWith(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): EKSClient {
  return new EKSClient({ region: aws.region, endpoint: aws.eks.url, credentials, maxAttempts: 1 });
}

describe('the EKS authenticator over the STS stand-in', () => {
  const token = async (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, clusterName = 'prod-1', signingDate = new Date()) =>
    eksToken(credentials, { clusterName, region: aws.region, sts: new URL(aws.sts.url), signingDate });

  it('maps a token of the assumed role to its user, and a developer\'s to theirs', async () => {
    const reviews: EksTokenReview[] = [];
    const verify = aws.authenticator('prod-1', [
      { arn: aws.roleArn, username: 'kubecd-deployer', groups: ['deployers'] },
      { arn: 'arn:aws:iam::123456789012:user/dev', username: 'dev' },
    ], reviews);
    expect(await verify(await token(await assumeRole()))).toEqual({ username: 'kubecd-deployer', groups: ['deployers'] });
    expect(await verify(await token({ accessKeyId: 'AKIADEVELOPER0000001', secretAccessKey: 'developer-secret' }))).toEqual({ username: 'dev' });
    expect(reviews.map((r) => r.arn)).toEqual(['arn:aws:sts::123456789012:assumed-role/kubecd-deployer/kubecd-test', 'arn:aws:iam::123456789012:user/dev']);
    expect(aws.sts.checks.filter((c) => c.presigned && c.ok).map((c) => c.clusterId)).toEqual(['prod-1', 'prod-1']);
    expect(canonicalArn('arn:aws:sts::123456789012:assumed-role/kubecd-deployer/s')).toBe(aws.roleArn);
  });

  it('refuses a token for another cluster, with a changed signature, of an unmapped identity, not for STS, or expired', async () => {
    const reviews: EksTokenReview[] = [];
    const verify = aws.authenticator('prod-1', [{ arn: aws.roleArn, username: 'kubecd-deployer' }], reviews);
    const credentials = await assumeRole();
    // signed for staging: STS recomputes the signature with x-k8s-aws-id: prod-1 and it does not match
    expect(await verify(await token(credentials, 'staging'))).toBeUndefined();
    expect(reviews.at(-1)?.reason).toMatch(/403.*SignatureDoesNotMatch/s);

    const good = await token(credentials);
    const url = new URL(Buffer.from(good.slice('k8s-aws-v1.'.length), 'base64url').toString());
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    const signature = url.searchParams.get('X-Amz-Signature')!;
    url.searchParams.set('X-Amz-Signature', `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}`);
    expect(await verify(`k8s-aws-v1.${Buffer.from(url.href).toString('base64url')}`)).toBeUndefined();

    const developer = await token({ accessKeyId: 'AKIADEVELOPER0000001', secretAccessKey: 'developer-secret' });
    expect(await verify(developer)).toBeUndefined();
    expect(reviews.at(-1)?.reason).toMatch(/not mapped/);

    const elsewhere = new URL(url.href);
    elsewhere.port = '9';
    expect(await verify(`k8s-aws-v1.${Buffer.from(elsewhere.href).toString('base64url')}`)).toBeUndefined();
    expect(reviews.at(-1)?.reason).toMatch(/not the STS endpoint/);
    expect(await verify('not-an-eks-token')).toBeUndefined();

    // The stand-in honours presigned URLs for 2 s in this file.
    const old = await token(credentials, 'prod-1', new Date(Date.now() - 3_000));
    expect(await verify(old)).toBeUndefined();
    expect(reviews.at(-1)?.reason).toMatch(/ExpiredToken/);
  });
});
