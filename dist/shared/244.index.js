export const id = 244;
export const ids = [244,437];
export const modules = {

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

/***/ 45244:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GkeError: () => (/* binding */ GkeError),
/* harmony export */   connectionOf: () => (/* binding */ connectionOf),
/* harmony export */   getCluster: () => (/* binding */ getCluster),
/* harmony export */   locationOf: () => (/* binding */ locationOf),
/* harmony export */   openGkeAccess: () => (/* binding */ openGkeAccess)
/* harmony export */ });
/* harmony import */ var _endpoints_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(85927);
/* harmony import */ var _google_auth_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(42437);
/* harmony import */ var _token_kubeconfig_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(34406);



class GkeError extends Error {
}
/** Where to reach the control plane, for the endpoint the environment chose (default public). */
function connectionOf(resource, choice = 'public') {
    const ip = resource.controlPlaneEndpointsConfig?.ipEndpointsConfig;
    let host;
    if (choice === 'private')
        host = resource.privateClusterConfig?.privateEndpoint || ip?.privateEndpoint;
    else if (choice === 'dns')
        host = resource.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
    else
        host = resource.endpoint || ip?.publicEndpoint;
    if (!host)
        throw new GkeError(`the cluster has no ${choice} endpoint`);
    if (choice === 'dns')
        return { server: `https://${host}` };
    const caData = resource.masterAuth?.clusterCaCertificate;
    if (!caData)
        throw new GkeError('the cluster resource has no masterAuth.clusterCaCertificate');
    return { server: `https://${host}`, caData };
}
function locationOf(provider) {
    const location = provider.zone ?? provider.region;
    if (!location)
        throw new GkeError(`GKE cluster ${provider.clusterName} needs a zone or a region`);
    return location;
}
/** clusters.get through @google-cloud/container's REST transport. */
async function getCluster(auth, provider, endpoints = (0,_endpoints_js__WEBPACK_IMPORTED_MODULE_2__/* .googleEndpoints */ .g)()) {
    await __webpack_require__.e(/* import() */ 531).then(__webpack_require__.bind(__webpack_require__, 92531));
    const { ClusterManagerClient } = await Promise.all(/* import() */[__webpack_require__.e(408), __webpack_require__.e(689)]).then(__webpack_require__.bind(__webpack_require__, 84689));
    const client = new ClusterManagerClient({ auth: auth, fallback: true, ...endpoints.gke });
    const name = `projects/${provider.project}/locations/${locationOf(provider)}/clusters/${provider.clusterName}`;
    try {
        const [cluster] = await client.getCluster({ name });
        return cluster;
    }
    catch (error) {
        throw new GkeError(`cannot read GKE cluster ${name}: ${error.message}`);
    }
    finally {
        await client.close().catch(() => undefined);
    }
}
/**
 * A kubeconfig for the GKE cluster with a bearer token of the Google credentials, in a private temp folder
 * (RUNNER_TEMP on a runner). The Google library renews a token five minutes before it expires.
 */
async function openGkeAccess(provider, options) {
    const resource = await getCluster(options.auth, provider, options.endpoints);
    const connection = connectionOf(resource, provider.endpoint);
    const name = `gke_${provider.project}_${locationOf(provider)}_${provider.clusterName}`;
    const access = await (0,_token_kubeconfig_js__WEBPACK_IMPORTED_MODULE_1__/* .tokenKubeconfigAccess */ .H)({
        connection,
        name,
        namespace: options.namespace,
        token: async () => (await (0,_google_auth_js__WEBPACK_IMPORTED_MODULE_0__.accessToken)(options.auth)).token,
        onSecret: options.onSecret,
        env: options.env,
    });
    return { ...access, description: `GKE cluster ${provider.project}/${locationOf(provider)}/${provider.clusterName} (${provider.endpoint ?? 'public'} endpoint ${connection.server})` };
}


/***/ }),

/***/ 42437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CLOUD_PLATFORM_SCOPE: () => (/* binding */ CLOUD_PLATFORM_SCOPE),
/* harmony export */   GoogleAuthError: () => (/* binding */ GoogleAuthError),
/* harmony export */   accessToken: () => (/* binding */ accessToken),
/* harmony export */   googleAuth: () => (/* binding */ googleAuth),
/* harmony export */   workloadIdentityCredentials: () => (/* binding */ workloadIdentityCredentials)
/* harmony export */ });
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(492);
/* harmony import */ var google_auth_library__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(google_auth_library__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _endpoints_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(85927);


const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
class GoogleAuthError extends Error {
}
/**
 * The `external_account` credentials google-github-actions/auth would write for these inputs: the GitHub OIDC
 * token (fetched from ACTIONS_ID_TOKEN_REQUEST_URL with ACTIONS_ID_TOKEN_REQUEST_TOKEN) exchanged at STS,
 * then the service account impersonated through IAM Credentials.
 */
function workloadIdentityCredentials(inputs, env = process.env, endpoints = (0,_endpoints_js__WEBPACK_IMPORTED_MODULE_1__/* .googleEndpoints */ .g)(env)) {
    const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!requestUrl || !requestToken) {
        throw new GoogleAuthError('workload identity needs the GitHub OIDC token: give the job `permissions: id-token: write`');
    }
    const provider = inputs.workloadIdentityProvider.replace(/^\/\/iam\.googleapis\.com\//, '');
    if (!/^projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/.test(provider)) {
        throw new GoogleAuthError(`workload-identity-provider must look like projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER, not "${inputs.workloadIdentityProvider}"`);
    }
    if (!/^[^@\s/]+@[^@\s/]+$/.test(inputs.serviceAccount)) {
        throw new GoogleAuthError(`service-account must be an email address, not "${inputs.serviceAccount}"`);
    }
    const url = new URL(requestUrl);
    url.searchParams.set('audience', `https://iam.googleapis.com/${provider}`);
    return {
        type: 'external_account',
        audience: `//iam.googleapis.com/${provider}`,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: endpoints.sts,
        service_account_impersonation_url: `${endpoints.iamCredentials}/v1/projects/-/serviceAccounts/${inputs.serviceAccount}:generateAccessToken`,
        credential_source: {
            url: url.toString(),
            headers: { Authorization: `Bearer ${requestToken}` },
            format: { type: 'json', subject_token_field_name: 'value' },
        },
    };
}
/** Google credentials: our own workload identity exchange when asked, else application default credentials. */
function googleAuth(inputs) {
    if (inputs)
        return new google_auth_library__WEBPACK_IMPORTED_MODULE_0__.GoogleAuth({ credentials: workloadIdentityCredentials(inputs), scopes: [CLOUD_PLATFORM_SCOPE] });
    return new google_auth_library__WEBPACK_IMPORTED_MODULE_0__.GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
}
/** A current access token; the library refreshes it itself when it is close to expiry. */
async function accessToken(auth) {
    const client = await auth.getClient();
    const { token } = await client.getAccessToken();
    if (!token)
        throw new GoogleAuthError('Google credentials gave no access token');
    const expiry = client.credentials?.expiry_date;
    return { token, ...(typeof expiry === 'number' ? { expiresAt: expiry } : {}) };
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
