import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAcrStandIn, type AcrStandIn } from '../../test/standins/acr.js';
import { AcrCredentials, acrCloud, pullActions } from './acr.js';

describe('ACR login servers', () => {
  test.each([
    ['myreg.azurecr.io', 'https://management.azure.com/.default'],
    ['myreg.azurecr.cn', 'https://management.chinacloudapi.cn/.default'],
    ['myreg.azurecr.us', 'https://management.usgovcloudapi.net/.default'],
    ['my-reg-abc123.azurecr.io', 'https://management.azure.com/.default'],
  ])('%s authenticates with %s', (host, scope) => {
    expect(acrCloud(host)?.armScope).toBe(scope);
    expect(pullActions(host)).toBe('pull,metadata_read');
  });

  test.each(['azurecr.io', 'myreg.azurecr.io:443', 'myreg.azurecr.io.evil.example', 'a.b.azurecr.io', '-x.azurecr.io', 'ghcr.io'])('%s is not', (host) => {
    expect(acrCloud(host)).toBeUndefined();
    expect(pullActions(host)).toBe('pull');
  });
});

describe('ACR token exchange against the ACR stand-in', () => {
  let acr: AcrStandIn;
  beforeAll(async () => {
    acr = await startAcrStandIn({ upstream: 'http://127.0.0.1:9' });
  });
  afterAll(() => acr.stop());

  test('the Entra token is exchanged once per registry for a refresh token, with the tenant from the token', async () => {
    const secrets: string[] = [];
    const credentials = new AcrCredentials({
      credential: acr.entraCredential(),
      env: { KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ [acr.loginServer]: acr.url }) },
      onSecret: (s) => secrets.push(s),
    });
    const found = await Promise.all([credentials.credential(acr.loginServer), credentials.credential(acr.loginServer)]);
    expect(credentials.exchanges).toBe(1);
    expect(found[0]).toEqual({ identityToken: acr.issued.refresh.at(-1), expiresAt: expect.any(Number) });
    // The stand-in's refresh tokens live 3 hours; renewed 5 minutes early.
    expect(found[0]!.expiresAt! - Date.now()).toBeGreaterThan(3 * 3600_000 - 6 * 60_000);
    expect(found[0]!.expiresAt! - Date.now()).toBeLessThan(3 * 3600_000 - 4 * 60_000);
    const call = acr.tokenCalls.at(-1)!;
    expect(call).toMatchObject({ endpoint: 'exchange', status: 200, form: { grant_type: 'access_token', service: acr.loginServer, tenant: acr.tenantId } });
    expect(secrets).toEqual(expect.arrayContaining([acr.issued.entra.at(-1), acr.issued.refresh.at(-1)]));
  });

  test('a refused Entra token is a clear error', async () => {
    const credentials = new AcrCredentials({
      credential: { getToken: async () => ({ token: 'not-a-jwt', expiresOnTimestamp: Date.now() + 3600_000 }) },
      env: { KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ [acr.loginServer]: acr.url }) },
    });
    await expect(credentials.credential(acr.loginServer)).rejects.toThrow(/myreg.azurecr.io: the registry refused the Entra token \(HTTP 401\)/);
  });

  test('no Entra identity is a short error naming the scope', async () => {
    const credentials = new AcrCredentials({ credential: { getToken: async () => { throw new Error('EnvironmentCredential is unavailable.\nlong details'); } } });
    await expect(credentials.credential('other.azurecr.io')).rejects.toThrow(/^no Entra token for https:\/\/management.azure.com\/.default: EnvironmentCredential is unavailable\.$/);
  });
});
