// The Google stand-ins started together, driven through their HTTP contracts and the real client libraries.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterManagerClient } from '@google-cloud/container';
import { GoogleAuth } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleStandIns, type GoogleStandIns } from './google.js';

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBchain\n-----END CERTIFICATE-----\n';
let dir: string;
let google: GoogleStandIns;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubecd-google-'));
  google = await startGoogleStandIns({
    accessToken: 'static-apiserver-token',
    clusters: [{ project: 'acme-prod', location: 'europe-west1', name: 'prod', endpoint: '127.0.0.1:6443', caCertificatePem: CA_PEM }],
    addresses: [
      { project: 'acme-prod', region: 'europe-west1', name: 'ingress-ip', address: '34.1.2.3' },
      { project: 'acme-prod', name: 'global-ip', address: '35.4.5.6', status: 'IN_USE' },
    ],
  });
});
afterAll(async () => {
  await google?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function idToken(audience = google.oidcAudience): Promise<string> {
  const response = await fetch(`${google.oidc.requestUrl}&audience=${encodeURIComponent(audience)}`, {
    headers: { authorization: `Bearer ${google.oidc.requestToken}` },
  });
  return ((await response.json()) as { value: string }).value;
}

function exchange(fields: Record<string, string>): Promise<Response> {
  return fetch(google.sts.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

async function validExchangeFields(): Promise<Record<string, string>> {
  return {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    audience: google.sts.audience,
    requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    subject_token: await idToken(),
    scope: CLOUD_PLATFORM,
  };
}

describe('Google stand-ins started together', () => {
  it('lets ClusterManagerClient reach the GKE stand-in with workload-identity credentials', async () => {
    const keyFile = await google.writeExternalAccountFile(join(dir, 'credentials.json'));
    const auth = new GoogleAuth({ keyFile, scopes: [CLOUD_PLATFORM] });
    const client = new ClusterManagerClient({ ...google.gke.clientOptions, auth });
    try {
      const [cluster] = await client.getCluster({ name: 'projects/acme-prod/locations/europe-west1/clusters/prod' });
      expect(cluster.endpoint).toBe('127.0.0.1:6443');
      expect(google.gke.log.requests.at(-1)?.headers.authorization).toBe('Bearer static-apiserver-token');
    } finally {
      await client.close();
    }
  });

  it('serves regional and global Compute Engine addresses to a Google-authorized request', async () => {
    const keyFile = await google.writeExternalAccountFile(join(dir, 'credentials.json'));
    const auth = new GoogleAuth({ keyFile, scopes: [CLOUD_PLATFORM] });
    const regional = await auth.fetch<{ address: string; region: string; addressType: string }>(
      `${google.gce.url}/compute/v1/projects/acme-prod/regions/europe-west1/addresses/ingress-ip`,
    );
    expect(regional.data).toMatchObject({ address: '34.1.2.3', addressType: 'EXTERNAL', region: expect.stringMatching(/regions\/europe-west1$/) });
    const global = await auth.fetch<{ address: string; status: string; region?: string }>(
      `${google.gce.url}/compute/v1/projects/acme-prod/global/addresses/global-ip`,
    );
    expect(global.data).toMatchObject({ address: '35.4.5.6', status: 'IN_USE' });
    expect(global.data.region).toBeUndefined();
    await expect(auth.fetch(`${google.gce.url}/compute/v1/projects/acme-prod/regions/europe-west2/addresses/ingress-ip`))
      .rejects.toMatchObject({ status: 404 });
    const anonymous = await fetch(`${google.gce.url}/compute/v1/projects/acme-prod/global/addresses/global-ip`);
    expect(anonymous.status).toBe(401);
    const notFound = await fetch(`${google.gce.url}/compute/v1/projects/acme-prod/global/addresses/nope`, {
      headers: { authorization: 'Bearer static-apiserver-token' },
    });
    expect(await notFound.json()).toMatchObject({ error: { code: 404, errors: [{ reason: 'notFound' }] } });
  });

  it('STS exchanges a valid GitHub token and refuses wrong exchanges', async () => {
    const ok = await exchange(await validExchangeFields());
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', expires_in: 3600 });

    const cases: [string, Record<string, string>, string][] = [
      ['wrong provider', { audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/x/providers/y' }, 'invalid_target'],
      ['wrong grant', { grant_type: 'client_credentials' }, 'unsupported_grant_type'],
      ['wrong subject type', { subject_token_type: 'urn:ietf:params:oauth:token-type:saml2' }, 'invalid_request'],
      ['token for another audience', { subject_token: await idToken('https://example.invalid') }, 'invalid_grant'],
      ['forged token', { subject_token: (await idToken()).replace(/.{8}$/, 'AAAAAAAA') }, 'invalid_grant'],
      ['not a JWT', { subject_token: 'abc' }, 'invalid_grant'],
    ];
    for (const [label, override, error] of cases) {
      const response = await exchange({ ...(await validExchangeFields()), ...override });
      expect({ label, status: response.status, body: await response.json() }).toMatchObject({ label, status: 400, body: { error } });
    }
    const json = await fetch(google.sts.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await validExchangeFields()),
    });
    expect(json.status).toBe(200);
    const textBody = await fetch(google.sts.tokenUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(textBody.status).toBe(400);
  });

  it('IAM mints only for an STS token it trusts, a known service account and a valid body', async () => {
    const sts = (await (await exchange(await validExchangeFields())).json()) as { access_token: string };
    const url = google.iam.impersonationUrl(google.serviceAccount);
    const call = (token: string, body: unknown, target = url, contentType = 'application/json') =>
      fetch(target, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: JSON.stringify(body) });

    const before = google.iam.mintCount;
    const ok = await call(sts.access_token, { scope: [CLOUD_PLATFORM], lifetime: '600s' });
    expect(ok.status).toBe(200);
    const minted = (await ok.json()) as { accessToken: string; expireTime: string };
    expect(minted.accessToken).toBe('static-apiserver-token');
    const secondsLeft = (Date.parse(minted.expireTime) - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(590);
    expect(secondsLeft).toBeLessThanOrEqual(600);
    expect(google.iam.mintCount).toBe(before + 1);

    expect((await call('ya29.not-issued', { scope: [CLOUD_PLATFORM] })).status).toBe(401);
    expect((await call(sts.access_token, { scope: [CLOUD_PLATFORM] }, google.iam.impersonationUrl('x@y.iam.gserviceaccount.com'))).status).toBe(404);
    expect((await call(sts.access_token, {})).status).toBe(400);
    expect((await call(sts.access_token, { scope: [CLOUD_PLATFORM], lifetime: '2h' })).status).toBe(400);
    expect((await call(sts.access_token, { scope: [CLOUD_PLATFORM] }, url, 'text/plain')).status).toBe(400);
    expect(google.iam.mintCount).toBe(before + 1);
  });
});
