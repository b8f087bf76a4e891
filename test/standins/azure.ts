// Stand-ins for Microsoft Entra ID and Azure Resource Manager, as far as kubecd's aks provider uses them.
// Contracts:
// - Entra ID v2.0 endpoints ("Microsoft identity platform and the OAuth 2.0 client credentials flow",
//   "...access token request with a federated credential"): GET /{tenant}/v2.0/.well-known/openid-configuration
//   (MSAL reads token_endpoint, authorization_endpoint, issuer, jwks_uri), POST /{tenant}/oauth2/v2.0/token
//   (form: client_id, scope `<resource>/.default`, grant_type=client_credentials, client_assertion_type
//   urn:ietf:params:oauth:client-assertion-type:jwt-bearer, client_assertion) answering
//   {token_type, expires_in, ext_expires_in, access_token} or {error, error_description, error_codes}.
//   The assertion must be the GitHub OIDC token of a federated identity credential: issuer, subject and the
//   audience api://AzureADTokenExchange.
// - ARM "Managed Clusters - Get" and "- List Cluster User Credentials" (api-version required; Bearer token
//   for https://management.azure.com; ARM's {"error": {"code", "message"}} envelope): properties.fqdn,
//   privateFQDN, aadProfile; kubeconfigs[].value is a base64 kubeconfig whose user runs kubelogin.
// Tokens are RS256 JWTs of this stand-in; reviewAksToken checks one the way the AKS API server's Entra
// webhook would (signature, audience = the AKS server application, expiry) and names the user by `oid`.
import { randomUUID, type KeyObject } from 'node:crypto';
import { stringify } from 'yaml';
import { bearerToken, RequestLog, startServer, type Handler, type RunningServer } from './common.js';
import { createTestCa, startTlsFront, type TestCa, type TlsFront } from './azure-tls.js';
import { generateSigningKey, jwksOf, signJwt, verifyJwt, type JwtCheck, type JwtClaims } from './jwt.js';

export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
export const ARM_RESOURCE = 'https://management.azure.com';
const EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AzureApplication {
  clientId: string;
  /** The service principal's object id: the AKS user name. Default a random GUID. */
  objectId?: string;
  /** Group object ids put in the token's `groups`. */
  groups?: string[];
  /** The federated identity credential: who may sign in as this application. */
  federated: { issuer: string; subject: string; publicKey: KeyObject };
  /** May call listClusterUserCredential (Azure Kubernetes Service Cluster User Role). Default true. */
  clusterUser?: boolean;
}

export interface AzureCluster {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** host[:port] of the public API server. */
  fqdn?: string;
  privateFQDN?: string;
  /** base64 PEM of the cluster CA. */
  caData: string;
  /** AKS-managed Entra integration. Default true. */
  entra?: boolean;
}

export interface AzureStandInOptions {
  tenantId: string;
  applications: AzureApplication[];
  clusters: AzureCluster[];
  /** Lifetime of issued access tokens. Default 3600 s. */
  lifetimeSeconds?: number;
  /** Called before each access token is minted, with the resource and how many were minted for it before. */
  beforeIssue?: (audience: string, issuedBefore: number) => void;
}

export interface IssuedAzureToken {
  clientId: string;
  /** The resource (ARM or the AKS server application id). */
  audience: string;
  token: string;
  /** Epoch milliseconds on the real clock (advanceClock later brings it closer). */
  expiresAt: number;
}

export interface AzureStandIns {
  /** For @azure/identity (KUBECD_AZURE_AUTHORITY_HOST). */
  authorityHost: string;
  armEndpoint: string;
  /** What a process needs to use the stand-ins: the endpoint overrides and the CA (NODE_EXTRA_CA_CERTS). */
  env: { KUBECD_AZURE_AUTHORITY_HOST: string; KUBECD_AZURE_ARM_ENDPOINT: string; NODE_EXTRA_CA_CERTS: string };
  ca: TestCa;
  /** Every request to either stand-in, in order. */
  log: RequestLog;
  issued: IssuedAzureToken[];
  /** The token request the stand-in answered with an error last, for tests to read. */
  lastError?: { error: string; description: string };
  /** Verifies an AKS token the way the API server's webhook does. */
  reviewAksToken(token: string): Promise<{ username: string; groups?: string[] } | undefined>;
  /** Checks an access token as a resource server of `audience` does: this Entra's signature, audience, tenant, expiry. */
  verifyAccessToken(token: string, audience: string): JwtCheck;
  /** Tokens issued from now on live `seconds`. */
  setLifetime(seconds: number): void;
  /** Moves the stand-ins' clock (what they stamp on tokens and check them against) forward: earlier tokens expire at once. */
  advanceClock(seconds: number): void;
  close(): Promise<void>;
}

