export const id = 220;
export const ids = [220];
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

/***/ 51220:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GceError: () => (/* binding */ GceError),
/* harmony export */   addressUrl: () => (/* binding */ addressUrl),
/* harmony export */   lookupAddress: () => (/* binding */ lookupAddress)
/* harmony export */ });
/* harmony import */ var _endpoints_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(85927);

class GceError extends Error {
}
function addressUrl(project, region, name, endpoints = (0,_endpoints_js__WEBPACK_IMPORTED_MODULE_0__/* .googleEndpoints */ .g)()) {
    const scope = region ? `regions/${encodeURIComponent(region)}` : 'global';
    return `${endpoints.compute}/compute/v1/projects/${encodeURIComponent(project)}/${scope}/addresses/${encodeURIComponent(name)}`;
}
/** The IP of a reserved Compute Engine address, regional (with `region`) or global. */
async function lookupAddress(auth, project, region, name, endpoints) {
    const url = addressUrl(project, region, name, endpoints);
    const where = `${region ? `regional address ${region}/` : 'global address '}${name} in project ${project}`;
    let response;
    try {
        response = await auth.request({ url, method: 'GET', retry: true });
    }
    catch (error) {
        const status = error.response?.status ?? error.status;
        throw new GceError(`cannot read the ${where}: ${status === 404 ? 'it does not exist' : error.message}`);
    }
    const address = response.data.address;
    if (!address)
        throw new GceError(`the ${where} has no IP address`);
    return address;
}


/***/ })

};
