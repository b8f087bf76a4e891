export const id = 186;
export const ids = [186];
export const modules = {

/***/ 36982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ optionalInput),
/* harmony export */   Gl: () => (/* binding */ workspace),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gm: () => (/* binding */ pathInput),
/* harmony export */   ij: () => (/* binding */ choiceInput),
/* harmony export */   tE: () => (/* binding */ booleanInput),
/* harmony export */   wR: () => (/* binding */ positiveIntegerInput)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** The workspace the action runs in (the checkout of the deployments repo). */
function workspace() {
    return process.env.GITHUB_WORKSPACE || process.cwd();
}
function pathInput(name, fallback) {
    const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name) || fallback;
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(value) ? value : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace(), value);
}
/** Like core.getBooleanInput, but an absent input means `fallback` instead of an exception. */
function booleanInput(name, fallback) {
    const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name).trim().toLowerCase();
    if (value === '')
        return fallback;
    if (['true', 'yes', '1'].includes(value))
        return true;
    if (['false', 'no', '0'].includes(value))
        return false;
    throw new InputError(`input "${name}" must be true or false, not "${value}"`);
}
function optionalInput(name) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name).trim() || undefined;
}
/** A problem with the workflow's inputs: reported as one line, never a stack trace. */
class InputError extends Error {
}
/** A list input: names separated by commas, spaces or newlines. */
function listInput(name) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name).split(/[\s,]+/).filter(Boolean);
}
function choiceInput(name, allowed, fallback) {
    const value = (optionalInput(name) ?? fallback);
    if (!allowed.includes(value))
        throw new InputError(`input "${name}" must be one of ${allowed.join(', ')}, not "${value}"`);
    return value;
}
function positiveIntegerInput(name, fallback) {
    const text = optionalInput(name) ?? String(fallback);
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
        throw new InputError(`input "${name}" must be a positive whole number, not "${text}"`);
    return value;
}


/***/ }),

/***/ 60186:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var _helm_helm_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84910);
/* harmony import */ var _lint_lint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50597);
/* harmony import */ var _model_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(58412);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(36982);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(82927);
/* harmony import */ var _run_action_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(31737);







