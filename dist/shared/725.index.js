export const id = 725;
export const ids = [725,717,98];
export const modules = {

/***/ 14725:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AksError: () => (/* binding */ AksError),
  caDataOf: () => (/* binding */ caDataOf),
  connectionOf: () => (/* binding */ connectionOf),
  openAksAccess: () => (/* binding */ openAksAccess),
  serverOf: () => (/* binding */ serverOf)
});

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/model/grammar.ts
var grammar = __webpack_require__(9600);
// EXTERNAL MODULE: ./src/model/excerpt.ts
var excerpt = __webpack_require__(24664);
;// CONCATENATED MODULE: ./src/cloud/azure-arm.ts
/**
 * The two Azure Resource Manager calls kubecd makes for an AKS cluster, with fetch: one GET and one POST do
 * not justify the management SDK's weight, and the Entra token comes from @azure/identity either way.
 */

const AKS_API_VERSION = '2024-05-01';
const TIMEOUT_MS = 30_000;
const MAX_RESPONSE_CHARS = 4 * 1024 * 1024;
class ArmError extends Error {
}
function managedClusterPath(provider) {
    const part = encodeURIComponent;
    return `/subscriptions/${part(provider.subscriptionId)}/resourceGroups/${part(provider.resourceGroup)}`
        + `/providers/Microsoft.ContainerService/managedClusters/${part(provider.clusterName)}`;
}
function getManagedCluster(arm, provider, token) {
    return armRequest('GET', `${arm}${managedClusterPath(provider)}?api-version=${AKS_API_VERSION}`, token, `cannot read AKS cluster ${provider.clusterName}`);
}
/** Needs Microsoft.ContainerService/managedClusters/listClusterUserCredential/action (Azure Kubernetes Service Cluster User Role). */
function listClusterUserCredential(arm, provider, token) {
    return armRequest('POST', `${arm}${managedClusterPath(provider)}/listClusterUserCredential?api-version=${AKS_API_VERSION}`, token, `cannot list the user credentials of AKS cluster ${provider.clusterName}`);
}
async function armRequest(method, url, token, what) {
    let response;
    try {
        response = await fetch(url, {
            method,
            headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
            // The token is for Resource Manager only: a redirect is not followed anywhere.
            redirect: 'error',
            signal: AbortSignal.timeout(TIMEOUT_MS),
        });
    }
    catch (error) {
        throw new ArmError(`${what}: ${error.message}`);
    }
    const text = await response.text();
    if (text.length > MAX_RESPONSE_CHARS)
        throw new ArmError(`${what}: Resource Manager answered more than ${MAX_RESPONSE_CHARS} characters`);
    let body;
    try {
        body = text === '' ? undefined : JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    if (!response.ok)
        throw new ArmError(`${what}: HTTP ${response.status}${armErrorText(body)}`);
    if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new ArmError(`${what}: Resource Manager answered something other than a JSON object`);
    return body;
}
/** ARM's error envelope, `{"error": {"code", "message"}}`, as ` Code: message`. */
function armErrorText(body) {
    const error = body?.error;
    if (!error)
        return '';
    const code = typeof error.code === 'string' ? ` ${(0,excerpt/* excerpt */.Kb)(error.code, 80)}` : '';
    const message = typeof error.message === 'string' ? `: ${(0,excerpt/* excerpt */.Kb)(error.message, 300)}` : '';
    return `${code}${message}`;
}

// EXTERNAL MODULE: ./src/cloud/azure-credential.ts
var azure_credential = __webpack_require__(71098);
// EXTERNAL MODULE: ./src/cloud/endpoints.ts
var cloud_endpoints = __webpack_require__(85927);
// EXTERNAL MODULE: ./src/cloud/token-kubeconfig.ts
var token_kubeconfig = __webpack_require__(34406);
;// CONCATENATED MODULE: ./src/cloud/aks.ts






class AksError extends Error {
}
const MAX_KUBECONFIG_CHARS = 1024 * 1024;
/** The API server address for the endpoint the environment chose (default public). */
function serverOf(cluster, provider) {
    const properties = cluster.properties;
    if (!properties?.aadProfile) {
        throw new AksError(`AKS cluster ${provider.clusterName} does not use Microsoft Entra ID authentication (no aadProfile); the aks provider needs AKS-managed Entra integration`);
    }
    const choice = provider.endpoint ?? 'public';
    const host = choice === 'private' ? properties.privateFQDN : properties.fqdn;
    if (!host)
        throw new AksError(`AKS cluster ${provider.clusterName} has no ${choice} endpoint (${choice === 'private' ? 'privateFQDN' : 'fqdn'})`);
    if (!grammar/* OCI_HOST */.r3.test(host))
        throw new AksError(`AKS cluster ${provider.clusterName} has an API server address kubecd does not accept`);
    return `https://${host}`;
}
/**
 * The cluster CA from listClusterUserCredential's kubeconfig: its `certificate-authority-data` and nothing else.
 * Its user section (an exec plugin or a token) is never read; kubecd brings its own token.
 */
function caDataOf(results, clusterName) {
    const encoded = results.kubeconfigs?.find((k) => typeof k?.value === 'string' && k.value !== '')?.value;
    if (!encoded)
        throw new AksError(`listClusterUserCredential for AKS cluster ${clusterName} returned no kubeconfig`);
    if (encoded.length > MAX_KUBECONFIG_CHARS)
        throw new AksError(`the kubeconfig of AKS cluster ${clusterName} is too large`);
    let config;
    try {
        config = (0,dist/* parse */.qg)(Buffer.from(encoded, 'base64').toString('utf8'));
    }
    catch {
        throw new AksError(`the kubeconfig of AKS cluster ${clusterName} is not YAML`);
    }
    const { clusters, contexts, 'current-context': currentContext } = (config ?? {});
    const list = Array.isArray(clusters) ? clusters : [];
    const current = Array.isArray(contexts) ? contexts.find((c) => c?.name === currentContext)?.context?.cluster : undefined;
    const entry = list.find((c) => current !== undefined && c?.name === current) ?? (list.length === 1 ? list[0] : undefined);
    const caData = entry?.cluster?.['certificate-authority-data'];
    if (typeof caData !== 'string' || !isPemCertificates(caData)) {
        throw new AksError(`the kubeconfig of AKS cluster ${clusterName} has no certificate-authority-data for its cluster`);
    }
    return caData.replace(/\s+/g, '');
}
function isPemCertificates(base64) {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(base64))
        return false;
    return Buffer.from(base64, 'base64').toString('utf8').includes('-----BEGIN CERTIFICATE-----');
}
function connectionOf(cluster, results, provider) {
    return { server: serverOf(cluster, provider), caData: caDataOf(results, provider.clusterName) };
}
/**
 * A kubeconfig for the AKS cluster: the API server and CA from Resource Manager, a bearer token for the AKS
 * server application that is asked for before every command (renewed five minutes before it expires).
 */