export async function startAzureStandins(options: AzureStandInOptions): Promise<AzureStandIns> {
  const tenant = options.tenantId.toLowerCase();
  const key = generateSigningKey();
  const log = new RequestLog();
  let lifetime = options.lifetimeSeconds ?? 3600;
  let skew = 0;
  const nowSeconds = () => Date.now() / 1000 + skew;
  const issued: IssuedAzureToken[] = [];
  const apps = options.applications.map((app) => ({ ...app, objectId: app.objectId ?? randomUUID() }));
  const ca = await createTestCa();
  const fronts: TlsFront[] = [];
  const servers: RunningServer[] = [];
  let authorityHost = '';

  const state: Pick<AzureStandIns, 'lastError'> = {};
  const tokenError = (reply: (s: number, b: unknown) => void, status: number, error: string, code: number, description: string) => {
    state.lastError = { error, description: `AADSTS${code}: ${description}` };
    reply(status, { error, error_description: `AADSTS${code}: ${description}`, error_codes: [code], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() });
  };

  const entra: Handler = ({ method, url, headers, body, reply }) => {
    const match = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/.exec(url.pathname);
    if (!match) return reply(404, { error: 'not_found' });
    if (match[1]!.toLowerCase() !== tenant) return tokenError(reply, 400, 'invalid_tenant', 90002, `Tenant '${match[1]}' not found.`);
    const base = `${authorityHost}/${tenant}`;
    if (match[2] === 'discovery/v2.0/keys') return reply(200, jwksOf(key));
    if (match[2]!.startsWith('v2.0')) {
      if (method !== 'GET') return reply(405, { error: 'method_not_allowed' });
      return reply(200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        issuer: `${base}/v2.0`,
        jwks_uri: `${authorityHost}/${tenant}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        tenant_region_scope: 'EU',
      });
    }
    if (method !== 'POST') return reply(405, { error: 'method_not_allowed' });
    if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return tokenError(reply, 400, 'invalid_request', 900144, 'The request body must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials') return tokenError(reply, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    const app = apps.find((a) => a.clientId === form.get('client_id'));
    if (!app) return tokenError(reply, 400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`);
    if (form.get('client_assertion_type') !== JWT_BEARER || !form.get('client_assertion')) {
      return tokenError(reply, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    const assertion = verifyJwt(form.get('client_assertion')!, app.federated.publicKey);
    if (!assertion.ok) return tokenError(reply, 401, 'invalid_client', 700024, `Client assertion is not valid: ${assertion.reason}.`);
    const { iss, sub, aud } = assertion.claims;
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (iss !== app.federated.issuer || sub !== app.federated.subject || !audiences.includes(EXCHANGE_AUDIENCE)) {
      return tokenError(reply, 400, 'invalid_client', 700213, `No matching federated identity record found for presented assertion subject '${String(sub)}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`);
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const resource = scopes.length === 1 && scopes[0]!.endsWith('/.default') ? scopes[0]!.slice(0, -'/.default'.length).replace(/\/$/, '') : undefined;
    if (resource !== ARM_RESOURCE && resource !== AKS_SERVER_APP_ID) {
      return tokenError(reply, 400, 'invalid_scope', 500011, `The resource principal named ${resource ?? form.get('scope') ?? ''} was not found in the tenant.`);
    }
    options.beforeIssue?.(resource, issued.filter((t) => t.audience === resource).length);
    const now = Math.floor(nowSeconds());
    const claims: JwtClaims = {
      aud: resource, iss: `https://sts.windows.net/${tenant}/`, iat: now, nbf: now, exp: now + lifetime,
      appid: app.clientId, idtyp: 'app', oid: app.objectId, sub: app.objectId, tid: tenant, ver: '1.0', uti: randomUUID(),
      ...(app.groups ? { groups: app.groups } : {}),
    };
    const token = signJwt(claims, key);
    issued.push({ clientId: app.clientId, audience: resource, token, expiresAt: (now + lifetime - skew) * 1000 });
    return reply(200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token });
  };

  const armError = (reply: (s: number, b: unknown) => void, status: number, code: string, message: string) => reply(status, { error: { code, message } });
  const arm: Handler = ({ method, url, headers, reply }) => {
    const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)(\/listClusterUserCredential)?$/i.exec(url.pathname);
    if (!match) return armError(reply, 404, 'InvalidResourceType', `The resource type could not be found in the namespace for api version '${url.searchParams.get('api-version') ?? ''}'.`);
    const token = bearerToken(headers);
    if (!token) return armError(reply, 401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    const check = verifyJwt(token, key.publicKey, nowSeconds());
    if (!check.ok) {
      return check.reason.includes('expired')
        ? armError(reply, 401, 'ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.')
        : armError(reply, 401, 'InvalidAuthenticationToken', 'The access token is invalid.');
    }
    if (check.claims.aud !== ARM_RESOURCE) return armError(reply, 401, 'InvalidAuthenticationTokenAudience', `The access token has been obtained for wrong audience or resource '${String(check.claims.aud)}'.`);
    if (!url.searchParams.get('api-version')) return armError(reply, 400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    const [, subscription, group, name, list] = match.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    const cluster = options.clusters.find((c) => c.subscriptionId === subscription && c.resourceGroup.toLowerCase() === group!.toLowerCase() && c.name.toLowerCase() === name!.toLowerCase());
    if (!cluster) return armError(reply, 404, 'ResourceNotFound', `The Resource 'Microsoft.ContainerService/managedClusters/${name}' under resource group '${group}' was not found.`);
    if (!list) {
      if (method !== 'GET') return armError(reply, 405, 'MethodNotAllowed', 'The requested method is not allowed.');
      return reply(200, managedCluster(cluster, tenant));
    }
    if (method !== 'POST') return armError(reply, 405, 'MethodNotAllowed', 'The requested method is not allowed.');
    const app = apps.find((a) => a.objectId === check.claims.oid);
    if (app?.clusterUser === false) {
      return armError(reply, 403, 'AuthorizationFailed', `The client '${app.objectId}' with object id '${app.objectId}' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action'.`);
    }
    return reply(200, { kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(userKubeconfig(cluster, tenant)).toString('base64') }] });
  };

  try {
    for (const handler of [entra, arm]) {
      const server = await startServer(recordedIn(log, handler));
      servers.push(server);
      fronts.push(await startTlsFront(server.url, ca));
    }
  } catch (error) {
    await Promise.all([...fronts.map((f) => f.stop()), ...servers.map((s) => s.stop())]);
    await ca.remove();
    throw error;
  }
  authorityHost = fronts[0]!.url;
  const armEndpoint = fronts[1]!.url;

  return {
    authorityHost,
    armEndpoint,
    env: { KUBECD_AZURE_AUTHORITY_HOST: authorityHost, KUBECD_AZURE_ARM_ENDPOINT: armEndpoint, NODE_EXTRA_CA_CERTS: ca.caFile },
    ca,
    log,
    issued,
    get lastError() { return state.lastError; },
    async reviewAksToken(token) {
      const check = verifyJwt(token, key.publicKey, nowSeconds());
      if (!check.ok || check.claims.aud !== AKS_SERVER_APP_ID || check.claims.tid !== tenant || typeof check.claims.oid !== 'string') return undefined;
      const groups = Array.isArray(check.claims.groups) ? check.claims.groups.map(String) : undefined;
      return { username: check.claims.oid, ...(groups ? { groups } : {}) };
    },
    verifyAccessToken(token, audience) {
      const check = verifyJwt(token, key.publicKey, nowSeconds());
      if (!check.ok) return check;
      if (check.claims.aud !== audience) return { ok: false, reason: `audience ${String(check.claims.aud)} is not ${audience}` };
      if (check.claims.tid !== tenant) return { ok: false, reason: `tenant ${String(check.claims.tid)} is not ${tenant}` };
      return check;
    },
    setLifetime(seconds) { lifetime = seconds; },
    advanceClock(seconds) { skew += seconds; },
    async close() {
      await Promise.all([...fronts.map((f) => f.stop()), ...servers.map((s) => s.stop())]);
      await ca.remove();
    },
  };
}

/** The application's object id once the stand-ins are started (the name its AKS tokens carry). */
export function objectIdOf(standIns: AzureStandIns, clientId: string): string | undefined {
  const token = standIns.issued.find((t) => t.clientId === clientId)?.token;
  return token ? (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { oid?: string }).oid : undefined;
}

function managedCluster(cluster: AzureCluster, tenant: string): unknown {
  const entra = cluster.entra ?? true;
  return {
    id: `/subscriptions/${cluster.subscriptionId}/resourcegroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`,
    location: 'westeurope',
    name: cluster.name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    properties: {
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      kubernetesVersion: '1.33.2',
      dnsPrefix: cluster.name,
      ...(cluster.fqdn ? { fqdn: cluster.fqdn, azurePortalFQDN: `portal-${cluster.fqdn}` } : {}),
      ...(cluster.privateFQDN ? { privateFQDN: cluster.privateFQDN } : {}),
      enableRBAC: true,
      ...(entra ? { aadProfile: { managed: true, enableAzureRBAC: false, tenantID: tenant }, disableLocalAccounts: true } : {}),
    },
  };
}

/** What AKS returns for an Entra cluster: the cluster, and a user that runs kubelogin (which kubecd never uses). */
function userKubeconfig(cluster: AzureCluster, tenant: string): string {
  const host = cluster.fqdn ?? cluster.privateFQDN ?? '';
  const user = `clusterUser_${cluster.resourceGroup}_${cluster.name}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster.name, cluster: { server: `https://${host}${host.includes(':') ? '' : ':443'}`, 'certificate-authority-data': cluster.caData } }],
    contexts: [{ name: cluster.name, context: { cluster: cluster.name, user } }],
    'current-context': cluster.name,
    users: [{
      name: user,
      user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'kubelogin', args: ['get-token', '--login', 'devicecode', '--server-id', AKS_SERVER_APP_ID, '--tenant-id', tenant], interactiveMode: 'IfAvailable', provideClusterInfo: false } },
    }],
  });
}

