export const id = 359;
export const ids = [359];
export const modules = {

/***/ 33984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Er: () => (/* binding */ chartVersionToTag),
/* harmony export */   UA: () => (/* binding */ tagToChartVersion),
/* harmony export */   fS: () => (/* binding */ listOciChartVersions),
/* harmony export */   gM: () => (/* binding */ ociChartRepository)
/* harmony export */ });
/* harmony import */ var _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9600);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6764);
/* harmony import */ var _registry_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(79310);
/* harmony import */ var _registry_sanitise_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26785);




/** `oci://host/path/chart` (an optional `:tag` is ignored) as the registry repository holding its versions. */
function ociChartRepository(reference) {
    const withoutScheme = reference.replace(/^oci:\/\//, '');
    const { host, repository } = (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageReference */ .o_)(withoutScheme);
    return { host, repository };
}
/** OCI tags cannot hold `+`, so Helm pushes `1.2.3+build` as the tag `1.2.3_build`; map it back. */
function tagToChartVersion(tag) {
    return tag.replaceAll('_', '+');
}
function chartVersionToTag(version) {
    return version.replaceAll('+', '_');
}
/** The chart versions among a chart repository's tags; tags that are not chart versions are dropped (and counted). */
async function listOciChartVersions(client, reference, warn) {
    const repository = ociChartRepository(reference);
    const tags = await client.listTags(repository);
    const versions = (0,_registry_sanitise_js__WEBPACK_IMPORTED_MODULE_3__/* .keepValid */ .Mu)(tags.map(tagToChartVersion), _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isChartVersion */ .N0, 'chart version', (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryName */ .aR)(repository), warn);
    if (versions.length === 0)
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE((0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryName */ .aR)(repository), 'lists no chart versions (untrusted answer)');
    return versions.map((version) => ({ version }));
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


/***/ }),

/***/ 56860:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cg: () => (/* binding */ checkPath),
/* harmony export */   DC: () => (/* binding */ checkBranch),
/* harmony export */   G7: () => (/* binding */ checkRevision),
/* harmony export */   R_: () => (/* binding */ checkRemote),
/* harmony export */   XV: () => (/* binding */ checkObjectId)
/* harmony export */ });
/* harmony import */ var _exec_quote_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96197);
/* harmony import */ var _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9600);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(63341);
/**
 * The guard at git's door: refs, branches, remotes and paths are checked before they become git arguments,
 * so a value from the deployments repo or a workflow input can never be read as an option.
 */




function refuse(role, value, expected) {
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GitArgumentError */ .G(`refusing to run git: ${role} ${(0,_exec_quote_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(value)} is not ${expected}`);
}
/** A revision as a user writes it (`main`, `origin/main`, `HEAD~3`, a sha): one plain word. */
function checkRevision(value, role = 'revision') {
    if (!(0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isPlainArgument */ .Ev)(value) || /\s/.test(value))
        refuse(role, value, 'a git revision (a branch, tag or commit, not starting with "-")');
    return value;
}
/** A commit or tree id as git prints it. */
function checkObjectId(value, role = 'commit') {
    if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(value))
        refuse(role, value, 'a full object id');
    return value;
}
/** A branch name `git check-ref-format --branch` would accept (the subset kubecd makes and reads). */
function checkBranch(value) {
    const valid = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(value) && !/(\.\.|\/\/|\/\.|\.lock$|\.$|\/$)/.test(value) && value.length <= 200;
    if (!valid)
        refuse('branch', value, 'a branch name (letters, digits, ".", "_", "-" and "/")');
    return value;
}
function checkRemote(value) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(value))
        refuse('remote', value, 'a remote name');
    return value;
}
/** A path inside the repository, for after `--` or after `COMMIT:`. */
function checkPath(value) {
    if (!(0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isPlainArgument */ .Ev)(value) || value.startsWith('/'))
        refuse('path', value, 'a path relative to the repository');
    return value;
}


/***/ }),

/***/ 63341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ GitArgumentError),
/* harmony export */   X: () => (/* binding */ GitError)
/* harmony export */ });
class GitError extends Error {
}
/** A value kubecd refuses to hand to git. */
class GitArgumentError extends GitError {
}


/***/ }),

/***/ 10308:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   BQ: () => (/* binding */ gitOut),
/* harmony export */   D_: () => (/* binding */ fetchBranch),
/* harmony export */   M4: () => (/* binding */ topLevel),
/* harmony export */   Wd: () => (/* binding */ fileAt),
/* harmony export */   Wx: () => (/* binding */ identityEnv),
/* harmony export */   XS: () => (/* reexport safe */ _errors_js__WEBPACK_IMPORTED_MODULE_2__.X),
/* harmony export */   _h: () => (/* binding */ configEnv),
/* harmony export */   eR: () => (/* binding */ currentBranch),
/* harmony export */   tf: () => (/* binding */ tokenHeader)
/* harmony export */ });
/* unused harmony exports BOT_IDENTITY, remoteBranchSha */
/* harmony import */ var _exec_run_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86044);
/* harmony import */ var _arguments_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(56860);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(63341);




/** The identity used when the repository has none configured (as GitHub's own bot commits). */
const BOT_IDENTITY = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };
/** git settings as environment variables (GIT_CONFIG_*): nothing is written to a config file. */
function configEnv(settings) {
    const env = { GIT_CONFIG_COUNT: String(settings.length) };
    settings.forEach(([key, value], i) => {
        env[`GIT_CONFIG_KEY_${i}`] = key;
        env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    return env;
}
/** The `http.extraheader` setting that sends `token` as GitHub expects it over HTTPS. */
function tokenHeader(token) {
    return ['http.extraheader', `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`];
}
function authEnv(ctx) {
    return ctx.token ? configEnv([tokenHeader(ctx.token)]) : {};
}
/** Runs git; `network` adds the push/fetch credentials. Throws GitError with git's message (the token never is in it). */
async function git(ctx, args, opts = {}) {
    if (ctx.remote !== undefined)
        (0,_arguments_js__WEBPACK_IMPORTED_MODULE_1__/* .checkRemote */ .R_)(ctx.remote);
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', ...ctx.env, ...(opts.network ? authEnv(ctx) : {}), ...opts.env };
    const result = await (0,_exec_run_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)('git', args, { cwd: ctx.cwd, env, ...(opts.input !== undefined ? { input: opts.input } : {}) });
    if (result.code !== 0 && !opts.allowFail) {
        const message = ctx.token ? result.stderr.replaceAll(ctx.token, '***') : result.stderr;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GitError */ .X(`git ${args[0]} failed: ${message.trim()}`);
    }
    return result;
}
async function gitOut(ctx, args, opts = {}) {
    return (await git(ctx, args, opts)).stdout.trim();
}
/** Author/committer environment: the repository's own identity when set, else the bot's. */
async function identityEnv(ctx) {
    const name = (await git(ctx, ['config', 'user.name'], { allowFail: true })).stdout.trim();
    const email = (await git(ctx, ['config', 'user.email'], { allowFail: true })).stdout.trim();
    if (name && email)
        return {};
    return {
        GIT_AUTHOR_NAME: name || BOT_IDENTITY.name,
        GIT_AUTHOR_EMAIL: email || BOT_IDENTITY.email,
        GIT_COMMITTER_NAME: name || BOT_IDENTITY.name,
        GIT_COMMITTER_EMAIL: email || BOT_IDENTITY.email,
    };
}
async function topLevel(ctx) {
    return gitOut(ctx, ['rev-parse', '--show-toplevel']);
}
/** The checked-out branch, or undefined on a detached HEAD. */
async function currentBranch(ctx) {
    const result = await git(ctx, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true });
    return result.code === 0 ? result.stdout.trim() : undefined;
}
/** The commit a remote branch points at, or undefined when the remote has no such branch. */
async function remoteBranchSha(ctx, branch) {
    const out = await gitOut(ctx, ['ls-remote', '--heads', '--', ctx.remote ?? 'origin', `refs/heads/${(0,_arguments_js__WEBPACK_IMPORTED_MODULE_1__/* .checkBranch */ .DC)(branch)}`], { network: true });
    const line = out.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
    return line?.split('\t')[0];
}
/** Fetches a remote branch's commit so its files can be read; returns its sha or undefined. */
async function fetchBranch(ctx, branch) {
    const sha = await remoteBranchSha(ctx, branch);
    if (!sha)
        return undefined;
    await git(ctx, ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--', ctx.remote ?? 'origin', `+refs/heads/${(0,_arguments_js__WEBPACK_IMPORTED_MODULE_1__/* .checkBranch */ .DC)(branch)}:refs/kubecd/${branch}`], { network: true });
    return sha;
}
/** A file's text at a commit (path relative to the repository top), or undefined when it is not there. */
async function fileAt(ctx, commit, path) {
    const result = await git(ctx, ['show', '--end-of-options', `${(0,_arguments_js__WEBPACK_IMPORTED_MODULE_1__/* .checkRevision */ .G7)(commit, 'commit')}:${(0,_arguments_js__WEBPACK_IMPORTED_MODULE_1__/* .checkPath */ .Cg)(path)}`], { allowFail: true });
    return result.code === 0 ? result.stdout : undefined;
}


/***/ }),

/***/ 78654:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ plainLogger),
/* harmony export */   S: () => (/* binding */ redactingLogger)
/* harmony export */ });
/* harmony import */ var _exec_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84524);

/** Plain text to a stream (default stderr): for the CLI and for tests. Secrets it is told of are masked as the runner would. */
function plainLogger(write = (text) => process.stderr.write(text), options = {}) {
    const redactor = new _exec_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .Redactor */ .pO();
    const out = (text) => write(redactor.redact(text));
    return {
        info: (message) => out(`${message}\n`),
        warning: (message) => out(`warning: ${message}\n`),
        debug: (message) => {
            if (options.debug)
                out(`debug: ${message}\n`);
        },
        group: (title, lines) => out([`== ${title}`, ...lines.map((line) => `   ${line}`)].join('\n') + '\n'),
        secret: (value) => redactor.add(value),
    };
}
/**
 * The same logger with `redactor`'s secrets (e.g. helm repository passwords in URLs) removed from every message
 * first: for text that quotes input the runner's own masking may not have been told about.
 */
function redactingLogger(logger, redactor) {
    return {
        info: (message) => logger.info(redactor.redact(message)),
        warning: (message) => logger.warning(redactor.redact(message)),
        debug: (message) => logger.debug(redactor.redact(message)),
        group: (title, lines) => logger.group(redactor.redact(title), lines.map((line) => redactor.redact(line))),
        secret: (value) => logger.secret(value),
    };
}


/***/ }),

/***/ 3477:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P5: () => (/* binding */ pullActions),
/* harmony export */   X$: () => (/* binding */ AcrCredentials),
/* harmony export */   iR: () => (/* binding */ ACR_LISTING)
/* harmony export */ });
/* unused harmony exports acrCloud, isAcrRegistry, ACR_RENEW_MARGIN_MS */
/* harmony import */ var _concurrency_renewing_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12716);
/* harmony import */ var _cloud_endpoints_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(85927);
/* harmony import */ var _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9600);
/* harmony import */ var _link_header_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(32977);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6764);
/* harmony import */ var _listing_unavailable_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54088);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79310);
/* harmony import */ var _sanitise_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26785);
/* harmony import */ var _transport_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(99490);
/**
 * Azure Container Registry: login servers, credentials from the workflow's Entra identity, and the tag
 * listing that carries creation times.
 *
 * Credentials (the flow `az acr login` uses): an Entra access token for Azure Resource Manager is
 * exchanged at `POST https://REGISTRY/oauth2/exchange` (grant_type=access_token) for an ACR refresh token.
 * That refresh token is the credential: the authenticator trades it at the registry's own token realm
 * (`https://REGISTRY/oauth2/token`, grant_type=refresh_token) for an access token per repository.
 *
 * Listing: `GET /acr/v1/REPOSITORY/_tags` pages (Link header) of `{name, digest, createdTime}`; ACR wants
 * the `metadata_read` action for it, so repository tokens for ACR hosts ask for `pull,metadata_read`.
 */









const CLOUDS = [
    { suffix: '.azurecr.io', armScope: 'https://management.azure.com/.default' },
    { suffix: '.azurecr.cn', armScope: 'https://management.chinacloudapi.cn/.default' },
    { suffix: '.azurecr.us', armScope: 'https://management.usgovcloudapi.net/.default' },
];
const LOGIN_SERVER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** The cloud of an ACR login server (`NAME.azurecr.io`, `.azurecr.cn`, `.azurecr.us`; no port), else undefined. */
function acrCloud(host) {
    if (host.includes(':'))
        return undefined;
    const name = (0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .hostname */ .OI)(host).toLowerCase();
    const cloud = CLOUDS.find((c) => name.endsWith(c.suffix));
    if (!cloud)
        return undefined;
    return LOGIN_SERVER_NAME.test(name.slice(0, -cloud.suffix.length)) ? cloud : undefined;
}
function isAcrRegistry(host) {
    return acrCloud(host) !== undefined;
}
/** The actions a repository token is asked for: ACR's tag listing needs `metadata_read` besides `pull`. */
function pullActions(host) {
    return isAcrRegistry(host) ? 'pull,metadata_read' : 'pull';
}
/** ACR refresh tokens live about three hours; this is assumed when one does not say. */
const DEFAULT_REFRESH_SECONDS = 3 * 3600;
/** Credentials are renewed this long before they expire. */
const ACR_RENEW_MARGIN_MS = 5 * 60_000;
/** The claims of a JWT, unverified (only `tid` and `exp` of our own tokens are read); undefined if not a JWT. */
function jwtClaims(token) {
    const part = token.split('.')[1];
    if (!part)
        return undefined;
    try {
        const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
        return claims && typeof claims === 'object' && !Array.isArray(claims) ? claims : undefined;
    }
    catch {
        return undefined;
    }
}
/** ACR refresh tokens from the Entra identity, one exchange per registry, renewed before they expire. */
class AcrCredentials {
    options;
    name = 'ACR';
    cache;
    entra;
    transport;
    now;
    /** Exchanges done, for tests and stats. */
    exchanges = 0;
    constructor(options = {}) {
        this.options = options;
        this.transport = options.transport ?? new _transport_js__WEBPACK_IMPORTED_MODULE_5__/* .Transport */ .oK({ ...(options.env ? { env: options.env } : {}), ...(options.retry ? { retry: options.retry } : {}) });
        this.now = options.now ?? Date.now;
        this.cache = new _concurrency_renewing_js__WEBPACK_IMPORTED_MODULE_6__/* .RenewingByKey */ .G((credential) => credential.expiresAt, this.now);
    }
    handles(host) {
        return isAcrRegistry(host);
    }
    credential(host) {
        const key = host.toLowerCase();
        // A failure is not remembered: the next host (or run) asks again.
        return this.cache.get(key, () => this.exchange(key));
    }
    entraCredential() {
        // Built the way the AKS provider builds it (authority, instance discovery); loaded only for an ACR host.
        this.entra ??= this.options.credential
            ? Promise.resolve(this.options.credential)
            : Promise.all(/* import() */[__webpack_require__.e(324), __webpack_require__.e(669), __webpack_require__.e(276), __webpack_require__.e(717)]).then(__webpack_require__.bind(__webpack_require__, 71098)).then(({ ambientAzureCredential }) => ambientAzureCredential({ endpoints: (0,_cloud_endpoints_js__WEBPACK_IMPORTED_MODULE_7__/* .azureEndpoints */ .M)(this.options.env ?? process.env) }));
        return this.entra;
    }
    async exchange(host) {
        const cloud = acrCloud(host);
        if (!cloud)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryAuthError */ .w4(host, 'not an Azure Container Registry login server');
        let entra;
        try {
            entra = await (await this.entraCredential()).getToken(cloud.armScope);
        }
        catch (error) {
            const { azureCredentialProblem } = await Promise.all(/* import() */[__webpack_require__.e(324), __webpack_require__.e(669), __webpack_require__.e(276), __webpack_require__.e(717)]).then(__webpack_require__.bind(__webpack_require__, 71098));
            throw new Error(`no Entra token for ${cloud.armScope}: ${azureCredentialProblem(error)}`, { cause: error });
        }
        if (!entra?.token)
            throw new Error(`no Entra token for ${cloud.armScope}`);
        this.options.onSecret?.(entra.token);
        const tenant = jwtClaims(entra.token)?.tid;
        const form = new URLSearchParams({ grant_type: 'access_token', service: host, access_token: entra.token });
        if (typeof tenant === 'string' && tenant !== '')
            form.set('tenant', tenant);
        this.exchanges++;
        const requestedAt = this.now();
        const refreshToken = await this.transport.send('token', `https://${host}/oauth2/exchange`, { method: 'POST', headers: async () => ({ 'content-type': 'application/x-www-form-urlencoded' }), body: form.toString() }, (response) => {
            if (response.status === 401 || response.status === 403) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryAuthError */ .w4(host, `the registry refused the Entra token (HTTP ${response.status}); does the identity have a pull role on it?`);
            }
            if (response.status !== 200)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(host, `token exchange answered HTTP ${response.status}`);
            let body;
            try {
                body = JSON.parse(response.body.toString('utf8'));
            }
            catch {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(host, 'token exchange answer is not JSON');
            }
            const token = body?.refresh_token;
            if (typeof token !== 'string' || !(0,_sanitise_js__WEBPACK_IMPORTED_MODULE_4__/* .isHeaderSafeToken */ .mZ)(token))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(host, 'token exchange sent no usable refresh_token');
            return token;
        });
        this.options.onSecret?.(refreshToken);
        const exp = jwtClaims(refreshToken)?.exp;
        const refreshExpires = typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : requestedAt + DEFAULT_REFRESH_SECONDS * 1000;
        // The refresh token outlives the Entra token it was exchanged for; only its own expiry counts.
        const expiresAt = refreshExpires - ACR_RENEW_MARGIN_MS;
        return { identityToken: refreshToken, expiresAt: Math.max(expiresAt, requestedAt + 1000) };
    }
}
/** Tags asked for per page of the ACR listing (the service caps pages itself). */
const ACR_PAGE_SIZE = 100;
/** ACR's `_tags` listing: names, digests and creation times, newest first. */
const ACR_LISTING = {
    name: 'ACR tags API',
    handles: isAcrRegistry,
    async list(ref, context) {
        const first = new URL(`${context.baseUrl}/acr/v1/${ref.repository}/_tags`);
        first.searchParams.set('n', String(ACR_PAGE_SIZE));
        first.searchParams.set('orderby', 'timedesc');
        const tags = [];
        const times = new Map();
        const listed = new Set();
        const seen = new Set();
        let dropped = 0;
        let firstDropped;
        let url = first.toString();
        for (let page = 0; url !== undefined; page++) {
            if (page >= context.maxPages)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, `ACR tag listing has more than ${context.maxPages} pages`);
            if (seen.has(url))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, 'ACR tag listing pagination loops');
            seen.add(url);
            const pageUrl = url;
            const { entries, next } = await context.transport.send('tags', pageUrl, { headers: context.pullHeaders }, (response) => {
                // Without metadata_read (a repository-scoped token, an identity with pull only) or for a name the
                // listing does not know, the distribution API still answers: list through it instead.
                if (response.status === 401 || response.status === 403) {
                    throw new _listing_unavailable_js__WEBPACK_IMPORTED_MODULE_2__/* .ListingUnavailableError */ .r(`HTTP ${response.status}; the token may lack metadata_read`);
                }
                if (response.status === 404)
                    throw new _listing_unavailable_js__WEBPACK_IMPORTED_MODULE_2__/* .ListingUnavailableError */ .r('HTTP 404');
                if (response.status !== 200)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, `ACR tag listing answered HTTP ${response.status}`);
                let body;
                try {
                    body = JSON.parse(response.body.toString('utf8'));
                }
                catch {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, 'ACR tag listing is not JSON');
                }
                const list = body?.tags;
                if (!Array.isArray(list))
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, 'ACR tag listing has no "tags" array');
                return { entries: list, next: (0,_link_header_js__WEBPACK_IMPORTED_MODULE_8__/* .nextLink */ .I)(response.headers.get('link'), pageUrl) };
            });
            for (const entry of entries) {
                const { name, digest, createdTime } = (entry ?? {});
                if (!(0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isOciTag */ .i1)(name)) {
                    if (dropped++ === 0)
                        firstDropped = name;
                    continue;
                }
                if (listed.has(name))
                    continue;
                listed.add(name);
                tags.push(name);
                const created = (0,_sanitise_js__WEBPACK_IMPORTED_MODULE_4__/* .parseCreated */ .qQ)(createdTime);
                if (created)
                    times.set(name, (0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(digest) ? { created, digest } : { created });
            }
            if (next !== undefined && new URL(next).origin !== first.origin) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, 'ACR tag listing pagination leaves the registry');
            }
            url = next;
        }
        if (dropped > 0)
            context.warn?.(`${ref.host}/${ref.repository}: ignored ${dropped} invalid tag${dropped === 1 ? '' : 's'} (e.g. "${(0,_sanitise_js__WEBPACK_IMPORTED_MODULE_4__/* .hostileExcerpt */ .UM)(firstDropped)}")`);
        if (tags.length === 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, `ACR listed no valid tags for ${ref.repository} (untrusted answer)`);
        return { tags, times };
    },
};


/***/ }),

/***/ 69738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  b: () => (/* binding */ RegistryClient),
  R: () => (/* binding */ SOURCE_LABEL)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/model/grammar.ts
var grammar = __webpack_require__(9600);
;// CONCATENATED MODULE: ./src/registry/challenge.ts
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;
/**
 * Parses a `WWW-Authenticate` header (RFC 9110 grammar, quoted strings with escapes), which may hold
 * several challenges separated by commas, e.g. `Bearer realm="https://a/token",service="a",scope="x:y:pull"`.
 */
function parseChallenges(header) {
    const challenges = [];
    let rest = header.trim();
    let current;
    let guard = 0;
    while (rest.length > 0 && guard++ < 1000) {
        rest = rest.replace(/^[\s,]+/, '');
        const name = TOKEN.exec(rest)?.[0];
        if (!name)
            break;
        const afterName = rest.slice(name.length).replace(/^\s*/, '');
        if (afterName.startsWith('=') && current && !afterName.startsWith('==')) {
            let value;
            let remaining = afterName.slice(1).replace(/^\s*/, '');
            if (remaining.startsWith('"')) {
                let index = 1;
                value = '';
                while (index < remaining.length && remaining[index] !== '"') {
                    if (remaining[index] === '\\' && index + 1 < remaining.length)
                        index++;
                    value += remaining[index];
                    index++;
                }
                remaining = remaining.slice(index + 1);
            }
            else {
                // Lenient: registries send unquoted URLs, which are not RFC tokens.
                value = /^[^,\s]*/.exec(remaining)?.[0] ?? '';
                remaining = remaining.slice(value.length);
            }
            current.params[name.toLowerCase()] = value;
            rest = remaining;
        }
        else {
            current = { scheme: name.toLowerCase(), params: {} };
            challenges.push(current);
            rest = afterName;
            // token68 form (`Basic abc==`) carries no parameters we need; skip it.
            const token68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(rest);
            if (token68 && !rest.slice(token68[0].length).trimStart().startsWith('='))
                rest = rest.slice(token68[0].length);
        }
    }
    return challenges;
}

// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/registry/acr.ts
var acr = __webpack_require__(3477);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./src/registry/reference.ts
var registry_reference = __webpack_require__(79310);
;// CONCATENATED MODULE: ./src/registry/realm.ts
/**
 * Which token realms may receive a registry's credentials. A registry's 401 names the realm; a hostile
 * registry could name any host, so credentials go only to the registry's own host or its close family.
 */


/** Docker Hub's registry host asks for tokens on this host. */
const DOCKER_HUB_AUTH_HOST = 'auth.docker.io';
function bare(host) {
    return (0,registry_reference/* hostname */.OI)(host).toLowerCase().replace(/\.$/, '');
}
/**
 * Whether the Basic credentials of `registryHost` (`host[:port]`) may be sent to `realm`:
 * - never over plain http, unless the realm's host is loopback or listed insecure (`plainHttpAllowed`);
 * - when the realm's hostname (port aside) is the registry's;
 * - Docker Hub's registry and its auth host;
 * - when the registry host has 3+ labels and the realm is its parent domain or a sibling under that parent
 *   (`registry.example.com` → `example.com`, `auth.example.com`). IP addresses match exactly only.
 * The parent rule cannot tell a public suffix (`co.uk`) from an organisation's domain; it is kept because
 * registries commonly serve tokens from a sibling host.
 */