async function openAksAccess(provider, options) {
    const endpoints = options.endpoints ?? (0,cloud_endpoints/* azureEndpoints */.M)(options.env);
    const id = `${provider.subscriptionId}/${provider.resourceGroup}/${provider.clusterName}`;
    const armToken = await (0,azure_credential.tokenSource)(options.credential, azure_credential.ARM_SCOPE, 'Azure Resource Manager')();
    options.onSecret(armToken);
    const [cluster, results] = await Promise.all([
        getManagedCluster(endpoints.arm, provider, armToken),
        listClusterUserCredential(endpoints.arm, provider, armToken),
    ]);
    const connection = connectionOf(cluster, results, provider);
    const access = await (0,token_kubeconfig/* tokenKubeconfigAccess */.H)({
        connection,
        name: `aks_${provider.resourceGroup}_${provider.clusterName}`,
        namespace: options.namespace,
        token: (0,azure_credential.tokenSource)(options.credential, azure_credential.AKS_SCOPE, `AKS cluster ${provider.clusterName}`),
        onSecret: options.onSecret,
        env: options.env,
    });
    return { ...access, description: `AKS cluster ${id} (${provider.endpoint ?? 'public'} endpoint ${connection.server})` };
}


/***/ }),

/***/ 71098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AKS_SCOPE: () => (/* binding */ AKS_SCOPE),
/* harmony export */   AKS_SERVER_APP_ID: () => (/* binding */ AKS_SERVER_APP_ID),
/* harmony export */   ARM_SCOPE: () => (/* binding */ ARM_SCOPE),
/* harmony export */   AzureAuthError: () => (/* binding */ AzureAuthError),
/* harmony export */   TOKEN_EXCHANGE_AUDIENCE: () => (/* binding */ TOKEN_EXCHANGE_AUDIENCE),
/* harmony export */   ambientAzureCredential: () => (/* binding */ ambientAzureCredential),
/* harmony export */   azureCredential: () => (/* binding */ azureCredential),
/* harmony export */   azureCredentialProblem: () => (/* binding */ azureCredentialProblem),
/* harmony export */   tokenSource: () => (/* binding */ tokenSource)
/* harmony export */ });
/* harmony import */ var _concurrency_renewing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12716);
/* harmony import */ var _azure_identity__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11276);
/* harmony import */ var _endpoints_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(85927);



