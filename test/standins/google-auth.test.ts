// google-auth-library, unmodified, walks the OIDC -> STS -> IAM chain of stand-ins from an external_account file.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoogleAuth } from 'google-auth-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeJwtClaims } from './jwt.js';
import { startGoogleStandIns, type GoogleStandIns } from './google.js';

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
let dir: string;
let google: GoogleStandIns | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubecd-google-auth-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await google?.stop();
  google = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('google-auth-library against the Google stand-ins', () => {
  it('gets the configured access token through OIDC, STS and IAM impersonation', async () => {
    google = await startGoogleStandIns({ accessToken: 'cluster-admin-static-token' });
    const keyFile = await google.writeExternalAccountFile(join(dir, 'credentials.json'));
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(keyFile, 'utf8'))).toMatchObject({
      type: 'external_account',
      audience: `//iam.googleapis.com/${google.provider}`,
      credential_source: { format: { type: 'json', subject_token_field_name: 'value' } },
    });

    const auth = new GoogleAuth({ keyFile, scopes: [CLOUD_PLATFORM] });
    expect(await auth.getAccessToken()).toBe('cluster-admin-static-token');

    expect(google.oidc.issued).toHaveLength(1);
    expect(decodeJwtClaims(google.oidc.issued[0]?.token ?? '')?.aud).toBe(google.oidcAudience);
    expect(google.sts.issued).toHaveLength(1);
    expect(google.sts.issued[0]?.subject).toBe('repo:acme/deployments:ref:refs/heads/main');
    expect(google.iam.mintCount).toBe(1);
    expect(google.iam.minted[0]).toMatchObject({ serviceAccount: google.serviceAccount, scopes: [CLOUD_PLATFORM] });

    const exchange = google.sts.log.requests[0];
    expect(exchange?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    const iamCall = google.iam.log.requests[0];
    expect(iamCall?.headers.authorization).toBe(`Bearer ${google.sts.issued[0]?.token}`);
    // Secrets travel only in Authorization headers (the OIDC JWT is a form field by protocol, so not checked here).
    google.oidc.log.assertOnlyInAuthorization(google.oidc.requestToken);
    google.iam.log.assertOnlyInAuthorization(google.sts.issued[0]?.token ?? '');
  });

  it('works as Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS), as on a runner', async () => {
    google = await startGoogleStandIns({ accessToken: 'adc-token' });
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', await google.writeExternalAccountFile(join(dir, 'adc.json')));
    // Without a known project, ADC asks Cloud Resource Manager for the pool's project (an outbound call);
    // google-github-actions/auth exports GOOGLE_CLOUD_PROJECT, which avoids it.
    vi.stubEnv('GOOGLE_CLOUD_PROJECT', 'acme-prod');
    expect(await new GoogleAuth({ scopes: [CLOUD_PLATFORM] }).getAccessToken()).toBe('adc-token');
  });

  it('uses the federated token directly when no service account is impersonated', async () => {
    google = await startGoogleStandIns();
    const keyFile = await google.writeExternalAccountFile(join(dir, 'direct.json'), { serviceAccount: false });
    const token = await new GoogleAuth({ keyFile, scopes: [CLOUD_PLATFORM] }).getAccessToken();
    expect(token).toBe(google.sts.issued[0]?.token);
    expect(google.iam.mintCount).toBe(0);
  });

  it('refreshes when the minted token is short-lived', async () => {
    // google-auth-library treats a token as expired 5 minutes early, so a 60 s token is refreshed on every use.
    google = await startGoogleStandIns({ accessToken: (n) => `short-lived-${n}`, lifetimeSeconds: 60 });
    const keyFile = await google.writeExternalAccountFile(join(dir, 'short.json'));
    const client = await new GoogleAuth({ keyFile, scopes: [CLOUD_PLATFORM] }).getClient();
    expect((await client.getAccessToken()).token).toBe('short-lived-0');
    expect((await client.getAccessToken()).token).toBe('short-lived-1');
    expect(google.iam.mintCount).toBe(2);
  });

  it('fails when the OIDC token is for another repository', async () => {
    google = await startGoogleStandIns({ attributeCondition: (claims) => claims.repository === 'acme/other' });
    const keyFile = await google.writeExternalAccountFile(join(dir, 'credentials.json'));
    await expect(new GoogleAuth({ keyFile, scopes: [CLOUD_PLATFORM] }).getAccessToken()).rejects.toThrow(/attribute condition/);
    expect(google.iam.mintCount).toBe(0);
  });

  it('fails when the file names a service account the pool may not impersonate', async () => {
    google = await startGoogleStandIns();
    const keyFile = await google.writeExternalAccountFile(join(dir, 'credentials.json'), {
      serviceAccount: 'someone-else@acme-prod.iam.gserviceaccount.com',
    });
    await expect(new GoogleAuth({ keyFile, scopes: [CLOUD_PLATFORM] }).getAccessToken()).rejects.toThrow(/Gaia id not found|404/);
  });
});
