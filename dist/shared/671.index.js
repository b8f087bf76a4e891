export const id = 671;
export const ids = [671];
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
