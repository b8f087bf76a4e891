export const id = 83;
export const ids = [83];
export const modules = {

/***/ 68083:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  agentCommand: () => (/* binding */ agentCommand)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/git/arguments.ts
var git_arguments = __webpack_require__(56860);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/exec/quote.ts
var quote = __webpack_require__(96197);
// EXTERNAL MODULE: ./src/model/grammar.ts
var grammar = __webpack_require__(9600);
// EXTERNAL MODULE: ./src/git/errors.ts
var errors = __webpack_require__(63341);
// EXTERNAL MODULE: ./src/git/git.ts
var git = __webpack_require__(10308);
;// CONCATENATED MODULE: ./src/git/clone.ts
/**
 * A read-only follower of one branch of a remote: clone once, then fetch and fast-forward. It never pushes
 * and never rewrites: a branch that moved to a commit that does not descend from the checked-out one is
 * refused. Only the URL's own transport is allowed (no file://, ext:: or submodule transports), redirects
 * are not followed (the token header would go with them), and received objects are checked (fsck).
 */







const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
/** `git@github.com:acme/deployments.git` */
const SCP_LIKE = /^([A-Za-z0-9._-]+)@([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):([A-Za-z0-9._~/-]+)$/;
function refuseUrl(url, why) {
    throw new errors/* GitArgumentError */.G(`refusing to clone ${(0,quote/* quoted */.T)(url)}: ${why}`);
}
/**
 * A clone URL kubecd accepts: https://HOST/PATH, ssh://[USER@]HOST[:PORT]/PATH or USER@HOST:PATH; http:// only
 * to a loopback address (a git server beside the agent). No password in the URL (use a token file).
 */
function checkCloneUrl(url) {
    if (!(0,grammar/* isPlainArgument */.Ev)(url) || /\s/.test(url))
        refuseUrl(url, 'expected one plain word, not starting with "-"');
    const scp = SCP_LIKE.exec(url);
    if (scp) {
        if (scp[4].startsWith('-'))
            refuseUrl(url, 'the path must not start with "-"');
        return { url, transport: 'ssh', host: scp[2] };
    }
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return refuseUrl(url, 'expected https://HOST/PATH, ssh://USER@HOST/PATH or USER@HOST:PATH');
    }
    const transport = parsed.protocol.slice(0, -1);
    if (transport !== 'https' && transport !== 'http' && transport !== 'ssh')
        refuseUrl(url, `the ${transport}: transport is not allowed (https, ssh, or http to a loopback address)`);
    const host = parsed.hostname;
    if (!(HOST.test(host) || host === '[::1]'))
        refuseUrl(url, 'the host is not a host name or address');
    if (parsed.password !== '')
        refuseUrl(url, 'a password in the URL would be printed by git; give a token file instead');
    if (transport !== 'ssh' && parsed.username !== '')
        refuseUrl(url, 'a user name in an HTTPS URL is a credential; give a token file instead');
    if (transport === 'http' && !LOOPBACK.has(host))
        refuseUrl(url, 'plain http is only allowed to a loopback address; use https');
    if (parsed.search !== '' || parsed.hash !== '')
        refuseUrl(url, 'a query or fragment is not part of a repository URL');
    return { url, transport, host };
}
/** Only kubecd-made paths go into the SSH command line, and only in this spelling. */
const SAFE_PATH = /^\/[A-Za-z0-9._/-]+$/;
/**
 * Copies the deploy key and known_hosts into `dir` (a private folder kubecd made) with mode 0600 and returns
 * the SSH command git runs. git runs core.sshCommand through a shell, so the command holds nothing but fixed
 * words and the two copied paths, checked against a strict character set. Host keys must be known.
 */
async function prepareSshCommand(dir, keyFile, knownHostsFile) {
    const sshDir = (0,external_node_path_.join)(dir, 'ssh');
    await (0,promises_.mkdir)(sshDir, { recursive: true, mode: 0o700 });
    const key = (0,external_node_path_.join)(sshDir, 'deploy-key');
    const knownHosts = (0,external_node_path_.join)(sshDir, 'known_hosts');
    await (0,promises_.copyFile)(keyFile, key).catch((error) => { throw new errors/* GitError */.X(`cannot read the SSH deploy key ${keyFile}: ${error.code ?? error.message}`); });
    await (0,promises_.copyFile)(knownHostsFile, knownHosts).catch((error) => { throw new errors/* GitError */.X(`cannot read the SSH known hosts file ${knownHostsFile}: ${error.code ?? error.message}`); });
    await Promise.all([(0,promises_.chmod)(key, 0o600), (0,promises_.chmod)(knownHosts, 0o600)]);
    return sshCommand(key, knownHosts);
}
function sshCommand(key, knownHosts) {
    for (const path of [key, knownHosts]) {
        if (!SAFE_PATH.test(path))
            throw new errors/* GitArgumentError */.G(`refusing to build the SSH command: path ${(0,quote/* quoted */.T)(path)} has characters other than letters, digits, ".", "_", "-" and "/" (set TMPDIR to a plain path)`);
    }
    return [
        'ssh', '-F', '/dev/null', '-i', key,
        '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
        '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    ].join(' ');
}
/** Thrown when the remote branch moved to a commit that does not descend from the checked-out one. */
class NotFastForwardError extends errors/* GitError */.X {
}
/** One `-c`-like setting per entry, passed through the environment so nothing is written to the clone's config. */
async function remoteEnv(follower) {
    const { transport } = follower.url;
    const settings = [
        ['protocol.allow', 'never'],
        [`protocol.${transport}.allow`, 'always'],
        ['http.followRedirects', 'false'],
        ['transfer.fsckObjects', 'true'],
        ['credential.helper', ''],
    ];
    let token;
    if (follower.auth.token && transport !== 'ssh') {
        token = (await follower.auth.token()).trim();
        if (token === '' || /[\s\u0000-\u001f]/.test(token))
            throw new errors/* GitError */.X('the git token is empty or not one line');
        settings.push((0,git/* tokenHeader */.tf)(token));
    }
    const env = { ...(0,git/* configEnv */._h)(settings), GIT_CONFIG_NOSYSTEM: '1' };
    if (transport === 'ssh') {
        if (!follower.auth.sshCommand)
            throw new errors/* GitError */.X('an SSH clone URL needs a deploy key and a known hosts file');
        env.GIT_SSH_COMMAND = follower.auth.sshCommand;
    }
    return { env, ...(token ? { token } : {}) };
}
/**
 * ssh's own text for a host key it cannot verify is a banner whose advice (edit or `ssh-keygen -R` a file)
 * names kubecd's private copy of the known hosts file, which nobody can fix; this says what happened instead.
 */
function hostKeyFailure(stderr) {
    if (!/^Host key verification failed\./m.test(stderr))
        return undefined;
    const changed = /^Host key for (\S+) has changed/m.exec(stderr);
    if (changed) {
        const offered = /^(SHA256:[A-Za-z0-9+/]+)/m.exec(stderr)?.[1];
        return `host key verification failed: ${changed[1]} offered a host key${offered ? ` (${offered})` : ''} that is not the one the known hosts file lists for it, so kubecd did not log in (a wrong known hosts file, or someone in between)`;
    }
    const unknown = /^No (\S+) host key is known for (\S+)/m.exec(stderr);
    if (unknown)
        return `host key verification failed: the known hosts file has no ${unknown[1]} key for ${unknown[2]}, so kubecd did not log in`;
    return 'host key verification failed: the SSH server\'s host key could not be checked against the known hosts file, so kubecd did not log in';
}
/** git over the network, its error with the token masked. */
async function networkGit(cwd, follower, args) {
    const { env, token } = await remoteEnv(follower);
    const result = await (0,git/* git */.$Y)({ cwd }, args, { env, allowFail: true });
    if (result.code !== 0) {
        const message = (follower.url.transport === 'ssh' ? hostKeyFailure(result.stderr) : undefined) ?? (result.stderr.trim() || `exit code ${result.code}`);
        throw new errors/* GitError */.X(`git ${args[0]} ${follower.url.url} failed: ${token ? message.replaceAll(token, '***') : message}`);
    }
}
async function head(dir) {
    const result = await (0,git/* git */.$Y)({ cwd: dir }, ['rev-parse', '--verify', '--end-of-options', 'HEAD^{commit}']);
    return (0,git_arguments/* checkObjectId */.XV)(result.stdout.trim());
}
/** Clones `branch` of the follower's URL into `dir` (which must not exist or be empty); returns the commit. */
async function cloneBranch(follower) {
    (0,git_arguments/* checkBranch */.DC)(follower.branch);
    await (0,promises_.mkdir)(follower.dir, { recursive: true });
    try {
        await networkGit(follower.dir, follower, ['clone', '--quiet', '--no-tags', '--single-branch', `--branch=${follower.branch}`, '--', follower.url.url, '.']);
    }
    catch (error) {
        // The next attempt clones into an empty folder again.
        await (0,promises_.rm)(follower.dir, { recursive: true, force: true });
        throw error;
    }
    return head(follower.dir);
}
/** Fetches the branch and fast-forwards the working copy to it; refuses (NotFastForwardError) anything else. */
async function fetchFastForward(follower) {
    const branch = (0,git_arguments/* checkBranch */.DC)(follower.branch);
    const tracking = `refs/remotes/origin/${branch}`;
    await networkGit(follower.dir, follower, ['fetch', '--quiet', '--no-tags', '--', follower.url.url, `+refs/heads/${branch}:${tracking}`]);
    // Both arguments start with fixed text (the branch is checked), so neither can read as an option.
    const both = await (0,git/* git */.$Y)({ cwd: follower.dir }, ['rev-parse', 'HEAD^{commit}', `${tracking}^{commit}`]);
    const [from, to] = both.stdout.trim().split('\n').map((id) => (0,git_arguments/* checkObjectId */.XV)(id));
    if (from === to)
        return { from, to, changed: false };
    const ancestor = await (0,git/* git */.$Y)({ cwd: follower.dir }, ['merge-base', '--is-ancestor', from, to], { allowFail: true });
    if (ancestor.code === 1) {
        throw new NotFastForwardError(`branch ${branch} of ${follower.url.url} moved from ${from.slice(0, 12)} to ${to.slice(0, 12)}, which is not a fast-forward (a force-push or rewrite); kubecd only follows fast-forwards, so it stays at ${from.slice(0, 12)}`);
    }
    if (ancestor.code !== 0)
        throw new errors/* GitError */.X(`git merge-base failed: ${ancestor.stderr.trim()}`);
    await (0,git/* git */.$Y)({ cwd: follower.dir }, ['merge', '--ff-only', '--quiet', to]);
    return { from, to, changed: true };
}

// EXTERNAL MODULE: ./src/deploy/request.ts
var deploy_request = __webpack_require__(84046);
// EXTERNAL MODULE: ./src/fs/temp-dir.ts
var temp_dir = __webpack_require__(78995);
// EXTERNAL MODULE: ./src/kube/kubeconfig.ts
var kubeconfig = __webpack_require__(67598);
;// CONCATENATED MODULE: ./src/kube/in-cluster.ts
/**
 * The pod's own ServiceAccount as a ClusterAccess: the API server from KUBERNETES_SERVICE_HOST/PORT, its CA
 * and the bearer token from the mounted ServiceAccount folder. The kubeconfig kubecd writes holds only paths
 * (`tokenFile`, `certificate-authority`), never the token, so helm and kubectl read the projected token
 * afresh each time they start: the kubelet rotates it in place.
 */






const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** A token file larger than this is not a ServiceAccount token. */
const MAX_TOKEN_BYTES = 64 * 1024;
class InClusterError extends Error {
}
/** The API server's URL from the two variables the kubelet sets in every container. */
function inClusterServer(env) {
    const host = env.KUBERNETES_SERVICE_HOST?.trim();
    const port = env.KUBERNETES_SERVICE_PORT?.trim();
    if (!host || !port)
        throw new InClusterError('not running in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set (or pass --kubeconfig)');
    const ipv6 = host.includes(':');
    if (!(ipv6 ? /^[0-9A-Fa-f:.]+$/ : /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/).test(host)) {
        throw new InClusterError(`KUBERNETES_SERVICE_HOST ${(0,quote/* quoted */.T)(host)} is not a host name or IP address`);
    }
    const portNumber = Number(port);
    if (!/^\d{1,5}$/.test(port) || portNumber < 1 || portNumber > 65535)
        throw new InClusterError(`KUBERNETES_SERVICE_PORT ${(0,quote/* quoted */.T)(port)} is not a port number`);
    return `https://${ipv6 ? `[${host}]` : host}:${portNumber}`;
}
/** Reads the ServiceAccount token; throws InClusterError naming the file when it is missing or empty. */
async function readServiceAccountToken(tokenFile) {
    let text;
    try {
        const buffer = await (0,promises_.readFile)(tokenFile);
        if (buffer.length > MAX_TOKEN_BYTES)
            throw new InClusterError(`ServiceAccount token ${tokenFile} is larger than ${MAX_TOKEN_BYTES} bytes`);
        text = buffer.toString('utf8').trim();
    }
    catch (error) {
        if (error instanceof InClusterError)
            throw error;
        throw new InClusterError(`cannot read the ServiceAccount token ${tokenFile}: ${error.code ?? error.message}`);
    }
    if (text === '' || /[\s\u0000-\u001f]/.test(text))
        throw new InClusterError(`ServiceAccount token ${tokenFile} is empty or not one line`);
    return text;
}
/** The in-cluster configuration from `dir` (default the kubelet's mount) and the environment; checks that the files are there. */
async function inClusterConfig(dir = DEFAULT_SERVICE_ACCOUNT_DIR, env = process.env) {
    const base = (0,external_node_path_.resolve)(dir);
    const config = { server: inClusterServer(env), tokenFile: (0,external_node_path_.join)(base, 'token'), caFile: (0,external_node_path_.join)(base, 'ca.crt') };
    await readServiceAccountToken(config.tokenFile);
    let ca;
    try {
        ca = await (0,promises_.readFile)(config.caFile, 'utf8');
    }
    catch (error) {
        throw new InClusterError(`cannot read the cluster CA ${config.caFile}: ${error.code ?? error.message}`);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----'))
        throw new InClusterError(`cluster CA ${config.caFile} holds no PEM certificate`);
    const namespace = await (0,promises_.readFile)((0,external_node_path_.join)(base, 'namespace'), 'utf8').then((text) => text.trim(), () => undefined);
    if (namespace !== undefined && !(0,grammar/* isNamespace */.GW)(namespace))
        throw new InClusterError(`ServiceAccount namespace file ${(0,external_node_path_.join)(base, 'namespace')} holds ${(0,quote/* quoted */.T)(namespace)}, not a namespace name`);
    return { ...config, ...(namespace !== undefined ? { namespace } : {}) };
}
/** The kubeconfig text: paths only, so it holds no secret. */
function inClusterKubeconfig(config) {
    if (!(0,external_node_path_.isAbsolute)(config.tokenFile) || !(0,external_node_path_.isAbsolute)(config.caFile))
        throw new InClusterError('the token and CA paths must be absolute');
    return (0,kubeconfig/* buildKubeconfig */.y)({ server: config.server, ca: { file: config.caFile }, token: { file: config.tokenFile }, name: 'in-cluster', ...(config.namespace ? { namespace: config.namespace } : {}) });
}
/**
 * Opens access through the ServiceAccount. `fresh()` (before every helm and kubectl command) re-reads the
 * token, so a missing or emptied token fails with its file named, and hands each new token to `onSecret`.
 */
async function openInClusterAccess(config, onSecret) {
    const dir = await (0,temp_dir/* privateTempDir */.n)('kubecd-in-cluster-');
    const kubeconfig = (0,external_node_path_.join)(dir, 'kubeconfig.yaml');
    await (0,promises_.writeFile)(kubeconfig, inClusterKubeconfig(config), { mode: 0o600 });
    const fresh = async () => onSecret(await readServiceAccountToken(config.tokenFile));
    try {
        await fresh();
    }
    catch (error) {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        throw error;
    }
    return {
        target: { kubeconfig },
        description: `in-cluster ServiceAccount${config.namespace ? ` of namespace ${config.namespace}` : ''} at ${config.server}`,
        fresh,
        close: () => (0,promises_.rm)(dir, { recursive: true, force: true }),
    };
}

;// CONCATENATED MODULE: ./src/agent/config.ts
/** The agent's settings from its flags, each checked, with the defaults in one place. */







const AGENT_DEFAULTS = {
    branch: 'main',
    interval: '5m',
    'backoff-initial': '10s',
    'backoff-max': '10m',
    listen: ':8080',
    'service-account-dir': DEFAULT_SERVICE_ACCOUNT_DIR,
};
/** The agent's own flags (the deploy settings of APPLY_SETTINGS and --context come on top). */
const AGENT_FLAGS = {
    repo: { type: 'string' },
    branch: { type: 'string' },
    environment: { type: 'string', short: 'e', multiple: true },
    interval: { type: 'string' },
    'backoff-initial': { type: 'string' },
    'backoff-max': { type: 'string' },
    listen: { type: 'string' },
    'webhook-secret-file': { type: 'string' },
    'git-token-file': { type: 'string' },
    'ssh-key-file': { type: 'string' },
    'ssh-known-hosts-file': { type: 'string' },
    'service-account-dir': { type: 'string' },
    context: { type: 'string' },
};
/** A flag with a value the agent cannot take; `problem` reads after the flag. */
class AgentConfigError extends Error {
    flag;
    problem;
    constructor(flag, problem) {
        super(`--${flag} ${problem}`);
        this.flag = flag;
        this.problem = problem;
    }
}
/** setTimeout's limit is about 24.8 days; nothing here needs more than a day. */
const MAX_DURATION_MS = 24 * 3_600_000;
/** `30s`, `5m`, `1h30m`, `250ms`: positive, at most a day. */
function parseDuration(flag, text) {
    const total = (0,grammar/* goDurationMs */.Dy)(text);
    if (total === undefined)
        throw new AgentConfigError(flag, `must be a duration such as 30s, 5m or 1h30m, not ${(0,quote/* quoted */.T)(text)}`);
    if (total <= 0 || total > MAX_DURATION_MS)
        throw new AgentConfigError(flag, `must be more than 0 and at most 24h, not ${(0,quote/* quoted */.T)(text)}`);
    return total;
}
/** `HOST:PORT`, `:PORT` (every address) or `[IPV6]:PORT`. */
function parseListen(text) {
    const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]*):(\d{1,5})$/.exec(text);
    const port = Number(match?.[2]);
    if (!match || port > 65535)
        throw new AgentConfigError('listen', `must be HOST:PORT or :PORT, not ${(0,quote/* quoted */.T)(text)}`);
    const host = match[1].replace(/^\[(.*)\]$/, '$1');
    return { ...(host !== '' ? { host } : {}), port };
}
function relativeInRepo(text) {
    const normal = external_node_path_default().posix.normalize(text.replaceAll('\\', '/'));
    if (text.includes('\0') || external_node_path_default().posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) {
        throw new AgentConfigError('environments', `must be a path inside the deployments repository, not ${(0,quote/* quoted */.T)(text)}`);
    }
    return normal;
}
function config_text(values, name) {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
}
/** Checks every flag and fills in the defaults; throws AgentConfigError naming the first bad flag. */
function agentConfig(values, environmentsFile) {
    const repoText = config_text(values, 'repo');
    if (!repoText)
        throw new AgentConfigError('repo', 'is required: the deployments repository to follow (https://..., ssh://... or git@host:path)');
    let repo;
    try {
        repo = checkCloneUrl(repoText);
    }
    catch (error) {
        throw new AgentConfigError('repo', error.message.replace(/^refusing to clone /, 'is refused: '));
    }
    const branch = config_text(values, 'branch') ?? AGENT_DEFAULTS.branch;
    try {
        (0,git_arguments/* checkBranch */.DC)(branch);
    }
    catch {
        throw new AgentConfigError('branch', `must be a branch name, not ${(0,quote/* quoted */.T)(branch)}`);
    }
    const environments = Array.isArray(values.environment) ? values.environment : [];
    if (environments.length === 0)
        throw new AgentConfigError('environment', 'is required (once per environment the agent applies)');
    const badName = environments.find((name) => !(0,grammar/* isEnvironmentName */.tq)(name));
    if (badName !== undefined)
        throw new AgentConfigError('environment', `must be an environment name, not ${(0,quote/* quoted */.T)(badName)}`);
    const sshKeyFile = config_text(values, 'ssh-key-file');
    const sshKnownHostsFile = config_text(values, 'ssh-known-hosts-file');
    if (repo.transport === 'ssh' && (!sshKeyFile || !sshKnownHostsFile)) {
        throw new AgentConfigError(sshKeyFile ? 'ssh-known-hosts-file' : 'ssh-key-file', 'is required for an SSH repository URL (host keys are always checked)');
    }
    if (repo.transport !== 'ssh' && (sshKeyFile || sshKnownHostsFile))
        throw new AgentConfigError(sshKeyFile ? 'ssh-key-file' : 'ssh-known-hosts-file', 'is for SSH repository URLs only');
    const gitTokenFile = config_text(values, 'git-token-file');
    if (gitTokenFile && repo.transport === 'ssh')
        throw new AgentConfigError('git-token-file', 'is for HTTPS repository URLs only (SSH uses --ssh-key-file)');
    const schedule = {
        intervalMs: parseDuration('interval', config_text(values, 'interval') ?? AGENT_DEFAULTS.interval),
        backoffInitialMs: parseDuration('backoff-initial', config_text(values, 'backoff-initial') ?? AGENT_DEFAULTS['backoff-initial']),
        backoffMaxMs: parseDuration('backoff-max', config_text(values, 'backoff-max') ?? AGENT_DEFAULTS['backoff-max']),
    };
    if (schedule.backoffMaxMs < schedule.backoffInitialMs)
        throw new AgentConfigError('backoff-max', 'must not be shorter than --backoff-initial');
    const deploy = {};
    for (const name of Object.keys(deploy_request/* APPLY_SETTINGS */.rd)) {
        const value = values[name];
        if (typeof value === 'string' || typeof value === 'boolean')
            deploy[name] = value;
    }
    try {
        (0,deploy_request/* checkApplyOptions */.Xd)({ ...deploy, environment: environments[0] });
    }
    catch (error) {
        if (error instanceof deploy_request/* ApplyOptionError */.eY)
            throw new AgentConfigError(error.option, error.problem);
        throw error;
    }
    const kubeconfig = config_text(values, 'kubeconfig');
    const context = config_text(values, 'context');
    const webhookSecretFile = config_text(values, 'webhook-secret-file');
    return {
        repo,
        branch,
        environmentsFile: relativeInRepo(environmentsFile),
        environments: [...new Set(environments)],
        schedule,
        listen: parseListen(config_text(values, 'listen') ?? AGENT_DEFAULTS.listen),
        ...(webhookSecretFile ? { webhookSecretFile } : {}),
        ...(gitTokenFile ? { gitTokenFile } : {}),
        ...(sshKeyFile && sshKnownHostsFile ? { ssh: { keyFile: sshKeyFile, knownHostsFile: sshKnownHostsFile } } : {}),
        serviceAccountDir: config_text(values, 'service-account-dir') ?? AGENT_DEFAULTS['service-account-dir'],
        ...(kubeconfig ? { kubeconfig } : {}),
        ...(context ? { context } : {}),
        deploy: deploy,
    };
}

// EXTERNAL MODULE: ./src/deploy/apply.ts + 7 modules
var apply = __webpack_require__(87553);
// EXTERNAL MODULE: ./src/deploy/report.ts
var report = __webpack_require__(65505);
// EXTERNAL MODULE: ./src/kube/access.ts
var access = __webpack_require__(24979);
// EXTERNAL MODULE: ./src/model/problems.ts
var problems = __webpack_require__(99437);
// EXTERNAL MODULE: ./src/repo/load.ts + 9 modules
var load = __webpack_require__(59755);
// EXTERNAL MODULE: ./node_modules/prom-client/index.js
var prom_client = __webpack_require__(95222);
;// CONCATENATED MODULE: ./src/agent/metrics.ts
/** The agent's Prometheus metrics, in a registry of its own (never prom-client's global one). */

class AgentMetrics {
    registry = new prom_client.Registry();
    applies = new prom_client.Counter({ name: 'kubecd_agent_applies_total', help: 'Applies of an environment, whatever their outcome.', labelNames: ['environment'], registers: [this.registry] });
    failures = new prom_client.Counter({ name: 'kubecd_agent_apply_failures_total', help: 'Applies of an environment that failed, by reason (forbidden: the API server refused the ServiceAccount).', labelNames: ['environment', 'reason'], registers: [this.registry] });
    changed = new prom_client.Counter({ name: 'kubecd_agent_releases_changed_total', help: 'Releases installed or upgraded.', labelNames: ['environment'], registers: [this.registry] });
    lastSuccess = new prom_client.Gauge({ name: 'kubecd_agent_last_success_timestamp_seconds', help: 'When an apply of the environment last succeeded (Unix time).', labelNames: ['environment'], registers: [this.registry] });
    duration = new prom_client.Histogram({ name: 'kubecd_agent_apply_duration_seconds', help: 'How long an apply of an environment took.', labelNames: ['environment'], buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600], registers: [this.registry] });
    fetchFailures = new prom_client.Counter({ name: 'kubecd_agent_git_fetch_failures_total', help: 'Clones or fetches of the deployments repository that failed (including refused non-fast-forwards).', registers: [this.registry] });
    webhooks = new prom_client.Counter({ name: 'kubecd_agent_webhooks_total', help: 'Webhook deliveries by result.', labelNames: ['result'], registers: [this.registry] });
    consecutive = new prom_client.Gauge({ name: 'kubecd_agent_consecutive_failed_syncs', help: 'Syncs that failed in a row (0 after a success).', registers: [this.registry] });
    commit = new prom_client.Gauge({ name: 'kubecd_agent_commit_info', help: 'The deployments repository commit checked out (value 1).', labelNames: ['commit'], registers: [this.registry] });
    constructor(environments) {
        (0,prom_client.collectDefaultMetrics)({ register: this.registry, prefix: 'kubecd_agent_' });
        // Present from the start, so a dashboard shows 0 rather than no data.
        for (const environment of environments) {
            this.applies.inc({ environment }, 0);
            this.changed.inc({ environment }, 0);
            this.failures.inc({ environment, reason: 'forbidden' }, 0);
        }
        this.fetchFailures.inc(0);
    }
    applied(environment, seconds, releasesChanged, failure) {
        this.applies.inc({ environment });
        this.duration.observe({ environment }, seconds);
        this.changed.inc({ environment }, releasesChanged);
        if (failure)
            this.failures.inc({ environment, reason: failure });
        else
            this.lastSuccess.set({ environment }, Date.now() / 1000);
    }
    /** A failure before the engine ran (the repository has errors): no apply, no duration. */
    failedBefore(environment, reason) {
        this.failures.inc({ environment, reason });
    }
    fetchFailed() {
        this.fetchFailures.inc();
    }
    webhook(result) {
        this.webhooks.inc({ result });
    }
    syncs(consecutiveFailures) {
        this.consecutive.set(consecutiveFailures);
    }
    checkedOut(commit) {
        this.commit.reset();
        this.commit.set({ commit }, 1);
    }
    text() {
        return this.registry.metrics();
    }
    get contentType() {
        return this.registry.contentType;
    }
}