function realmVerdict(registryHost, realm, plainHttpAllowed) {
    const registry = bare(registryHost);
    const target = bare(realm.host);
    if (realm.protocol === 'http:' && !plainHttpAllowed(realm.host))
        return { send: false, why: `the token realm on ${realm.host} is plain http` };
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:')
        return { send: false, why: 'the token realm is not http(s)' };
    if (target === registry)
        return { send: true };
    const other = { send: false, why: `the token realm is on another host (${realm.host})` };
    if ((0,external_node_net_.isIP)(registry) || (0,external_node_net_.isIP)(target))
        return other;
    if (registry === registry_reference/* DOCKER_HUB_HOST */.OC && target === DOCKER_HUB_AUTH_HOST)
        return { send: true };
    const labels = registry.split('.');
    if (labels.length < 3)
        return other;
    const parent = labels.slice(1).join('.');
    if (target === parent)
        return { send: true };
    const targetLabels = target.split('.');
    if (targetLabels.length === labels.length && targetLabels.slice(1).join('.') === parent)
        return { send: true };
    return other;
}

// EXTERNAL MODULE: ./src/registry/schemas.ts
var schemas = __webpack_require__(9843);
// EXTERNAL MODULE: ./src/registry/transport.ts + 3 modules
var transport = __webpack_require__(99490);
;// CONCATENATED MODULE: ./src/registry/auth.ts
/**
 * Registry authentication: ping `/v2/` once per host to learn its scheme, then send Basic credentials or
 * a Bearer token for `repository:NAME:pull`, fetched from the challenge's realm and cached until it expires.
 *
 * A realm the credentials may not go to (see realm.ts) is asked for a token anonymously rather than failing
 * outright: a public repository still works, and a private one fails with an auth error that says the
 * credentials were withheld and why.
 */






const DEFAULT_TOKEN_SECONDS = 60;
function basicPayload(credential) {
    return Buffer.from(`${credential.username}:${credential.password}`).toString('base64');
}
/** The scheme a 401's challenges ask for; Bearer is preferred when both are offered. */
function schemeFromChallenges(challenges) {
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    if (bearer?.params.realm) {
        const scheme = { kind: 'bearer', realm: bearer.params.realm };
        if (bearer.params.service !== undefined)
            scheme.service = bearer.params.service;
        return scheme;
    }
    if (challenges.some((c) => c.scheme === 'basic'))
        return { kind: 'basic' };
    return undefined;
}
class Authenticator {
    transport;
    baseUrl;
    resolveCredential;
    onSecret;
    policy;
    schemes = new Map();
    tokens = new Map();
    pendingTokens = new Map();
    credentials = new Map();
    reported = new Set();
    /** Why credentials were withheld from a host's token realm, by registry host. */
    withheld = new Map();
    constructor(transport, baseUrl, resolveCredential, onSecret, policy = { plainHttpAllowed: () => false }) {
        this.transport = transport;
        this.baseUrl = baseUrl;
        this.resolveCredential = resolveCredential;
        this.onSecret = onSecret;
        this.policy = policy;
    }
    /** `; credentials were not sent: WHY` when the realm policy withheld them from this host's token server. */
    withheldNote(host) {
        const why = this.withheld.get(host);
        return why ? `; credentials were not sent: ${why}` : '';
    }
    /** `; WHY` when a vendor identity for this host could not be had, so a refusal says what was missing. */
    missingNote(host) {
        const why = this.resolveCredential?.unavailable?.(host);
        return why ? `; ${why}` : '';
    }
    /** The host's scheme, from one (memoised) ping of `/v2/`. */
    scheme(host) {
        let scheme = this.schemes.get(host);
        if (!scheme) {
            scheme = this.ping(host);
            this.schemes.set(host, scheme);
        }
        return scheme;
    }
    /** A 401 on a resource tells us the scheme (again): remember it, and forget the token that failed. */
    learn(host, repository, wwwAuthenticate) {
        const scheme = schemeFromChallenges(parseChallenges(wwwAuthenticate ?? ''));
        if (scheme)
            this.schemes.set(host, Promise.resolve(scheme));
        this.tokens.delete(this.tokenKey(host, repository));
        return scheme;
    }
    /** Headers that authorise a pull of `repository` on `host` (none for an anonymous registry). */
    async headers(host, repository) {
        const scheme = await this.scheme(host);
        if (scheme.kind === 'none')
            return {};
        const credential = await this.credential(host);
        if (scheme.kind === 'basic') {
            if (!credential)
                throw new errors/* RegistryAuthError */.w4(host, `registry asks for Basic credentials and none are configured${this.missingNote(host)}`);
            if ('token' in credential)
                return { authorization: `Bearer ${credential.token}` };
            if ('identityToken' in credential)
                throw new errors/* RegistryAuthError */.w4(host, 'registry asks for Basic credentials, but the configured credential is an identity token (for a token server)');
            return { authorization: `Basic ${this.secret(basicPayload(credential))}` };
        }
        if (credential && 'token' in credential)
            return { authorization: `Bearer ${credential.token}` };
        return { authorization: `Bearer ${await this.token(host, repository, scheme, credential)}` };
    }
    async ping(host) {
        return this.transport.send('ping', `${this.baseUrl(host)}/v2/`, {}, (response) => {
            if (response.status === 200)
                return { kind: 'none' };
            if (response.status === 401) {
                const scheme = schemeFromChallenges(parseChallenges(response.headers.get('www-authenticate') ?? ''));
                if (!scheme)
                    throw new errors/* RegistryProtocolError */.SE(host, '401 on /v2/ without a Basic or Bearer challenge');
                return scheme;
            }
            throw new errors/* RegistryProtocolError */.SE(host, `HTTP ${response.status} on /v2/: not a distribution v2 registry?`);
        });
    }
    /** Resolved once per host, and again once a credential that expires (ECR, ACR) has. */
    credential(host) {
        const known = this.credentials.get(host);
        if (known && (known.expiresAt === undefined || known.expiresAt > Date.now()))
            return known.found;
        const entry = { found: Promise.resolve(undefined) };
        entry.found = Promise.resolve()
            .then(() => this.resolveCredential?.(host))
            .catch((error) => {
            const why = error instanceof Error ? error.message : String(error);
            throw new errors/* RegistryAuthError */.w4(host, `could not get credentials: ${why}`, { cause: error });
        })
            .then((found) => {
            if (found && 'token' in found)
                this.secret(found.token);
            else if (found && 'identityToken' in found)
                this.secret(found.identityToken);
            else if (found)
                this.secret(found.password);
            if (found?.expiresAt !== undefined)
                entry.expiresAt = found.expiresAt;
            return found;
        });
        this.credentials.set(host, entry);
        return entry.found;
    }
    tokenKey(host, repository) {
        return `${host} ${this.scope(host, repository)}`;
    }
    scope(host, repository) {
        return `repository:${repository}:${(0,acr/* pullActions */.P5)(host)}`;
    }
    async token(host, repository, scheme, credential) {
        const key = this.tokenKey(host, repository);
        const cached = this.tokens.get(key);
        if (cached && cached.expiresAt > Date.now())
            return cached.token;
        let pending = this.pendingTokens.get(key);
        if (!pending) {
            pending = this.fetchToken(host, repository, scheme, credential).finally(() => this.pendingTokens.delete(key));
            this.pendingTokens.set(key, pending);
        }
        return pending;
    }
    async fetchToken(host, repository, scheme, credential) {
        let url;
        try {
            url = new URL(scheme.realm);
        }
        catch {
            throw new errors/* RegistryProtocolError */.SE(host, 'the Bearer challenge names a token realm that is not a URL');
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
            throw new errors/* RegistryProtocolError */.SE(host, 'the token realm is not an http(s) URL');
        const scope = this.scope(host, repository);
        let send = credential;
        if (credential) {
            const verdict = realmVerdict(host, url, this.policy.plainHttpAllowed);
            if (!verdict.send) {
                send = undefined;
                if (!this.withheld.has(host))
                    this.policy.warn?.(`${host}: not sending credentials to the token server, ${verdict.why}; asking for an anonymous token`);
                this.withheld.set(host, verdict.why);
            }
        }
        let request;
        if (send && 'identityToken' in send) {
            // The OAuth2 refresh-token grant of the distribution token spec: the refresh token goes in the body.
            const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: send.identityToken, scope, client_id: 'kubecd' });
            if (scheme.service !== undefined)
                form.set('service', scheme.service);
            request = { method: 'POST', headers: async () => ({ 'content-type': 'application/x-www-form-urlencoded' }), body: form.toString() };
        }
        else {
            if (scheme.service !== undefined)
                url.searchParams.set('service', scheme.service);
            url.searchParams.set('scope', scope);
            const headers = send ? { authorization: `Basic ${this.secret(basicPayload(send))}` } : {};
            request = { headers: async () => headers };
        }
        const requestedAt = Date.now();
        return this.transport.send('token', url.toString(), request, (response) => {
            if (response.status === 401 || response.status === 403) {
                throw new errors/* RegistryAuthError */.w4(host, (send ? `token server refused the credentials (HTTP ${response.status})` : `token server wants credentials (HTTP ${response.status})${this.missingNote(host)}`) + this.withheldNote(host));
            }
            if (response.status !== 200)
                throw new errors/* RegistryProtocolError */.SE(host, `token server answered HTTP ${response.status}`);
            let body;
            try {
                body = JSON.parse(response.body.toString('utf8'));
            }
            catch (error) {
                throw new transport/* TransientError */.N_('token server sent invalid JSON', undefined, { cause: error });
            }
            if (!(0,schemas/* validToken */.Am)(body))
                throw new errors/* RegistryProtocolError */.SE(host, 'token server sent no usable token');
            const token = (body.token ?? body.access_token);
            if (/[^\x21-\x7e]/.test(token))
                throw new errors/* RegistryProtocolError */.SE(host, 'token server sent a token with characters a header cannot carry');
            this.secret(token);
            const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 && Number.isFinite(body.expires_in) ? Math.min(body.expires_in, 86_400) : DEFAULT_TOKEN_SECONDS;
            // Renew a little early so a token never expires between being read and being used.
            const margin = Math.min(10_000, seconds * 100);
            this.tokens.set(this.tokenKey(host, repository), { token, expiresAt: requestedAt + seconds * 1000 - margin });
            return token;
        });
    }
    secret(value) {
        if (value && !this.reported.has(value)) {
            this.reported.add(value);
            this.onSecret?.(value);
        }
        return value;
    }
}

;// CONCATENATED MODULE: ./src/registry/media-types.ts
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_MANIFEST_V1 = 'application/vnd.docker.distribution.manifest.v1+json';
const DOCKER_MANIFEST_V1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';
/** The config of a Helm chart pushed to an OCI registry (the chart's metadata, not an image config). */
const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
/** The OCI annotation for when an artifact was created (Helm sets it when it pushes a chart). */
const CREATED_ANNOTATION = 'org.opencontainers.image.created';
/** Without an Accept header registries down-convert to schema 1, and OCI manifests need an OCI Accept. */
const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(', ');
function isIndex(mediaType) {
    return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}
function isImageManifest(mediaType) {
    return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}
function isSchema1(mediaType) {
    return mediaType === DOCKER_MANIFEST_V1 || mediaType === DOCKER_MANIFEST_V1_SIGNED;
}

;// CONCATENATED MODULE: ./src/registry/gcr-listing.ts
/**
 * GCR and Artifact Registry answer the distribution `GET /v2/NAME/tags/list` with a `manifest` map beside
 * `tags`: digest -> `{tag: [...], timeCreatedMs, timeUploadedMs, mediaType, imageSizeBytes}`, the times as
 * decimal strings of milliseconds. kubecd takes `timeCreatedMs`, the image config's creation time — the
 * same time the config blob would give, so `Newest` decides exactly as it did per tag. `timeUploadedMs` is
 * the push, which re-tagging or copying an old image moves. A `timeCreatedMs` of 0 (an index, which has no
 * config of its own, or a reproducible build dated 1970) is no time: that tag falls back to its config blob.
 */