/** The lint action; @github/local-action and the bundle's entry file call it. */
function run() {
    return (0,_run_action_js__WEBPACK_IMPORTED_MODULE_6__/* .runAction */ .C)(lintAction);
}
async function lintAction() {
    const environmentsFile = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .pathInput */ .gm)('environments', 'environments.yaml');
    const render = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .booleanInput */ .tE)('render', false);
    const result = await (0,_lint_lint_js__WEBPACK_IMPORTED_MODULE_2__/* .lint */ .u)({
        environmentsFile,
        render: render ? { helm: await (0,_helm_helm_js__WEBPACK_IMPORTED_MODULE_1__/* .detectHelm */ .G$)((0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .optionalInput */ .$m)('helm') ?? 'helm') } : undefined,
        since: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .optionalInput */ .$m)('since'),
    });
    const { root } = result.loaded.repo;
    (0,_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .annotate */ .fz)(result.problems, root, (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .workspace */ .Gl)());
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addHeading('kubecd lint', 2);
    summary.addTable([
        [{ data: 'environment', header: true }, { data: 'cluster', header: true }, { data: 'namespace', header: true }, { data: 'releases', header: true }],
        ...result.loaded.repo.environments.map((e) => [e.name, e.cluster.name, e.namespace, String(e.releases.length)]),
    ]);
    if (render)
        summary.addRaw(`Rendered ${result.renders.filter((r) => r.ok).length} of ${result.renders.length} releases with helm template.`, true);
    if (result.problems.length > 0) {
        summary.addHeading(`${result.problems.length} problem(s)`, 3);
        summary.addTable([[{ data: 'severity', header: true }, { data: 'where', header: true }, { data: 'problem', header: true }], ...(0,_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .problemsTable */ .NT)(result.problems, root, (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .workspace */ .Gl)())]);
    }
    await (0,_run_action_js__WEBPACK_IMPORTED_MODULE_6__/* .writeSummary */ .S)();
    if ((0,_model_index_js__WEBPACK_IMPORTED_MODULE_3__/* .hasErrors */ .Cs)(result.problems)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`kubecd lint found ${result.problems.filter((p) => p.severity === 'error').length} error(s); nothing will be deployed.`);
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('environments', JSON.stringify(result.environments.map((e) => e.name)));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('matrix', JSON.stringify(result.matrix));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${result.environments.length} environment(s) in the matrix: ${result.environments.map((e) => e.name).join(', ') || '(none)'}`);
}


/***/ }),

/***/ 82927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ reportInvalidRepo),
/* harmony export */   NT: () => (/* binding */ problemsTable),
/* harmony export */   fz: () => (/* binding */ annotate)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(36982);
/* harmony import */ var _run_action_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(31737);




/** Each problem as a GitHub annotation at its file and line (GitHub shows at most 10 per type per step). */
function annotate(problems, root, workspace) {
    for (const problem of problems) {
        const properties = { file: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, problem.file)), startLine: problem.line, startColumn: problem.column };
        if (problem.severity === 'error')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(problem.message, properties);
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(problem.message, properties);
    }
}
/** All problems for the job summary, which has no cap. */
function problemsTable(problems, root, workspace) {
    return problems.map((p) => [p.severity, `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, p.file))}:${p.line}:${p.column}`, p.message]);
}
/**
 * Annotates the repo's problems; when any is an error, writes them all to the job summary under `heading`
 * with `consequence` (what was not done) and returns the error count, so the caller stops before acting.
 */
async function reportInvalidRepo(loaded, heading, consequence) {
    const { root } = loaded.repo;
    annotate(loaded.problems, root, (0,_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .workspace */ .Gl)());
    const errors = loaded.problems.filter((p) => p.severity === 'error').length;
    if (errors === 0)
        return 0;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addHeading(heading, 2).addRaw(`${consequence}: the deployments repo has ${errors} error(s).`, true);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addTable([[{ data: 'severity', header: true }, { data: 'where', header: true }, { data: 'problem', header: true }], ...problemsTable(loaded.problems, root, (0,_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .workspace */ .Gl)())]);
    await (0,_run_action_js__WEBPACK_IMPORTED_MODULE_3__/* .writeSummary */ .S)();
    return errors;
}


/***/ }),

/***/ 31737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ runAction),
/* harmony export */   S: () => (/* binding */ writeSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);

/**
 * Runs an action's body so that any failure becomes one `::error::` line and exit code 1, never a stack
 * trace (the trace goes to the debug log, visible with ACTIONS_STEP_DEBUG).
 */
async function runAction(body) {
    try {
        await body();
    }
    catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(err.stack ?? err.message);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(err.message);
    }
}
/** Writes the job summary when the runner provides a file for it (a local run may not), else drops it. */
async function writeSummary() {
    if (process.env.GITHUB_STEP_SUMMARY)
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.write();
    else
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.emptyBuffer();
}


/***/ }),

/***/ 37015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ renderRelease)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _values_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37594);
/* harmony import */ var _helm_helm_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84910);
/* harmony import */ var _values_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(36144);




/** `helm template` of one release in one environment, with its composed values (lock file included). */
function renderRelease(helm, loaded, environment, release, options = {}) {
    const values = (0,_values_index_js__WEBPACK_IMPORTED_MODULE_3__/* .composeValues */ .H$)(loaded, environment, release, { withLock: true, resolveValueFrom: options.resolveValueFrom });
    return (0,_values_file_js__WEBPACK_IMPORTED_MODULE_2__/* .withValuesFile */ .D)(values, (valuesFile) => (0,_helm_helm_js__WEBPACK_IMPORTED_MODULE_1__/* .helmTemplate */ .Zp)(helm, {
        release: release.name,
        namespace: environment.namespace,
        chart: (0,_helm_helm_js__WEBPACK_IMPORTED_MODULE_1__/* .chartArgs */ .UQ)(release.chart, (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(loaded.repo.root, dir)),
        valuesFile,
    }));
}


/***/ }),

/***/ 36144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ withValuesFile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(38815);




/**
 * Hands helm the composed values as ONE file (no `--set` escaping), readable only by us because values
 * may hold secrets, and removed as soon as `use` is done.
 */
async function withValuesFile(values, use) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'kubecd-values-'));
    try {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'values.yaml');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, (0,yaml__WEBPACK_IMPORTED_MODULE_3__/* .stringify */ .As)(values), { mode: 0o600 });
        return await use(path);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
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
/* harmony export */   XS: () => (/* binding */ GitError),
/* harmony export */   eR: () => (/* binding */ currentBranch)
/* harmony export */ });
/* unused harmony exports BOT_IDENTITY, remoteBranchSha */
/* harmony import */ var _exec_run_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86044);

class GitError extends Error {
}
/** The identity used when the repository has none configured (as GitHub's own bot commits). */
const BOT_IDENTITY = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };
function authEnv(ctx) {
    if (!ctx.token)
        return {};
    const basic = Buffer.from(`x-access-token:${ctx.token}`).toString('base64');
    return { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraheader', GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}` };
}
/** Runs git; `network` adds the push/fetch credentials. Throws GitError with git's message (the token never is in it). */
async function git(ctx, args, opts = {}) {
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', ...ctx.env, ...(opts.network ? authEnv(ctx) : {}), ...opts.env };
    const result = await (0,_exec_run_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)('git', args, { cwd: ctx.cwd, env, ...(opts.input !== undefined ? { input: opts.input } : {}) });
    if (result.code !== 0 && !opts.allowFail) {
        const message = ctx.token ? result.stderr.replaceAll(ctx.token, '***') : result.stderr;
        throw new GitError(`git ${args[0]} failed: ${message.trim()}`);
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
    const out = await gitOut(ctx, ['ls-remote', '--heads', ctx.remote ?? 'origin', `refs/heads/${branch}`], { network: true });
    const line = out.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
    return line?.split('\t')[0];
}
/** Fetches a remote branch's commit so its files can be read; returns its sha or undefined. */
async function fetchBranch(ctx, branch) {
    const sha = await remoteBranchSha(ctx, branch);
    if (!sha)
        return undefined;
    await git(ctx, ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', ctx.remote ?? 'origin', `+refs/heads/${branch}:refs/kubecd/${branch}`], { network: true });
    return sha;
}
/** A file's text at a commit (path relative to the repository top), or undefined when it is not there. */
async function fileAt(ctx, commit, path) {
    const result = await git(ctx, ['show', `${commit}:${path}`], { allowFail: true });
    return result.code === 0 ? result.stdout : undefined;
}


/***/ }),

