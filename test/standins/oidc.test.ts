import { createPublicKey, type JsonWebKey } from 'node:crypto';
import * as core from '@actions/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeJwtClaims, verifyJwt } from './jwt.js';
import { startOidcStandIn, type OidcStandIn } from './oidc.js';

let oidc: OidcStandIn;

beforeAll(async () => {
  oidc = await startOidcStandIn({ repository: 'acme/deployments' });
});
afterAll(() => oidc?.stop());
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('GitHub Actions OIDC stand-in', () => {
  it('issues an RS256 token to @actions/core getIDToken', async () => {
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', oidc.env.ACTIONS_ID_TOKEN_REQUEST_URL);
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', oidc.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const audience = 'https://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/pr';
    const token = await core.getIDToken(audience);

    const check = verifyJwt(token, oidc.publicKey);
    expect(check.ok).toBe(true);
    expect(decodeJwtClaims(token)).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:acme/deployments:ref:refs/heads/main',
      aud: audience,
      repository: 'acme/deployments',
    });
    expect(oidc.issued.at(-1)?.audience).toBe(audience);
    const request = oidc.log.requests.at(-1);
    expect(request?.headers.authorization).toBe(`Bearer ${oidc.requestToken}`);
    oidc.log.assertOnlyInAuthorization(oidc.requestToken);
  });

  it('publishes a JWKS that verifies its tokens', async () => {
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', oidc.env.ACTIONS_ID_TOKEN_REQUEST_URL);
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', oidc.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const token = await core.getIDToken('sts');
    const jwks = (await (await fetch(`${oidc.url}/.well-known/jwks`)).json()) as { keys: JsonWebKey[] };
    const key = createPublicKey({ key: jwks.keys[0] as JsonWebKey, format: 'jwk' });
    expect(verifyJwt(token, key).ok).toBe(true);
    const tampered = token.replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ aud: 'x', exp: 9e9 })).toString('base64url')}.`);
    expect(verifyJwt(tampered, key)).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
  });

  it('defaults the audience to the repository owner, as GitHub does', async () => {
    const response = await fetch(oidc.requestUrl, { headers: { authorization: `Bearer ${oidc.requestToken}` } });
    const { value } = (await response.json()) as { value: string };
    expect(decodeJwtClaims(value)?.aud).toBe('https://github.com/acme');
  });

  it('refuses a wrong request token', async () => {
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', oidc.env.ACTIONS_ID_TOKEN_REQUEST_URL);
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'not-the-token');
    await expect(core.getIDToken('aud')).rejects.toThrow(/401/);
    const noAuth = await fetch(`${oidc.requestUrl}&audience=x`);
    expect(noAuth.status).toBe(401);
  });
});