const MILLISECONDS = /^\d{1,15}$/;
function millisecondsOf(value) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
        return value;
    if (typeof value === 'string' && MILLISECONDS.test(value) && Number(value) > 0)
        return Number(value);
    return undefined;
}
/** The creation times a `manifest` map gives, by tag; `undefined` or a non-object map gives none. */
function timesFromManifestMap(manifest) {
    const times = new Map();
    const result = { times, ignored: 0 };
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
        return result;
    const conflicted = new Set();
    for (const [digest, entry] of Object.entries(manifest)) {
        if (!(0,grammar/* isDigest */.Bc)(digest) || !entry || typeof entry !== 'object' || Array.isArray(entry)) {
            result.ignored++;
            continue;
        }
        const { tag: tags, timeCreatedMs } = entry;
        if (!Array.isArray(tags))
            continue;
        const ms = millisecondsOf(timeCreatedMs);
        for (const tag of tags) {
            if (!(0,grammar/* isOciTag */.i1)(tag)) {
                result.ignored++;
                continue;
            }
            if (ms === undefined || conflicted.has(tag))
                continue;
            // One tag names one manifest; a map that says otherwise is not believed for that tag.
            if (times.has(tag)) {
                times.delete(tag);
                conflicted.add(tag);
                result.ignored++;
                continue;
            }
            times.set(tag, { created: new Date(ms), digest });
        }
    }
    return result;
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(42463);
// EXTERNAL MODULE: ./src/registry/sanitise.ts
var sanitise = __webpack_require__(26785);
;// CONCATENATED MODULE: ./src/registry/dockerhub-login.ts

const DOCKER_HUB_LOGIN_PATH = '/v2/auth/token';
/** Hub's tokens last 10 minutes; a run that lasts longer logs in again a little before that. */
const DOCKER_HUB_TOKEN_REUSE_MS = 9 * 60_000;
/** Per transport, i.e. per registry client: a run's clients never share a login with another run's. */
const sessions = new WeakMap();
/** The Hub JWT for this run, or undefined when there are no usable Docker Hub credentials or the login failed. */
function dockerHubToken(context) {
    const now = context.now?.() ?? Date.now();
    const session = sessions.get(context.transport);
    if (session && now - session.at < DOCKER_HUB_TOKEN_REUSE_MS)
        return session.token;
    const token = login(context);
    const fresh = { token, at: now };
    sessions.set(context.transport, fresh);
    // A refused login stays refused for the run, past the reuse window too.
    void token.then((value) => { if (value === undefined)
        fresh.at = Number.POSITIVE_INFINITY; });
    return token;
}
async function login(context) {
    let credential;
    try {
        credential = await context.credential();
    }
    catch {
        return undefined;
    }
    if (!credential || !('username' in credential) || !credential.username || !credential.password)
        return undefined;
    const { username, password } = credential;
    context.onSecret?.(password);
    try {
        const token = await context.transport.send('token', new URL(DOCKER_HUB_LOGIN_PATH, context.api).toString(), {
            method: 'POST',
            headers: async () => ({ 'content-type': 'application/json', accept: 'application/json' }),
            body: JSON.stringify({ identifier: username, secret: password }),
        }, (response) => {
            if (response.status !== 200)
                throw new LoginRefused(`HTTP ${response.status}`);
            let body;
            try {
                body = JSON.parse(response.body.toString('utf8'));
            }
            catch {
                throw new LoginRefused('the answer is not JSON');
            }
            const value = body?.access_token;
            if (typeof value !== 'string' || !(0,sanitise/* isHeaderSafeToken */.mZ)(value))
                throw new LoginRefused('the answer has no usable access_token');
            return value;
        });
        context.onSecret?.(token);
        return token;
    }
    catch (error) {
        const why = error instanceof LoginRefused ? error.message : (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
        context.warn?.(`Docker Hub login for the tags API failed (${why}); private Docker Hub repositories are listed through the registry, each tag's time costing a pull`);
        return undefined;
    }
}
class LoginRefused extends Error {
}

// EXTERNAL MODULE: ./src/registry/listing-unavailable.ts
var listing_unavailable = __webpack_require__(54088);
;// CONCATENATED MODULE: ./src/registry/dockerhub-listing.ts
/**
 * Docker Hub's tags API: `GET https://hub.docker.com/v2/namespaces/NS/repositories/NAME/tags?page_size=100`
 * answers `{count, next, previous, results: [{name, digest, last_updated, tag_last_pushed, ...}]}`, `next`
 * being the absolute URL of the following page. Unlike manifest GETs on the registry, these requests are not
 * pulls, so a whole repository's times cost no pull-limit budget.
 *
 * Hub has no creation time per tag: `tag_last_pushed` (when the tag was last pushed) is the closest, and is
 * what this listing gives; `last_updated` only where a tag has no `tag_last_pushed` (older tags). For images
 * built and pushed by one pipeline the two orders agree; a re-push of an old image counts as new here, as it
 * does on Hub's own page. Official images (`nginx`) are `library/nginx`, namespace `library`.
 *
 * The API is asked anonymously first: a token from the registry's token server means nothing to it, and a
 * public repository needs no login. A private repository answers 401/403/404; then, when the registry
 * credentials for Docker Hub are a username and password (or access token), the listing logs in to Hub's API
 * once per run (dockerhub-login.ts) and asks again with that JWT. Without such credentials, or when Hub still
 * refuses, the client lists the repository through the registry (per-tag metadata, under the pull limit).
 */








const DOCKER_HUB_API = 'https://hub.docker.com';
/** The largest page the API serves. */
const DOCKER_HUB_PAGE_SIZE = 100;
const dockerhub_listing_ajv = new ajv.Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
const validHubTagPage = dockerhub_listing_ajv.compile({
    type: 'object',
    required: ['results'],
    properties: {
        next: { type: ['string', 'null'] },
        results: { type: 'array', items: { type: 'object' } },
    },
});
/** `ns/name` of a Hub repository; the API has no form for deeper paths. */
function hubPath(repository) {
    const parts = repository.split('/');
    if (parts.length !== 2 || !parts[0] || !parts[1])
        return undefined;
    return { namespace: parts[0], name: parts[1] };
}
/** The time a Hub tag entry gives: `tag_last_pushed`, else `last_updated`; undefined when neither is RFC 3339. */
function hubTagTime(entry) {
    return (0,sanitise/* parseCreated */.qQ)(entry.tag_last_pushed) ?? (0,sanitise/* parseCreated */.qQ)(entry.last_updated);
}
const dockerHubListing = {
    name: 'Docker Hub tags API',
    handles: (host) => (0,registry_reference/* normalizeHost */.cS)(host) === registry_reference/* DOCKER_HUB_HOST */.OC,
    async list(ref, context) {
        const path = hubPath(ref.repository);
        if (!path)
            throw new listing_unavailable/* ListingUnavailableError */.r(`${ref.repository} is not NAMESPACE/NAME`);
        try {
            return await listPages(ref, path, context, undefined);
        }
        catch (error) {
            const { credential } = context;
            if (!(error instanceof listing_unavailable/* ListingUnavailableError */.r) || !credential)
                throw error;
            const token = await dockerHubToken({
                transport: context.transport,
                api: DOCKER_HUB_API,
                credential,
                ...(context.onSecret ? { onSecret: context.onSecret } : {}),
                ...(context.warn ? { warn: context.warn } : {}),
            });
            if (token === undefined)
                throw error;
            try {
                return await listPages(ref, path, context, token);
            }
            catch (again) {
                if (again instanceof listing_unavailable/* ListingUnavailableError */.r)
                    throw new listing_unavailable/* ListingUnavailableError */.r(`${again.reason}, with the Docker Hub login too`);
                throw again;
            }
        }
    },
};
/** Every page of the repository's tags, anonymously or with a Hub JWT. */
async function listPages(ref, path, context, hubToken) {
    const headers = { accept: 'application/json', ...(hubToken ? { authorization: `Bearer ${hubToken}` } : {}) };
    const firstUrl = new URL(`/v2/namespaces/${path.namespace}/repositories/${path.name}/tags`, DOCKER_HUB_API);
    firstUrl.searchParams.set('page_size', String(DOCKER_HUB_PAGE_SIZE));
    const tags = [];
    const times = new Map();
    const seen = new Set();
    let url = firstUrl.toString();
    for (let page = 0; url !== undefined; page++) {
        if (page >= context.maxPages)
            throw new errors/* RegistryProtocolError */.SE(ref.host, `Docker Hub tags API has more than ${context.maxPages} pages for ${ref.repository}`);
        if (seen.has(url))
            throw new errors/* RegistryProtocolError */.SE(ref.host, `Docker Hub tags API pagination loops for ${ref.repository}`);
        seen.add(url);
        const body = await context.transport.send('tags', url, { headers: async () => headers }, (response) => {
            if (response.status === 401 || response.status === 403 || response.status === 404) {
                throw new listing_unavailable/* ListingUnavailableError */.r(`the Docker Hub tags API answered HTTP ${response.status} (private repository?)`);
            }
            if (response.status !== 200)
                throw new errors/* RegistryProtocolError */.SE(ref.host, `Docker Hub tags API answered HTTP ${response.status}`);
            let json;
            try {
                json = JSON.parse(response.body.toString('utf8'));
            }
            catch (error) {
                throw new transport/* TransientError */.N_(`Docker Hub tags API page is not valid JSON (${response.body.length} bytes; truncated?)`, undefined, { cause: error });
            }
            if (!validHubTagPage(json))
                throw new errors/* RegistryProtocolError */.SE(ref.host, 'Docker Hub tags API page is not {"results": [...], "next": ...}');
            return json;
        });
        for (const entry of body.results) {
            tags.push(entry.name);
            if (typeof entry.name !== 'string' || times.has(entry.name))
                continue;
            const created = hubTagTime(entry);
            if (created)
                times.set(entry.name, { created, ...((0,grammar/* isDigest */.Bc)(entry.digest) ? { digest: entry.digest } : {}) });
        }
        url = body.next ? nextPage(body.next, firstUrl, ref.host) : undefined;
    }
    // Tags are checked against their grammar where every listing's answer is (sanitiseTimedTags).
    return { tags: tags, times };
}
/** The `next` URL, which must stay on the API and on this repository's tags. */
function nextPage(next, first, host) {
    let url;
    try {
        url = new URL(next, first);
    }
    catch {
        throw new errors/* RegistryProtocolError */.SE(host, 'Docker Hub tags API gave an unreadable next page');
    }
    if (url.origin !== first.origin || url.pathname !== first.pathname) {
        throw new errors/* RegistryProtocolError */.SE(host, `Docker Hub tags API pagination leaves the repository's tags (${url.origin}${url.pathname.slice(0, 80)})`);
    }
    return url.toString();
}

// EXTERNAL MODULE: ./src/registry/ecr.ts
var ecr = __webpack_require__(89857);
;// CONCATENATED MODULE: ./src/registry/listing-times.ts
/**
 * Vendor tag listings that carry creation times, so `Newest` need not fetch a manifest and a config blob
 * per tag. Each vendor lives in its own module and is registered in TIMED_LISTINGS; a registry without one
 * (or a listing that cannot be read) falls back to the distribution tags/list and per-tag metadata.
 *
 * GCR and Artifact Registry need no entry: their distribution tags/list itself carries the times (its
 * `manifest` map, read for any registry that sends one — see gcr-listing.ts).
 */






/** Vendor listings, first match wins. */
const TIMED_LISTINGS = [dockerHubListing, ecr/* ECR_LISTING */.yH, acr/* ACR_LISTING */.iR];
function timedListingFor(host) {
    return TIMED_LISTINGS.find((listing) => listing.handles(host));
}
/** Listing times further ahead than this are not believed (clock skew is allowed for, a hostile year 9999 is not). */
const MAX_FUTURE_MS = 24 * 3_600_000;
/** A creation time worth comparing: a real instant after 1970 and not far in the future. */
function isSaneListingTime(date, now = Date.now()) {
    if (!(date instanceof Date))
        return false;
    const ms = date.getTime();
    return Number.isFinite(ms) && ms > 0 && ms <= now + MAX_FUTURE_MS;
}
/**
 * What any listing (ours or a vendor module's) hands on, re-checked in one place: tags in the OCI grammar,
 * deduplicated; times only for listed tags, sane, with a digest only when it is one. `warn` is told once
 * how many tags and times were dropped.
 */
function sanitiseTimedTags(listing, source, warn, now = Date.now()) {
    const tags = [...new Set((0,sanitise/* keepValid */.Mu)(listing.tags, grammar/* isOciTag */.i1, 'tag', source, warn))];
    const listed = new Set(tags);
    const times = new Map();
    let dropped = 0;
    for (const [tag, image] of listing.times) {
        if (!listed.has(tag) || !isSaneListingTime(image.created, now)) {
            dropped++;
            continue;
        }
        times.set(tag, { created: image.created, ...((0,grammar/* isDigest */.Bc)(image.digest) ? { digest: image.digest } : {}) });
    }
    if (dropped > 0)
        warn?.(`${source}: ignored ${dropped} listed creation time${dropped === 1 ? '' : 's'} (unlisted tag, or not a plausible time)`);
    return { tags, times };
}

;// CONCATENATED MODULE: ./src/registry/rate-limit.ts
/**
 * Docker Hub's pull limit. Hub counts every manifest GET as a pull (HEADs and blobs are free) and says how
 * many are left in `ratelimit-remaining: 76;w=21600` on manifest answers. Running into the limit gets HTTP
 * 429 for hours, for this run and for the cluster nodes pulling from the same address, so kubecd keeps its
 * own count: a lookup that needs more pulls than are left is skipped before it starts, a manifest GET with
 * none left is not sent, and a 429 that carries the limit headers is a skip, never retried.
 *
 * Pulls are claimed per repository: a `Newest` lookup claims the manifest fetches it will make before making
 * them, so lookups running side by side cannot each see enough pulls and together run out halfway.
 */


/** The trigger cannot be checked without running into the registry's pull limit; nothing was retried. */
class RegistryRateLimitError extends errors/* RegistryUnavailableError */.i$ {
}
/** `100;w=21600` (or a bare `100`); undefined for anything else. */
function parseLimitHeader(value) {
    if (!value)
        return undefined;
    const match = /^\s*(\d{1,9})\s*(?:;\s*w\s*=\s*(\d{1,9})\s*)?(?:;.*)?$/.exec(value);
    if (!match)
        return undefined;
    const header = { value: Number(match[1]) };
    if (match[2] !== undefined)
        header.windowSeconds = Number(match[2]);
    return header;
}
function windowText(seconds) {
    if (seconds === undefined)
        return '';
    return seconds % 3600 === 0 ? ` per ${seconds / 3600} h` : ` per ${seconds} s`;
}
/** The repository of a `/v2/REPO/manifests/REF` URL, or undefined for any other URL. */
function manifestRepository(url) {
    const match = /^\/v2\/(.+)\/manifests\/[^/]+$/.exec(url.pathname);
    return match?.[1];
}
/** Which hosts count pulls. Only Docker Hub: elsewhere the same header names mean other things, or nothing. */
function countsPulls(host) {
    return (0,registry_reference/* normalizeHost */.cS)(host) === registry_reference/* DOCKER_HUB_HOST */.OC;
}
class PullLimits {
    budgets = new Map();
    /** Whether the host's limit is known (a manifest answer carried it). */
    known(host) {
        return this.budgets.has((0,registry_reference/* normalizeHost */.cS)(host));
    }
    /**
     * Claims `pulls` manifest GETs on `repository` (on `host`), or throws a RegistryRateLimitError saying how
     * many are left. Returns the release for what is left of the claim when the lookup is done. A host whose
     * limit is unknown or that does not count pulls needs no claim.
     */
    claim(host, repository, pulls) {
        const budget = this.budgets.get((0,registry_reference/* normalizeHost */.cS)(host));
        if (!budget || pulls <= 0)
            return () => undefined;
        if (budget.free < pulls) {
            throw new RegistryRateLimitError(host, `${this.describe(budget, budget.free)}, ${pulls} manifest fetch${pulls === 1 ? '' : 'es'} needed for creation times; skipped rather than run into HTTP 429`);
        }
        budget.free -= pulls;
        budget.claims.set(repository, (budget.claims.get(repository) ?? 0) + pulls);
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            const left = Math.min(pulls, budget.claims.get(repository) ?? 0);
            budget.claims.set(repository, (budget.claims.get(repository) ?? 0) - left);
            if (budget.claims.get(repository) === 0)
                budget.claims.delete(repository);
            budget.free += left;
        };
    }
    /**
     * Before a request goes out: a manifest GET with no pull left (claimed or free) is refused. Returns
     * whether the request was counted (to be passed to {@link observe} with its answer).
     */
    admit(url, method) {
        if (method !== 'GET' || !countsPulls(url.host))
            return false;
        const repository = manifestRepository(url);
        if (repository === undefined)
            return false;
        const budget = this.budgets.get((0,registry_reference/* normalizeHost */.cS)(url.host));
        if (!budget)
            return false;
        const claimed = budget.claims.get(repository) ?? 0;
        if (claimed > 0) {
            if (claimed === 1)
                budget.claims.delete(repository);
            else
                budget.claims.set(repository, claimed - 1);
        }
        else if (budget.free > 0) {
            budget.free--;
        }
        else {
            throw new RegistryRateLimitError(url.host, `${this.describe(budget, 0)}; skipped rather than run into HTTP 429`);
        }
        budget.inFlight++;
        return true;
    }
    /**
     * After an answer: learn the limit from its headers. A 429 with them is the limit reached (thrown, so the
     * transport does not retry it).
     */
    observe(url, status, headers, counted) {
        if (!countsPulls(url.host))
            return;
        const repository = manifestRepository(url);
        if (repository === undefined)
            return;
        const host = (0,registry_reference/* normalizeHost */.cS)(url.host);
        let budget = this.budgets.get(host);
        if (budget && counted && budget.inFlight > 0)
            budget.inFlight--;
        const remaining = parseLimitHeader(headers.get('ratelimit-remaining'));
        const limit = parseLimitHeader(headers.get('ratelimit-limit'));
        if (remaining === undefined && limit === undefined)
            return;
        if (!budget) {
            budget = { free: 0, claims: new Map(), inFlight: 0 };
            this.budgets.set(host, budget);
        }
        if (limit)
            budget.limit = limit.value;
        const windowSeconds = remaining?.windowSeconds ?? limit?.windowSeconds;
        if (windowSeconds !== undefined)
            budget.windowSeconds = windowSeconds;
        if (status === 429) {
            budget.free = 0;
            budget.claims.clear();
            throw new RegistryRateLimitError(url.host, `${this.describe(budget, 0)} (HTTP 429); skipped, not retried`);
        }
        if (remaining) {
            // Pulls still on their way were not in this count; claimed ones are promised already.
            let claimed = 0;
            for (const count of budget.claims.values())
                claimed += count;
            budget.free = Math.max(0, remaining.value - budget.inFlight - claimed);
        }
    }
    describe(budget, left) {
        const of = budget.limit !== undefined ? ` of ${budget.limit}${windowText(budget.windowSeconds)}` : windowText(budget.windowSeconds);
        return `Docker Hub pull limit: ${left} left${of}`;
    }
}

// EXTERNAL MODULE: ./src/registry/link-header.ts
var link_header = __webpack_require__(32977);
;// CONCATENATED MODULE: ./src/registry/client.ts
/**
 * An OCI distribution v2 client for upgrade checks: tag lists, digests, creation times and labels.
 *
 * One client serves a whole run. Every answer is memoised as a promise (failures included), so the same
 * tag list, manifest or blob asked for by many releases in many environments is fetched once, and a
 * registry that is down is given up on once, not once per release.
 */













const SOURCE_LABEL = 'org.opencontainers.image.source';
function digestOf(body, algorithm = 'sha256') {
    return `${algorithm}:${(0,external_node_crypto_.createHash)(algorithm).update(body).digest('hex')}`;
}
function parseJson(response, what) {
    try {
        return JSON.parse(response.body.toString('utf8'));
    }
    catch (error) {
        throw new transport/* TransientError */.N_(`${what} is not valid JSON (${response.body.length} bytes; truncated?)`, undefined, { cause: error });
    }
}
class RegistryClient {
    options;
    transport;
    auth;
    insecure;
    memo = new Map();
    pullLimits = new PullLimits();
    constructor(options = {}) {
        this.options = options;
        const transportOptions = { pullLimits: this.pullLimits };
        if (options.env)
            transportOptions.env = options.env;
        if (options.retry)
            transportOptions.retry = options.retry;
        if (options.concurrency !== undefined)
            transportOptions.concurrency = options.concurrency;
        if (options.fetch)
            transportOptions.fetch = options.fetch;
        if (options.userAgent)
            transportOptions.userAgent = options.userAgent;
        if (options.log)
            transportOptions.log = options.log;
        if (options.bodyLimits)
            transportOptions.bodyLimits = options.bodyLimits;
        this.transport = new transport/* Transport */.oK(transportOptions);
        this.insecure = new Set((options.insecureRegistries ?? []).map((host) => (0,registry_reference/* normalizeHost */.cS)(host)));
        this.auth = new Authenticator(this.transport, (host) => this.baseUrl(host), options.credentials, options.onSecret, {
            plainHttpAllowed: (host) => this.plainHttpAllowed(host),
            ...(options.warn ? { warn: options.warn } : {}),
        });
    }
    /** HTTP requests sent so far, by kind (retries included). */
    get stats() {
        return this.transport.stats;
    }
    baseUrl(host) {
        return `${this.plainHttpAllowed(host) ? 'http' : 'https'}://${host}`;
    }
    /** Loopback hosts and hosts listed insecure are reached over plain http (and only they get credentials so). */
    plainHttpAllowed(host) {
        return (0,registry_reference/* isLoopback */.U9)(host) || this.insecure.has((0,registry_reference/* normalizeHost */.cS)(host));
    }
    /** Every tag of a repository, following `Link` pagination, in the registry's order. */
    listTags(image) {
        const ref = typeof image === 'string' ? (0,registry_reference/* parseImageReference */.o_)(image) : image;
        return this.tagList(ref).then((listing) => listing.tags);
    }
    /**
     * Every tag with the creation times the registry's listing gives, so `Newest` can skip per-tag metadata:
     * the vendor's listing where one applies (TIMED_LISTINGS), else the tags/list itself — with times when it
     * carries GCR's `manifest` map, else none. A vendor listing that cannot answer for the repository falls
     * back to the tags/list, with a warning.
     */
    listTimedTags(image) {
        const ref = typeof image === 'string' ? (0,registry_reference/* parseImageReference */.o_)(image) : image;
        return this.once(`timed tags ${(0,registry_reference/* repositoryName */.aR)(ref)}`, ref, () => this.fetchTimedTags(ref));
    }
    /**
     * Claims `pulls` manifest fetches on the repository under Docker Hub's pull limit (see rate-limit.ts),
     * or throws a RegistryRateLimitError when fewer are left. When the limit is not known yet, one HEAD of
     * `probeTag` (free on Hub) reads it first. Returns the release of what the lookup did not use.
     */
    async claimPulls(ref, pulls, probeTag) {
        if (pulls <= 0 || !countsPulls(ref.host))
            return () => undefined;
        if (!this.pullLimits.known(ref.host)) {
            await this.once(`pull limit probe ${ref.host}`, { host: ref.host, repository: ref.repository }, () => this.getDigest({ ...ref, tag: probeTag }));
        }
        try {
            return this.pullLimits.claim(ref.host, ref.repository, pulls);
        }
        catch (error) {
            throw this.asRegistryError({ host: ref.host, repository: ref.repository }, error);
        }
    }
    tagList(ref) {
        return this.once(`tags ${(0,registry_reference/* repositoryName */.aR)(ref)}`, ref, () => this.fetchTags(ref));
    }
    async fetchTimedTags(ref) {
        const vendor = timedListingFor(ref.host);
        if (!vendor)
            return this.tagList(ref);
        const name = (0,registry_reference/* repositoryName */.aR)(ref);
        let listed;
        try {
            listed = await vendor.list({ host: ref.host, repository: ref.repository }, this.listingContext(ref));
        }
        catch (error) {
            if (!(error instanceof listing_unavailable/* ListingUnavailableError */.r))
                throw error;
            (this.options.warn ?? this.options.log)?.(`${name}: ${vendor.name} unavailable (${error.reason}); listing tags through the registry, with each tag's image config for its time`);
            return this.tagList(ref);
        }
        const timed = sanitiseTimedTags(listed, name, this.options.warn ?? this.options.log);
        if (timed.tags.length === 0)
            throw new errors/* RegistryProtocolError */.SE(ref.host, `${vendor.name} listed no valid tags for ${ref.repository} (untrusted answer)`);
        return timed;
    }
    listingContext(ref) {
        const { credentials } = this.options;
        return {
            transport: this.transport,
            pullHeaders: () => this.auth.headers(ref.host, ref.repository),
            baseUrl: this.baseUrl(ref.host),
            maxPages: this.options.maxTagPages ?? 100,
            env: this.options.env ?? process.env,
            ...(credentials ? { credential: () => credentials(ref.host) } : {}),
            ...(this.options.onSecret ? { onSecret: this.options.onSecret } : {}),
            ...((this.options.warn ?? this.options.log) ? { warn: (this.options.warn ?? this.options.log) } : {}),
        };
    }
    /** Digest, creation time and labels of a tag (or digest); an index gives its newest platform's time. */
    getImageInfo(image) {
        const ref = typeof image === 'string' ? (0,registry_reference/* parseImageReference */.o_)(image) : image;
        const reference = ref.digest ?? ref.tag ?? 'latest';
        return this.once(`info ${(0,registry_reference/* repositoryName */.aR)(ref)}@${reference}`, ref, () => this.fetchImageInfo(ref, reference));
    }
    /** The digest a tag points at (HEAD, no body), or undefined when the tag does not exist. */
    getDigest(image) {
        const ref = typeof image === 'string' ? (0,registry_reference/* parseImageReference */.o_)(image) : image;
        const reference = ref.digest ?? ref.tag ?? 'latest';
        const known = this.memo.get(`manifest ${(0,registry_reference/* repositoryName */.aR)(ref)}@${reference}`);
        if (known)
            return known.then((manifest) => manifest.digest);
        return this.once(`head ${(0,registry_reference/* repositoryName */.aR)(ref)}@${reference}`, ref, () => this.headDigest(ref, reference));
    }
    once(key, ref, load) {
        let promise = this.memo.get(key);
        if (!promise) {
            promise = load().catch((error) => {
                throw this.asRegistryError(ref, error);
            });
            // Callers that never await a failed lookup must not crash the process.
            promise.catch(() => undefined);
            this.memo.set(key, promise);
        }
        return promise;
    }
    asRegistryError(ref, error) {
        const name = (0,registry_reference/* repositoryName */.aR)(ref);
        if (error instanceof errors/* RegistryError */.gl) {
            if (error.registry === name)
                return error;
            const Kind = error.constructor;
            return new Kind(name, error.reason, { cause: error });
        }
        if (error instanceof transport/* RetriesExhaustedError */.i5)
            return new errors/* RegistryUnavailableError */.i$(name, error.message, { cause: error });
        // Our own errors (size cap, redirects) carry plain text; anything else is not shown raw.
        const message = error instanceof Error && /^(ResponseTooLargeError|RedirectRefusedError)$/.test(error.name)
            ? error.message
            : `unexpected answer (${error instanceof Error ? error.name : typeof error})`;
        return new errors/* RegistryProtocolError */.SE(name, message, { cause: error });
    }
    /** A GET or HEAD of a repository resource, authorised, re-authorising once on a 401. */
    async get(kind, ref, url, extra, check, method = 'GET') {
        for (let round = 0;; round++) {
            const unauthorized = Symbol('401');
            const result = await this.transport.send(kind, url, { method, headers: async () => ({ ...extra, ...(await this.auth.headers(ref.host, ref.repository)) }) }, (response) => {
                if (response.status === 401) {
                    const scheme = this.auth.learn(ref.host, ref.repository, response.headers.get('www-authenticate'));
                    if (round > 0 || !scheme)
                        throw new errors/* RegistryAuthError */.w4(ref.host, `HTTP 401 for ${new URL(url).pathname}${this.auth.withheldNote(ref.host)}`);
                    return unauthorized;
                }
                if (response.status === 403)
                    throw new errors/* RegistryAuthError */.w4(ref.host, `HTTP 403 (denied) for ${new URL(url).pathname}`);
                if (response.status === 404)
                    throw new errors/* RegistryNotFoundError */.PB(ref.host, `not found: ${new URL(url).pathname}`);
                if (response.status < 200 || response.status >= 300) {
                    throw new errors/* RegistryProtocolError */.SE(ref.host, `HTTP ${response.status} for ${new URL(url).pathname}`);
                }
                return check(response);
            });
            if (result !== unauthorized)
                return result;
        }
    }
    async fetchTags(ref) {
        const maxPages = this.options.maxTagPages ?? 100;
        const listed = [];
        const times = new Map();
        const conflicted = new Set();
        let ignoredTimes = 0;
        const seen = new Set();
        let url = `${this.baseUrl(ref.host)}/v2/${ref.repository}/tags/list`;
        const origin = new URL(url).origin;
        for (let page = 0; url !== undefined; page++) {
            if (page >= maxPages)
                throw new errors/* RegistryProtocolError */.SE(ref.host, `tag list has more than ${maxPages} pages`);
            if (seen.has(url))
                throw new errors/* RegistryProtocolError */.SE(ref.host, `tag list pagination loops at ${new URL(url).pathname}`);
            seen.add(url);
            const pageUrl = url;
            const { pageTags, pageTimes, next } = await this.get('tags', ref, pageUrl, { accept: 'application/json' }, (response) => {
                const body = parseJson(response, 'tag list');
                if (!(0,schemas/* validTagList */.N5)(body))
                    throw new errors/* RegistryProtocolError */.SE(ref.host, 'tag list is not {"name": ..., "tags": [...]}');
                return { pageTags: body.tags ?? [], pageTimes: timesFromManifestMap(body.manifest), next: (0,link_header/* nextLink */.I)(response.headers.get('link'), pageUrl) };
            });
            // A page may hold hundreds of thousands of tags: no spread into push().
            for (const tag of pageTags)
                listed.push(tag);
            ignoredTimes += pageTimes.ignored;
            for (const [tag, image] of pageTimes.times) {
                if (conflicted.has(tag))
                    continue;
                const earlier = times.get(tag);
                if (earlier && earlier.digest !== image.digest) {
                    // Two pages put one tag on two images: neither is believed.
                    times.delete(tag);
                    conflicted.add(tag);
                    ignoredTimes++;
                }
                else {
                    times.set(tag, image);
                }
            }
            if (next !== undefined && new URL(next).origin !== origin) {
                throw new errors/* RegistryProtocolError */.SE(ref.host, `tag list pagination leaves the registry (${new URL(next).origin})`);
            }
            url = next;
        }
        // The current image is served from this repository, so an honest registry lists at least one tag.
        if (listed.length === 0)
            throw new errors/* RegistryProtocolError */.SE(ref.host, `registry listed no tags for ${ref.repository} (untrusted answer)`);
        const warn = this.options.warn ?? this.options.log;
        if (ignoredTimes > 0)
            warn?.(`${(0,registry_reference/* repositoryName */.aR)(ref)}: ignored ${ignoredTimes} unreadable entr${ignoredTimes === 1 ? 'y' : 'ies'} of the tag list's manifest map`);
        const timed = sanitiseTimedTags({ tags: listed, times }, (0,registry_reference/* repositoryName */.aR)(ref), warn);
        if (timed.tags.length === 0)
            throw new errors/* RegistryProtocolError */.SE(ref.host, `registry listed no valid tags for ${ref.repository} (untrusted answer)`);
        return timed;
    }
    manifest(ref, reference) {
        return this.once(`manifest ${(0,registry_reference/* repositoryName */.aR)(ref)}@${reference}`, ref, () => {
            const url = `${this.baseUrl(ref.host)}/v2/${ref.repository}/manifests/${reference}`;
            return this.get('manifest', ref, url, { accept: MANIFEST_ACCEPT }, (response) => {
                const headerDigest = this.headerDigest(ref, response);
                const expected = reference.includes(':') ? reference : headerDigest;
                const algorithm = expected ? (0,sanitise/* digestAlgorithm */.g4)(expected) : 'sha256';
                if (!algorithm)
                    throw new errors/* RegistryProtocolError */.SE(ref.host, `manifest ${reference} is asked for by an invalid digest`);
                const actual = digestOf(response.body, algorithm);
                if (expected !== undefined && expected !== actual) {
                    throw new transport/* TransientError */.N_(`manifest ${reference} does not match its digest (truncated?)`);
                }
                const json = parseJson(response, `manifest ${reference}`);
                if (!(0,schemas/* validManifest */.Sc)(json))
                    throw new errors/* RegistryProtocolError */.SE(ref.host, `manifest ${reference} is not a manifest or index`);
                for (const descriptor of [...(json.config ? [json.config] : []), ...(json.manifests ?? [])]) {
                    if (!(0,grammar/* isDigest */.Bc)(descriptor.digest))
                        throw new errors/* RegistryProtocolError */.SE(ref.host, `manifest ${reference} refers to an invalid digest`);
                }
                const contentType = response.headers.get('content-type')?.split(';')[0]?.trim();
                const mediaType = json.mediaType ?? contentType ?? '';
                return { digest: headerDigest ?? actual, mediaType, json };
            });
        });
    }
    /** The `Docker-Content-Digest` header, which must be a sha256/sha512 digest when present. */
    headerDigest(ref, response) {
        const header = response.headers.get('docker-content-digest') ?? undefined;
        if (header !== undefined && !(0,grammar/* isDigest */.Bc)(header))
            throw new errors/* RegistryProtocolError */.SE(ref.host, 'registry sent an invalid Docker-Content-Digest header');
        return header;
    }
    blob(ref, digest) {
        return this.once(`blob ${(0,registry_reference/* repositoryName */.aR)(ref)}@${digest}`, ref, async () => {
            const algorithm = (0,sanitise/* digestAlgorithm */.g4)(digest);
            if (!algorithm)
                throw new errors/* RegistryProtocolError */.SE(ref.host, 'manifest refers to a config blob by an invalid digest');
            const url = `${this.baseUrl(ref.host)}/v2/${ref.repository}/blobs/${digest}`;
            return this.get('blob', ref, url, {}, (response) => {
                if (digestOf(response.body, algorithm) !== digest) {
                    throw new transport/* TransientError */.N_(`blob ${digest} does not match its digest (truncated?)`);
                }
                const json = parseJson(response, `blob ${digest}`);
                if (!(0,schemas/* validImageConfig */.QP)(json))
                    throw new errors/* RegistryProtocolError */.SE(ref.host, `blob ${digest} is not an image config`);
                return json;
            });
        });
    }
    async headDigest(ref, reference) {
        const url = `${this.baseUrl(ref.host)}/v2/${ref.repository}/manifests/${reference}`;
        try {
            const digest = await this.get('manifest', ref, url, { accept: MANIFEST_ACCEPT }, (response) => this.headerDigest(ref, response), 'HEAD');
            return digest ?? (await this.manifest(ref, reference)).digest;
        }
        catch (error) {
            if (error instanceof errors/* RegistryNotFoundError */.PB)
                return undefined;
            throw error;
        }
    }
    async configOf(ref, manifest) {
        if (isSchema1(manifest.mediaType) || (!manifest.json.config && manifest.json.history)) {
            const first = manifest.json.history?.[0]?.v1Compatibility;
            let v1 = {};
            try {
                v1 = first ? JSON.parse(first) : {};
            }
            catch {
                throw new errors/* RegistryProtocolError */.SE(ref.host, 'schema 1 manifest has an unreadable v1Compatibility');
            }
            if (!(0,schemas/* validImageConfig */.QP)(v1))
                throw new errors/* RegistryProtocolError */.SE(ref.host, 'schema 1 manifest has an unreadable v1Compatibility');
            const created = (0,sanitise/* parseCreated */.qQ)(v1.created);
            return { ...(created ? { created } : {}), labels: v1.config?.Labels ?? {} };
        }
        // A Helm chart's config is the chart's metadata, with no creation time: the manifest's annotation has it.
        if (!manifest.json.config?.digest || manifest.json.config.mediaType === HELM_CONFIG_MEDIA_TYPE)
            return { labels: {} };
        const config = await this.blob(ref, manifest.json.config.digest);
        const created = (0,sanitise/* parseCreated */.qQ)(config.created);
        return { ...(created ? { created } : {}), labels: config.config?.Labels ?? {} };
    }
    async fetchImageInfo(ref, reference) {
        const top = await this.manifest(ref, reference);
        const info = {
            digest: top.digest,
            mediaType: top.mediaType,
            labels: {},
            annotations: top.json.annotations ?? {},
            platforms: [],
        };
        if (!isIndex(top.mediaType) && !(top.json.manifests && !top.json.config)) {
            if (!isImageManifest(top.mediaType) && !isSchema1(top.mediaType) && !top.json.config) {
                throw new errors/* RegistryProtocolError */.SE(ref.host, `unsupported manifest type "${top.mediaType}"`);
            }
            const config = await this.configOf(ref, top);
            const created = config.created ?? (0,sanitise/* parseCreated */.qQ)(info.annotations[CREATED_ANNOTATION]);
            if (created)
                info.created = created;
            info.labels = config.labels;
            return info;
        }
        const children = (top.json.manifests ?? []).filter((d) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && d.platform?.os !== 'unknown');
        let newestLabels;
        for (const [index, platform] of (await Promise.all(children.map(async (descriptor) => {
            const child = await this.manifest(ref, descriptor.digest);
            const config = isIndex(child.mediaType) ? { labels: {} } : await this.configOf(ref, child);
            const entry = { digest: descriptor.digest };
            if (descriptor.platform?.os)
                entry.os = descriptor.platform.os;
            if (descriptor.platform?.architecture)
                entry.architecture = descriptor.platform.architecture;
            if (descriptor.platform?.variant)
                entry.variant = descriptor.platform.variant;
            if (config.created)
                entry.created = config.created;
            return { entry, labels: config.labels };
        }))).entries()) {
            info.platforms.push(platform.entry);
            const created = platform.entry.created;
            if (created && (!info.created || created.getTime() > info.created.getTime())) {
                info.created = created;
                newestLabels = platform.labels;
            }
            else if (index === 0 && !newestLabels) {
                newestLabels = platform.labels;
            }
        }
        info.labels = newestLabels ?? {};
        return info;
    }
}


/***/ }),