/***/ 84910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ isReleaseNotFound),
/* harmony export */   G$: () => (/* binding */ detectHelm),
/* harmony export */   H8: () => (/* binding */ helmUpgrade),
/* harmony export */   IK: () => (/* binding */ helmGetManifest),
/* harmony export */   Js: () => (/* binding */ helmUninstall),
/* harmony export */   UQ: () => (/* binding */ chartArgs),
/* harmony export */   Zp: () => (/* binding */ helmTemplate)
/* harmony export */ });
/* unused harmony exports HelmError, targetArgs, rollbackOnFailureFlag, forceFlag, upgradeArgs, getManifestArgs, uninstallArgs */
/* harmony import */ var _exec_run_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(86044);

class HelmError extends Error {
}
async function detectHelm(path = 'helm') {
    const result = await (0,_exec_run_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)(path, ['version', '--template', '{{.Version}}']);
    const version = result.stdout.trim();
    const major = /^v(\d+)\./.exec(version)?.[1];
    if (result.code !== 0 || (major !== '3' && major !== '4')) {
        throw new HelmError(`cannot use helm at ${path}: ${result.code !== 0 ? result.stderr.trim() : `unsupported version ${version || '(none)'}; kubecd needs Helm 3 or 4`}`);
    }
    return { path, version, major: Number(major) };
}
/**
 * The chart arguments for `helm template|upgrade`: a local dir, `--repo URL name`, or an OCI reference.
 * `version` overrides the declared version (the lock file may pin a newer one).
 */
