export const id = 437;
export const ids = [437];
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


/***/ })

};