;// CONCATENATED MODULE: ./src/agent/scheduler.ts
/**
 * When the agent syncs: at once on start, then every interval; at once when a webhook asks. One sync at a
 * time: triggers that arrive while one runs are folded into a single sync after it. After a failed sync the
 * next automatic one waits an exponentially growing delay (capped) instead of the interval; a webhook still
 * runs at once, since it announces a new commit (which may be the fix).
 */
/** The delay after `failures` failed syncs in a row: the interval after a success. */
function nextDelay(options, failures) {
    if (failures === 0)
        return options.intervalMs;
    return Math.min(options.backoffMaxMs, options.backoffInitialMs * 2 ** Math.min(failures - 1, 30));
}
class Scheduler {
    sync;
    options;
    onScheduled;
    timer;
    nextAt;
    running;
    pending;
    failures = 0;
    stopped = false;
    /** `sync` resolves true when it succeeded; a throw counts as a failure. */
    constructor(sync, options, onScheduled = () => undefined) {
        this.sync = sync;
        this.options = options;
        this.onScheduled = onScheduled;
    }
    start() {
        this.trigger('start');
    }
    /** Runs a sync now, or right after the running one; false once stopped. */
    trigger(reason) {
        if (this.stopped)
            return false;
        if (this.running) {
            this.pending = reason;
            return true;
        }
        this.clearTimer();
        this.running = this.runOnce(reason);
        return true;
    }
    state() {
        return { running: this.running !== undefined, consecutiveFailures: this.failures, ...(this.nextAt !== undefined ? { nextAt: this.nextAt } : {}) };
    }
    /** No more syncs; resolves when the running one (if any) has finished. */
    async stop() {
        this.stopped = true;
        this.pending = undefined;
        this.clearTimer();
        await this.running;
    }
    async runOnce(reason) {
        let ok = false;
        try {
            ok = await this.sync(reason);
        }
        catch {
            ok = false;
        }
        this.failures = ok ? 0 : this.failures + 1;
        this.running = undefined;
        if (this.stopped)
            return;
        const queued = this.pending;
        if (queued) {
            this.pending = undefined;
            this.trigger(queued);
            return;
        }
        const delay = nextDelay(this.options, this.failures);
        this.nextAt = Date.now() + delay;
        this.timer = setTimeout(() => this.trigger(this.failures === 0 ? 'interval' : 'retry'), delay);
        this.onScheduled(delay, this.state());
    }
    clearTimer() {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.nextAt = undefined;
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/agent/webhook.ts
/**
 * GitHub's push webhook as the agent takes it: nothing is parsed before the X-Hub-Signature-256 HMAC of the
 * raw body checks out against the shared secret (compared in constant time); then `ping` is answered and
 * only a `push` to the watched branch asks for a sync. The body is untrusted even when signed: only `ref`,
 * `after` and `deleted` are read, each checked.
 */

/** Push payloads list commits and files; GitHub caps deliveries at 25 MB, kubecd needs far less. */
const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;
function header(request, name) {
    const value = request.headers[name];
    return Array.isArray(value) ? undefined : value;
}
/** True only for `sha256=` + the hex HMAC-SHA256 of `body` under `secret`. */
function validSignature(secret, body, signature) {
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signature ?? '');
    if (!match)
        return false;
    const expected = (0,external_node_crypto_.createHmac)('sha256', secret).update(body).digest();
    return (0,external_node_crypto_.timingSafeEqual)(expected, Buffer.from(match[1], 'hex'));
}
function signature(secret, body) {
    return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
/** The JSON payload, whether GitHub was set to send application/json or a form with `payload=`. */
function payloadOf(request) {
    const type = (header(request, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
    const text = request.body.toString('utf8');
    const json = type === 'application/x-www-form-urlencoded' ? new URLSearchParams(text).get('payload') ?? '' : text;
    return JSON.parse(json);
}
function judgeWebhook(request, secret, branch) {
    const signed = header(request, 'x-hub-signature-256');
    if (signed === undefined)
        return { kind: 'refused', status: 401, reason: 'no X-Hub-Signature-256 header (unsigned deliveries are refused)' };
    if (!validSignature(secret, request.body, signed))
        return { kind: 'refused', status: 401, reason: 'the X-Hub-Signature-256 signature does not match' };
    const event = header(request, 'x-github-event') ?? '';
    if (event === 'ping')
        return { kind: 'ping' };
    if (event !== 'push')
        return { kind: 'ignored', reason: `event "${event.slice(0, 40)}" is not a push` };
    let payload;
    try {
        payload = payloadOf(request);
    }
    catch {
        return { kind: 'refused', status: 400, reason: 'the push payload is not JSON' };
    }
    const { ref, after, deleted } = (payload ?? {});
    if (typeof ref !== 'string')
        return { kind: 'refused', status: 400, reason: 'the push payload has no ref' };
    if (ref !== `refs/heads/${branch}`)
        return { kind: 'ignored', reason: `a push to ${JSON.stringify(ref.slice(0, 100))}, not to refs/heads/${branch}` };
    if (deleted === true)
        return { kind: 'ignored', reason: `branch ${branch} was deleted` };
    return { kind: 'push', ...(typeof after === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(after) ? { commit: after } : {}) };
}

;// CONCATENATED MODULE: ./src/agent/server.ts
/**
 * The agent's HTTP endpoints: POST /webhook, GET /healthz, /readyz and /metrics. Request bodies are read
 * only for /webhook and only up to a cap; slow clients are cut off by the server's timeouts.
 */


function json(status, value) {
    return { status, body: `${JSON.stringify(value)}\n`, contentType: 'application/json' };
}
class TooLarge extends Error {
}
function readBody(req, limit) {
    return new Promise((resolve, reject) => {
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit)
            return reject(new TooLarge());
        const chunks = [];
        let size = 0;
        req.on('data', (chunk) => {
            size += chunk.length;
            if (size > limit) {
                req.removeAllListeners('data');
                reject(new TooLarge());
                return;
            }
            chunks.push(chunk);
        });
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}
function send(res, reply) {
    res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(reply.body);
}
async function handle(routes, req, res) {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/webhook') {
        if (req.method !== 'POST')
            return send(res, json(405, { error: 'POST only' }));
        let body;
        try {
            body = await readBody(req, MAX_WEBHOOK_BYTES);
        }
        catch (error) {
            res.setHeader('connection', 'close');
            send(res, error instanceof TooLarge ? json(413, { error: `the body is larger than ${MAX_WEBHOOK_BYTES} bytes` }) : json(400, { error: 'the body could not be read' }));
            req.destroy();
            return;
        }
        return send(res, routes.webhook(req.headers, body));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, json(405, { error: 'GET only' }));
    if (path === '/healthz')
        return send(res, routes.healthz());
    if (path === '/readyz')
        return send(res, routes.readyz());
    if (path === '/metrics')
        return send(res, await routes.metrics());
    return send(res, json(404, { error: 'not found: the agent serves POST /webhook, GET /healthz, /readyz and /metrics' }));
}
async function startAgentServer(listen, routes, onError) {
    const server = (0,external_node_http_.createServer)((req, res) => {
        handle(routes, req, res).catch((error) => {
            onError(error);
            if (!res.headersSent)
                send(res, json(500, { error: 'internal error' }));
            else
                res.destroy();
        });
    });
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(listen.port, listen.host, () => {
            server.off('error', reject);
            resolve();
        });
    });
    server.on('error', onError);
    const { address, port } = server.address();
    return {
        address: { host: address, port },
        close: () => new Promise((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
        }),
    };
}

;// CONCATENATED MODULE: ./src/agent/agent.ts
/**
 * `kubecd agent`: follows one branch of the deployments repository and applies its own environments with the
 * pod's ServiceAccount, on start, on an interval and when a signed push webhook arrives. One sync at a time
 * (see scheduler.ts); a sync is fetch + fast-forward, load, then each environment through the apply engine.
 * It never writes to the repository.
 */















const FORBIDDEN = /\bforbidden\b/i;
const DELIVERY_ID = /^[0-9A-Za-z-]{1,64}$/;
function errorsOf(outcome) {
    return [
        ...outcome.resources.filter((r) => r.error).map((r) => `resource file ${r.file}: ${r.error}`),
        ...outcome.releases.filter((r) => r.result === 'failed').map((r) => `${r.name}: ${r.reason}`),
        ...outcome.pruned.filter((p) => p.error).map((p) => `prune ${p.name}: ${p.error}`),
    ];
}
async function readSecretFile(file, what) {
    const text = await (0,promises_.readFile)(file, 'utf8').catch((error) => {
        throw new Error(`cannot read the ${what} ${file}: ${error.code ?? error.message}`);
    });
    // A Secret written with `echo` ends in a newline that is not part of the value.
    const value = text.replace(/\r?\n$/, '');
    if (value === '')
        throw new Error(`the ${what} ${file} is empty`);
    return value;
}
/** Starts the server and the first sync; the work folder (the clone, the SSH key copy) is removed on stop. */
async function startAgent(config, parts) {
    const workDir = await (0,temp_dir/* privateTempDir */.n)('kubecd-agent-');
    try {
        return await startIn(workDir, config, parts);
    }
    catch (error) {
        await (0,promises_.rm)(workDir, { recursive: true, force: true });
        throw error;
    }
}
async function startIn(workDir, config, { helm, logger, env = process.env }) {
    const webhookSecret = config.webhookSecretFile ? await readSecretFile(config.webhookSecretFile, 'webhook secret file') : undefined;
    if (webhookSecret)
        logger.secret(webhookSecret);
    const inCluster = config.kubeconfig ? undefined : await inClusterConfig(config.serviceAccountDir, env);
    const follower = {
        dir: (0,external_node_path_.join)(workDir, 'repo'),
        url: config.repo,
        branch: config.branch,
        auth: {
            ...(config.gitTokenFile ? { token: async () => {
                    const token = await readSecretFile(config.gitTokenFile, 'git token file');
                    logger.secret(token);
                    return token;
                } } : {}),
            ...(config.ssh ? { sshCommand: await prepareSshCommand(workDir, config.ssh.keyFile, config.ssh.knownHostsFile) } : {}),
        },
    };
    const metrics = new AgentMetrics(config.environments);
    const abort = new AbortController();
    const statuses = {};
    /** Warnings given once per environment, not on every sync. */
    const warned = new Set();
    let commit;
    let stopping = false;
    const openAccess = async () => inCluster ? openInClusterAccess(inCluster, (value) => logger.secret(value)) : (0,access/* existingAccess */.G)({ kubeconfig: config.kubeconfig, ...(config.context ? { context: config.context } : {}) });
    async function applyOne(environment, loaded, at) {
        const log = logger.with({ environment, commit: at });
        const started = performance.now();
        const declared = loaded.repo.environments.find((e) => e.name === environment);
        const warnOnce = (key, msg, fields) => {
            if (warned.has(key))
                return;
            warned.add(key);
            log.event('warn', msg, fields);
        };
        if (declared && inCluster?.namespace && declared.namespace !== inCluster.namespace) {
            warnOnce(`${environment}/${declared.namespace}`, 'environment namespace differs from the ServiceAccount namespace; the API server will refuse unless RBAC allows it', { namespace: declared.namespace, serviceAccountNamespace: inCluster.namespace });
        }
        // Read loosely: the field belongs to the environments file's schema, which the agent does not depend on.
        const deployedBy = declared?.deployedBy;
        if (declared && deployedBy !== 'agent') {
            warnOnce(`${environment}:deployedBy`, 'environment is not marked deployedBy: agent; an apply workflow may deploy it too', { deployedBy: deployedBy ?? 'action (the default)' });
        }
        let access;
        const record = (status) => {
            const durationMs = Math.round(performance.now() - started);
            statuses[environment] = { ...status, commit: at, at: new Date().toISOString(), durationMs };
            return durationMs;
        };
        try {
            access = await openAccess();
            const request = (0,deploy_request/* applyRequest */.CG)({ ...config.deploy, environment }, { loaded, helm, logger: log });
            const outcome = await (0,apply/* applyEnvironment */.G)({ ...request, credentials: { access }, signal: abort.signal });
            const { applied, skipped, failed } = (0,report/* outcomeLists */.Ko)(outcome);
            const notStarted = outcome.releases.filter((r) => r.result === 'not-started').map((r) => r.name);
            const seconds = (performance.now() - started) / 1000;
            if (abort.signal.aborted && notStarted.length > 0 && !outcome.failed) {
                const durationMs = record({ result: 'interrupted', applied });
                log.event('warn', 'apply interrupted by shutdown after the started releases finished', { namespace: outcome.namespace, applied, skipped, notStarted, durationMs });
                return false;
            }
            if (!outcome.failed) {
                metrics.applied(environment, seconds, applied.length);
                const durationMs = record({ result: 'succeeded', applied });
                log.event('info', 'apply succeeded', { namespace: outcome.namespace, applied, skipped, durationMs });
                return true;
            }
            const errors = errorsOf(outcome);
            const reason = errors.some((e) => FORBIDDEN.test(e)) ? 'forbidden' : 'release';
            metrics.applied(environment, seconds, applied.length, reason);
            const durationMs = record({ result: 'failed', reason, applied, failed, error: errors[0] ?? 'failed' });
            log.event('error', reason === 'forbidden' ? 'apply refused by the API server (the ServiceAccount may not write this namespace)' : 'apply failed', { namespace: outcome.namespace, reason, applied, skipped, failed, notStarted, errors, durationMs });
            return false;
        }
        catch (error) {
            const message = error.message;
            const reason = FORBIDDEN.test(message) ? 'forbidden' : 'error';
            metrics.applied(environment, (performance.now() - started) / 1000, 0, reason);
            const durationMs = record({ result: 'failed', reason, error: message });
            log.event('error', 'apply failed', { reason, error: message, durationMs });
            return false;
        }
        finally {
            await access?.close();
        }
    }
    async function sync(reason) {
        const log = logger.with({ trigger: reason });
        log.event('info', 'sync started');
        try {
            if (commit === undefined) {
                commit = await cloneBranch(follower);
                log.event('info', 'cloned the deployments repository', { repository: config.repo.url, branch: config.branch, commit });
            }
            else {
                const fetched = await fetchFastForward(follower);
                commit = fetched.to;
                if (fetched.changed)
                    log.event('info', 'fast-forwarded', { from: fetched.from, to: fetched.to });
            }
        }
        catch (error) {
            metrics.fetchFailed();
            log.event('error', 'cannot fetch the deployments repository', { repository: config.repo.url, branch: config.branch, error: error.message });
            return false;
        }
        metrics.checkedOut(commit);
        const at = commit;
        const loaded = await (0,load/* loadRepo */.R)((0,external_node_path_.join)(follower.dir, config.environmentsFile));
        if ((0,problems/* hasErrors */.Cs)(loaded.problems)) {
            for (const p of loaded.problems.filter((x) => x.severity === 'error'))
                log.event('error', 'deployments repository problem', { file: p.file, line: p.line, column: p.column, message: p.message });
            for (const environment of config.environments) {
                metrics.failedBefore(environment, 'repo');
                statuses[environment] = { result: 'failed', reason: 'repo', commit: at, at: new Date().toISOString(), durationMs: 0, error: 'the deployments repository has errors; nothing was applied' };
            }
            log.event('error', 'the deployments repository has errors; nothing was applied', { commit: at });
            return false;
        }
        let ok = true;
        for (const environment of config.environments) {
            if (abort.signal.aborted)
                return false;
            ok = (await applyOne(environment, loaded, at)) && ok;
        }
        return ok;
    }
    const scheduler = new Scheduler(sync, config.schedule, (delayMs, state) => {
        metrics.syncs(state.consecutiveFailures);
        if (state.consecutiveFailures > 0)
            logger.event('warn', 'sync failed; backing off', { retryInMs: delayMs, consecutiveFailures: state.consecutiveFailures });
        else
            logger.event('debug', 'next sync scheduled', { inMs: delayMs });
    });
    function webhook(headers, body) {
        const deliveryHeader = headers['x-github-delivery'];
        const delivery = typeof deliveryHeader === 'string' && DELIVERY_ID.test(deliveryHeader) ? deliveryHeader : undefined;
        const fields = delivery ? { delivery } : {};
        if (!webhookSecret) {
            metrics.webhook('disabled');
            return json(403, { error: 'webhooks are off: the agent was started without --webhook-secret-file' });
        }
        const verdict = judgeWebhook({ headers, body }, Buffer.from(webhookSecret), config.branch);
        switch (verdict.kind) {
            case 'refused':
                metrics.webhook('refused');
                logger.event('warn', 'webhook refused', { ...fields, reason: verdict.reason });
                return json(verdict.status, { error: verdict.reason });
            case 'ping':
                metrics.webhook('ping');
                logger.event('info', 'webhook ping', fields);
                return json(200, { ok: true });
            case 'ignored':
                metrics.webhook('ignored');
                logger.event('info', 'webhook ignored', { ...fields, reason: verdict.reason });
                return json(202, { ignored: verdict.reason });
            case 'push':
                if (stopping || !scheduler.trigger('webhook'))
                    return json(503, { error: 'the agent is shutting down' });
                metrics.webhook('triggered');
                logger.event('info', 'webhook push: sync triggered', { ...fields, ...(verdict.commit ? { pushed: verdict.commit } : {}) });
                return json(202, { triggered: true });
        }
    }
    // Errors quoted in /readyz pass the same masking as the log.
    const masked = (reply) => ({ ...reply, body: logger.mask(reply.body) });
    const server = await startAgentServer(config.listen, {
        webhook,
        healthz: () => json(200, { ok: true }),
        readyz: () => {
            const state = scheduler.state();
            const ready = commit !== undefined && !stopping;
            return masked(json(ready ? 200 : 503, {
                ready,
                ...(commit ? { commit } : {}),
                syncing: state.running,
                consecutiveFailures: state.consecutiveFailures,
                ...(state.nextAt ? { nextSyncAt: new Date(state.nextAt).toISOString() } : {}),
                environments: statuses,
            }));
        },
        metrics: async () => {
            metrics.syncs(scheduler.state().consecutiveFailures);
            return { status: 200, body: await metrics.text(), contentType: metrics.contentType };
        },
    }, (error) => logger.event('error', 'http server error', { error: error.message }));
    logger.event('info', 'kubecd agent listening', {
        address: server.address.host,
        port: server.address.port,
        repository: config.repo.url,
        branch: config.branch,
        environments: config.environments,
        cluster: inCluster ? `in-cluster ${inCluster.server}` : `kubeconfig ${config.kubeconfig}`,
        webhooks: webhookSecret !== undefined,
        helm: helm.version,
    });
    scheduler.start();
    let stopped;
    return {
        address: server.address,
        stop: () => (stopped ??= (async () => {
            stopping = true;
            logger.event('info', 'shutting down: finishing the running apply');
            abort.abort();
            await scheduler.stop();
            await server.close();
            await (0,promises_.rm)(workDir, { recursive: true, force: true });
            logger.event('info', 'stopped');
        })()),
    };
}

// EXTERNAL MODULE: ./src/exec/redact.ts
var redact = __webpack_require__(84524);
;// CONCATENATED MODULE: ./src/agent/log.ts
/**
 * The agent's log: one JSON object per line on stdout (`time`, `level`, `msg`, then fields), for a cluster's
 * log collector. Every string is masked before it is serialised, so a secret is caught in the spelling the
 * code saw, not in its JSON-escaped form. The same logger serves the apply engine (the Logger interface).
 */

function masked(value, redactor, depth = 0) {
    if (typeof value === 'string')
        return redactor.redact(value);
    if (depth > 8 || value === null || typeof value !== 'object')
        return value;
    if (value instanceof Error)
        return redactor.redact(value.message);
    if (Array.isArray(value))
        return value.map((item) => masked(item, redactor, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, masked(item, redactor, depth + 1)]));
}
function jsonLogger(options = {}) {
    const write = options.write ?? ((line) => process.stdout.write(line));
    const now = options.now ?? (() => new Date());
    const redactor = new redact/* Redactor */.pO();
    const make = (base) => {
        const event = (level, msg, fields = {}) => {
            if (level === 'debug' && !options.debug)
                return;
            const record = { time: now().toISOString(), level, msg: redactor.redact(msg), ...masked({ ...base, ...fields }, redactor) };
            write(`${JSON.stringify(record)}\n`);
        };
        return {
            event,
            with: (fields) => make({ ...base, ...fields }),
            info: (message) => event('info', message),
            warning: (message) => event('warn', message),
            debug: (message) => event('debug', message),
            group: (title, lines) => event('info', title, lines.length > 0 ? { lines } : {}),
            secret: (value) => redactor.add(value),
            mask: (text) => redactor.redact(text),
        };
    };
    return make({});
}

// EXTERNAL MODULE: ./src/helm/helm.ts + 1 modules
var helm = __webpack_require__(15208);
// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(77593);
// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(27485);
;// CONCATENATED MODULE: ./src/cli/commands/agent.ts







const OPTIONS = {
    ...Object.fromEntries(Object.entries(deploy_request/* APPLY_SETTINGS */.rd).map(([name, spec]) => [name, { type: spec.type }])),
    ...AGENT_FLAGS,
};
/** `kubecd agent --repo URL --environment ENV ...`: runs until SIGTERM or SIGINT, then stops gracefully (a second signal ends it at once). */
async function agentCommand(args) {
    const { environmentsFile, positionals, values } = (0,cli_args/* parseCommand */.R)(args, OPTIONS);
    if (positionals.length > 0)
        throw new usage/* UsageError */.e(`unexpected argument "${positionals[0]}" (agent takes flags only)`);
    let config;
    try {
        config = agentConfig(values, environmentsFile);
    }
    catch (error) {
        throw error instanceof AgentConfigError ? new usage/* UsageError */.e(error.message) : error;
    }
    const logger = jsonLogger({ debug: Boolean(process.env.KUBECD_DEBUG) });
    let agent;
    try {
        agent = await startAgent(config, { helm: await (0,helm/* detectHelm */.G$)((0,deploy_request/* helmPath */.Qs)(config.deploy)), logger });
    }
    catch (error) {
        logger.event('error', 'cannot start the agent', { error: error.message });
        return 1;
    }
    const running = agent;
    await new Promise((resolve) => {
        const onSignal = (signal) => {
            logger.event('info', 'signal received', { signal });
            process.off('SIGTERM', onSignal);
            process.off('SIGINT', onSignal);
            const now = (second) => {
                logger.event('warn', 'second signal: exiting without waiting', { signal: second });
                process.exit(130);
            };
            process.once('SIGTERM', now);
            process.once('SIGINT', now);
            running.stop().then(resolve, (error) => {
                logger.event('error', 'shutdown failed', { error: error.message });
                resolve();
            });
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
    });
    return 0;
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
