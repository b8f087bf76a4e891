import { readFile } from 'node:fs/promises';
import { ClientAssertionCredential, DefaultAzureCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AksProvider } from '../model/types.js';
import { caDataOf, openAksAccess, serverOf } from './aks.js';
import { getManagedCluster, listClusterUserCredential, managedClusterPath } from './azure-arm.js';
import { AKS_SCOPE, ARM_SCOPE, azureCredential, tokenSource } from './azure-credential.js';
import { azureEndpoints } from './endpoints.js';
import { AKS_SERVER_APP_ID, startAzureStandins, type AzureStandIns } from '../../test/standins/azure.js';
import { trustInThisProcess } from '../../test/standins/azure-tls.js';
import { startOidcStandIn, type OidcStandIn } from '../../test/standins/oidc.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-111122223333';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const PROVIDER: AksProvider = { kind: 'aks', tenantId: TENANT, subscriptionId: SUBSCRIPTION, resourceGroup: 'rg-prod', clusterName: 'aks-prod' };
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBstandin\n-----END CERTIFICATE-----\n';
const CA = Buffer.from(CA_PEM).toString('base64');
const ENTRA = { aadProfile: { managed: true } };

const kubeconfigs = (config: unknown) => ({ kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(typeof config === 'string' ? config : stringify(config)).toString('base64') }] });
const cluster = (name: string, ca: unknown) => ({ name, cluster: { server: `https://${name}.hcp.azmk8s.io:443`, 'certificate-authority-data': ca } });

describe('serverOf', () => {
  test('takes fqdn for the public endpoint and privateFQDN for the private one', () => {
    const resource = { properties: { ...ENTRA, fqdn: 'aks-prod-abc.hcp.westeurope.azmk8s.io', privateFQDN: 'aks-prod-abc.privatelink.westeurope.azmk8s.io' } };
    expect(serverOf(resource, PROVIDER)).toBe('https://aks-prod-abc.hcp.westeurope.azmk8s.io');
    expect(serverOf(resource, { ...PROVIDER, endpoint: 'private' })).toBe('https://aks-prod-abc.privatelink.westeurope.azmk8s.io');
  });

  test('refuses a cluster without Entra integration, a missing endpoint and an address that is not a host', () => {
    expect(() => serverOf({ properties: { fqdn: 'a.azmk8s.io' } }, PROVIDER)).toThrow(/does not use Microsoft Entra ID authentication/);
    expect(() => serverOf({ properties: { ...ENTRA, fqdn: 'a.azmk8s.io' } }, { ...PROVIDER, endpoint: 'private' })).toThrow('AKS cluster aks-prod has no private endpoint (privateFQDN)');
    for (const fqdn of ['evil.example/path', 'user@evil.example', 'a.azmk8s.io\n', '-x']) {
      expect(() => serverOf({ properties: { ...ENTRA, fqdn } }, PROVIDER)).toThrow(/an API server address kubecd does not accept/);
    }
  });
});

describe('caDataOf', () => {
  test("takes the current context's cluster CA, and never the user section", () => {
    const config = {
      clusters: [cluster('other', Buffer.from('-----BEGIN CERTIFICATE-----\nother\n-----END CERTIFICATE-----\n').toString('base64')), cluster('aks-prod', CA)],
      contexts: [{ name: 'aks-prod', context: { cluster: 'aks-prod', user: 'u' } }],
      'current-context': 'aks-prod',
      users: [{ name: 'u', user: { token: 'never-used' } }],
    };
    expect(caDataOf(kubeconfigs(config), 'aks-prod')).toBe(CA);
    expect(caDataOf(kubeconfigs({ clusters: [cluster('only', CA)] }), 'aks-prod')).toBe(CA);
  });

  test('fails clearly on no kubeconfig, YAML that is not one, an ambiguous or missing CA, and a CA that is no certificate', () => {
    expect(() => caDataOf({ kubeconfigs: [] }, 'aks-prod')).toThrow('listClusterUserCredential for AKS cluster aks-prod returned no kubeconfig');
    expect(() => caDataOf(kubeconfigs('clusters: [\n'), 'aks-prod')).toThrow('the kubeconfig of AKS cluster aks-prod is not YAML');
    expect(() => caDataOf(kubeconfigs({ clusters: [cluster('a', CA), cluster('b', CA)] }), 'aks-prod')).toThrow(/has no certificate-authority-data/);
    expect(() => caDataOf(kubeconfigs({ clusters: [{ name: 'a', cluster: {} }] }), 'aks-prod')).toThrow(/has no certificate-authority-data/);
    expect(() => caDataOf(kubeconfigs({ clusters: [cluster('a', Buffer.from('hello').toString('base64'))] }), 'aks-prod')).toThrow(/has no certificate-authority-data/);
  });
});