/***/ 3653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZX: () => (/* binding */ parseRegistryCredentials),
/* harmony export */   h3: () => (/* binding */ loadDockerConfig),
/* harmony export */   iT: () => (/* binding */ credentialResolver),
/* harmony export */   nx: () => (/* binding */ configKeyToHost)
/* harmony export */ });
/* unused harmony exports GOOGLE_TOKEN_USERNAME, isGoogleRegistry, isGithubRegistry, parseDockerConfig, DOCKER_HUB_SERVER_URL */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79310);
/**
 * Where registry credentials come from. For a host, the first source that has something wins:
 *
 * 1. explicit inputs (`registry-credentials`);
 * 2. the vendor's own identity: the GitHub token for GHCR, a Google access token for GCR / Artifact
 *    Registry, an ECR authorization token (AWS credentials), an ACR refresh token (Entra credentials) —
 *    a vendor that cannot get one (no cloud credentials here) is passed over with a warning;
 * 3. the docker config's `credHelpers[host]` helper, then its `credsStore` helper (run lazily, only for
 *    the host asked about — see credential-helpers.ts);
 * 4. the docker config's `auths` (as docker/login-action writes it).
 *
 * Cloud identities come before the docker config because they are what the workflow set up on purpose
 * (and renew themselves), while a docker config on a runner may hold stale logins.
 */




/** The username GCR and Artifact Registry expect with a Google access token as password. */
const GOOGLE_TOKEN_USERNAME = 'oauth2accesstoken';
/** `*.gcr.io`, `gcr.io`, `*-docker.pkg.dev`. */
function isGoogleRegistry(host) {
    const name = (0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .hostname */ .OI)(host).toLowerCase();
    return name === 'gcr.io' || name.endsWith('.gcr.io') || name.endsWith('-docker.pkg.dev');
}
function isGithubRegistry(host) {
    return (0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .hostname */ .OI)(host).toLowerCase() === 'ghcr.io';
}
/** A docker config `auths` key (a host, or a URL such as `https://index.docker.io/v1/`) as a registry host. */
function configKeyToHost(key) {
    let host = key.trim();
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(host);
    if (scheme)
        host = host.slice(scheme[0].length);
    const slash = host.indexOf('/');
    if (slash >= 0)
        host = host.slice(0, slash);
    return (0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeHost */ .cS)(host);
}
function parseDockerConfig(text, file) {
    const result = { credentials: {}, helpers: { credHelpers: {} }, warnings: [] };
    if (file !== undefined)
        result.file = file;
    const where = file ?? 'docker config';
    let config;
    try {
        config = JSON.parse(text);
    }
    catch {
        result.warnings.push(`${where} is not valid JSON; ignoring it`);
        return result;
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
        result.warnings.push(`${where} is not a JSON object; ignoring it`);
        return result;
    }
    if (typeof config.credsStore === 'string' && config.credsStore !== '')
        result.helpers.credsStore = config.credsStore;
    else if (config.credsStore !== undefined && config.credsStore !== '')
        result.warnings.push(`${where}: "credsStore" must be a helper name (a string); ignoring it`);
    if (config.credHelpers !== undefined) {
        if (typeof config.credHelpers !== 'object' || config.credHelpers === null || Array.isArray(config.credHelpers)) {
            result.warnings.push(`${where}: "credHelpers" must be an object of host -> helper name; ignoring it`);
        }
        else {
            for (const [key, helper] of Object.entries(config.credHelpers)) {
                if (typeof helper === 'string' && helper !== '')
                    result.helpers.credHelpers[key] = helper;
                else
                    result.warnings.push(`${where}: credHelpers entry for ${configKeyToHost(key).slice(0, 253)} is not a helper name; ignoring it`);
            }
        }
    }
    for (const [key, entry] of Object.entries(config.auths ?? {})) {
        const host = configKeyToHost(key);
        if (typeof entry !== 'object' || entry === null)
            continue;
        if (entry.registrytoken) {
            result.credentials[host] = { token: entry.registrytoken };
        }
        else if (entry.username !== undefined && entry.password !== undefined) {
            result.credentials[host] = { username: entry.username, password: entry.password };
        }
        else if (entry.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon <= 0) {
                result.warnings.push(`docker config entry for ${host} has an unreadable "auth"; ignoring it`);
                continue;
            }
            result.credentials[host] = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        }
        else if (entry.identitytoken) {
            result.credentials[host] = { identityToken: entry.identitytoken };
        }
    }
    return result;
}
/** Reads `$DOCKER_CONFIG/config.json`, or `~/.docker/config.json`; a missing file is no credentials. */
async function loadDockerConfig(env = process.env) {
    const dir = env.DOCKER_CONFIG ?? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.HOME ?? (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.docker');
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'config.json');
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { credentials: {}, helpers: { credHelpers: {} }, warnings: [] };
        return { credentials: {}, helpers: { credHelpers: {} }, warnings: [`cannot read ${file}: ${error.message}`] };
    }
    return parseDockerConfig(text, file);
}
function lookupKey(map, host) {
    if (!map)
        return undefined;
    const wanted = (0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeHost */ .cS)(host);
    for (const [key, value] of Object.entries(map)) {
        if (configKeyToHost(key) === wanted)
            return { key, value };
    }
    return undefined;
}
function lookup(map, host) {
    return lookupKey(map, host)?.value;
}
/** The key docker uses for Docker Hub in its config and when asking credential helpers. */
const DOCKER_HUB_SERVER_URL = 'https://index.docker.io/v1/';
/** What `credsStore` is asked for a host: docker's Hub URL for Docker Hub, else the host. (`credHelpers` get their config key.) */
function helperServerUrl(host) {
    return (0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeHost */ .cS)(host) === _reference_js__WEBPACK_IMPORTED_MODULE_3__/* .DOCKER_HUB_HOST */ .OC ? DOCKER_HUB_SERVER_URL : host;
}
function credentialResolver(sources) {
    const vendors = [...(sources.vendors ?? [])];
    const { googleAccessToken } = sources;
    if (googleAccessToken) {
        vendors.unshift({
            name: 'Google',
            handles: isGoogleRegistry,
            credential: async () => {
                const token = await googleAccessToken();
                return token ? { username: GOOGLE_TOKEN_USERNAME, password: token } : undefined;
            },
        });
    }
    const unavailable = new Map();
    const vendor = async (host) => {
        if (sources.githubToken && isGithubRegistry(host)) {
            return { username: sources.githubUser ?? 'x-access-token', password: sources.githubToken };
        }
        for (const source of vendors) {
            if (!source.handles(host))
                continue;
            try {
                const found = await source.credential(host);
                if (found)
                    return found;
            }
            catch (error) {
                const why = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);
                sources.warn?.(`${host}: no ${source.name} credentials from the environment (${why}); trying the docker config`);
                unavailable.set((0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeHost */ .cS)(host), `no ${source.name} credentials from the environment: ${why}`);
            }
        }
        return undefined;
    };
    const resolve = async (host) => {
        const explicit = lookup(sources.explicit, host);
        if (explicit)
            return explicit;
        const fromVendor = await vendor(host);
        if (fromVendor)
            return fromVendor;
        if (sources.runHelper && sources.dockerHelpers) {
            const helper = lookupKey(sources.dockerHelpers.credHelpers, host);
            // A host with its own helper is that helper's alone, as in docker: no fall-back to credsStore.
            if (helper)
                return (await sources.runHelper(helper.value, helper.key)) ?? lookup(sources.dockerConfig, host);
            if (sources.dockerHelpers.credsStore) {
                const stored = await sources.runHelper(sources.dockerHelpers.credsStore, helperServerUrl(host));
                if (stored)
                    return stored;
            }
        }
        return lookup(sources.dockerConfig, host);
    };
    resolve.unavailable = (host) => unavailable.get((0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeHost */ .cS)(host));
    return resolve;
}
/**
 * The `registry-credentials` input: a JSON object from registry host to `{"username", "password"}` or
 * `{"token"}`, e.g. `{"registry.example.com": {"username": "ci", "password": "${{ secrets.REGISTRY_PASSWORD }}"}}`.
 * Throws with what was expected, never echoing a value (they are secrets).
 */
function parseRegistryCredentials(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new Error('registry-credentials must be a JSON object: {"HOST": {"username": "...", "password": "..."}} or {"HOST": {"token": "..."}}');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('registry-credentials must be a JSON object keyed by registry host');
    }
    const credentials = {};
    for (const [host, value] of Object.entries(parsed)) {
        const entry = value;
        if (entry && typeof entry.username === 'string' && typeof entry.password === 'string' && entry.token === undefined) {
            credentials[host] = { username: entry.username, password: entry.password };
        }
        else if (entry && typeof entry.token === 'string' && entry.username === undefined && entry.password === undefined) {
            credentials[host] = { token: entry.token };
        }
        else {
            throw new Error(`registry-credentials: "${host}" must be {"username": "...", "password": "..."} or {"token": "..."} (strings)`);
        }
    }
    return credentials;
}


/***/ }),

/***/ 89857:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   vp: () => (/* binding */ EcrCredentials),
/* harmony export */   yH: () => (/* binding */ ECR_LISTING)
/* harmony export */ });
/* unused harmony exports parseEcrHost, isEcrRegistry, ecrListing */
/* harmony import */ var _concurrency_renewing_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(12716);
/* harmony import */ var _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9600);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6764);
/* harmony import */ var _listing_unavailable_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54088);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79310);
/* harmony import */ var _sanitise_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26785);
/**
 * Amazon ECR: registry hosts, credentials from the workflow's AWS identity, and the DescribeImages
 * listing that carries push times.
 *
 * Credentials: ECR's GetAuthorizationToken (per region, valid for every registry the identity may read
 * there, for 12 hours) gives base64 `AWS:PASSWORD`, sent as Basic auth. One token per region is fetched
 * and reused until shortly before it expires. AWS credentials come from the SDK's default chain
 * (environment, web identity, SSO, instance role) unless a provider is given.
 */






const ECR_HOST = /^(\d{12})\.dkr\.(ecr|ecr-fips)\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazonaws\.com(\.cn)?$/;
/** `ACCOUNT.dkr.ecr.REGION.amazonaws.com` (`.com.cn` in China, `ecr-fips` for FIPS endpoints), else undefined. */
function parseEcrHost(host) {
    if (host.includes(':'))
        return undefined;
    const match = ECR_HOST.exec((0,_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .hostname */ .OI)(host).toLowerCase());
    if (!match)
        return undefined;
    const region = match[3];
    // The China suffix goes with the China regions only, and the other way round.
    if ((match[4] !== undefined) !== region.startsWith('cn-'))
        return undefined;
    return { accountId: match[1], region, fips: match[2] === 'ecr-fips' };
}
function isEcrRegistry(host) {
    return parseEcrHost(host) !== undefined;
}
/** The SDK's own retries and timeouts, so an unreachable AWS endpoint fails in seconds, not minutes. */
const SDK_LIMITS = { maxAttempts: 3, requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 } };
async function ecrClient(registry, options) {
    const { ECRClient } = await Promise.all(/* import() */[__webpack_require__.e(430), __webpack_require__.e(118), __webpack_require__.e(861), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 28249, 19));
    const env = options.env ?? process.env;
    const endpoint = env.AWS_ENDPOINT_URL_ECR || env.AWS_ENDPOINT_URL;
    const config = { region: registry.region, ...SDK_LIMITS };
    if (registry.fips)
        config.useFipsEndpoint = true;
    if (endpoint)
        config.endpoint = endpoint;
    if (options.credentials)
        config.credentials = options.credentials;
    return new ECRClient(config);
}
function describe(error) {
    if (!(error instanceof Error))
        return String(error);
    const message = error.message.split('\n')[0].slice(0, 300);
    return error.name && error.name !== 'Error' && !message.startsWith(error.name) ? `${error.name}: ${message}` : message;
}
/** The SDK found no AWS credentials at all: worth remembering, since looking again probes the instance metadata service. */
function noAwsCredentials(error) {
    return error instanceof Error && error.name === 'CredentialsProviderError';
}
/** Renew this long before expiry: 5 minutes, or a tenth of a short-lived token's life. */
function renewMargin(lifetimeMs) {
    return Math.min(5 * 60_000, Math.max(0, lifetimeMs / 10));
}
/** Without an expiry in the answer, ECR's documented 12 hours are assumed. */
const DEFAULT_TOKEN_MS = 12 * 3600_000;
/** ECR authorization tokens, one per region (and FIPS-ness), renewed before they expire. */
class EcrCredentials {
    options;
    name = 'ECR';
    cache;
    now;
    unavailable;
    /** GetAuthorizationToken calls made, for tests and stats. */
    tokenRequests = 0;
    constructor(options = {}) {
        this.options = options;
        this.now = options.now ?? Date.now;
        this.cache = new _concurrency_renewing_js__WEBPACK_IMPORTED_MODULE_5__/* .RenewingByKey */ .G((credential) => credential.expiresAt, this.now);
    }
    handles(host) {
        return isEcrRegistry(host);
    }
    credential(host) {
        const registry = parseEcrHost(host);
        if (!registry)
            return Promise.reject(new Error(`${host} is not an ECR registry host`));
        if (this.unavailable)
            return Promise.reject(this.unavailable);
        const key = `${registry.region}${registry.fips ? ' fips' : ''}`;
        return this.cache.get(key, () => this.fetchToken(registry).catch((error) => {
            if (noAwsCredentials(error.cause))
                this.unavailable = error;
            throw error;
        }));
    }
    async fetchToken(registry) {
        const { GetAuthorizationTokenCommand } = await Promise.all(/* import() */[__webpack_require__.e(430), __webpack_require__.e(118), __webpack_require__.e(861), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 28249, 19));
        const client = await ecrClient(registry, this.options);
        const requestedAt = this.now();
        this.tokenRequests++;
        let data;
        try {
            data = (await client.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
        }
        catch (error) {
            throw new Error(`ECR GetAuthorizationToken in ${registry.region} failed: ${describe(error)}`, { cause: error });
        }
        finally {
            client.destroy();
        }
        const decoded = data?.authorizationToken ? Buffer.from(data.authorizationToken, 'base64').toString('utf8') : '';
        const colon = decoded.indexOf(':');
        if (colon <= 0 || colon === decoded.length - 1)
            throw new Error(`ECR GetAuthorizationToken in ${registry.region} sent no usable token`);
        const credential = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        this.options.onSecret?.(credential.password);
        this.options.onSecret?.(data.authorizationToken);
        const expires = data?.expiresAt instanceof Date && Number.isFinite(data.expiresAt.getTime()) ? data.expiresAt.getTime() : requestedAt + DEFAULT_TOKEN_MS;
        const expiresAt = expires - renewMargin(expires - requestedAt);
        return { ...credential, expiresAt };
    }
}
/** DescribeImages page size, the API's maximum. */
const PAGE_SIZE = 1000;
/** ECR's DescribeImages: every tagged image with its tags, digest and push time. */
function ecrListing(options = {}) {
    let unavailable;
    return {
        name: 'ECR DescribeImages',
        handles: isEcrRegistry,
        async list(ref, context) {
            const registry = parseEcrHost(ref.host);
            if (unavailable)
                throw new _listing_unavailable_js__WEBPACK_IMPORTED_MODULE_2__/* .ListingUnavailableError */ .r(unavailable);
            const { DescribeImagesCommand } = await Promise.all(/* import() */[__webpack_require__.e(430), __webpack_require__.e(118), __webpack_require__.e(861), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 28249, 19));
            const client = await ecrClient(registry, { ...options, env: options.env ?? context.env });
            const tags = [];
            const times = new Map();
            const listed = new Set();
            let dropped = 0;
            let firstDropped;
            try {
                let nextToken;
                for (let page = 0; page === 0 || nextToken !== undefined; page++) {
                    if (page >= context.maxPages)
                        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, `ECR DescribeImages has more than ${context.maxPages} pages`);
                    let answer;
                    try {
                        answer = await client.send(new DescribeImagesCommand({
                            registryId: registry.accountId,
                            repositoryName: ref.repository,
                            filter: { tagStatus: 'TAGGED' },
                            maxResults: PAGE_SIZE,
                            ...(nextToken !== undefined ? { nextToken } : {}),
                        }));
                    }
                    catch (error) {
                        // No AWS identity, or one without ecr:DescribeImages (pull-only policies often lack it): the
                        // registry itself still answers, so it lists instead; its errors are the ones that count.
                        const reason = `DescribeImages failed: ${describe(error)}`;
                        if (noAwsCredentials(error))
                            unavailable = reason;
                        throw new _listing_unavailable_js__WEBPACK_IMPORTED_MODULE_2__/* .ListingUnavailableError */ .r(reason);
                    }
                    for (const image of answer.imageDetails ?? []) {
                        const created = image.imagePushedAt instanceof Date && Number.isFinite(image.imagePushedAt.getTime()) ? image.imagePushedAt : undefined;
                        for (const tag of image.imageTags ?? []) {
                            if (!(0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isOciTag */ .i1)(tag)) {
                                if (dropped++ === 0)
                                    firstDropped = tag;
                                continue;
                            }
                            if (listed.has(tag))
                                continue;
                            listed.add(tag);
                            tags.push(tag);
                            if (created)
                                times.set(tag, (0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(image.imageDigest) ? { created, digest: image.imageDigest } : { created });
                        }
                    }
                    if (answer.nextToken !== undefined && answer.nextToken === nextToken)
                        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, 'ECR DescribeImages pagination loops');
                    nextToken = answer.nextToken || undefined;
                }
            }
            finally {
                client.destroy();
            }
            if (dropped > 0)
                context.warn?.(`${ref.host}/${ref.repository}: ignored ${dropped} invalid tag${dropped === 1 ? '' : 's'} (e.g. "${(0,_sanitise_js__WEBPACK_IMPORTED_MODULE_4__/* .hostileExcerpt */ .UM)(firstDropped)}")`);
            if (tags.length === 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryProtocolError */ .SE(ref.host, `ECR listed no valid tags for ${ref.repository} (untrusted answer)`);
            return { tags, times };
        },
    };
}
const ECR_LISTING = ecrListing();


/***/ }),

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PB: () => (/* binding */ RegistryNotFoundError),
/* harmony export */   SE: () => (/* binding */ RegistryProtocolError),
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   i$: () => (/* binding */ RegistryUnavailableError),
/* harmony export */   w4: () => (/* binding */ RegistryAuthError)
/* harmony export */ });
/** Anything a registry or chart repository query can fail with; `reason` is fit for a summary table. */
class RegistryError extends Error {
    registry;
    reason;
    constructor(registry, reason, options) {
        super(`${registry}: ${reason}`, options);
        this.registry = registry;
        this.reason = reason;
        this.name = new.target.name;
    }
}
/** The registry kept failing (rate limits, 5xx, timeouts, broken bodies) after every retry. */
class RegistryUnavailableError extends RegistryError {
}
/** The registry refused our credentials, or wants credentials we do not have. */
class RegistryAuthError extends RegistryError {
}
/** The repository, tag or blob does not exist. */
class RegistryNotFoundError extends RegistryError {
}
/** The registry answered, but with something that is not what the distribution spec says. */
class RegistryProtocolError extends RegistryError {
}


/***/ }),

/***/ 53199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ DEFAULT_BODY_LIMITS),
/* harmony export */   w: () => (/* binding */ HELM_INDEX_MAX_ALIASES)
/* harmony export */ });
const KiB = 1024;
const MiB = 1024 * KiB;
const DEFAULT_BODY_LIMITS = {
    ping: 64 * KiB,
    token: 64 * KiB,
    tags: 16 * MiB,
    manifest: 4 * MiB,
    blob: 8 * MiB,
    index: 64 * MiB,
};
/** Aliases an `index.yaml` may use; a billion-laughs document needs far more. */
const HELM_INDEX_MAX_ALIASES = 100;


/***/ }),

/***/ 32977:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ nextLink)
/* harmony export */ });
/** `rel="next"` of a `Link` header, resolved against the page it came from. */
function nextLink(link, pageUrl) {
    if (!link)
        return undefined;
    for (const part of link.split(/,(?=\s*<)/)) {
        const match = /^\s*<([^>]*)>(.*)$/.exec(part);
        if (match?.[1] !== undefined && /;\s*rel="?next"?/i.test(match[2] ?? ''))
            return new URL(match[1], pageUrl).toString();
    }
    return undefined;
}


/***/ }),

/***/ 54088:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ ListingUnavailableError)
/* harmony export */ });
/**
 * Thrown by a vendor listing that cannot answer for this repository (a private repository the vendor API
 * will not show, a name the API has no form for): the client then lists through the registry instead.
 * Its own module so that listing modules and listing-times.ts, which registers them, do not import each other.
 */
class ListingUnavailableError extends Error {
    reason;
    constructor(reason) {
        super(reason);
        this.reason = reason;
        this.name = 'ListingUnavailableError';
    }
}


/***/ }),

/***/ 79310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OC: () => (/* binding */ DOCKER_HUB_HOST),
/* harmony export */   OI: () => (/* binding */ hostname),
/* harmony export */   U9: () => (/* binding */ isLoopback),
/* harmony export */   aR: () => (/* binding */ repositoryName),
/* harmony export */   cS: () => (/* binding */ normalizeHost),
/* harmony export */   o_: () => (/* binding */ parseImageReference)
/* harmony export */ });
/* unused harmony export InvalidReferenceError */
/* harmony import */ var _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9600);
/**
 * Image references as docker reads them: `[host[:port]/]path[:tag][@digest]`. The first component is a
 * host when it contains `.` or `:`, is `localhost`, or is a bracketed IPv6 address; otherwise the image is
 * on Docker Hub, where one-component names live under `library/`.
 */

const DOCKER_HUB_HOST = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
class InvalidReferenceError extends Error {
    constructor(reference, why) {
        super(`invalid image reference "${reference}": ${why}`);
        this.name = 'InvalidReferenceError';
    }
}
/** Docker Hub's many names become the API host; hosts are lower-cased. */
function normalizeHost(host) {
    const lower = host.toLowerCase();
    return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB_HOST : lower;
}
function looksLikeHost(component) {
    return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[');
}
function parseImageReference(reference) {
    let rest = reference.trim();
    if (rest === '')
        throw new InvalidReferenceError(reference, 'empty');
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            throw new InvalidReferenceError(reference, `bad digest "${digest}"`);
    }
    let host = DOCKER_HUB_HOST;
    const slash = rest.indexOf('/');
    if (slash > 0 && looksLikeHost(rest.slice(0, slash))) {
        host = normalizeHost(rest.slice(0, slash));
        rest = rest.slice(slash + 1);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .OCI_TAG */ .Pz.test(tag))
            throw new InvalidReferenceError(reference, `bad tag "${tag}"`);
    }
    const components = rest.split('/');
    for (const component of components) {
        if (!PATH_COMPONENT.test(component)) {
            throw new InvalidReferenceError(reference, `bad repository path component "${component}"`);
        }
    }
    if (host === DOCKER_HUB_HOST && components.length === 1)
        rest = `library/${rest}`;
    const parsed = { host, repository: rest };
    if (tag !== undefined)
        parsed.tag = tag;
    if (digest !== undefined)
        parsed.digest = digest;
    return parsed;
}
/** `host/repository`, the canonical name used as a cache key and in messages. */
function repositoryName(ref) {
    return `${ref.host}/${ref.repository}`;
}
/** The host without its port, brackets removed for IPv6. */
function hostname(host) {
    if (host.startsWith('['))
        return host.slice(1, host.indexOf(']'));
    const colon = host.lastIndexOf(':');
    return colon >= 0 ? host.slice(0, colon) : host;
}
/** Loopback hosts are reached over plain HTTP, as docker does. */
function isLoopback(host) {
    const name = hostname(host).toLowerCase();
    return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}