/** Azure Resource Manager. */
const ARM_SCOPE = 'https://management.azure.com/.default';
/** The Entra application every AKS API server with Entra integration accepts tokens for ("Azure Kubernetes Service AAD Server"). */
const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
const AKS_SCOPE = `${AKS_SERVER_APP_ID}/.default`;
/** The audience Entra ID expects in a federated (workload identity) client assertion. */
const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** Tokens are renewed this long before they expire, so none runs out in the middle of a helm command. */
const RENEW_MARGIN_MS = 5 * 60_000;
class AzureAuthError extends Error {
}
/**
 * The credential kubecd uses for Azure. In the action, with a client id: the job's GitHub OIDC token as a
 * federated client assertion, which @azure/identity exchanges for Entra ID tokens of that application (a
 * new assertion whenever it needs a token). Otherwise the ambient credentials DefaultAzureCredential finds
 * (environment variables, workload or managed identity, `az login`, ...), as the CLI uses on a workstation.
 */
function azureCredential(options) {
    const endpoints = options.endpoints ?? (0,_endpoints_js__WEBPACK_IMPORTED_MODULE_1__/* .azureEndpoints */ .M)();
    const { clientId, githubOidcToken } = options;
    if (clientId && githubOidcToken) {
        const getAssertion = async () => {
            const token = await githubOidcToken(TOKEN_EXCHANGE_AUDIENCE);
            options.onSecret(token);
            return token;
        };
        return new _azure_identity__WEBPACK_IMPORTED_MODULE_0__/* .ClientAssertionCredential */ .XI(options.tenantId, clientId, getAssertion, authorityOptions(endpoints));
    }
    return ambientAzureCredential({ tenantId: options.tenantId, endpoints });
}
/**
 * DefaultAzureCredential as every part of kubecd builds it (AKS, ACR): the Entra authority of the
 * endpoints, and the tenant when one is configured. Without a tenant the library's own rules apply
 * (AZURE_TENANT_ID, the Azure CLI's signed-in tenant).
 */
function ambientAzureCredential(options = {}) {
    const authority = authorityOptions(options.endpoints ?? (0,_endpoints_js__WEBPACK_IMPORTED_MODULE_1__/* .azureEndpoints */ .M)());
    return new _azure_identity__WEBPACK_IMPORTED_MODULE_0__/* .DefaultAzureCredential */ .gv({ ...(options.tenantId ? { tenantId: options.tenantId } : {}), ...authority });
}
function authorityOptions(endpoints) {
    // A stand-in authority is unknown to Microsoft's instance discovery; asking it would leave the machine.
    return endpoints.authorityHost ? { authorityHost: endpoints.authorityHost, disableInstanceDiscovery: true } : {};
}
/**
 * A function returning a current token for `scope`: the last one while it has more than five minutes left
 * (or until the library's suggested refresh time), else a new one. Every call is cheap, so callers may ask
 * before every command; credentials that shell out (the Azure CLI) are not run each time.
 */
function tokenSource(credential, scope, describe, now = Date.now) {
    const fetchToken = async () => {
        let token;
        try {
            token = await credential.getToken(scope);
        }
        catch (error) {
            throw new AzureAuthError(`cannot get an Entra ID token for ${describe}: ${azureCredentialProblem(error)}`);
        }
        if (!token?.token)
            throw new AzureAuthError(`the Azure credentials gave no token for ${describe}`);
        return token;
    };
    const current = (0,_concurrency_renewing_js__WEBPACK_IMPORTED_MODULE_2__/* .renewing */ .I)(fetchToken, (token) => Math.min(token.expiresOnTimestamp - RENEW_MARGIN_MS, token.refreshAfterTimestamp ?? Number.POSITIVE_INFINITY), now);
    return async () => (await current()).token;
}
/**
 * A credential's failure in one line. The library's messages run to many lines of troubleshooting links,
 * and the first usually says what failed; but when DefaultAzureCredential finds no identity at all, its first
 * line only says the chain failed, and the rest is one "unavailable" per credential: that is summed up.
 */
function azureCredentialProblem(error) {
    if (error instanceof Error && error.name === 'AggregateAuthenticationError') {
        return 'no Azure identity found: DefaultAzureCredential saw no workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), managed identity, client secret or signed-in az CLI';
    }
    return firstLine(error instanceof Error ? error.message : String(error));
}
function firstLine(message) {
    return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim().slice(0, 500);
}


/***/ }),

