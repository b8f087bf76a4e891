export const id = 98;
export const ids = [98,717];
export const modules = {

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


/***/ })

};