/***/ }),

/***/ 26785:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mu: () => (/* binding */ keepValid),
/* harmony export */   UM: () => (/* binding */ hostileExcerpt),
/* harmony export */   g4: () => (/* binding */ digestAlgorithm),
/* harmony export */   mZ: () => (/* binding */ isHeaderSafeToken),
/* harmony export */   qQ: () => (/* binding */ parseCreated)
/* harmony export */ });
/* harmony import */ var _model_excerpt_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24664);
/* harmony import */ var _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9600);
/**
 * Checks of single values a registry or chart repository sends, before they are compared, stored or
 * written, and the one warning line that says how many were dropped.
 */


/** A hostile value as a warning shows it: escaped, at most 24 characters. */
function hostileExcerpt(value) {
    return (0,_model_excerpt_js__WEBPACK_IMPORTED_MODULE_1__/* .excerpt */ .Kb)(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)), 24);
}
/** Keeps the values `valid` accepts; says once (through `warn`) how many were dropped and what the first looked like. */
function keepValid(values, valid, what, source, warn) {
    const kept = [];
    let dropped = 0;
    let first;
    for (const value of values) {
        if (valid(value))
            kept.push(value);
        else if (dropped++ === 0)
            first = value;
    }
    if (dropped > 0)
        warn?.(`${source}: ignored ${dropped} invalid ${what}${dropped === 1 ? '' : 's'} (e.g. "${hostileExcerpt(first)}")`);
    return kept;
}
/** An RFC 3339 time as a Date; undefined for anything else (including dates JavaScript would guess at). */
function parseCreated(value) {
    return (0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isRfc3339 */ .yk)(value) ? new Date(value) : undefined;
}
/** The digest algorithms kubecd can verify a body against. */
function digestAlgorithm(digest) {
    if (!(0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(digest))
        return undefined;
    return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}
/** A token a registry or vendor API gave that an `Authorization` header can carry: printable ASCII, at most 16 KiB. */
function isHeaderSafeToken(token) {
    return token.length > 0 && token.length <= 16_384 && !/[^\x21-\x7e]/.test(token);
}


/***/ }),

/***/ 9843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $t: () => (/* binding */ validHelmIndexEntry),
/* harmony export */   Am: () => (/* binding */ validToken),
/* harmony export */   H8: () => (/* binding */ validHelmIndex),
/* harmony export */   N5: () => (/* binding */ validTagList),
/* harmony export */   QP: () => (/* binding */ validImageConfig),
/* harmony export */   Sc: () => (/* binding */ validManifest)
/* harmony export */ });
/* harmony import */ var ajv__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(42463);
/* harmony import */ var ajv__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(ajv__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The shapes of what registries and chart repositories send, as JSON schemas (ajv). They check structure
 * only; the grammar of each value (tag, digest, version, date) is checked where it is used, so one bad
 * entry in a listing is dropped instead of failing the whole answer.
 */

const ajv = new ajv__WEBPACK_IMPORTED_MODULE_0__.Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const validTagList = ajv.compile({
    type: 'object',
    required: ['tags'],
    properties: { name: { type: 'string' }, tags: { type: ['array', 'null'] } },
});
const validToken = ajv.compile({
    type: 'object',
    properties: {
        token: { type: 'string', minLength: 1, maxLength: 16_384 },
        access_token: { type: 'string', minLength: 1, maxLength: 16_384 },
        expires_in: { type: 'number' },
    },
    anyOf: [{ required: ['token'] }, { required: ['access_token'] }],
});
const descriptor = {
    type: 'object',
    required: ['digest'],
    properties: {
        mediaType: { type: 'string' },
        digest: { type: 'string' },
        size: { type: 'number' },
        platform: {
            type: 'object',
            properties: { os: { type: 'string' }, architecture: { type: 'string' }, variant: { type: 'string' } },
        },
        annotations: stringMap,
    },
};
const validManifest = ajv.compile({
    type: 'object',
    properties: {
        mediaType: { type: 'string' },
        config: descriptor,
        manifests: { type: 'array', items: descriptor },
        annotations: stringMap,
        history: { type: 'array', items: { type: 'object', properties: { v1Compatibility: { type: 'string' } } } },
    },
});
const validImageConfig = ajv.compile({
    type: 'object',
    properties: {
        created: { type: 'string' },
        config: {
            type: ['object', 'null'],
            properties: { Labels: { type: ['object', 'null'], additionalProperties: { type: 'string' } } },
        },
    },
});
const validHelmIndexEntry = ajv.compile({
    type: 'object',
    required: ['version'],
    properties: {
        version: { type: ['string', 'number'] },
        created: { type: 'string' },
        digest: { type: 'string' },
        deprecated: { type: 'boolean' },
    },
});
const validHelmIndex = ajv.compile({
    type: 'object',
    required: ['apiVersion'],
    properties: { apiVersion: { type: 'string' }, entries: { type: ['object', 'null'] } },
});


/***/ }),

/***/ 99490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i5: () => (/* reexport */ RetriesExhaustedError),
  N_: () => (/* reexport */ TransientError),
  oK: () => (/* binding */ Transport)
});

// UNUSED EXPORTS: MAX_REDIRECTS, RedirectRefusedError, ResponseTooLargeError, emptyStats, readCapped

// EXTERNAL MODULE: ./src/exec/redact.ts
var redact = __webpack_require__(84524);
;// CONCATENATED MODULE: ./src/concurrency/semaphore.ts
/** At most `limit` holders at a time; waiters are served first come, first served. */
class Semaphore {
    limit;
    active = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
        if (!Number.isInteger(limit) || limit < 1)
            throw new RangeError(`semaphore limit must be >= 1, got ${limit}`);
    }
    async run(task) {
        await this.acquire();
        try {
            return await task();
        }
        finally {
            this.release();
        }
    }
    acquire() {
        if (this.active < this.limit) {
            this.active++;
            return Promise.resolve();
        }
        return new Promise((resolve) => this.waiting.push(resolve));
    }
    release() {
        const next = this.waiting.shift();
        // The slot passes straight to the next waiter, so `active` stays the same.
        if (next)
            next();
        else
            this.active--;
    }
}

// EXTERNAL MODULE: ./src/fs/confined.ts
var confined = __webpack_require__(58755);
// EXTERNAL MODULE: ./src/registry/limits.ts
var limits = __webpack_require__(53199);
;// CONCATENATED MODULE: ./src/registry/endpoints.ts
class EndpointOverrideError extends Error {
}
function registryEndpointOverrides(env = process.env) {
    const text = env.KUBECD_REGISTRY_ENDPOINTS;
    const overrides = new Map();
    if (!text)
        return overrides;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new EndpointOverrideError('KUBECD_REGISTRY_ENDPOINTS is not a JSON object of host -> URL');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new EndpointOverrideError('KUBECD_REGISTRY_ENDPOINTS is not a JSON object of host -> URL');
    for (const [host, target] of Object.entries(parsed)) {
        if (typeof target !== 'string' || !/^https?:\/\//.test(target))
            throw new EndpointOverrideError(`KUBECD_REGISTRY_ENDPOINTS: ${host.slice(0, 64)} needs an http(s) URL`);
        overrides.set(host.toLowerCase(), new URL(target));
    }
    return overrides;
}
/** The URL a request for `url` is really sent to. */
function routed(url, overrides) {
    const target = overrides.get(url.host.toLowerCase());
    if (!target)
        return url;
    const rerouted = new URL(url.pathname + url.search, target);
    return rerouted;
}
/** A fetch that sends requests for overridden hosts to their stand-ins. */
function routedFetch(fetchImpl, overrides) {
    if (overrides.size === 0)
        return fetchImpl;
    return ((input, init) => {
        const url = input instanceof Request ? new URL(input.url) : new URL(input);
        return fetchImpl(routed(url, overrides), init);
    });
}

;// CONCATENATED MODULE: ./src/registry/retry.ts
/**
 * Retries with exponential backoff and jitter, honouring `Retry-After`, for any HTTP exchange: the
 * registry client and the Helm repository source both run their requests through {@link withRetry}.
 */
const DEFAULT_RETRY_POLICY = {
    attempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 8_000,
    maxRetryAfterMs: 60_000,
    timeoutMs: 15_000,
};
/** A failure worth trying again (429, 5xx, network error, timeout, truncated or invalid body). */
class TransientError extends Error {
    retryAfterMs;
    constructor(message, retryAfterMs, options) {
        super(message, options);
        this.retryAfterMs = retryAfterMs;
        this.name = 'TransientError';
    }
}
/** Every attempt failed transiently; `lastReason` says how the last one failed. */
class RetriesExhaustedError extends Error {
    lastReason;
    attempts;
    constructor(lastReason, attempts, options) {
        super(`${lastReason} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`, options);
        this.lastReason = lastReason;
        this.attempts = attempts;
        this.name = 'RetriesExhaustedError';
    }
}
/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
function isTransientStatus(status) {
    return status === 429 || status === 408 || status >= 500;
}
const NETWORK_CODES = {
    ECONNREFUSED: (where) => `connection refused by ${where}`,
    ECONNRESET: (where) => `connection reset by ${where}`,
    EPIPE: (where) => `connection reset by ${where}`,
    UND_ERR_SOCKET: (where) => `connection reset by ${where}`,
    UND_ERR_CLOSED: (where) => `connection closed by ${where}`,
    ENOTFOUND: (where) => `${where} not found (DNS)`,
    EAI_AGAIN: (where) => `${where} not found (DNS lookup failed)`,
    EHOSTUNREACH: (where) => `${where} is unreachable`,
    ENETUNREACH: (where) => `${where} is unreachable`,
    UND_ERR_RES_CONTENT_LENGTH_MISMATCH: (where) => `${where} sent a body shorter or longer than it announced`,
    UND_ERR_INVALID_ARG: (where) => `${where} sent a malformed HTTP answer`,
    HPE_INVALID_CONSTANT: (where) => `${where} sent a malformed HTTP answer`,
    HPE_INVALID_HEADER_TOKEN: (where) => `${where} sent a malformed HTTP header`,
};
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_)/;
function errorCode(error) {
    let current = error;
    for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
        const code = current.code;
        if (typeof code === 'string')
            return code;
        current = current.cause;
    }
    return undefined;
}
function seconds(ms) {
    return `${Math.round(ms / 100) / 10} s`;
}
/**
 * Plain text for a failed exchange (network error, timeout, abort), naming `where` (a host) — the one
 * place undici's codes (`UND_ERR_SOCKET`, `fetch failed`) become words. Undefined when `error` is not a
 * network failure.
 */
function describeNetworkError(error, timeoutMs, where = 'the server') {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        return `timed out after ${seconds(timeoutMs)}`;
    const code = errorCode(error);
    if (code && TIMEOUT_CODES.has(code))
        return `timed out after ${seconds(timeoutMs)}`;
    if (code && NETWORK_CODES[code])
        return NETWORK_CODES[code](where);
    if (code && TLS_CODE.test(code))
        return `TLS handshake with ${where} failed (certificate not accepted)`;
    if (error instanceof TypeError || code)
        return `network error talking to ${where}`;
    return undefined;
}
/** Turns a fetch failure (network error, abort by timeout) into a TransientError; anything else is rethrown. */
function classifyFetchError(error, timeoutMs, where) {
    if (error instanceof TransientError)
        throw error;
    const description = describeNetworkError(error, timeoutMs, where);
    if (description)
        throw new TransientError(description, undefined, { cause: error });
    throw error;
}
/** Exponential backoff with jitter in [50%, 100%] of the step, never less than what `Retry-After` asked. */
function retryDelay(policy, retryIndex, retryAfterMs) {
    const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
    const jittered = step * (0.5 + Math.random() * 0.5);
    return Math.max(jittered, retryAfterMs ?? 0);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Runs `attempt` until it succeeds, throws something other than a TransientError (passed through), or the
 * attempts run out (RetriesExhaustedError). `attempt` gets an abort signal that fires at the policy's timeout.
 */
async function withRetry(policy, attempt, hooks = {}) {
    let last;
    const attempts = Math.max(1, policy.attempts);
    for (let index = 0; index < attempts; index++) {
        if (index > 0 && last) {
            const delay = retryDelay(policy, index - 1, last.retryAfterMs);
            hooks.onRetry?.(last.message, delay);
            await sleep(delay);
        }
        try {
            return await attempt(AbortSignal.timeout(policy.timeoutMs));
        }
        catch (error) {
            if (!(error instanceof TransientError)) {
                try {
                    classifyFetchError(error, policy.timeoutMs);
                }
                catch (classified) {
                    if (!(classified instanceof TransientError))
                        throw classified;
                    last = classified;
                }
            }
            else {
                last = error;
            }
            if (last.retryAfterMs !== undefined && last.retryAfterMs > policy.maxRetryAfterMs) {
                throw new RetriesExhaustedError(`${last.message}; Retry-After ${Math.round(last.retryAfterMs / 1000)} s is too long to wait`, index + 1, { cause: last });
            }
        }
    }
    throw new RetriesExhaustedError(last?.message ?? 'failed', attempts, { cause: last });
}

;// CONCATENATED MODULE: ./src/registry/transport.ts
/**
 * One place every registry HTTP request goes through: bounded concurrency, retries, per-request
 * timeouts, body size caps, redirects, plain-text network errors, and request counting. It knows nothing
 * about authentication beyond never carrying an `authorization` header to another origin.
 */






function emptyStats() {
    return { requests: 0, retries: 0, byKind: { ping: 0, token: 0, tags: 0, manifest: 0, blob: 0, index: 0 } };
}
/** Redirects followed per request at most. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** An answer over its size cap: not retried, the trigger that needed it is skipped. */
class ResponseTooLargeError extends Error {
    host;
    limit;
    constructor(host, limit) {
        super(`response from ${host} exceeds ${(0,confined/* formatBytes */.z3)(limit)}`);
        this.host = host;
        this.limit = limit;
        this.name = 'ResponseTooLargeError';
    }
}
/** A redirect that is not followed: too many hops, no Location, or a location that is not http(s). */
class RedirectRefusedError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RedirectRefusedError';
    }
}
/** Reads a body chunk by chunk, aborting as soon as it passes `limit` bytes. */
async function readCapped(response, limit, host) {
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) {
        await response.body?.cancel().catch(() => undefined);
        throw new ResponseTooLargeError(host, limit);
    }
    if (!response.body)
        return Buffer.alloc(0);
    const reader = response.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        total += value.byteLength;
        if (total > limit) {
            await reader.cancel().catch(() => undefined);
            throw new ResponseTooLargeError(host, limit);
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks, total);
}
class Transport {
    options;
    stats = emptyStats();
    policy;
    semaphore;
    fetchImpl;
    constructor(options = {}) {
        this.options = options;
        this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
        this.semaphore = new Semaphore(options.concurrency ?? 8);
        this.fetchImpl = routedFetch(options.fetch ?? fetch, registryEndpointOverrides(options.env));
    }
    /**
     * Sends a request, retrying transient failures; `check` may throw a TransientError to retry on a bad
     * body (a digest mismatch, invalid JSON) or return the parsed value. `headers` is called per attempt,
     * so a refreshed token is used on a retry. Throws RetriesExhaustedError when every attempt failed.
     */
    async send(kind, url, init, check) {
        let attempt = 0;
        const limit = this.options.bodyLimits?.[kind] ?? limits/* DEFAULT_BODY_LIMITS */.M[kind];
        return withRetry(this.policy, async (signal) => {
            const headers = { 'user-agent': this.options.userAgent ?? 'kubecd', ...(await init.headers?.()) };
            const response = await this.semaphore.run(async () => {
                const retry = attempt++ > 0;
                let target = new URL(url);
                try {
                    for (let hop = 0;; hop++) {
                        const counted = this.options.pullLimits?.admit(target, init.method ?? 'GET') ?? false;
                        this.count(kind, retry || hop > 0);
                        const res = await this.fetchImpl(target, { method: init.method ?? 'GET', headers, signal, redirect: 'manual', ...(init.body !== undefined ? { body: init.body } : {}) });
                        try {
                            this.options.pullLimits?.observe(target, res.status, res.headers, counted);
                        }
                        catch (error) {
                            await res.body?.cancel().catch(() => undefined);
                            throw error;
                        }
                        if (REDIRECT_STATUSES.has(res.status)) {
                            await res.body?.cancel().catch(() => undefined);
                            target = this.redirectTarget(target, res.headers.get('location'), hop, headers);
                            continue;
                        }
                        if (isTransientStatus(res.status)) {
                            await res.body?.cancel().catch(() => undefined);
                            throw new TransientError(`HTTP ${res.status} from ${target.host}${target.pathname}`, parseRetryAfter(res.headers.get('retry-after')));
                        }
                        const body = init.method === 'HEAD' ? Buffer.alloc(0) : await readCapped(res, limit, target.host);
                        return { status: res.status, headers: res.headers, url: target.toString(), body };
                    }
                }
                catch (error) {
                    const description = describeNetworkError(error, this.policy.timeoutMs, target.host);
                    if (description)
                        throw new TransientError(description, undefined, { cause: error });
                    throw error;
                }
            });
            return check(response);
        }, { onRetry: (reason, delay) => this.options.log?.(`retrying ${kind} ${(0,redact/* redactUrl */.BO)(url)} in ${Math.round(delay)} ms: ${reason}`) });
    }
    /** Where a redirect leads; the authorization header is dropped (for good) once the origin changes. */
    redirectTarget(from, location, hop, headers) {
        if (hop >= MAX_REDIRECTS)
            throw new RedirectRefusedError(`${from.host} redirected more than ${MAX_REDIRECTS} times`);
        if (!location)
            throw new RedirectRefusedError(`${from.host} sent a redirect without a Location`);
        let next;
        try {
            next = new URL(location, from);
        }
        catch {
            throw new RedirectRefusedError(`${from.host} redirected to an unreadable location`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new RedirectRefusedError(`${from.host} redirected to a ${next.protocol.replace(/:$/, '').slice(0, 16)} location; only http(s) is followed`);
        }
        if (next.origin !== from.origin) {
            for (const name of Object.keys(headers))
                if (name.toLowerCase() === 'authorization')
                    delete headers[name];
        }
        return next;
    }
    count(kind, retry) {
        this.stats.requests++;
        this.stats.byKind[kind]++;
        if (retry)
            this.stats.retries++;
    }
}



/***/ }),

/***/ 75911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NF: () => (/* binding */ pullRequestBody),
/* harmony export */   NZ: () => (/* binding */ updatesJson),
/* harmony export */   Zr: () => (/* binding */ pullRequestTitle),
/* harmony export */   d$: () => (/* binding */ FAIL_ON),
/* harmony export */   df: () => (/* binding */ commitMessage),
/* harmony export */   k8: () => (/* binding */ registryFailureLine),
/* harmony export */   qv: () => (/* binding */ checkedTable),
/* harmony export */   xm: () => (/* binding */ registryFailures)
/* harmony export */ });
/* unused harmony exports updateNote, isRegistryFailure, registryOf */
const DECISION_WORD = { upgrade: 'newer found', current: 'up to date', skip: 'skipped', held: 'held' };
/** Markdown-safe cell text. */
function cell(text) {
    return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
/** Only http(s) links are linked; anything else is shown as text. */
function sourceLink(url) {
    if (!url)
        return '';
    return /^https?:\/\//i.test(url) ? `[source](${url.replaceAll(')', '%29')})` : cell(url);
}
/** Every trigger checked, for the terminal and the job summary: header row first. */
function checkedTable(rows) {
    return [
        ['ENVIRONMENT', 'RELEASE', 'KEY', 'CURRENT', 'CANDIDATE', 'TRACK', 'DECISION', 'WHY'],
        ...rows.map((r) => [r.environment, r.release, r.key, r.current, r.candidate ?? '', r.track, DECISION_WORD[r.decision], r.reason]),
    ];
}
/** Where an update comes from, when it is not simply a newer version: a promotion or a moved digest. */
function updateNote(u) {
    if (u.change === 'digest')
        return `digest ${u.previousDigest ? `\`${u.previousDigest}\`` : '(none recorded)'} → \`${u.digest ?? ''}\``;
    if (u.promotedFrom)
        return `promoted from ${u.promotedFrom}, running there since ${u.promotedSince ?? '?'}`;
    return '';
}
/** The pull request body: a table of the upgrades. */
function pullRequestBody(updates) {
    const notes = updates.some((u) => updateNote(u) !== '');
    const lines = [
        'kubecd check-upgrades found newer versions for these releases:',
        '',
        `| environment | release | key | old → new | track | source |${notes ? ' note |' : ''}`,
        `| --- | --- | --- | --- | --- | --- |${notes ? ' --- |' : ''}`,
        ...updates.map((u) => `| ${cell(u.environment)} | ${cell(u.release)} | \`${cell(u.key)}\` | ${cell(u.current)} → ${cell(u.candidate ?? '')} | ${u.track} | ${sourceLink(u.sourceUrl)} |${notes ? ` ${cell(updateNote(u))} |` : ''}`),
        '',
        '<sub>Opened by kubecd check-upgrades; a later run updates this pull request, or closes it when nothing is left.</sub>',
        '',
    ];
    return lines.join('\n');
}
function pullRequestTitle(updates, group) {
    const where = group ? ` in ${group}` : '';
    if (updates.length === 1) {
        const u = updates[0];
        if (u.change === 'digest')
            return `Pin ${u.release} ${u.key} ${u.candidate} to its new digest${where}`;
        return `Upgrade ${u.release} ${u.key} to ${u.candidate}${where}`;
    }
    return `Upgrade ${updates.length} versions${where}`;
}
function commitMessage(updates, group) {
    return [
        pullRequestTitle(updates, group),
        '',
        ...updates.map((u) => `- ${u.environment}/${u.release} ${u.key}: ${u.current} -> ${u.candidate} (${u.track})${updateNote(u) ? `: ${updateNote(u).replaceAll('`', '')}` : ''}`),
        '',
    ].join('\n');
}
/** The `updates` output: one object per upgrade. */
function updatesJson(updates) {
    return updates.map((u) => ({
        environment: u.environment,
        release: u.release,
        key: u.key,
        from: u.current,
        to: u.candidate,
        track: u.track,
        repository: u.repository,
        ...(u.digest ? { digest: u.digest } : {}),
        ...(u.sourceUrl ? { source: u.sourceUrl } : {}),
        ...(u.change === 'digest' ? { kind: 'digest', ...(u.previousDigest ? { previousDigest: u.previousDigest } : {}) } : {}),
        ...(u.promotedFrom ? { promotedFrom: u.promotedFrom, promotedSince: u.promotedSince } : {}),
    }));
}
/**
 * True when the trigger was skipped because its registry or chart repository failed (unreachable, refused,
 * answered nonsense) rather than for a reason in the deployments repo. The engine marks such skips by their
 * reason; this is the one place that reads the mark.
 */
function isRegistryFailure(row) {
    return row.decision === 'skip' && row.failure === true;
}
/** Which registry or chart repository a row's trigger asks: a host, or a `helmRepos` name. */
function registryOf(row) {
    const repository = row.repository;
    if (repository.startsWith('oci://'))
        return repository.slice('oci://'.length).split('/')[0] ?? repository;
    const first = repository.split('/')[0] ?? repository;
    if (row.kind === 'chart')
        return `chart repository ${first}`;
    const isHost = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['));
    return isHost ? first : 'the default image registry';
}
/** The failed rows grouped by registry, in the order each registry first failed: one line's worth each. */
function registryFailures(rows) {
    const byRegistry = new Map();
    for (const row of rows.filter(isRegistryFailure)) {
        const registry = registryOf(row);
        const known = byRegistry.get(registry);
        if (known)
            known.triggers++;
        else
            byRegistry.set(registry, { registry, triggers: 1, reason: row.reason.replace(/^registry failed:\s*/, '') });
    }
    return [...byRegistry.values()];
}
/** `registry HOST failed for N trigger(s): REASON`, the reason on one line. */
function registryFailureLine(failure) {
    return `${failure.registry} failed for ${failure.triggers} trigger(s): ${failure.reason.replace(/\s*\n\s*/g, ' ')}`;
}
const FAIL_ON = ['registry-errors', 'never'];


/***/ }),