describe('tokenSource', () => {
  function fakeCredential(tokens: AccessToken[]): TokenCredential & { calls: string[] } {
    const calls: string[] = [];
    return { calls, getToken: async (scope) => { calls.push(String(scope)); const next = tokens.shift(); if (!next) throw new Error('no more tokens\nsee https://aka.ms/troubleshoot'); return next; } };
  }

  test('reuses a token until five minutes before it expires, or until the refresh time the library gave', async () => {
    let now = 0;
    const credential = fakeCredential([
      { token: 't1', expiresOnTimestamp: 60 * 60_000 },
      { token: 't2', expiresOnTimestamp: 120 * 60_000, refreshAfterTimestamp: 70 * 60_000 },
      { token: 't3', expiresOnTimestamp: 200 * 60_000 },
    ]);
    const token = tokenSource(credential, AKS_SCOPE, 'AKS cluster x', () => now);
    expect(await token()).toBe('t1');
    now = 54 * 60_000;
    expect(await token()).toBe('t1');
    now = 55 * 60_000;
    expect(await token()).toBe('t2');
    now = 69 * 60_000;
    expect(await token()).toBe('t2');
    now = 70 * 60_000;
    expect(await token()).toBe('t3');
    expect(credential.calls).toEqual([AKS_SCOPE, AKS_SCOPE, AKS_SCOPE]);
  });

  test('callers asking at once share one request; a failure names what the token was for, in one line', async () => {
    const credential = fakeCredential([{ token: 't1', expiresOnTimestamp: Date.now() + 3600_000 }]);
    const token = tokenSource(credential, ARM_SCOPE, 'Azure Resource Manager');
    expect(await Promise.all([token(), token(), token()])).toEqual(['t1', 't1', 't1']);
    expect(credential.calls).toHaveLength(1);
    const failing = tokenSource(fakeCredential([]), ARM_SCOPE, 'Azure Resource Manager');
    await expect(failing()).rejects.toThrow(/^cannot get an Entra ID token for Azure Resource Manager: no more tokens$/);
  });
});

describe('azureCredential', () => {
  const onSecret = () => undefined;
  const githubOidcToken = async () => 'a-github-oidc-token';

  test('federates the GitHub OIDC token when the action gives one and there is a client id', () => {
    expect(azureCredential({ tenantId: TENANT, clientId: CLIENT, githubOidcToken, onSecret })).toBeInstanceOf(ClientAssertionCredential);
  });

  test('uses the ambient credentials without a client id, or without a GitHub OIDC token (the CLI)', () => {
    expect(azureCredential({ tenantId: TENANT, githubOidcToken, onSecret })).toBeInstanceOf(DefaultAzureCredential);
    expect(azureCredential({ tenantId: TENANT, clientId: CLIENT, onSecret })).toBeInstanceOf(DefaultAzureCredential);
  });
});

