import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEcrStandIn, type EcrStandIn } from '../../test/standins/ecr.js';
import { EcrCredentials, parseEcrHost } from './ecr.js';

describe('ECR registry hosts', () => {
  test.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', { accountId: '123456789012', region: 'eu-west-1', fips: false }],
    ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com', { accountId: '123456789012', region: 'us-gov-west-1', fips: true }],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', { accountId: '123456789012', region: 'cn-north-1', fips: false }],
    ['123456789012.DKR.ECR.eu-west-1.amazonaws.com', { accountId: '123456789012', region: 'eu-west-1', fips: false }],
  ])('%s', (host, expected) => {
    expect(parseEcrHost(host)).toEqual(expected);
  });

  test.each([
    '12345678901.dkr.ecr.eu-west-1.amazonaws.com',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com:443',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com.cn',
    '123456789012.dkr.ecr.cn-north-1.amazonaws.com',
    'public.ecr.aws',
    'evil.example/123456789012.dkr.ecr.eu-west-1.amazonaws.com',
  ])('%s is not an ECR host', (host) => {
    expect(parseEcrHost(host)).toBeUndefined();
  });
});

describe('ECR GetAuthorizationToken against the ECR API stand-in', () => {
  const keys = { accessKeyId: 'AKIAKUBECDTEST000001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/kubecdTESTKEY0000' };
  let ecr: EcrStandIn;
  const credentials = (secretAccessKey = keys.secretAccessKey) => async () => ({ accessKeyId: keys.accessKeyId, secretAccessKey });

  beforeAll(async () => {
    // No registry behind the front: these tests only talk to the API.
    ecr = await startEcrStandIn({ upstream: 'http://127.0.0.1:9', ...keys });
  });
  afterAll(() => ecr.stop());

  test('one signed call serves every registry of the region until shortly before expiry, then one more', async () => {
    let now = Date.now();
    const secrets: string[] = [];
    const tokens = new EcrCredentials({ credentials: credentials(), env: { AWS_ENDPOINT_URL_ECR: ecr.apiUrl }, now: () => now, onSecret: (s) => secrets.push(s) });
    const before = ecr.calls.length;
    const hosts = [ecr.host, `210987654321.dkr.ecr.${ecr.region}.amazonaws.com`];
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => tokens.credential(hosts[i % 2]!)));
    expect(ecr.calls.slice(before).map((c) => `${c.operation} ${c.refused ?? 'ok'}`)).toEqual(['GetAuthorizationToken ok']);
    expect(new Set(first.map((c) => JSON.stringify({ ...c, expiresAt: 0 })))).toEqual(new Set([JSON.stringify({ username: 'AWS', password: ecr.passwords.at(-1), expiresAt: 0 })]));
    expect(secrets).toContain(ecr.passwords.at(-1));
    const expiresAt = first[0]!.expiresAt!;
    // 12-hour tokens are renewed 5 minutes early.
    expect(expiresAt - now).toBeGreaterThan(12 * 3600_000 - 5 * 60_000 - 5_000);
    expect(expiresAt - now).toBeLessThanOrEqual(12 * 3600_000 - 5 * 60_000 + 1_000);

    now = expiresAt - 1;
    await tokens.credential(ecr.host);
    expect(tokens.tokenRequests).toBe(1);
    now = expiresAt + 1;
    const renewed = await tokens.credential(ecr.host);
    expect(tokens.tokenRequests).toBe(2);
    expect(renewed).toMatchObject({ username: 'AWS', password: ecr.passwords.at(-1) });
    expect(ecr.passwords.at(-1)).not.toBe(ecr.passwords.at(-2));
  });

  test('a wrong secret key fails the signature check, with the AWS error in the message', async () => {
    const tokens = new EcrCredentials({ credentials: credentials('not-the-secret'), env: { AWS_ENDPOINT_URL_ECR: ecr.apiUrl } });
    await expect(tokens.credential(ecr.host)).rejects.toThrow(/ECR GetAuthorizationToken in eu-west-1 failed: .*signature does not match/);
    expect(ecr.calls.at(-1)?.refused).toMatch(/SignatureDoesNotMatch/);
  });
});