function chartArgs(chart, absoluteDir, version) {
    switch (chart.kind) {
        case 'dir':
            return [absoluteDir(chart.dir)];
        case 'repo':
            return chart.repoUrl
                ? [chart.chartName, '--repo', chart.repoUrl, '--version', version ?? chart.version]
                : [chart.reference, '--version', version ?? chart.version];
        case 'oci':
            return [chart.reference, '--version', version ?? chart.version];
    }
}
function targetArgs(namespace, target) {
    const args = ['--namespace', namespace];
    if (target.kubeconfig)
        args.push('--kubeconfig', target.kubeconfig);
    if (target.context)
        args.push('--kube-context', target.context);
    return args;
}
/** Flags whose names changed in Helm 4. */
function rollbackOnFailureFlag(helm) {
    return helm.major >= 4 ? '--rollback-on-failure' : '--atomic';
}
function forceFlag(helm) {
    return helm.major >= 4 ? '--force-replace' : '--force';
}
function helmTemplate(helm, command) {
    return (0,_exec_run_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)(helm.path, ['template', command.release, ...command.chart, '--values', command.valuesFile, '--namespace', command.namespace]);
}
function upgradeArgs(helm, command, options) {
    const args = ['upgrade', '--install', command.release, ...command.chart, '--values', command.valuesFile, ...targetArgs(command.namespace, command)];
    if (options.timeout)
        args.push('--timeout', options.timeout);
    // Helm 4 waits with kstatus; a bare --wait means its default strategy on both majors.
    if (options.wait)
        args.push('--wait');
    if (options.rollbackOnFailure)
        args.push(rollbackOnFailureFlag(helm));
    if (options.createNamespace)
        args.push('--create-namespace');
    if (options.dryRun)
        args.push('--dry-run=server');
    const labels = Object.entries(options.labels ?? {});
    if (labels.length > 0)
        args.push('--labels', labels.map(([k, v]) => `${k}=${v}`).join(','));
    return args;
}
function helmUpgrade(helm, command, options) {
    return (0,_exec_run_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)(helm.path, upgradeArgs(helm, command, options));
}
/** `helm get manifest`: what the release's deployed revision consists of. */
function getManifestArgs(release, namespace, target) {
    return ['get', 'manifest', release, ...targetArgs(namespace, target)];
}
function helmGetManifest(helm, release, namespace, target) {
    return (0,_exec_run_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)(helm.path, getManifestArgs(release, namespace, target));
}
/** Helm's way of saying a release does not exist (both majors). */
function isReleaseNotFound(result) {
    return result.code !== 0 && /release: not found|not found/i.test(result.stderr);
}
function uninstallArgs(release, namespace, target, options = {}) {
    const args = ['uninstall', release, ...targetArgs(namespace, target)];
    if (options.timeout)
        args.push('--timeout', options.timeout);
    if (options.wait)
        args.push('--wait');
    if (options.dryRun)
        args.push('--dry-run');
    return args;
}
function helmUninstall(helm, release, namespace, target, options = {}) {
    return (0,_exec_run_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)(helm.path, uninstallArgs(release, namespace, target, options));
}


/***/ }),

/***/ 50597:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ lint)
});

// EXTERNAL MODULE: ./src/model/index.ts + 9 modules
var model = __webpack_require__(58412);
// EXTERNAL MODULE: ./src/deploy/render.ts
var render = __webpack_require__(37015);
// EXTERNAL MODULE: ./src/concurrency/map-limited.ts
var map_limited = __webpack_require__(71810);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/git/git.ts
var git = __webpack_require__(10308);
;// CONCATENATED MODULE: ./src/git/changed-files.ts