/***/ 58892:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rl: () => (/* binding */ UpgradesOptionError),
/* harmony export */   zz: () => (/* binding */ upgradesRequest)
/* harmony export */ });
/* unused harmony export WRITE_MODES */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(75911);
/* harmony import */ var _sources_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31639);
/**
 * The check-upgrades request as both entry points ask for it: the action's inputs and the CLI's flags become
 * these plain options, and every default lives here.
 */



const WRITE_MODES = ['lock', 'patch'];
/** A setting with a value the engine cannot take; `option` is the kebab-case name both entry points spell. */
class UpgradesOptionError extends Error {
    option;
    problem;
    constructor(option, problem) {
        super(`${option} ${problem}`);
        this.option = option;
        this.problem = problem;
    }
}
function choice(option, allowed, value, fallback) {
    const chosen = value ?? fallback;
    if (!allowed.includes(chosen))
        throw new UpgradesOptionError(option, `must be one of ${allowed.join(', ')}, not "${chosen}"`);
    return chosen;
}
/** Checks the options and fills in the defaults; throws UpgradesOptionError before anything is checked. */
function upgradesRequest(options) {
    const cacheDir = options.cacheDir ? ((0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(options.cacheDir) ? options.cacheDir : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(options.baseDir, options.cacheDir)) : (0,_sources_js__WEBPACK_IMPORTED_MODULE_2__/* .defaultCacheDir */ .$)(options.env);
    return {
        run: {
            write: choice('write', WRITE_MODES, options.write, 'lock'),
            dryRun: options.dryRun ?? false,
            ...(options.environments && options.environments.length > 0 ? { environments: [...options.environments] } : {}),
            ...(options.release ? { release: options.release } : {}),
            ...(options.image ? { image: options.image } : {}),
            cacheDir,
        },
        failOn: choice('fail-on', _report_js__WEBPACK_IMPORTED_MODULE_1__/* .FAIL_ON */ .d$, options.failOn, 'registry-errors'),
        insecureRegistries: [...(options.insecureRegistries ?? [])],
    };
}


/***/ }),

/***/ 19836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L: () => (/* binding */ runUpgrades)
});

// UNUSED EXPORTS: ValidationFailedError

// EXTERNAL MODULE: ./src/model/problems.ts
var problems = __webpack_require__(99437);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/model/grammar.ts
var grammar = __webpack_require__(9600);
// EXTERNAL MODULE: ./src/model/excerpt.ts
var excerpt = __webpack_require__(24664);
// EXTERNAL MODULE: ./src/lock/parse.ts
var parse = __webpack_require__(45968);
// EXTERNAL MODULE: ./src/lock/types.ts
var types = __webpack_require__(41254);
;// CONCATENATED MODULE: ./src/lock/serialize.ts





class InvalidLockEntryError extends Error {
}
function compareEntries(a, b) {
    return a.release < b.release ? -1 : a.release > b.release ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
/**
 * The lock file's text: a header, entries sorted by release and key, fields in a fixed order, and
 * `value` always double-quoted so a tag like 1.10 can never be read back as a number.
 */
function serializeLockFile(lock) {
    if (!(0,grammar/* isEnvironmentName */.tq)(lock.environment))
        throw new InvalidLockEntryError(`lock file environment \`${(0,excerpt/* excerpt */.Kb)(lock.environment)}\` is not an environment name`);
    for (const entry of lock.entries) {
        const [first] = (0,parse/* entryProblems */.V)({ ...entry }, true);
        if (first)
            throw new InvalidLockEntryError(`lock entry of release \`${(0,excerpt/* excerpt */.Kb)(entry.release)}\`: ${first.message}; nothing was written`);
    }
    const entries = [...lock.entries].sort(compareEntries).map((entry) => {
        const out = {};
        for (const { name, kind } of types/* LOCK_FIELDS */.cm) {
            const value = entry[name];
            if (value !== undefined)
                out[name] = kind === 'flag' ? value === true : String(value);
        }
        return out;
    });
    const doc = new dist/* Document */.yo({ environment: lock.environment, entries });
    (0,dist/* visit */.YR)(doc, {
        Pair(_, pair) {
            if ((0,dist/* isPair */.tO)(pair) && (0,dist/* isScalar */.jn)(pair.key) && pair.key.value === 'value' && (0,dist/* isScalar */.jn)(pair.value)) {
                pair.value.type = dist/* Scalar */.X5.QUOTE_DOUBLE;
            }
        },
    });
    const header = `# Generated by kubecd check-upgrades for environment ${JSON.stringify(lock.environment)}.\n` +
        '# Versions resolved from the release triggers; apply layers them over the release values.\n' +
        '# Do not edit by hand: change the release files, then run check-upgrades.\n';
    return header + doc.toString({ lineWidth: 0, indentSeq: true });
}

// EXTERNAL MODULE: ./src/fs/atomic-write.ts
var atomic_write = __webpack_require__(27768);
// EXTERNAL MODULE: ./src/fs/confined.ts
var fs_confined = __webpack_require__(58755);
;// CONCATENATED MODULE: ./src/lock/write.ts



/**
 * Writes a lock file (root-relative `file`) inside the repository `root`: the folder must resolve inside it,
 * the file must not be a symlink, and the write is atomic (temporary file + rename, old mode kept). Leaves
 * the file alone when its bytes would not change. Throws ConfinementError for a refused path.
 */
async function writeLockFile(root, file, lock) {
    const text = serializeLockFile(lock);
    const confined = typeof root === 'string' ? await (0,fs_confined/* confinedRoot */.bP)(root) : root;
    const where = await (0,fs_confined/* confinedWriteTarget */.vl)(confined, file);
    if ((0,fs_confined/* isRefused */.H0)(where))
        throw new fs_confined/* ConfinementError */.Dy(`lock file \`${file}\` ${where.refused.message}`, where.refused);
    const current = await (0,fs_confined/* readConfined */.Hz)(confined, file);
    if (!(0,fs_confined/* isRefused */.H0)(current) && current.text === text)
        return { changed: false };
    await (0,atomic_write/* atomicWrite */.L8)(where.target, text);
    return { changed: true };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/versions/tag.ts
var versions_tag = __webpack_require__(62905);
;// CONCATENATED MODULE: ./src/versions/policy.ts

/** Tags that name a branch or channel rather than one build: they move, so pinning to them pins nothing. */
const MOVING_TAG_NAMES = new Set([
    'latest', 'main', 'master', 'trunk', 'head', 'stable', 'edge', 'nightly', 'dev', 'develop', 'development',
    'canary', 'next', 'unstable', 'testing', 'current', 'release', 'preview', 'snapshot',
]);
const DATE_OR_SHA_DIGITS = 6;
function isMovingTagName(tag) {
    return MOVING_TAG_NAMES.has(tag.toLowerCase());
}
function majorDigits(tag) {
    return String(tag.version.major).length;
}
function withinTrack(current, candidate, track) {
    const c = current.version;
    const v = candidate.version;
    switch (track) {
        case 'PatchLevel':
            return v.major === c.major && v.minor === c.minor;
        case 'MinorVersion':
            return v.major === c.major;
        case 'MajorVersion':
            return true;
    }
}
/** Why a candidate is not considered at all (spelling, pre-release, date-like), or undefined if it is. */
function rejectReason(current, candidate) {
    if (candidate.prefix !== current.prefix || candidate.parts !== current.parts)
        return 'spelled differently';
    const candidateDigits = majorDigits(candidate);
    if (candidateDigits >= DATE_OR_SHA_DIGITS && candidateDigits !== majorDigits(current))
        return 'date or SHA-like';
    if (candidate.prerelease) {
        if (!current.prerelease)
            return 'pre-release';
        const c = current.version;
        const v = candidate.version;
        if (v.major !== c.major || v.minor !== c.minor || v.patch !== c.patch)
            return 'pre-release of another version';
    }
    return undefined;
}
/** Higher version first; equal versions: no build metadata first, then lexically smallest tag. */
function compareCandidates(a, b) {
    const byVersion = b.version.compare(a.version);
    if (byVersion !== 0)
        return byVersion;
    const aBuild = a.version.build.length > 0 ? 1 : 0;
    const bBuild = b.version.build.length > 0 ? 1 : 0;
    if (aBuild !== bBuild)
        return aBuild - bBuild;
    return a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0;
}
function chooseSemver(current, tags, track) {
    const parsedCurrent = (0,versions_tag/* parseTag */.E)(current);
    if (!parsedCurrent) {
        return {
            kind: 'skip',
            reason: `current tag "${current}" is not a version (X, X.Y or X.Y.Z, optional v prefix); ${track} cannot track it`,
        };
    }
    if (track === 'PatchLevel' && parsedCurrent.parts < 3) {
        return { kind: 'current', reason: `"${current}" has no patch number, so ${track} never moves it` };
    }
    let best;
    let considered = 0;
    for (const tag of new Set(tags)) {
        const candidate = (0,versions_tag/* parseTag */.E)(tag);
        if (!candidate || rejectReason(parsedCurrent, candidate) !== undefined)
            continue;
        if (!withinTrack(parsedCurrent, candidate, track))
            continue;
        considered++;
        if (candidate.version.compare(parsedCurrent.version) <= 0)
            continue;
        if (!best || compareCandidates(candidate, best) < 0)
            best = candidate;
    }
    if (!best) {
        return { kind: 'current', reason: `no version above ${current} on track ${track} (${considered} tags on track)` };
    }
    return { kind: 'upgrade', tag: best.raw, reason: `${best.raw} is the highest version on track ${track}` };
}
/** The tag with runs of digits collapsed, so `v20170911-0926` and `v20171001-1200` compare equal. */
function shapeOf(tag) {
    return tag.replace(/[0-9]+/g, '0');
}
/** Negative when `a` is more specific than `b` (see the module comment). */
function compareSpecificity(currentShape, a, b) {
    const aShape = shapeOf(a) === currentShape ? 0 : 1;
    const bShape = shapeOf(b) === currentShape ? 0 : 1;
    if (aShape !== bShape)
        return aShape - bShape;
    const aParts = (0,versions_tag/* parseTag */.E)(a)?.parts ?? 0;
    const bParts = (0,versions_tag/* parseTag */.E)(b)?.parts ?? 0;
    if (aParts !== bParts)
        return bParts - aParts;
    if (a.length !== b.length)
        return b.length - a.length;
    return a < b ? -1 : a > b ? 1 : 0;
}
function isValidDate(date) {
    return date instanceof Date && !Number.isNaN(date.getTime());
}
function chooseNewest(current, candidates, options = {}) {
    const currentShape = shapeOf(current);
    const currentEntry = candidates.find((c) => c.tag === current && isValidDate(c.created));
    const currentCreated = currentEntry?.created ?? options.currentCreated;
    const currentDigest = currentEntry?.digest ?? options.currentDigest;
    // One representative per image: the most specific non-moving tag on each digest.
    const byImage = new Map();
    for (const candidate of candidates) {
        if (!isValidDate(candidate.created) || isMovingTagName(candidate.tag))
            continue;
        const key = candidate.digest ? `digest:${candidate.digest}` : `tag:${candidate.tag}`;
        const held = byImage.get(key);
        if (!held || compareSpecificity(currentShape, candidate.tag, held.tag) < 0)
            byImage.set(key, candidate);
    }
    let best;
    for (const candidate of byImage.values()) {
        if (!best) {
            best = candidate;
            continue;
        }
        const byTime = candidate.created.getTime() - best.created.getTime();
        if (byTime > 0 || (byTime === 0 && compareSpecificity(currentShape, candidate.tag, best.tag) < 0)) {
            best = candidate;
        }
    }
    if (!best)
        return { kind: 'current', reason: 'no tag with a known creation time other than moving tags' };
    if (best.tag === current || (currentDigest !== undefined && best.digest === currentDigest)) {
        return { kind: 'current', reason: `${current} is the newest image` };
    }
    if (!currentCreated) {
        return {
            kind: 'skip',
            reason: `creation time of current tag "${current}" is unknown (tag not in the registry), so ${best.tag} might be older`,
        };
    }
    if (best.created.getTime() <= currentCreated.getTime()) {
        return { kind: 'current', reason: `no image created after ${current} (${currentCreated.toISOString()})` };
    }
    return {
        kind: 'upgrade',
        tag: best.tag,
        reason: `${best.tag} is the newest image (created ${best.created.toISOString()})`,
    };
}

;// CONCATENATED MODULE: ./src/registry/metadata-cache.ts
/**
 * A persistent cache of image metadata (digest, creation time, source label) per tag, so a repeated
 * `Newest` check fetches manifests and config blobs only for tags it has not seen before.
 *
 * Assumption: a version-like tag is immutable — once pushed it keeps naming the same image. Moving tags
 * (`latest`, `main`, ... see isMovingTagName) break that assumption and are never stored. A version tag
 * that is re-pushed anyway is caught where it matters: the tag `Newest` chooses is checked with one HEAD
 * against its cached digest before it is used, and a mismatch replaces the entry with a fresh fetch.
 *
 * One JSON file per registry host + repository under `dir`; files are read lazily on first use, written
 * atomically (temp file + rename) by `save()` at the end of a run, and only when they changed. A missing
 * file is a cold cache; an unreadable or corrupt one is a cold cache plus one warning. Tags the registry no
 * longer lists are dropped (`retain`), so a file never outgrows its repository's tag list.
 */







const FORMAT_VERSION = 1;
/** A cache file larger than this is treated as corrupt (a repository with ~100k tags). */
const MAX_CACHE_FILE_BYTES = 16 * 1024 * 1024;
/** The cached tags of one repository. */
class RepositoryMetadata {
    host;
    repository;
    tags;
    changed;
    constructor(host, repository, tags = new Map(), 
    /** True when the file on disk differs from this (a corrupt file is replaced even if nothing is learnt). */
    changed = false) {
        this.host = host;
        this.repository = repository;
        this.tags = tags;
        this.changed = changed;
    }
    get(tag) {
        return this.tags.get(tag);
    }
    /** Records a tag's image; moving tags and images without a valid creation time are not stored. */
    set(tag, image) {
        if (isMovingTagName(tag) || Number.isNaN(image.created.getTime()) || !image.digest)
            return;
        const held = this.tags.get(tag);
        if (held && held.digest === image.digest && held.created.getTime() === image.created.getTime() && held.source === image.source)
            return;
        this.tags.set(tag, { digest: image.digest, created: image.created, ...(image.source ? { source: image.source } : {}) });
        this.changed = true;
    }
    delete(tag) {
        if (this.tags.delete(tag))
            this.changed = true;
    }
    /** Drops every tag not in `listed` (the registry's current tag list). */
    retain(listed) {
        const keep = new Set(listed);
        for (const tag of [...this.tags.keys()])
            if (!keep.has(tag))
                this.delete(tag);
    }
    get size() {
        return this.tags.size;
    }
    get dirty() {
        return this.changed;
    }
    markSaved() {
        this.changed = false;
    }
    toJSON() {
        const tags = {};
        for (const tag of [...this.tags.keys()].sort()) {
            const image = this.tags.get(tag);
            tags[tag] = { digest: image.digest, created: image.created.toISOString(), ...(image.source ? { source: image.source } : {}) };
        }
        return { version: FORMAT_VERSION, host: this.host, repository: this.repository, tags };
    }
}
class ImageMetadataCache {
    options;
    loaded = new Map();
    constructor(options) {
        this.options = options;
    }
    /** The file that holds one repository: a readable prefix plus a hash, so any name fits in one file name. */
    fileOf(key) {
        return (0,external_node_path_.join)(this.options.dir, ...this.relativeFileOf(key).split('/'));
    }
    /** The file relative to the cache folder (every read and write is confined to that folder). */
    relativeFileOf(key) {
        const name = `${key.host}/${key.repository}`;
        const readable = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, 80);
        const hash = (0,external_node_crypto_.createHash)('sha256').update(name).digest('hex').slice(0, 16);
        return `images/${readable}-${hash}.json`;
    }
    /** The repository's cached tags, read from disk on first use. */
    repository(key) {
        const id = `${key.host}/${key.repository}`;
        let entry = this.loaded.get(id);
        if (!entry) {
            entry = this.load(key);
            this.loaded.set(id, entry);
        }
        return entry;
    }
    /** Writes every repository that changed; failures are warnings (a cache must never fail a run). */
    async save() {
        for (const pending of this.loaded.values()) {
            const metadata = await pending;
            if (!metadata.dirty)
                continue;
            const file = this.fileOf(metadata);
            try {
                await (0,promises_.mkdir)(this.options.dir, { recursive: true });
                const where = await (0,fs_confined/* confinedWriteTarget */.vl)(await (0,fs_confined/* confinedRoot */.bP)(this.options.dir), this.relativeFileOf(metadata));
                if ((0,fs_confined/* isRefused */.H0)(where))
                    throw new Error(where.refused.message.replace('repository', 'cache folder'));
                await (0,atomic_write/* atomicWrite */.L8)(where.target, `${JSON.stringify(metadata.toJSON(), null, 2)}\n`);
                metadata.markSaved();
            }
            catch (error) {
                this.options.warn?.(`image metadata cache: could not write ${file}: ${error.code ?? error.message}`);
            }
        }
    }
    async load(key) {
        const file = this.fileOf(key);
        let text;
        try {
            const read = await (0,fs_confined/* readConfined */.Hz)(await (0,fs_confined/* confinedRoot */.bP)(this.options.dir), this.relativeFileOf(key), MAX_CACHE_FILE_BYTES);
            if ((0,fs_confined/* isRefused */.H0)(read)) {
                if (read.refused.reason !== 'missing') {
                    this.options.warn?.(`image metadata cache: could not read ${file} (it ${read.refused.message.replace('repository', 'cache folder')}); starting empty`);
                }
                return new RepositoryMetadata(key.host, key.repository, new Map(), read.refused.reason !== 'missing');
            }
            text = read.text;
        }
        catch (error) {
            if (error.code !== 'ENOENT') {
                this.options.warn?.(`image metadata cache: could not read ${file} (${error.code ?? 'unknown error'}); starting empty`);
            }
            return new RepositoryMetadata(key.host, key.repository);
        }
        const tags = parseStored(text, key);
        if (!tags) {
            this.options.warn?.(`image metadata cache: ${file} is corrupt; starting empty (it is rewritten at the end of the run)`);
            return new RepositoryMetadata(key.host, key.repository, new Map(), true);
        }
        return new RepositoryMetadata(key.host, key.repository, tags);
    }
}
/** The tags of a stored file, or undefined when the file is not one this version wrote for `key`. */
function parseStored(text, key) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!isRecord(data) || data.version !== FORMAT_VERSION || data.host !== key.host || data.repository !== key.repository || !isRecord(data.tags)) {
        return undefined;
    }
    const tags = new Map();
    for (const [tag, value] of Object.entries(data.tags)) {
        if (!isRecord(value) || typeof value.digest !== 'string' || typeof value.created !== 'string')
            return undefined;
        const created = new Date(value.created);
        // Registry data at rest: a tag or digest outside the grammar is dropped, as if never cached.
        if (Number.isNaN(created.getTime()) || isMovingTagName(tag) || !(0,grammar/* isOciTag */.i1)(tag) || !(0,grammar/* isDigest */.Bc)(value.digest))
            continue;
        tags.set(tag, { digest: value.digest, created, ...(typeof value.source === 'string' ? { source: value.source } : {}) });
    }
    return tags;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/concurrency/map-limited.ts
var map_limited = __webpack_require__(71810);
// EXTERNAL MODULE: ./src/lock/chart-version.ts
var chart_version = __webpack_require__(2206);
// EXTERNAL MODULE: ./src/lock/entries.ts
var entries = __webpack_require__(80063);
// EXTERNAL MODULE: ./src/lock/pinning.ts
var pinning = __webpack_require__(60190);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/model/promotion.ts
var promotion = __webpack_require__(8176);
;// CONCATENATED MODULE: ./src/upgrades/promotion.ts
/**
 * `track: Promote` and digest pinning: decisions that read another environment's lock (as this run leaves
 * it) or the digest the lock recorded, instead of a version policy over the registry's tags.
 */




/** The value `from` runs for this release and key after this run, and since when (RFC 3339). */
function promotionSource(loaded, job, from, earlier, now) {
    const upgraded = earlier.find((r) => r.environment === from && r.release === job.release.name && r.key === job.key && r.decision === 'upgrade' && r.change !== 'digest');
    // Resolved for `from` in this very run: its new lock entry's `since` is now.
    if (upgraded?.candidate)
        return { value: upgraded.candidate, since: now.toISOString() };
    const entry = (0,entries/* lockEntryOf */.F)(loaded.lock(from), job.release.name, job.key);
    return entry ? { value: entry.value, since: entry.since ?? entry.resolvedAt, ...(entry.hold === true ? { held: true } : {}) } : undefined;
}
async function checkPromotion(sources, job, promote, ref, base, earlier) {
    const now = sources.now ?? new Date();
    const { from } = promote;
    const source = promotionSource(sources.loaded, job, from, earlier, now);
    if (!source)
        return { ...base, decision: 'current', reason: `${from} has no lock entry for ${job.key} yet; nothing to promote` };
    const { value, since } = source;
    // A hold is a human's decision for that one environment (often a rollback), not a version to pass on.
    if (source.held && value !== job.current)
        return { ...base, decision: 'current', reason: `${from} holds ${value} in its lock file; a held entry is not promoted` };
    if (value === job.current)
        return { ...base, decision: 'current', reason: `same as ${from} (running there since ${since})` };
    if (promote.within && chooseSemver(job.current, [value], promote.within).kind !== 'upgrade') {
        return { ...base, decision: 'current', reason: `${from} runs ${value}, outside ${promote.within} of ${job.current}` };
    }
    const ready = Date.parse(since) + promote.afterMs;
    if (Number.isNaN(ready) || now.getTime() < ready) {
        const at = Number.isNaN(ready) ? 'once its time is known' : `at ${new Date(ready).toISOString()}`;
        return { ...base, decision: 'current', reason: `${from} has run ${value} since ${since}; promoted after ${promote.after}, ${at}` };
    }
    let info;
    try {
        info = await sources.registry.getImageInfo({ ...ref, tag: value });
    }
    catch (error) {
        if (error instanceof errors/* RegistryNotFoundError */.PB)
            return { ...base, decision: 'skip', reason: `${from} runs ${value}, which ${job.environment.name}'s image repository does not have` };
        throw error;
    }
    return {
        ...base,
        decision: 'upgrade',
        candidate: value,
        reason: `promoted from ${from}, running there since ${since}`,
        digest: info.digest,
        ...(info.created ? { created: info.created.toISOString() } : {}),
        promotedFrom: from,
        promotedSince: since,
    };
}
function promotion_short(digest) {
    return digest.slice(0, 'sha256:'.length + 12);
}
/**
 * A pinned trigger whose tag is up to date: when the registry's digest for the tag is not the one the lock
 * records (the tag was pushed again, or nothing was recorded yet), the new digest is an update of its own.
 */
async function checkDigest(registry, job, ref, row) {
    const digest = await registry.getDigest({ ...ref, tag: job.current });
    if (digest === undefined)
        return row;
    const locked = job.locked?.value === job.current ? job.locked.digest : undefined;
    if (locked === digest)
        return row;
    return {
        ...row,
        decision: 'upgrade',
        candidate: job.current,
        digest,
        change: 'digest',
        ...(locked ? { previousDigest: locked } : {}),
        reason: locked ? `${job.current} was pushed again: digest ${promotion_short(locked)}… -> ${promotion_short(digest)}…` : `pins ${job.current} to its digest ${promotion_short(digest)}…`,
    };
}

// EXTERNAL MODULE: ./src/registry/client.ts + 9 modules
var client = __webpack_require__(69738);
;// CONCATENATED MODULE: ./src/registry/newest.ts
/**
 * Metadata for the `Newest` track: the creation time and digest of each candidate tag, fetched only for
 * tags whose creation time is not already known — from the registry's own listing (GCR's manifest map,
 * Docker Hub's tags API, ...), from a lock file (the `known` lookup) or from the image metadata cache of
 * earlier runs. What is left to fetch is claimed against Docker Hub's pull limit first, so a lookup that
 * cannot finish under it is skipped before it spends any pulls.
 */




/**
 * Creation times of `tags` in `repository`. Well-known moving tags (`latest`, `main`, ...) are left out,
 * since `Newest` never picks them; tags the registry has no creation time for are left out. A 404 on the
 * manifest or config of a tag the listing just gave is an untrusted answer (a deleted tag cannot be told
 * from a registry hiding a newer image), thrown like any other failure (registry unavailable, auth).
 */