describe('azureEndpoints', () => {
  test('defaults to the public cloud; the test hooks override ARM and the authority', () => {
    expect(azureEndpoints({})).toEqual({ arm: 'https://management.azure.com' });
    expect(azureEndpoints({ KUBECD_AZURE_ARM_ENDPOINT: 'https://127.0.0.1:1/', KUBECD_AZURE_AUTHORITY_HOST: 'https://127.0.0.1:2' }))
      .toEqual({ arm: 'https://127.0.0.1:1', authorityHost: 'https://127.0.0.1:2' });
  });

  test('encodes the names into the managed cluster path', () => {
    expect(managedClusterPath({ ...PROVIDER, resourceGroup: 'rg(eu)' })).toBe(`/subscriptions/${SUBSCRIPTION}/resourceGroups/rg(eu)/providers/Microsoft.ContainerService/managedClusters/aks-prod`);
    expect(managedClusterPath({ ...PROVIDER, resourceGroup: 'grüne' })).toContain('/resourceGroups/gr%C3%BCne/');
  });
});

describe('openAksAccess through the Entra ID, ARM and GitHub OIDC stand-ins', () => {
  let oidc: OidcStandIn;
  let azure: AzureStandIns;
  let untrust: () => void;
  const subject = 'repo:acme/deployments:ref:refs/heads/main';

  beforeAll(async () => {
    oidc = await startOidcStandIn();
    azure = await startAzureStandins({
      tenantId: TENANT,
      applications: [
        { clientId: CLIENT, objectId: 'aaaaaaaa-0000-0000-0000-000000000001', federated: { issuer: oidc.issuer, subject, publicKey: oidc.publicKey } },
        { clientId: '99999999-2222-3333-4444-555555555555', federated: { issuer: oidc.issuer, subject, publicKey: oidc.publicKey }, clusterUser: false },
      ],
      clusters: [
        { subscriptionId: SUBSCRIPTION, resourceGroup: 'rg-prod', name: 'aks-prod', fqdn: '127.0.0.1:6443', privateFQDN: 'aks-prod.privatelink.westeurope.azmk8s.io', caData: CA },
        { subscriptionId: SUBSCRIPTION, resourceGroup: 'rg-prod', name: 'aks-local', fqdn: 'aks-local.hcp.westeurope.azmk8s.io', caData: CA, entra: false },
      ],
    });
    untrust = trustInThisProcess(azure.ca);
  });
  afterAll(async () => {
    untrust?.();
    await azure?.close();
    await oidc?.stop();
  });

  const env = () => ({ ...azure.env });
  /** What the action passes: the OIDC stand-in's token for the audience asked for. */
  const githubOidcToken = async (audience: string) => {
    const url = new URL(oidc.requestUrl);
    url.searchParams.set('audience', audience);
    return ((await (await fetch(url, { headers: { Authorization: `Bearer ${oidc.requestToken}` } })).json()) as { value: string }).value;
  };
  const credential = (secrets: string[], clientId = CLIENT, token = githubOidcToken) =>
    azureCredential({ tenantId: TENANT, clientId, githubOidcToken: token, onSecret: (s) => secrets.push(s), endpoints: azureEndpoints(env()) });

  test('writes a kubeconfig with the ARM endpoint and CA and an AKS token, renewed when it is about to expire', async () => {
    const secrets: string[] = [];
    azure.setLifetime(3600);
    const access = await openAksAccess(PROVIDER, { credential: credential(secrets), namespace: 'web', onSecret: (s) => secrets.push(s), env: env() });
    try {
      expect(access.description).toBe(`AKS cluster ${SUBSCRIPTION}/rg-prod/aks-prod (public endpoint https://127.0.0.1:6443)`);
      const path = access.target.kubeconfig!;
      const first = parse(await readFile(path, 'utf8'));
      expect(first.clusters[0].cluster).toEqual({ server: 'https://127.0.0.1:6443', 'certificate-authority-data': CA });
      expect(first.contexts[0].context.namespace).toBe('web');
      const token = first.users[0].user.token as string;
      expect(first.users[0].user).toEqual({ token });
      expect(await azure.reviewAksToken(token)).toEqual({ username: 'aaaaaaaa-0000-0000-0000-000000000001' });

      // Every token went through onSecret before use: the GitHub assertion, the ARM token and the AKS token.
      expect(secrets).toEqual(expect.arrayContaining([...oidc.issued.map((t) => t.token), ...azure.issued.map((t) => t.token)]));
      expect(oidc.issued.every((t) => t.audience === 'api://AzureADTokenExchange')).toBe(true);

      // A long-lived token is reused; one with less than five minutes left is replaced at the next command.
      await access.fresh();
      expect(parse(await readFile(path, 'utf8')).users[0].user.token).toBe(token);
      azure.setLifetime(120);
      const issuedBefore = azure.issued.length;
      await access.fresh(); // still the cached 1-hour token
      expect(azure.issued.length).toBe(issuedBefore);
      expect(azure.issued.filter((t) => t.audience === AKS_SERVER_APP_ID)).toHaveLength(1);
    } finally {
      await access.close();
      azure.setLifetime(3600);
    }
    await expect(readFile(access.target.kubeconfig!, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  test('short-lived tokens are asked for again before every command', async () => {
    azure.setLifetime(120);
    try {
      const access = await openAksAccess(PROVIDER, { credential: credential([]), namespace: 'web', onSecret: () => undefined, env: env() });
      try {
        const aksTokens = () => azure.issued.filter((t) => t.audience === AKS_SERVER_APP_ID).length;
        const before = aksTokens();
        const tokenOf = async () => parse(await readFile(access.target.kubeconfig!, 'utf8')).users[0].user.token as string;
        const seen = new Set([await tokenOf()]);
        for (let i = 0; i < 3; i++) {
          await new Promise((resolve) => setTimeout(resolve, 1100)); // iat/exp are whole seconds
          await access.fresh();
          seen.add(await tokenOf());
        }
        expect(aksTokens() - before).toBe(3);
        expect(seen.size).toBe(4);
      } finally {
        await access.close();
      }
    } finally {
      azure.setLifetime(3600);
    }
  });

  test('ARM errors come back as one line with status, code and message; no token in them', async () => {
    const secrets: string[] = [];
    const arm = azure.armEndpoint;
    const token = await tokenSource(credential(secrets), ARM_SCOPE, 'ARM')();
    await expect(getManagedCluster(arm, { ...PROVIDER, clusterName: 'aks-nope' }, token))
      .rejects.toThrow("cannot read AKS cluster aks-nope: HTTP 404 ResourceNotFound: The Resource 'Microsoft.ContainerService/managedClusters/aks-nope' under resource group 'rg-prod' was not found.");
    await expect(listClusterUserCredential(arm, PROVIDER, 'not-a-token')).rejects.toThrow('cannot list the user credentials of AKS cluster aks-prod: HTTP 401 InvalidAuthenticationToken: The access token is invalid.');
    const reader = await tokenSource(credential([], '99999999-2222-3333-4444-555555555555'), ARM_SCOPE, 'ARM')();
    await expect(openAksAccess(PROVIDER, { credential: credential([], '99999999-2222-3333-4444-555555555555'), namespace: 'web', onSecret: () => undefined, env: env() }))
      .rejects.toThrow(/HTTP 403 AuthorizationFailed: .*listClusterUserCredential\/action/);
    expect(reader).not.toBe('');
    await expect(openAksAccess({ ...PROVIDER, clusterName: 'aks-local' }, { credential: credential([]), namespace: 'web', onSecret: () => undefined, env: env() }))
      .rejects.toThrow(/AKS cluster aks-local does not use Microsoft Entra ID authentication/);
  });

  test('a federated credential that does not match is reported as Entra ID said it', async () => {
    const other = credential([], '00000000-0000-0000-0000-00000000dead');
    await expect(openAksAccess(PROVIDER, { credential: other, namespace: 'web', onSecret: () => undefined, env: env() }))
      .rejects.toThrow(/^cannot get an Entra ID token for Azure Resource Manager: .*AADSTS700016/);
  });

  test('a job without id-token permission fails with the reason the action gave', async () => {
    const refused = credential([], CLIENT, async () => { throw new Error('cannot get the GitHub OIDC token (the job needs `permissions: id-token: write`): 403'); });
    await expect(openAksAccess(PROVIDER, { credential: refused, namespace: 'web', onSecret: () => undefined, env: env() }))
      .rejects.toThrow(/^cannot get an Entra ID token for Azure Resource Manager: .*the job needs `permissions: id-token: write`/);
  });
});