/***/ 85927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ azureEndpoints),
/* harmony export */   g: () => (/* binding */ googleEndpoints)
/* harmony export */ });
function googleEndpoints(env = process.env) {
    return {
        gke: gkeEndpoint(env.KUBECD_GKE_API_ENDPOINT),
        compute: trimSlash(env.KUBECD_COMPUTE_API_URL || 'https://compute.googleapis.com'),
        sts: env.KUBECD_GOOGLE_STS_URL || 'https://sts.googleapis.com/v1/token',
        iamCredentials: trimSlash(env.KUBECD_GOOGLE_IAM_URL || 'https://iamcredentials.googleapis.com'),
    };
}
function gkeEndpoint(override) {
    if (!override)
        return { apiEndpoint: 'container.googleapis.com', port: 443, protocol: 'https' };
    const url = new URL(override);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    return { apiEndpoint: url.hostname, port: Number(url.port) || (protocol === 'http' ? 80 : 443), protocol };
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}
function azureEndpoints(env = process.env) {
    const authorityHost = env.KUBECD_AZURE_AUTHORITY_HOST;
    return {
        arm: trimSlash(env.KUBECD_AZURE_ARM_ENDPOINT || 'https://management.azure.com'),
        ...(authorityHost ? { authorityHost: trimSlash(authorityHost) } : {}),
    };
}


/***/ }),

/***/ 34406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ tokenKubeconfigAccess)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _fs_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27768);
/* harmony import */ var _fs_temp_dir_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(78995);
/* harmony import */ var _kube_kubeconfig_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(67598);





/**
 * Cluster access through a kubeconfig holding a bearer token. `fresh()` asks for the token before every
 * command and rewrites the kubeconfig (atomically) when it changed, so long applies outlive a token.
 */
async function tokenKubeconfigAccess(options) {
    const dir = await (0,_fs_temp_dir_js__WEBPACK_IMPORTED_MODULE_3__/* .privateTempDir */ .n)('kubecd-kube-', options.env);
    const kubeconfig = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'kubeconfig');
    let current = '';
    let renewing;
    const renew = async () => {
        const token = await options.token();
        if (token === current)
            return;
        options.onSecret(token);
        // Atomic: helm or kubectl commands running meanwhile read the old file or the new one, never half.
        await (0,_fs_atomic_write_js__WEBPACK_IMPORTED_MODULE_2__/* .atomicWrite */ .L8)(kubeconfig, (0,_kube_kubeconfig_js__WEBPACK_IMPORTED_MODULE_4__/* .buildKubeconfig */ .y)({ server: options.connection.server, ...(options.connection.caData ? { ca: { data: options.connection.caData } } : {}), token: { value: token }, name: options.name, namespace: options.namespace }), { mode: 0o600 });
        current = token;
    };
    const fresh = () => {
        renewing ??= renew().finally(() => { renewing = undefined; });
        return renewing;
    };
    try {
        await fresh();
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
        throw error;
    }
    return { target: { kubeconfig }, description: options.name, fresh, close: () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true }) };
}


/***/ }),

/***/ 12716:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ RenewingByKey),
/* harmony export */   I: () => (/* binding */ renewing)
/* harmony export */ });
/**
 * A value that is loaded once and again when its renewal time comes (a token, credentials): callers in the
 * meantime get the current one, concurrent callers share one load, and a failed load is not remembered
 * (the next caller loads again).
 */
function renewing(load, renewAt, now = Date.now) {
    let current;
    let pending;
    return () => {
        if (current !== undefined && now() < renewAt(current))
            return Promise.resolve(current);
        pending ??= load().then((loaded) => (current = loaded)).finally(() => { pending = undefined; });
        return pending;
    };
}
/** `renewing` per key, e.g. one registry token per region; `load` is the key's first caller's. */
class RenewingByKey {
    renewAt;
    now;
    values = new Map();
    constructor(renewAt, now = Date.now) {
        this.renewAt = renewAt;
        this.now = now;
    }
    get(key, load) {
        let value = this.values.get(key);
        if (!value) {
            value = renewing(load, this.renewAt, this.now);
            this.values.set(key, value);
        }
        return value();
    }
}


/***/ }),

/***/ 67598:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ buildKubeconfig)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);

/** A kubeconfig with one cluster, one bearer-token user and one context, which is the current one. */
function buildKubeconfig(config) {
    const ca = config.ca === undefined ? {} : 'data' in config.ca ? { 'certificate-authority-data': config.ca.data } : { 'certificate-authority': config.ca.file };
    const user = 'value' in config.token ? { token: config.token.value } : { tokenFile: config.token.file };
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: config.name, cluster: { server: config.server, ...ca } }],
        users: [{ name: config.name, user }],
        contexts: [{ name: config.name, context: { cluster: config.name, user: config.name, ...(config.namespace ? { namespace: config.namespace } : {}) } }],
        'current-context': config.name,
    });
}


/***/ })

};
