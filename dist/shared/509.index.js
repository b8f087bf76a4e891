export const id = 509;
export const ids = [509,671,303];
export const modules = {

/***/ 81671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AwsCredentialsError: () => (/* binding */ AwsCredentialsError),
/* harmony export */   RENEW_MARGIN_MS: () => (/* binding */ RENEW_MARGIN_MS),
/* harmony export */   STS_AUDIENCE: () => (/* binding */ STS_AUDIENCE),
/* harmony export */   awsCredentials: () => (/* binding */ awsCredentials),
/* harmony export */   renewingCredentials: () => (/* binding */ renewingCredentials)
/* harmony export */ });
/* harmony import */ var _concurrency_renewing_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(12716);

class AwsCredentialsError extends Error {
}
/** The audience AWS STS expects on a GitHub OIDC token (what aws-actions/configure-aws-credentials asks for). */
const STS_AUDIENCE = 'sts.amazonaws.com';
/** Renew credentials (and tokens signed with them) this long before they expire. */
const RENEW_MARGIN_MS = 5 * 60_000;
/**
 * AWS credentials that renew themselves: the role assumed with the GitHub OIDC token (a new token per
 * renewal: GitHub's last minutes), the role assumed with the ambient credentials, or the ambient
 * credentials themselves (the SDK's default chain: environment, shared files, SSO, container, instance).
 */
async function awsCredentials(inputs) {
    const { STSClient, AssumeRoleCommand, AssumeRoleWithWebIdentityCommand } = await Promise.all(/* import() */[__webpack_require__.e(430), __webpack_require__.e(118), __webpack_require__.e(861), __webpack_require__.e(695)]).then(__webpack_require__.t.bind(__webpack_require__, 71695, 19));
    const client = new STSClient({ region: inputs.region, endpoint: inputs.endpoint.href });
    const now = inputs.now ?? Date.now;
    const { roleArn, githubOidcToken } = inputs;
    const RoleSessionName = roleSessionName(inputs.sessionName);
    let load;
    if (!roleArn) {
        load = () => ambient(client);
    }
    else if (githubOidcToken) {
        load = async () => {
            const WebIdentityToken = await githubOidcToken(STS_AUDIENCE);
            inputs.onSecret(WebIdentityToken);
            return assumed(roleArn, 'with the GitHub OIDC token', () => client.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName, WebIdentityToken })));
        };
    }
    else {
        load = () => assumed(roleArn, 'with the ambient AWS credentials', () => client.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName })));
    }
    return renewingCredentials(async () => {
        const credentials = await load();
        inputs.onSecret(credentials.secretAccessKey);
        if (credentials.sessionToken)
            inputs.onSecret(credentials.sessionToken);
        return credentials;
    }, now);
}
/** The SDK's default chain, as its clients resolve it (memoised and refreshed by the SDK). */
async function ambient(client) {
    try {
        return await client.config.credentials();
    }
    catch (error) {
        throw new AwsCredentialsError(`no AWS credentials: ${error.message} (locally: AWS_PROFILE, AWS_ACCESS_KEY_ID or \`aws sso login\`; in GitHub Actions: the apply action's \`aws-role-arn\` input or an eks \`roleArn\`)`);
    }
}
async function assumed(roleArn, how, call) {
    let answer;
    try {
        answer = await call();
    }
    catch (error) {
        const name = error.name;
        throw new AwsCredentialsError(`cannot assume role ${roleArn} ${how}: ${name && name !== 'Error' ? `${name}: ` : ''}${error.message}`);
    }
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
        throw new AwsCredentialsError(`STS gave no credentials for role ${roleArn}`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, ...(c.Expiration ? { expiration: c.Expiration } : {}) };
}
/** Loads once, then again when the credentials are within RENEW_MARGIN_MS of their expiry; callers share a load. */
function renewingCredentials(load, now = Date.now) {
    return (0,_concurrency_renewing_js__WEBPACK_IMPORTED_MODULE_0__/* .renewing */ .I)(load, (credentials) => (credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY) - RENEW_MARGIN_MS, now);
}
/** STS's RoleSessionName: 2-64 of `[\w+=,.@-]`. */
function roleSessionName(name) {
    const cleaned = name.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
    return cleaned.length >= 2 ? cleaned : 'kubecd';
}


/***/ }),