async function newestCandidates(client, repository, tags, options = {}) {
    const { known, cache, listed } = options;
    const candidates = new Map();
    const fetched = new Map();
    const wanted = [...new Set(tags)].filter((tag) => !isMovingTagName(tag));
    const toFetch = [];
    for (const tag of wanted) {
        const fromListing = listed?.get(tag);
        if (fromListing)
            candidates.set(tag, { tag, ...fromListing });
        else if (!known?.(tag) && !cache?.get(tag))
            toFetch.push(tag);
    }
    if (candidates.size === wanted.length)
        return { candidates, fetched };
    const release = await client.claimPulls(repository, toFetch.length, toFetch[0] ?? wanted[0]);
    try {
        await (0,map_limited/* mapLimited */.b)(wanted.filter((tag) => !candidates.has(tag)), options.concurrency ?? 8, (tag) => resolve(tag));
    }
    finally {
        release();
    }
    return { candidates, fetched };
    async function resolve(tag) {
        const remembered = known?.(tag);
        if (remembered) {
            candidates.set(tag, { tag, ...remembered });
            if (remembered.digest && !cache?.get(tag))
                cache?.set(tag, { digest: remembered.digest, created: remembered.created });
            return;
        }
        const hit = cache?.get(tag);
        if (hit) {
            candidates.set(tag, { tag, created: hit.created, digest: hit.digest });
            return;
        }
        try {
            const info = await client.getImageInfo({ host: repository.host, repository: repository.repository, tag });
            fetched.set(tag, info);
            rememberImage(cache, tag, info);
            if (info.created)
                candidates.set(tag, { tag, created: info.created, digest: info.digest });
        }
        catch (error) {
            throw listedButMissing(error);
        }
    }
}
/** Records a fetched image in the metadata cache (which ignores moving tags). */
function rememberImage(cache, tag, info) {
    if (!cache || !info.created)
        return;
    const source = info.labels[client/* SOURCE_LABEL */.R];
    cache.set(tag, { digest: info.digest, created: info.created, ...(source ? { source } : {}) });
}
/** A 404 for a tag the registry just listed becomes an untrusted-answer error; other errors pass unchanged. */
function listedButMissing(error) {
    if (!(error instanceof errors/* RegistryNotFoundError */.PB))
        return error;
    return new errors/* RegistryProtocolError */.SE(error.registry, `${error.reason}, although the tag list names it (untrusted answer)`, { cause: error });
}

// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(79310);
// EXTERNAL MODULE: ./src/values/compose.ts
var compose = __webpack_require__(37594);
// EXTERNAL MODULE: ./src/charts/oci.ts
var oci = __webpack_require__(33984);
;// CONCATENATED MODULE: ./src/upgrades/check.ts
/**
 * The check-upgrades engine: for every trigger of the selected releases, ask the registry or chart
 * repository for versions and let the track policy decide. Pure decisions over the sources it is given;
 * it writes nothing.
 */













class CheckInputError extends Error {
}
async function checkUpgrades(options) {
    const { loaded } = options;
    const jobs = collectJobs(options);
    const known = knownImages(loaded);
    const pushed = options.image !== undefined ? parsePushedImage(options.image) : undefined;
    // Environments in promotion order: a `Promote` trigger sees what its `from` environment got this run.
    const now = (options.now ?? (() => new Date()))();
    const rows = new Map();
    for (const wave of (0,promotion/* promotionWaves */.gd)(loaded.repo.environments)) {
        const waveJobs = jobs.filter((job) => wave.includes(job.environment.name));
        const earlier = [...rows.values()];
        const results = await checkJobs(options, waveJobs, known, pushed, options.metadataCache, earlier, now);
        waveJobs.forEach((job, i) => rows.set(job, results[i]));
    }
    return jobs.map((job) => rows.get(job));
}
async function checkJobs(options, jobs, known, pushed, cache, earlier, now) {
    return (0,map_limited/* mapLimited */.b)(jobs, 16, async (job) => {
        const base = {
            environment: job.environment.name,
            release: job.release.name,
            file: job.release.file,
            kind: job.trigger.kind,
            key: job.key,
            current: job.current,
            decision: 'skip',
            reason: '',
            track: job.trigger.track,
            repository: job.repository,
        };
        if (job.trigger.kind === 'image' && job.trigger.promote)
            base.track = 'Promote';
        if (job.locked?.hold === true)
            return { ...base, decision: 'held', reason: 'held in the lock file; remove hold: true to resume' };
        try {
            if (job.trigger.kind === 'chart')
                return checked(await checkChart(options, job, base));
            if (!job.ref)
                return { ...base, reason: job.refError ?? 'no image repository' };
            let row;
            if (job.trigger.promote) {
                row = await checkPromotion({ ...options, now }, job, job.trigger.promote, job.ref, base, earlier);
            }
            else {
                const cached = job.trigger.track === 'Newest' && cache ? await cache.repository(job.ref) : undefined;
                row = pushed
                    ? await checkPushedImage(options, job, job.ref, pushed, known, cached, base)
                    : await checkImage(options, job, job.ref, known, cached, base);
            }
            if (row.decision === 'current' && job.pinned && (!pushed || pushed.tag === job.current))
                row = await checkDigest(options.registry, job, job.ref, row);
            return checked(row);
        }
        catch (error) {
            if (error instanceof errors/* RegistryError */.gl)
                return sourceFailure(base, `registry failed: ${error.message}`);
            throw error;
        }
    });
}
/** A skip because a registry or chart repository could not be trusted (not a policy decision). */
function sourceFailure(base, reason) {
    return { ...base, decision: 'skip', reason, failure: true };
}
/**
 * The last gate before a row can reach a lock or release file: whatever the sources said, an upgrade
 * carries a candidate in its grammar and, when set, a well-formed digest and creation time.
 */
function checked(row) {
    if (row.decision !== 'upgrade')
        return row;
    const registry = row.repository;
    const validCandidate = row.kind === 'chart' ? (0,grammar/* isChartVersion */.N0)(row.candidate) : (0,grammar/* isOciTag */.i1)(row.candidate);
    if (!validCandidate)
        return sourceFailure(stripUpgrade(row), `registry failed: ${registry}: the chosen version is not a valid ${row.kind === 'chart' ? 'chart version' : 'tag'}`);
    if (row.digest !== undefined && !(0,grammar/* isDigest */.Bc)(row.digest) && !(row.kind === 'chart' && /^[a-f0-9]{64}$/.test(row.digest))) {
        return sourceFailure(stripUpgrade(row), `registry failed: ${registry}: invalid digest for ${row.candidate}`);
    }
    return row;
}
function stripUpgrade(row) {
    const { candidate: _candidate, digest: _digest, created: _created, sourceUrl: _source, ...rest } = row;
    return rest;
}
/** An `org.opencontainers.image.source` label worth linking to: an http(s) URL without control characters. */
function sourceUrlOf(label) {
    if (!label || label.length > 2048 || /[^\x21-\x7e]/.test(label))
        return undefined;
    try {
        const url = new URL(label);
        return url.protocol === 'https:' || url.protocol === 'http:' ? label : undefined;
    }
    catch {
        return undefined;
    }
}
/** `REPO:TAG` of the `image` input. */
function parsePushedImage(image) {
    let ref;
    try {
        ref = (0,reference/* parseImageReference */.o_)(image);
    }
    catch (error) {
        throw new CheckInputError(`image: ${error.message}`);
    }
    if (ref.tag === undefined || ref.digest !== undefined)
        throw new CheckInputError(`image: "${image}" should be REPO:TAG`);
    return { host: ref.host, repository: ref.repository, tag: ref.tag };
}
function collectJobs(options) {
    const { loaded } = options;
    const all = loaded.repo.environments;
    if (options.environments) {
        const unknown = options.environments.filter((name) => !all.some((e) => e.name === name));
        if (unknown.length > 0)
            throw new CheckInputError(`no environment ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${all.map((e) => e.name).join(', ')})`);
    }
    const environments = options.environments ? all.filter((e) => options.environments.includes(e.name)) : all;
    if (options.release !== undefined && !environments.some((e) => e.releases.some((r) => r.name === options.release))) {
        throw new CheckInputError(`no release "${options.release}" in ${environments.map((e) => e.name).join(', ') || 'any environment'}`);
    }
    const withLock = (options.write ?? 'lock') === 'lock';
    const jobs = [];
    for (const environment of environments) {
        const lock = withLock ? loaded.lock(environment.name) : undefined;
        for (const release of environment.releases) {
            if (options.release !== undefined && release.name !== options.release)
                continue;
            if (release.triggers.length === 0)
                continue;
            const { values } = (0,compose/* composeValuesDetailed */.P7)(loaded, environment, release, { withLock, withChartDefaults: true });
            for (const trigger of release.triggers) {
                if (trigger.kind === 'chart') {
                    if (options.image !== undefined || release.chart.kind === 'dir')
                        continue;
                    const current = (0,chart_version/* chartVersionToUse */.Zh)(release, lock) ?? '';
                    const locked = (0,entries/* lockEntryOf */.F)(lock, release.name, (0,chart_version/* lockKeyOf */.E5)(trigger));
                    jobs.push({ environment, release, trigger, key: (0,chart_version/* lockKeyOf */.E5)(trigger), current, repository: release.chart.reference, pinned: false, ...(locked ? { locked } : {}) });
                    continue;
                }
                const image = (0,compose/* imageOf */.dT)(values, trigger);
                const locked = (0,entries/* lockEntryOf */.F)(lock, release.name, trigger.tagValue);
                const job = {
                    environment, release, trigger, key: trigger.tagValue, current: image.tag ?? '', repository: image.repository ?? '',
                    // Pinning needs the lock: in patch mode the release files hold the versions and apply pins nothing.
                    pinned: withLock && (0,pinning/* isPinned */.T)(environment, trigger),
                    ...(locked ? { locked } : {}),
                };
                try {
                    const ref = (0,reference/* parseImageReference */.o_)(job.repository);
                    job.ref = { host: ref.host, repository: ref.repository };
                }
                catch (error) {
                    job.refError = error.message;
                }
                jobs.push(job);
            }
        }
    }
    if (options.image !== undefined) {
        const pushed = parsePushedImage(options.image);
        const name = (0,reference/* repositoryName */.aR)(pushed);
        return jobs.filter((job) => job.ref && (0,reference/* repositoryName */.aR)(job.ref) === name);
    }
    return jobs;
}
/** Creation times and digests the lock files remember, by `host/repository:tag` (any environment). */
function knownImages(loaded) {
    const known = new Map();
    for (const environment of loaded.repo.environments) {
        for (const entry of loaded.lock(environment.name)?.entries ?? []) {
            if ((0,chart_version/* isChartVersionEntry */.vE)(entry) || !entry.repository || !entry.created)
                continue;
            let name;
            try {
                name = (0,reference/* repositoryName */.aR)((0,reference/* parseImageReference */.o_)(entry.repository));
            }
            catch {
                continue;
            }
            const created = new Date(entry.created);
            if (Number.isNaN(created.getTime()))
                continue;
            known.set(`${name}:${entry.value}`, { created, ...(entry.digest ? { digest: entry.digest } : {}) });
        }
    }
    return known;
}
function finish(base, decision, info, created) {
    if (decision.kind !== 'upgrade')
        return { ...base, decision: decision.kind, reason: decision.reason };
    const row = { ...base, decision: 'upgrade', candidate: decision.tag, reason: decision.reason };
    if (info)
        row.digest = info.digest;
    const when = info?.created ?? created;
    if (when)
        row.created = when.toISOString();
    const source = sourceUrlOf(info?.labels[client/* SOURCE_LABEL */.R]);
    if (source)
        row.sourceUrl = source;
    return row;
}
async function checkImage(options, job, ref, known, cached, base) {
    const { registry } = options;
    if (job.trigger.track !== 'Newest') {
        const decision = chooseSemver(job.current, await registry.listTags(ref), job.trigger.track);
        if (decision.kind !== 'upgrade')
            return finish(base, decision);
        return finish(base, decision, await registry.getImageInfo({ ...ref, tag: decision.tag }));
    }
    // Newest reads the listing's creation times too (GCR's manifest map, Docker Hub's tags API, ...).
    const listing = await registry.listTimedTags(ref);
    const tags = listing.tags;
    cached?.retain(tags);
    const name = (0,reference/* repositoryName */.aR)(ref);
    const { candidates, fetched: infos } = await newestCandidates(registry, ref, tags, {
        known: (tag) => {
            const remembered = known.get(`${name}:${tag}`);
            return remembered?.created ? { created: remembered.created, ...(remembered.digest ? { digest: remembered.digest } : {}) } : undefined;
        },
        ...(cached ? { cache: cached } : {}),
        listed: listing.times,
        concurrency: options.newestConcurrency ?? 8,
    });
    const current = known.get(`${name}:${job.current}`);
    const currentOptions = {
        ...(current?.created ? { currentCreated: current.created } : {}),
        ...(current?.digest ? { currentDigest: current.digest } : {}),
    };
    // Each round either accepts the winner or replaces one remembered tag with what the registry says now,
    // so there are at most as many rounds as candidates.
    for (let round = 0; round <= candidates.size; round++) {
        const decision = chooseNewest(job.current, [...candidates.values()], currentOptions);
        if (decision.kind !== 'upgrade')
            return finish(base, decision);
        const fetched = infos.get(decision.tag);
        if (fetched)
            return finish(base, decision, fetched);
        const listed = listing.times.get(decision.tag);
        if (listed)
            return finish(base, decision, await infoFromListing(registry, ref, decision.tag, listed, cached));
        const hit = cached?.get(decision.tag);
        if (hit && (await registry.getDigest({ ...ref, tag: decision.tag })) === hit.digest) {
            return finish(base, decision, infoFromCache(hit));
        }
        // Not fetched this run, and either not cached or re-pushed since: ask the registry.
        let info;
        try {
            info = await registry.getImageInfo({ ...ref, tag: decision.tag });
        }
        catch (error) {
            if (error instanceof errors/* RegistryNotFoundError */.PB)
                cached?.delete(decision.tag);
            throw listedButMissing(error);
        }
        infos.set(decision.tag, info);
        rememberImage(cached, decision.tag, info);
        if (info.created)
            candidates.set(decision.tag, { tag: decision.tag, created: info.created, digest: info.digest });
        else
            candidates.delete(decision.tag);
    }
    return sourceFailure(base, `registry failed: ${name}: tags kept changing while they were checked`);
}
/**
 * The winner as the listing gave it. A listing without the digest gets it from one HEAD (not a pull on
 * Docker Hub); the source label comes from the metadata cache when it knows the same image.
 */
async function infoFromListing(registry, ref, tag, listed, cached) {
    const digest = listed.digest ?? (await registry.getDigest({ ...ref, tag }));
    if (digest === undefined)
        throw listedButMissing(new errors/* RegistryNotFoundError */.PB((0,reference/* repositoryName */.aR)(ref), `not found: ${tag}`));
    const hit = cached?.get(tag);
    const source = hit?.digest === digest ? hit.source : undefined;
    return { digest, mediaType: '', created: listed.created, labels: source ? { [client/* SOURCE_LABEL */.R]: source } : {}, annotations: {}, platforms: [] };
}
function infoFromCache(hit) {
    return {
        digest: hit.digest,
        mediaType: '',
        created: hit.created,
        labels: hit.source ? { [client/* SOURCE_LABEL */.R]: hit.source } : {},
        annotations: {},
        platforms: [],
    };
}
/** `image` mode: one tag was pushed; check it exists (one HEAD) and apply the track to it alone. */
async function checkPushedImage(options, job, ref, pushed, known, cached, base) {
    const { registry } = options;
    const digest = await registry.getDigest({ ...ref, tag: pushed.tag });
    if (digest === undefined)
        return { ...base, decision: 'skip', reason: `pushed tag ${pushed.tag} is not in the registry` };
    if (job.trigger.track !== 'Newest') {
        const decision = chooseSemver(job.current, [pushed.tag], job.trigger.track);
        if (decision.kind !== 'upgrade')
            return finish(base, decision);
        return finish(base, decision, await registry.getImageInfo({ ...ref, tag: decision.tag }));
    }
    const info = await registry.getImageInfo({ ...ref, tag: pushed.tag });
    rememberImage(cached, pushed.tag, info);
    // The current tag's metadata may lack a creation time when it comes from the registry.
    let current = known.get(`${(0,reference/* repositoryName */.aR)(ref)}:${job.current}`);
    const hit = job.current !== pushed.tag ? cached?.get(job.current) : undefined;
    if (!current?.created && hit)
        current = { created: hit.created, digest: hit.digest };
    if (!current?.created && job.current !== pushed.tag) {
        try {
            const currentInfo = await registry.getImageInfo({ ...ref, tag: job.current });
            rememberImage(cached, job.current, currentInfo);
            current = { ...(currentInfo.created ? { created: currentInfo.created } : {}), digest: currentInfo.digest };
        }
        catch (error) {
            if (!(error instanceof errors/* RegistryNotFoundError */.PB))
                throw error;
        }
    }
    const candidates = info.created ? [{ tag: pushed.tag, created: info.created, digest: info.digest }] : [];
    const decision = chooseNewest(job.current, candidates, {
        ...(current?.created ? { currentCreated: current.created } : {}),
        ...(current?.digest ? { currentDigest: current.digest } : {}),
    });
    return finish(base, decision, info);
}
async function checkChart(options, job, base) {
    const versions = (await options.charts.listVersions(job.release.chart)).filter((v) => !v.deprecated);
    let decision;
    if (job.trigger.track !== 'Newest') {
        decision = chooseSemver(job.current, versions.map((v) => v.version), job.trigger.track);
    }
    else {
        const candidates = job.release.chart.kind === 'oci'
            ? await ociChartCandidates(options, job.release.chart.reference, versions.map((v) => v.version))
            : versions.flatMap((v) => (v.created ? [{ tag: v.version, created: v.created, ...(v.digest ? { digest: v.digest } : {}) }] : []));
        decision = chooseNewest(job.current, candidates);
    }
    const chosen = decision.kind === 'upgrade' ? versions.find((v) => v.version === decision.tag) : undefined;
    if (chosen?.invalidDigest)
        return sourceFailure(base, `registry failed: ${job.repository}: index.yaml gives version ${chosen.version} an invalid digest`);
    const row = finish(base, decision, undefined, chosen?.created);
    if (chosen?.digest)
        row.digest = chosen.digest;
    return row;
}
/**
 * An OCI chart version's time: from the registry's listing where it has one (as for images), else from
 * each version's manifest.
 */
async function ociChartCandidates(options, reference, versions) {
    const repository = (0,oci/* ociChartRepository */.gM)(reference);
    const listing = await options.registry.listTimedTags(repository);
    const { candidates } = await newestCandidates(options.registry, repository, versions.map(oci/* chartVersionToTag */.Er), {
        listed: listing.times,
        concurrency: options.newestConcurrency ?? 8,
    });
    return [...candidates.values()].map((c) => ({ ...c, tag: (0,oci/* tagToChartVersion */.UA)(c.tag) }));
}

;// CONCATENATED MODULE: ./src/upgrades/lock-plan.ts

