// @azure/identity's ClientAssertionCredential (MSAL underneath) signs in to the Entra ID stand-in with a
// GitHub OIDC stand-in token; fetch reads the ARM stand-in with the token it got.
import { ClientAssertionCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AKS_SERVER_APP_ID, startAzureStandins, type AzureStandIns } from './azure.js';
import { trustInThisProcess } from './azure-tls.js';
import { startOidcStandIn, type OidcStandIn } from './oidc.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-111122223333';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const READER = '99999999-2222-3333-4444-555555555555';
const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBstandin\n-----END CERTIFICATE-----\n').toString('base64');
const CLUSTER_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod`;

let oidc: OidcStandIn;
let azure: AzureStandIns;
let untrust: () => void;

beforeAll(async () => {
  oidc = await startOidcStandIn({ repository: 'acme/deployments', environment: 'prod' });
  const federated = { issuer: oidc.issuer, subject: 'repo:acme/deployments:environment:prod', publicKey: oidc.publicKey };
  azure = await startAzureStandins({
    tenantId: TENANT,
    applications: [
      { clientId: CLIENT, objectId: 'aaaaaaaa-0000-0000-0000-000000000001', groups: ['g-deployers'], federated },
      { clientId: READER, federated, clusterUser: false },
    ],
    clusters: [{ subscriptionId: SUBSCRIPTION, resourceGroup: 'rg-prod', name: 'aks-prod', fqdn: 'aks-prod-abc.hcp.westeurope.azmk8s.io', caData: CA }],
  });
  untrust = trustInThisProcess(azure.ca);
});
afterAll(async () => {
  untrust?.();
  await azure?.close();
  await oidc?.stop();
});

async function githubToken(audience = 'api://AzureADTokenExchange'): Promise<string> {
  const url = new URL(oidc.requestUrl);
  url.searchParams.set('audience', audience);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${oidc.requestToken}` } });
  return ((await response.json()) as { value: string }).value;
}

function credential(clientId = CLIENT, audience?: string): ClientAssertionCredential {
  return new ClientAssertionCredential(TENANT, clientId, () => githubToken(audience), { authorityHost: azure.authorityHost, disableInstanceDiscovery: true });
}

async function arm(method: string, path: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${azure.armEndpoint}${path}`, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}

describe('Entra ID stand-in', () => {
  it('gives ClientAssertionCredential ARM and AKS tokens for a federated GitHub OIDC token, after MSAL reads its openid-configuration', async () => {
    const cred = credential();
    const armToken = await cred.getToken('https://management.azure.com/.default');
    const aksToken = await cred.getToken(`${AKS_SERVER_APP_ID}/.default`);
    expect(armToken.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3000_000);
    expect(azure.issued.map((t) => t.audience)).toEqual(['https://management.azure.com', AKS_SERVER_APP_ID]);

    const paths = azure.log.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);
    expect(paths[0]).toBe(`GET /${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(paths.filter((p) => p === `POST /${TENANT}/oauth2/v2.0/token`)).toHaveLength(2);
    const form = new URLSearchParams(azure.log.matching('POST', `/${TENANT}/oauth2/v2.0/token`)[0]!.body);
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(oidc.issued.filter((t) => t.audience === 'api://AzureADTokenExchange').map((t) => t.token)).toContain(form.get('client_assertion'));

    expect(await azure.reviewAksToken(aksToken.token)).toEqual({ username: 'aaaaaaaa-0000-0000-0000-000000000001', groups: ['g-deployers'] });
    expect(await azure.reviewAksToken(armToken.token)).toBeUndefined(); // an ARM token is no AKS token
    expect(await azure.reviewAksToken(`${aksToken.token.slice(0, -4)}AAAA`)).toBeUndefined();
  });

  it('refuses an assertion with the wrong audience, and a client it does not know', async () => {
    await expect(credential(CLIENT, 'https://github.com/acme').getToken('https://management.azure.com/.default')).rejects.toThrow(/AADSTS700213/);
    await expect(credential('00000000-0000-0000-0000-00000000dead').getToken('https://management.azure.com/.default')).rejects.toThrow(/AADSTS700016/);
  });

  it('issues short-lived tokens after setLifetime, which reviewAksToken rejects once expired', async () => {
    azure.setLifetime(1);
    try {
      const token = await credential().getToken(`${AKS_SERVER_APP_ID}/.default`);
      expect(await azure.reviewAksToken(token.token)).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect(await azure.reviewAksToken(token.token)).toBeUndefined();
    } finally {
      azure.setLifetime(3600);
    }
  });
});

describe('ARM managed clusters stand-in', () => {
  it('serves the cluster and its user kubeconfig to a Bearer ARM token only', async () => {
    const token = (await credential().getToken('https://management.azure.com/.default')).token;
    const cluster = await arm('GET', `${CLUSTER_PATH}?api-version=2024-05-01`, token);
    expect(cluster.status).toBe(200);
    expect(cluster.body.properties).toMatchObject({ fqdn: 'aks-prod-abc.hcp.westeurope.azmk8s.io', aadProfile: { managed: true } });

    const creds = await arm('POST', `${CLUSTER_PATH}/listClusterUserCredential?api-version=2024-05-01`, token);
    expect(creds.status).toBe(200);
    const kubeconfig = Buffer.from(creds.body.kubeconfigs[0].value, 'base64').toString();
    expect(kubeconfig).toContain(`certificate-authority-data: ${CA}`);
    expect(kubeconfig).toContain('command: kubelogin');

    expect((await arm('GET', `${CLUSTER_PATH}?api-version=2024-05-01`)).body.error.code).toBe('AuthenticationFailed');
    const aksToken = (await credential().getToken(`${AKS_SERVER_APP_ID}/.default`)).token;
    expect((await arm('GET', `${CLUSTER_PATH}?api-version=2024-05-01`, aksToken)).body.error.code).toBe('InvalidAuthenticationTokenAudience');
    expect((await arm('GET', CLUSTER_PATH, token)).body.error.code).toBe('MissingApiVersionParameter');
    const missing = await arm('GET', `${CLUSTER_PATH.replace('aks-prod', 'aks-nope')}?api-version=2024-05-01`, token);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ResourceNotFound']);
  });

  it('answers 403 AuthorizationFailed to listClusterUserCredential without the Cluster User role', async () => {
    const token = (await credential(READER).getToken('https://management.azure.com/.default')).token;
    const creds = await arm('POST', `${CLUSTER_PATH}/listClusterUserCredential?api-version=2024-05-01`, token);
    expect([creds.status, creds.body.error.code]).toEqual([403, 'AuthorizationFailed']);
  });
});