/** Records each exchange in the stand-ins' shared log (each server keeps its own too). */
function recordedIn(log: RequestLog, handler: Handler): Handler {
  return async (exchange) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(exchange.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const record = { method: exchange.method, url: `${exchange.url.pathname}${exchange.url.search}`, headers, body: exchange.body, status: 0 };
    log.requests.push(record);
    await handler({ ...exchange, reply: (status, body, contentType) => { record.status = status; exchange.reply(status, body, contentType); } });
  };
}

/**
 * The Azure Instance Metadata Service of a machine with no managed identity: the token endpoint
 * (`GET /metadata/identity/oauth2/token`, header `Metadata: true`) answers 400 "Identity not found".
 * Named by AZURE_POD_IDENTITY_AUTHORITY_HOST, it keeps @azure/identity's managed identity attempt on
 * loopback (its default is a link-local address).
 */
export async function startImdsWithoutIdentity(): Promise<RunningServer> {
  return startServer(({ url, headers, reply }) => {
    // MSAL asks with a trailing slash; both forms are taken. A 404 would have MSAL retry for some 20 seconds.
    if (url.pathname.replace(/\/$/, '') !== '/metadata/identity/oauth2/token') return reply(404, { error: 'not_found' });
    if (headers.metadata !== 'true') return reply(400, { error: 'invalid_request', error_description: 'Required metadata header not specified' });
    return reply(400, { error: 'invalid_request', error_description: 'Identity not found' });
  });
}