/** A classic chart repository's index gives a chart's digest as bare sha256 hex; the lock stores `sha256:<hex>`. */
function lockDigest(digest) {
    return /^[a-f0-9]{64}$/.test(digest) ? `sha256:${digest}` : digest;
}
function withoutPos(entry) {
    const { pos: _pos, ...rest } = entry;
    return rest;
}
/** Entries of the branch's lock that this run did not re-check and that differ from the base lock. */
function pendingEntries(releases, base, previous, checked) {
    // A pending digest update (pinned trigger, same tag) differs from the base lock by its digest alone.
    const baseEntries = new Map(base.map((e) => [`${e.release}\u0000${e.key}`, e]));
    const differs = (key, entry) => baseEntries.get(key)?.value !== entry.value || baseEntries.get(key)?.digest !== entry.digest;
    return [...previous.entries()]
        .filter(([key, entry]) => !checked.has(key) && releases.includes(entry.release) && differs(key, entry))
        .map(([, entry]) => entry);
}
/** The lock files the upgrades lead to, one per environment that has any upgrade. */
function planLockFiles(loaded, rows, options) {
    const plans = [];
    const id = (release, key) => `${release}\u0000${key}`;
    for (const environment of loaded.repo.environments) {
        const checked = rows.filter((row) => row.environment === environment.name);
        const upgrades = checked.filter((row) => row.decision === 'upgrade' && row.candidate !== undefined);
        const previous = new Map((options.previous?.(environment.name)?.entries ?? []).map((e) => [id(e.release, e.key), e]));
        const base = loaded.lock(environment.name)?.entries ?? [];
        const pending = options.keepPending ? pendingEntries(environment.releases.map((r) => r.name), base, previous, new Set(checked.map((row) => id(row.release, row.key)))) : [];
        if (upgrades.length === 0 && pending.length === 0)
            continue;
        const entries = new Map();
        for (const entry of [...base, ...pending])
            entries.set(id(entry.release, entry.key), withoutPos(entry));
        const baseEntries = new Map(base.map((e) => [id(e.release, e.key), e]));
        for (const row of upgrades) {
            const earlier = previous.get(id(row.release, row.key));
            const resolvedAt = earlier && earlier.value === row.candidate ? earlier.resolvedAt : options.now.toISOString();
            // `since` stays while the value stays (a digest update keeps it); a new value starts it again.
            const kept = [baseEntries.get(id(row.release, row.key)), earlier].find((e) => e?.value === row.candidate);
            const entry = {
                release: row.release,
                key: row.key,
                value: row.candidate,
                repository: row.repository,
                ...(row.digest ? { digest: lockDigest(row.digest) } : {}),
                track: row.track,
                ...(row.created ? { created: row.created } : {}),
                resolvedAt,
                since: kept ? (kept.since ?? kept.resolvedAt) : resolvedAt,
            };
            entries.set(id(row.release, row.key), entry);
        }
        plans.push({ environment: environment.name, file: environment.lockFile, lock: { environment: environment.name, entries: [...entries.values()].sort(compareEntries) } });
    }
    return plans;
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/values/keys.ts
var keys = __webpack_require__(89876);
;// CONCATENATED MODULE: ./src/upgrades/patch.ts
/**
 * `write: patch`: edit the release files (or their values files) in place. The yaml Document API finds the
 * scalar; the new value is spliced into the original text at that scalar's source range, so every other
 * byte (comments, quoting, key order, blank lines, indentation) stays as it was.
 */






class PatchError extends Error {
}
/** Renders `value` in the original scalar's style, unless plain text would read back as something else. */
function renderLike(original, value) {
    switch (original.type) {
        case 'QUOTE_DOUBLE':
            return JSON.stringify(value);
        case 'QUOTE_SINGLE':
            return `'${value.replaceAll("'", "''")}'`;
        default: {
            let reads;
            try {
                reads = (0,dist/* parse */.qg)(value);
            }
            catch {
                reads = undefined;
            }
            return typeof reads === 'string' && reads === value ? value : typeof reads === 'number' && String(reads) === value ? value : JSON.stringify(value);
        }
    }
}
/** As the loader reads release and values files. */
const PARSE_OPTIONS = { merge: true, uniqueKeys: false };
/**
 * Replaces the scalar at `path` in `text`; throws PatchError when there is no scalar there, or when the
 * patched text would not read back as the same document with only that one value changed.
 */
function patchScalar(text, path, value) {
    const where = path.map((p) => (0,excerpt/* excerpt */.Kb)(p)).join('.');
    const doc = (0,dist/* parseDocument */.Tp)(text, { ...PARSE_OPTIONS, keepSourceTokens: false });
    if (doc.errors.length > 0)
        throw new PatchError(`the file does not parse as YAML, so ${where} cannot be patched`);
    const node = doc.getIn(path, true);
    if (!(0,dist/* isScalar */.jn)(node) || !node.range)
        throw new PatchError(`no scalar at ${where}`);
    const [start, end] = node.range;
    const patched = text.slice(0, start) + renderLike({ type: node.type }, value) + text.slice(end);
    const after = (0,dist/* parseDocument */.Tp)(patched, PARSE_OPTIONS);
    const check = after.getIn(path);
    if (after.errors.length > 0 || String(check) !== value)
        throw new PatchError(`patching ${where} to ${(0,excerpt/* excerpt */.Kb)(value)} would read back as ${(0,excerpt/* excerpt */.Kb)(String(check))}`);
    // The new value may read back as a number (a plain 1.11); it was checked above, so compare everything else.
    const expected = (0,dist/* parseDocument */.Tp)(text, PARSE_OPTIONS);
    expected.setIn(path, check);
    if (!(0,external_node_util_.isDeepStrictEqual)(after.toJS({ maxAliasCount: -1 }), expected.toJS({ maxAliasCount: -1 }))) {
        throw new PatchError(`patching ${where} to ${(0,excerpt/* excerpt */.Kb)(value)} would change more of the file than that one value`);
    }
    return patched;
}
function releaseIndex(doc, name) {
    const releases = doc.get('releases', true);
    if (!(0,dist/* isSeq */.oP)(releases))
        return undefined;
    const index = releases.items.findIndex((item) => (0,dist/* isMap */.jh)(item) && item.get('name') === name);
    return index >= 0 ? index : undefined;
}
/** Where a row's value lives in the user's files, or why it cannot be patched. */
function locate(release, row, texts) {
    const doc = (0,dist/* parseDocument */.Tp)(texts.get(release.file) ?? '');
    const index = releaseIndex(doc, release.name);
    if (index === undefined)
        return `release ${release.name} not found in ${release.file}`;
    if ((0,chart_version/* isChartVersionEntry */.vE)(row)) {
        const path = ['releases', index, 'chart', 'version'];
        return (0,dist/* isScalar */.jn)(doc.getIn(path, true)) ? { file: release.file, path } : `no chart.version in ${release.file}`;
    }
    const values = doc.getIn(['releases', index, 'values'], true);
    if ((0,dist/* isSeq */.oP)(values)) {
        let found;
        values.items.forEach((item, i) => {
            if ((0,dist/* isMap */.jh)(item) && item.get('key') === row.key)
                found = i;
        });
        if (found !== undefined) {
            const path = ['releases', index, 'values', found, 'value'];
            if ((0,dist/* isScalar */.jn)(doc.getIn(path, true)))
                return { file: release.file, path };
        }
    }
    for (const file of [...release.valuesFiles].reverse()) {
        const path = (0,keys/* splitKey */._$)(row.key);
        if ((0,dist/* isScalar */.jn)((0,dist/* parseDocument */.Tp)(texts.get(file) ?? '').getIn(path, true)))
            return { file, path };
    }
    return `${row.key} is not set in ${release.file} or its values files, so patch mode has nothing to edit`;
}
/** Reads the files the upgrades touch and computes their patched texts. */
async function planPatches(loaded, rows) {
    const texts = new Map();
    const original = new Map();
    const root = await (0,fs_confined/* confinedRoot */.bP)(loaded.repo.root);
    const read = async (file) => {
        if (!texts.has(file)) {
            const read = await (0,fs_confined/* readConfined */.Hz)(root, file);
            if ((0,fs_confined/* isRefused */.H0)(read))
                throw new PatchError(`\`${(0,excerpt/* excerpt */.Kb)(file)}\` ${read.refused.message}`);
            texts.set(file, read.text);
            original.set(file, read.text);
        }
    };
    const done = new Map();
    const out = [];
    for (const row of rows) {
        if (row.decision !== 'upgrade' || row.candidate === undefined) {
            out.push(row);
            continue;
        }
        const release = loaded.repo.environments.find((e) => e.name === row.environment)?.releases.find((r) => r.name === row.release);
        if (!release) {
            out.push(row);
            continue;
        }
        if (!(0,chart_version/* isLockValueFor */.OJ)(row.key, row.candidate)) {
            out.push({ ...row, decision: 'skip', reason: `${row.reason}; but the candidate \`${(0,excerpt/* excerpt */.Kb)(row.candidate)}\` is not a valid ${(0,chart_version/* isChartVersionEntry */.vE)(row) ? 'chart version' : 'image tag'}, so it was not written` });
            continue;
        }
        await read(release.file);
        for (const file of release.valuesFiles)
            await read(file);
        const where = locate(release, row, texts);
        if (typeof where === 'string') {
            out.push({ ...row, decision: 'skip', reason: `${row.reason}; but ${where}` });
            continue;
        }
        const id = `${where.file}\u0000${where.path.join('\u0000')}`;
        const earlier = done.get(id);
        if (earlier !== undefined) {
            out.push(earlier === row.candidate ? row : { ...row, decision: 'skip', reason: `${where.file} is shared and another environment moves ${row.key} to ${earlier}` });
            continue;
        }
        let patched;
        try {
            patched = patchScalar(texts.get(where.file), where.path, row.candidate);
        }
        catch (error) {
            if (!(error instanceof PatchError))
                throw error;
            out.push({ ...row, decision: 'skip', reason: `${row.reason}; but ${error.message}` });
            continue;
        }
        texts.set(where.file, patched);
        done.set(id, row.candidate);
        out.push(row);
    }
    const files = new Map([...texts].filter(([file, text]) => original.get(file) !== text));
    return { files, rows: out };
}
/**
 * Writes patched files inside the repository, each atomically (a temporary file renamed over it, its mode
 * kept), so a killed run leaves every file whole; a symlinked file or folder is refused. Returns the files.
 */
async function writePatches(root, files) {
    const confined = await (0,fs_confined/* confinedRoot */.bP)(root);
    for (const [file, text] of files)
        await (0,fs_confined/* writeConfined */.ic)(confined, file, text, 'patched file');
    return [...files.keys()].sort();
}

;// CONCATENATED MODULE: ./src/upgrades/run.ts
/**
 * One check-upgrades run over a loaded deployments repo: check every selected trigger, then (unless dry)
 * write the lock files or patch the release files. Git and pull requests are the caller's business.
 */








class ValidationFailedError extends Error {
}
async function runUpgrades(loaded, options) {
    if ((0,problems/* hasErrors */.Cs)(loaded.problems)) {
        throw new ValidationFailedError(`the deployments repo has ${loaded.problems.filter((p) => p.severity === 'error').length} error(s); nothing was checked or written`);
    }
    // One instant for the whole run: promotion compares with it what the lock plan then records as `since`.
    const now = (options.now ?? (() => new Date()))();
    let rows = await checkWithCache(loaded, { ...options, now: () => now });
    const changed = [];
    if (options.write === 'lock') {
        const plans = planLockFiles(loaded, rows, {
            now,
            ...(options.previousLock ? { previous: options.previousLock } : {}),
            keepPending: Boolean(options.release || options.image),
        });
        const root = await (0,fs_confined/* confinedRoot */.bP)(loaded.repo.root);
        for (const plan of plans) {
            // A dry run still serialises, so registry data that fails the lock grammar fails it too.
            const result = options.dryRun ? (serializeLockFile(plan.lock), { changed: true }) : await writeLockFile(root, plan.file, plan.lock);
            if (result.changed)
                changed.push({ file: plan.file, environments: [plan.environment] });
        }
    }
    else {
        const plan = await planPatches(loaded, rows);
        rows = plan.rows;
        if (!options.dryRun)
            await writePatches(loaded.repo.root, plan.files);
        for (const file of [...plan.files.keys()].sort()) {
            const environments = new Set();
            for (const row of rows) {
                if (row.decision !== 'upgrade')
                    continue;
                const release = loaded.repo.environments.find((e) => e.name === row.environment)?.releases.find((r) => r.name === row.release);
                if (release && (release.file === file || release.valuesFiles.includes(file)))
                    environments.add(row.environment);
            }
            changed.push({ file, environments: [...environments].sort() });
        }
    }
    return { rows, changed };
}
async function checkWithCache(loaded, options) {
    const { cacheDir, logger, ...check } = options;
    const metadataCache = cacheDir ? new ImageMetadataCache({ dir: cacheDir, ...(logger ? { warn: (message) => logger.warning(message) } : {}) }) : undefined;
    try {
        return await checkUpgrades({ ...check, loaded, ...(metadataCache ? { metadataCache } : {}) });
    }
    finally {
        await metadataCache?.save();
    }
}


/***/ }),

/***/ 31639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L: () => (/* binding */ createSources),
  $: () => (/* binding */ defaultCacheDir)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(79310);
// EXTERNAL MODULE: ./src/registry/transport.ts + 3 modules
var registry_transport = __webpack_require__(99490);
// EXTERNAL MODULE: ./src/exec/redact.ts
var redact = __webpack_require__(84524);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/model/grammar.ts
var grammar = __webpack_require__(9600);
// EXTERNAL MODULE: ./src/fs/confined.ts
var confined = __webpack_require__(58755);
// EXTERNAL MODULE: ./src/registry/limits.ts
var limits = __webpack_require__(53199);
// EXTERNAL MODULE: ./src/registry/sanitise.ts
var sanitise = __webpack_require__(26785);
// EXTERNAL MODULE: ./src/registry/schemas.ts
var schemas = __webpack_require__(9843);
;// CONCATENATED MODULE: ./src/charts/helm-repo.ts
/** Chart versions from a classic Helm repository's `index.yaml`. */










function indexUrl(repoUrl) {
    return `${repoUrl.replace(/\/+$/, '')}/index.yaml`;
}
function chartVersionOf(entry) {
    if (!(0,schemas/* validHelmIndexEntry */.$t)(entry))
        return undefined;
    const version = String(entry.version);
    if (!(0,grammar/* isChartVersion */.N0)(version))
        return undefined;
    const parsed = { version };
    const created = (0,sanitise/* parseCreated */.qQ)(entry.created);
    if (created)
        parsed.created = created;
    if (typeof entry.digest === 'string') {
        const digest = /^[a-f0-9]{64}$/.test(entry.digest) ? `sha256:${entry.digest}` : entry.digest;
        if ((0,grammar/* isDigest */.Bc)(digest))
            parsed.digest = digest;
        else
            parsed.invalidDigest = true;
    }
    if (entry.deprecated === true)
        parsed.deprecated = true;
    return parsed;
}
/**
 * Reads an `index.yaml` text from a server that may be hostile: refused over the size cap, parsed with few
 * YAML aliases, each entry checked (shape, version grammar, RFC 3339 time, digest); invalid entries are
 * dropped and counted. Throws a TransientError when it is not a whole index (a truncated body).
 */
function parseHelmRepoIndex(text, options = {}) {
    const maxBytes = options.maxBytes ?? limits/* DEFAULT_BODY_LIMITS */.M.index;
    if (Buffer.byteLength(text) > maxBytes)
        throw new Error(`index.yaml exceeds ${(0,confined/* formatBytes */.z3)(maxBytes)}`);
    let document;
    try {
        document = (0,dist/* parse */.qg)(text, { maxAliasCount: limits/* HELM_INDEX_MAX_ALIASES */.w, prettyErrors: false });
    }
    catch (error) {
        if (error instanceof Error && /alias/i.test(error.message))
            throw new Error('index.yaml uses too many YAML aliases', { cause: error });
        throw new registry_transport/* TransientError */.N_('index.yaml is not valid YAML (truncated?)', undefined, { cause: error });
    }
    if (!(0,schemas/* validHelmIndex */.H8)(document)) {
        throw new registry_transport/* TransientError */.N_('index.yaml has no apiVersion or its "entries" is not a map (truncated or not a Helm repository index)');
    }
    const entries = document.entries ?? {};
    const index = new Map();
    let dropped = 0;
    let first;
    for (const [chart, list] of Object.entries(entries)) {
        const versions = [];
        for (const entry of Array.isArray(list) ? list : []) {
            const version = chartVersionOf(entry);
            if (version)
                versions.push(version);
            else if (dropped++ === 0)
                first = entry?.version ?? entry;
        }
        index.set(chart, versions);
    }
    if (dropped > 0) {
        options.warn?.(`${options.source ?? 'index.yaml'}: ignored ${dropped} invalid chart version entr${dropped === 1 ? 'y' : 'ies'} (e.g. "${(0,sanitise/* hostileExcerpt */.UM)(first)}")`);
    }
    return index;
}
async function fetchHelmRepoIndex(transport, repoUrl, credential, options = {}) {
    const name = (0,redact/* redactUrl */.BO)(repoUrl).replace(/\/+$/, '');
    const url = indexUrl(repoUrl);
    const headers = { accept: 'application/x-yaml, text/yaml, */*' };
    if (credential) {
        const target = new URL(url);
        const plainAllowed = options.plainHttpAllowed ?? reference/* isLoopback */.U9;
        if (target.protocol === 'http:' && !plainAllowed(target.host)) {
            throw new errors/* RegistryAuthError */.w4(name, 'refusing to send credentials over plain http (list the host as insecure to allow it)');
        }
        headers.authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
    }
    try {
        return await transport.send('index', url, { headers: async () => headers }, (response) => {
            if (response.status === 401 || response.status === 403) {
                throw new errors/* RegistryAuthError */.w4(name, `HTTP ${response.status} for index.yaml`);
            }
            if (response.status === 404)
                throw new errors/* RegistryNotFoundError */.PB(name, 'no index.yaml');
            if (response.status < 200 || response.status >= 300) {
                throw new errors/* RegistryProtocolError */.SE(name, `HTTP ${response.status} for index.yaml`);
            }
            return parseHelmRepoIndex(response.body.toString('utf8'), {
                source: name,
                ...(options.warn ? { warn: options.warn } : {}),
                ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
            });
        });
    }
    catch (error) {
        if (error instanceof errors/* RegistryError */.gl)
            throw error;
        if (error instanceof registry_transport/* RetriesExhaustedError */.i5)
            throw new errors/* RegistryUnavailableError */.i$(name, error.message, { cause: error });
        const plain = error instanceof Error && !(error instanceof TypeError || error instanceof RangeError) ? error.message : 'unexpected answer';
        throw new errors/* RegistryProtocolError */.SE(name, plain, { cause: error });
    }
}

// EXTERNAL MODULE: ./src/charts/oci.ts
var oci = __webpack_require__(33984);
;// CONCATENATED MODULE: ./src/charts/source.ts






class ChartVersionSource {
    options;
    transport;
    indexes = new Map();
    constructor(options) {
        this.options = options;
        const transportOptions = {};
        if (options.retry)
            transportOptions.retry = options.retry;
        if (options.concurrency !== undefined)
            transportOptions.concurrency = options.concurrency;
        if (options.fetch)
            transportOptions.fetch = options.fetch;
        if (options.log)
            transportOptions.log = options.log;
        if (options.bodyLimits)
            transportOptions.bodyLimits = options.bodyLimits;
        this.transport = new registry_transport/* Transport */.oK(transportOptions);
        for (const credential of Object.values(options.repoCredentials ?? {}))
            options.onSecret?.(credential.password);
    }
    /** Requests made to classic repositories (OCI requests are in the registry client's stats). */
    get stats() {
        return this.transport.stats;
    }
    /** Every version of the chart, as the repository spells it; `dir` charts have none. */
    async listVersions(chart) {
        switch (chart.kind) {
            case 'oci':
                return (0,oci/* listOciChartVersions */.fS)(this.options.registry, chart.reference, this.warn);
            case 'repo':
                if (!chart.repoUrl)
                    throw new errors/* RegistryProtocolError */.SE(chart.reference, `no URL known for Helm repository "${chart.repoName}"`);
                return this.helmRepoVersions(chart.repoUrl, chart.chartName);
            case 'dir':
                return [];
        }
    }
    async helmRepoVersions(repoUrl, chartName) {
        const key = repoUrl.replace(/\/+$/, '');
        let index = this.indexes.get(key);
        if (!index) {
            const insecure = new Set((this.options.insecureHosts ?? []).map(reference/* normalizeHost */.cS));
            index = fetchHelmRepoIndex(this.transport, repoUrl, this.options.repoCredentials?.[repoUrl] ?? this.options.repoCredentials?.[key], {
                plainHttpAllowed: (host) => (0,reference/* isLoopback */.U9)(host) || insecure.has((0,reference/* normalizeHost */.cS)(host)),
                ...(this.warn ? { warn: this.warn } : {}),
                ...(this.options.bodyLimits?.index !== undefined ? { maxBytes: this.options.bodyLimits.index } : {}),
            });
            index.catch(() => undefined);
            this.indexes.set(key, index);
        }
        const versions = (await index).get(chartName);
        if (!versions)
            throw new errors/* RegistryNotFoundError */.PB((0,redact/* redactUrl */.BO)(repoUrl), `chart "${chartName}" is not in index.yaml`);
        // The release uses this chart from this repository, so an honest index lists at least one version.
        if (versions.length === 0)
            throw new errors/* RegistryProtocolError */.SE((0,redact/* redactUrl */.BO)(repoUrl), `index.yaml lists no valid versions of chart "${chartName}" (untrusted answer)`);
        return versions;
    }
    ociVersions(reference) {
        return (0,oci/* listOciChartVersions */.fS)(this.options.registry, reference, this.warn);
    }
    get warn() {
        return this.options.warn ?? this.options.log;
    }
}

// EXTERNAL MODULE: ./src/registry/client.ts + 9 modules
var client = __webpack_require__(69738);
// EXTERNAL MODULE: ./src/registry/acr.ts
var acr = __webpack_require__(3477);
// EXTERNAL MODULE: ./src/exec/run.ts
var run = __webpack_require__(86044);
// EXTERNAL MODULE: ./src/registry/credentials.ts
var credentials = __webpack_require__(3653);
;// CONCATENATED MODULE: ./src/registry/credential-helpers.ts
/**
 * Docker credential helpers (`credHelpers` / `credsStore` in the docker config): `docker-credential-NAME get`
 * with the server URL on stdin, answering `{"ServerURL", "Username", "Secret"}`. A helper is run only
 * when a registry it serves is asked about, at most once per (helper, server), with an argument array
 * and a time limit; its Secret is masked before anything else sees it.
 */


/** What docker accepts after `docker-credential-`, kept to names that are safe as a program name. */
const HELPER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Docker's answer when a helper has nothing for the server; not an error. */
const NOT_FOUND = /credentials not found/i;
/** A helper's user name meaning the Secret is an identity (OAuth2 refresh) token. */
const IDENTITY_TOKEN_USER = '<token>';
const DEFAULT_HELPER_TIMEOUT_MS = 10_000;
const MAX_ANSWER_CHARS = 64 * 1024;
class CredentialHelperError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CredentialHelperError';
    }
}
/** A line of a helper's stderr fit for a message: printable, short. */
function firstLine(text) {
    const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
    return line.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
/** Reads a helper's `get` answer; throws with what was wrong, never with the answer itself (it holds a secret). */
function parseHelperAnswer(helper, serverUrl, stdout) {
    const what = `docker-credential-${helper} get`;
    if (stdout.length > MAX_ANSWER_CHARS)
        throw new CredentialHelperError(`${what} answered more than ${MAX_ANSWER_CHARS} characters`);
    let answer;
    try {
        answer = JSON.parse(stdout);
    }
    catch {
        throw new CredentialHelperError(`${what} did not answer JSON (expected {"ServerURL": "...", "Username": "...", "Secret": "..."})`);
    }
    if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
        throw new CredentialHelperError(`${what} did not answer a JSON object (expected {"ServerURL", "Username", "Secret"})`);
    }
    const { ServerURL: server, Username: username, Secret: secret } = answer;
    if (typeof username !== 'string' || typeof secret !== 'string' || secret === '') {
        throw new CredentialHelperError(`${what} answered without a string "Username" and a non-empty string "Secret"`);
    }
    if (server !== undefined && server !== '' && (typeof server !== 'string' || (0,credentials/* configKeyToHost */.nx)(server) !== (0,credentials/* configKeyToHost */.nx)(serverUrl))) {
        throw new CredentialHelperError(`${what} answered for another server than ${(0,credentials/* configKeyToHost */.nx)(serverUrl)}`);
    }
    if (username === IDENTITY_TOKEN_USER)
        return { identityToken: secret };
    if (username === '')
        throw new CredentialHelperError(`${what} answered an empty "Username"`);
    return { username, password: secret };
}
/** Runs credential helpers for a credential resolver, once per (helper, server URL). */
function credentialHelpers(options = {}) {
    const answers = new Map();
    const runHelper = options.run ?? run/* run */.e;
    const timeoutMs = options.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
    const ask = async (helper, serverUrl) => {
        if (!HELPER_NAME.test(helper)) {
            throw new CredentialHelperError(`docker config names credential helper "${helper.slice(0, 64).replace(/[^\x20-\x7e]/g, '?')}", which is not a helper name (${HELPER_NAME.source})`);
        }
        const program = `docker-credential-${helper}`;
        const result = await runHelper(program, ['get'], { input: serverUrl, timeoutMs, env: options.env ?? process.env });
        if (result.stderr.endsWith(`${program} timed out after ${timeoutMs} ms`))
            throw new CredentialHelperError(`${program} get failed: timed out after ${timeoutMs} ms`);
        if (result.code === 0) {
            const credential = parseHelperAnswer(helper, serverUrl, result.stdout.trim());
            options.onSecret?.('password' in credential ? credential.password : 'identityToken' in credential ? credential.identityToken : credential.token);
            return credential;
        }
        if (NOT_FOUND.test(result.stdout) || NOT_FOUND.test(result.stderr))
            return undefined;
        if (result.code === 127 && /ENOENT/.test(result.stderr))
            throw new CredentialHelperError(`${program} is not installed (not found on PATH)`);
        // Helpers print their errors on stdout or stderr; an answer that looks like JSON may hold a secret.
        const detail = firstLine(result.stderr) || (result.stdout.trim().startsWith('{') ? '' : firstLine(result.stdout));
        throw new CredentialHelperError(`${program} get failed (exit ${result.code})${detail ? `: ${detail}` : ''}`);
    };
    return (helper, serverUrl) => {
        const key = `${helper}\n${serverUrl}`;
        let answer = answers.get(key);
        if (!answer) {
            answer = ask(helper, serverUrl);
            answers.set(key, answer);
        }
        return answer;
    };
}

// EXTERNAL MODULE: ./src/registry/ecr.ts
var ecr = __webpack_require__(89857);
;// CONCATENATED MODULE: ./src/upgrades/sources.ts
/** The registry client and chart source a run uses, with credentials from the usual places. */








/** A Google access token from application default credentials; the library is loaded only when needed. */
async function googleAccessToken() {
    const { GoogleAuth } = await Promise.all(/* import() */[__webpack_require__.e(324), __webpack_require__.e(492)]).then(__webpack_require__.t.bind(__webpack_require__, 492, 23));
    const client = await new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] }).getClient();
    const { token } = await client.getAccessToken();
    return token ?? undefined;
}
/** The narrow callbacks the registry and chart clients take, from the one Logger. */
function clientHooks(logger) {
    if (!logger)
        return {};
    return { onSecret: (value) => logger.secret(value), log: (message) => logger.debug(message), warn: (message) => logger.warning(message) };
}
async function createSources(options = {}) {
    const docker = await (0,credentials/* loadDockerConfig */.h3)(options.env ?? process.env);
    const { logger } = options;
    for (const warning of docker.warnings)
        logger?.warning(warning);
    // Cloud SDKs and credential helpers need the whole environment (PATH, HOME), with the given one on top.
    const env = { ...process.env, ...options.env };
    const onSecret = logger ? (value) => logger.secret(value) : undefined;
    const secretHook = onSecret ? { onSecret } : {};
    const registryOptions = {
        credentials: (0,credentials/* credentialResolver */.iT)({
            ...(options.credentials ? { explicit: options.credentials } : {}),
            dockerConfig: docker.credentials,
            dockerHelpers: docker.helpers,
            runHelper: credentialHelpers({ env, ...secretHook }),
            ...(options.githubToken ? { githubToken: options.githubToken } : {}),
            googleAccessToken,
            vendors: [
                new ecr/* EcrCredentials */.vp({ env, ...secretHook, ...(options.awsCredentials ? { credentials: options.awsCredentials } : {}) }),
                new acr/* AcrCredentials */.X$({ env, ...secretHook, ...(options.azureCredential ? { credential: options.azureCredential } : {}), ...(options.retry ? { retry: options.retry } : {}) }),
            ],
            ...(logger ? { warn: (message) => logger.warning(message) } : {}),
        }),
        ...(options.insecureRegistries ? { insecureRegistries: options.insecureRegistries } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...clientHooks(logger),
        ...(options.bodyLimits ? { bodyLimits: options.bodyLimits } : {}),
        env,
    };
    const registry = new client/* RegistryClient */.b(registryOptions);
    const charts = new ChartVersionSource({
        registry,
        ...(options.retry ? { retry: options.retry } : {}),
        ...clientHooks(logger),
        ...(options.insecureRegistries ? { insecureHosts: options.insecureRegistries } : {}),
        ...(options.bodyLimits ? { bodyLimits: options.bodyLimits } : {}),
    });
    return { registry, charts };
}
/**
 * Where the image metadata cache lives unless told otherwise: `$XDG_CACHE_HOME/kubecd`, else
 * `~/.cache/kubecd`. Deliberately not under RUNNER_TEMP, which is emptied after every job.
 */
function defaultCacheDir(env = process.env) {
    const base = env.XDG_CACHE_HOME || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.cache');
    return (0,external_node_path_.join)(base, 'kubecd');
}


/***/ })

};