/**
 * Files changed between `since` and the working tree (untracked files included), as paths relative to
 * `root` with forward slashes. Files outside `root` are dropped.
 */
async function changedFilesSince(root, since) {
    const ctx = { cwd: root };
    const top = await (0,git/* topLevel */.M4)(ctx).catch((error) => {
        throw new git/* GitError */.XS(`${root} is not in a git repository: ${error.message}`);
    });
    const verify = await (0,git/* git */.$Y)(ctx, ['rev-parse', '--verify', '--quiet', `${since}^{commit}`], { allowFail: true });
    if (verify.code !== 0)
        throw new git/* GitError */.XS(`since: "${since}" is not a commit in this repository (a shallow checkout needs fetch-depth: 0 or the ref fetched)`);
    const diff = await (0,git/* gitOut */.BQ)(ctx, ['diff', '--name-only', '--no-renames', '-z', since, '--']);
    const untracked = await (0,git/* gitOut */.BQ)({ cwd: top }, ['ls-files', '--others', '--exclude-standard', '-z']);
    const files = [...diff.split('\0'), ...untracked.split('\0')].filter(Boolean);
    return [...new Set(files.map((file) => (0,external_node_path_.relative)(root, (0,external_node_path_.resolve)(top, file)).split(external_node_path_.sep).join('/')))].filter((file) => !file.startsWith('../')).sort();
}
/** True when `file` is `input` or lies inside the folder `input`. */
function touches(file, input) {
    return file === input || file.startsWith(input.endsWith('/') ? input : `${input}/`);
}

;// CONCATENATED MODULE: ./src/lint/matrix.ts
function matrixEntry(environment) {
    const provider = environment.cluster.provider;
    const entry = {
        environment: environment.name,
        cluster: environment.cluster.name,
        namespace: environment.namespace,
        provider: provider.kind,
    };
    if (provider.kind === 'gke') {
        entry.project = provider.project;
        entry.location = provider.zone ?? provider.region;
    }
    else if (provider.context) {
        entry.context = provider.context;
    }
    return entry;
}

;// CONCATENATED MODULE: ./src/lint/lint.ts





async function lint(options) {
    const loaded = await (0,model/* loadRepo */.R0)(options.environmentsFile);
    const problems = [...loaded.problems];
    let renders = [];
    if (options.render) {
        const { helm, concurrency = 4 } = options.render;
        const jobs = loaded.repo.environments.flatMap((environment) => environment.releases.map((release) => ({ environment, release })));
        renders = await (0,map_limited/* mapLimited */.b)(jobs, concurrency, async ({ environment, release }) => {
            const result = await (0,render/* renderRelease */.c)(helm, loaded, environment, release);
            if (result.code !== 0) {
                problems.push({
                    ...release.pos,
                    severity: 'error',
                    message: `release "${release.name}" does not render in environment "${environment.name}": ${helmError(result.stderr)}`,
                });
            }
            return { environment: environment.name, release: release.name, ok: result.code === 0 };
        });
    }
    let environments = loaded.repo.environments;
    if (options.since !== undefined) {
        try {
            const changed = await changedFilesSince(loaded.repo.root, options.since);
            environments = environments.filter((environment) => loaded.environmentInputs(environment.name).some((input) => changed.some((file) => touches(file, input))));
        }
        catch (error) {
            problems.push({ file: loaded.repo.environmentsFile, line: 1, column: 1, severity: 'error', message: error.message });
        }
    }
    return { loaded, problems: (0,model/* sortProblems */.dS)(problems), environments, matrix: { include: environments.map(matrixEntry) }, renders };
}
/** helm's own message, without the usage noise it sometimes prints after it. */
function helmError(stderr) {
    const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
    return lines.filter((line) => !line.startsWith('Use --debug')).join(' ') || 'helm template failed';
}


/***/ })

};