/***/ 25303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AwsEndpointError: () => (/* binding */ AwsEndpointError),
/* harmony export */   stsEndpoint: () => (/* binding */ stsEndpoint)
/* harmony export */ });
/* harmony import */ var _model_normalise_eks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(36859);

class AwsEndpointError extends Error {
}
/**
 * The STS endpoint kubecd uses for a region: the role exchange goes there, and so does the presigned
 * GetCallerIdentity URL inside the EKS token, so the cluster's authenticator checks it where it was signed.
 *
 * The AWS SDK's own endpoint variables apply, and the integration tests use them as hooks to point kubecd at
 * local stand-ins (production leaves them unset):
 * - AWS_ENDPOINT_URL_STS (else AWS_ENDPOINT_URL)   e.g. http://127.0.0.1:8090   STS, read here and handed to
 *   the STS client, so the client and the token agree
 * - AWS_ENDPOINT_URL_EKS (else AWS_ENDPOINT_URL)   e.g. http://127.0.0.1:8091   EKS DescribeCluster, read by
 *   the SDK itself
 * Without them: the regional STS endpoint, as the EKS authenticator expects (`https://sts.REGION.amazonaws.com`).
 */
function stsEndpoint(region, env = process.env) {
    const configured = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL;
    if (!configured)
        return new URL(`https://sts.${region}.${(0,_model_normalise_eks_js__WEBPACK_IMPORTED_MODULE_0__/* .awsPartition */ .wn)(region).dnsSuffix}/`);
    let url;
    try {
        url = new URL(configured);
    }
    catch {
        throw new AwsEndpointError(`AWS_ENDPOINT_URL_STS is not a URL: "${configured}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new AwsEndpointError(`AWS_ENDPOINT_URL_STS must be an http(s) URL, not "${configured}"`);
    return new URL('/', url);
}


/***/ }),

/***/ 29509:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EksError: () => (/* binding */ EksError),
  connectionOf: () => (/* binding */ connectionOf),
  describeEksCluster: () => (/* binding */ describeEksCluster),
  openEksAccess: () => (/* binding */ openEksAccess)
});

// EXTERNAL MODULE: ./src/concurrency/renewing.ts
var renewing = __webpack_require__(12716);
// EXTERNAL MODULE: ./src/cloud/aws-credentials.ts
var aws_credentials = __webpack_require__(81671);
;// CONCATENATED MODULE: ./src/cloud/aws-eks-token.ts
/** The prefix of the bearer tokens the EKS authenticator (aws-iam-authenticator) accepts. */
const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** The signed header that binds a token to one cluster. */
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** The authenticator accepts a presigned URL for 15 minutes after its X-Amz-Date, whatever X-Amz-Expires says. */
const EKS_TOKEN_LIFETIME_MS = 15 * 60_000;
/**
 * The EKS bearer token, as `aws eks get-token` makes it: `k8s-aws-v1.` and the unpadded base64url of a
 * SigV4-presigned `GET sts/?Action=GetCallerIdentity&Version=2011-06-15` whose signed headers include
 * `x-k8s-aws-id: CLUSTER`. The cluster's authenticator calls the URL and maps the caller's ARN to a user.
 */
async function eksToken(credentials, inputs) {
    const [{ SignatureV4 }, { Hash }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(430), __webpack_require__.e(118)]).then(__webpack_require__.t.bind(__webpack_require__, 75118, 19)), Promise.all(/* import() */[__webpack_require__.e(430), __webpack_require__.e(92)]).then(__webpack_require__.bind(__webpack_require__, 5092))]);
    const signer = new SignatureV4({ service: 'sts', region: inputs.region, credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true, applyChecksum: false });
    const { sts } = inputs;
    const signed = await signer.presign({
        method: 'GET',
        protocol: sts.protocol,
        hostname: sts.hostname,
        ...(sts.port ? { port: Number(sts.port) } : {}),
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host: sts.host, [CLUSTER_ID_HEADER]: inputs.clusterName },
    }, 
    // 60 as aws-iam-authenticator sends it: the authenticator ignores it and allows 15 minutes.
    { expiresIn: 60, signingDate: inputs.signingDate });
    const url = new URL(sts.href);
    for (const [name, value] of Object.entries(signed.query ?? {})) {
        for (const one of Array.isArray(value) ? value : [value])
            if (one !== null)
                url.searchParams.append(name, one);
    }
    return EKS_TOKEN_PREFIX + Buffer.from(url.href, 'utf8').toString('base64url');
}

// EXTERNAL MODULE: ./src/cloud/aws-endpoints.ts
var aws_endpoints = __webpack_require__(25303);
// EXTERNAL MODULE: ./src/cloud/token-kubeconfig.ts
var token_kubeconfig = __webpack_require__(34406);
;// CONCATENATED MODULE: ./src/cloud/eks.ts





class EksError extends Error {
}
/** EKS DescribeCluster through @aws-sdk/client-eks (its endpoint: AWS_ENDPOINT_URL_EKS, see stsEndpoint). */
async function describeEksCluster(provider, credentials) {
    const { EKSClient, DescribeClusterCommand } = await Promise.all(/* import() */[__webpack_require__.e(430), __webpack_require__.e(118), __webpack_require__.e(861), __webpack_require__.e(524)]).then(__webpack_require__.t.bind(__webpack_require__, 24524, 19));
    const client = new EKSClient({ region: provider.region, credentials });
    try {
        const answer = await client.send(new DescribeClusterCommand({ name: provider.clusterName }));
        if (!answer.cluster)
            throw new EksError('the answer has no cluster');
        return answer.cluster;
    }
    catch (error) {
        const name = error.name;
        throw new EksError(`cannot read EKS cluster ${provider.clusterName} in ${provider.region}: ${name && name !== 'Error' ? `${name}: ` : ''}${error.message}`);
    }
    finally {
        client.destroy();
    }
}
/**
 * Where to reach the control plane. The cluster's ARN must name the configured account: the same cluster name
 * in another account (credentials for the wrong account) is another cluster.
 */
function connectionOf(provider, cluster) {
    const where = `EKS cluster ${provider.clusterName} in ${provider.region}`;
    const account = /^arn:[^:]+:eks:[^:]+:(\d{12}):cluster\//.exec(cluster.arn ?? '')?.[1];
    if (account !== provider.accountId) {
        throw new EksError(`${where} belongs to account ${account ?? '(unknown)'}, not accountId ${provider.accountId}: are the AWS credentials for the right account?`);
    }
    let server;
    try {
        server = new URL(cluster.endpoint ?? '');
    }
    catch {
        server = undefined;
    }
    if (!server || server.protocol !== 'https:' || server.pathname !== '/' || server.search || server.username) {
        throw new EksError(`${where} has no usable endpoint (status ${cluster.status ?? 'unknown'})`);
    }
    const caData = cluster.certificateAuthority?.data;
    if (!caData)
        throw new EksError(`${where} has no certificateAuthority.data (status ${cluster.status ?? 'unknown'})`);
    return { server: server.origin, caData };
}
/**
 * A kubeconfig for the EKS cluster with its bearer token, in a private temp folder (RUNNER_TEMP on a
 * runner). A token is reused until RENEW_MARGIN_MS before it (or the credentials that signed it) expires.
 */
async function openEksAccess(provider, options) {
    const connection = connectionOf(provider, await describeEksCluster(provider, options.credentials));
    const now = options.now ?? Date.now;
    const lifetime = options.tokenLifetimeMs ?? EKS_TOKEN_LIFETIME_MS;
    const sts = (0,aws_endpoints.stsEndpoint)(provider.region, options.env);
    const minted = (0,renewing/* renewing */.I)(async () => {
        // The credentials renew themselves when they are close to expiry (renewingCredentials()).
        const credentials = await options.credentials();
        const signedAt = now();
        const token = await eksToken(credentials, { clusterName: provider.clusterName, region: provider.region, sts, signingDate: new Date(signedAt) });
        const expiresAt = Math.min(signedAt + lifetime, credentials.expiration?.getTime() ?? Infinity);
        return { token, renewAt: expiresAt - Math.min(aws_credentials.RENEW_MARGIN_MS, lifetime / 3) };
    }, (value) => value.renewAt, now);
    const token = async () => (await minted()).token;
    const name = `eks_${provider.accountId}_${provider.region}_${provider.clusterName}`;
    const access = await (0,token_kubeconfig/* tokenKubeconfigAccess */.H)({ connection, name, namespace: options.namespace, token, onSecret: options.onSecret, ...(options.env ? { env: options.env } : {}) });
    return { ...access, description: `EKS cluster ${provider.accountId}/${provider.region}/${provider.clusterName} (endpoint ${connection.server})` };
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
