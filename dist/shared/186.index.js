export const id = 186;
export const ids = [186];
export const modules = {

/***/ 36982:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ optionalInput),
/* harmony export */   BP: () => (/* binding */ renamedInput),
/* harmony export */   Gl: () => (/* binding */ workspace),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gm: () => (/* binding */ pathInput),
/* harmony export */   ij: () => (/* binding */ choiceInput),
/* harmony export */   tE: () => (/* binding */ booleanInput)
/* harmony export */ });
/* unused harmony export positiveIntegerInput */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _log_actions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2501);



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
/**
 * An input that was renamed: the new name, else the old one with a deprecation warning. Both set to different
 * values is an error, so a half-finished rename cannot pick one silently.
 */
function renamedInput(name, deprecated) {
    const current = optionalInput(name);
    const old = optionalInput(deprecated);
    if (old === undefined)
        return current;
    _log_actions_js__WEBPACK_IMPORTED_MODULE_2__/* .actionsLogger */ .M.warning(`input "${deprecated}" is deprecated; use "${name}"`);
    if (current !== undefined && current !== old)
        throw new InputError(`inputs "${name}" and "${deprecated}" (its deprecated name) are both set, to different values; set only "${name}"`);
    return current ?? old;
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
/* harmony import */ var _helm_helm_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15208);
/* harmony import */ var _lint_lint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67018);
/* harmony import */ var _log_actions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2501);
/* harmony import */ var _model_problems_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(99437);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(36982);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(82927);
/* harmony import */ var _run_action_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7851);








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
    const problems = (0,_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .maskedProblems */ .CK)(result.loaded, result.problems);
    (0,_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .annotate */ .fz)(problems, root, (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .workspace */ .Gl)());
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addHeading('kubecd lint', 2);
    summary.addTable([
        [{ data: 'environment', header: true }, { data: 'cluster', header: true }, { data: 'namespace', header: true }, { data: 'releases', header: true }],
        ...result.loaded.repo.environments.map((e) => [e.name, e.cluster.name, e.namespace, String(e.releases.length)]),
    ]);
    if (result.renderSkipped) {
        _log_actions_js__WEBPACK_IMPORTED_MODULE_3__/* .actionsLogger */ .M.warning(result.renderSkipped);
        summary.addRaw(`${result.renderSkipped}.`, true);
    }
    else if (render)
        summary.addRaw(`Rendered ${result.renders.filter((r) => r.ok).length} of ${result.renders.length} releases with helm template.`, true);
    if (problems.length > 0) {
        summary.addHeading(`${problems.length} problem(s)`, 3);
        summary.addTable([[{ data: 'severity', header: true }, { data: 'where', header: true }, { data: 'problem', header: true }], ...(0,_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .problemsTable */ .NT)(problems, root, (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .workspace */ .Gl)())]);
    }
    await (0,_run_action_js__WEBPACK_IMPORTED_MODULE_6__/* .writeSummary */ .S)();
    if ((0,_model_problems_js__WEBPACK_IMPORTED_MODULE_7__/* .hasErrors */ .Cs)(result.problems)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`kubecd lint found ${result.problems.filter((p) => p.severity === 'error').length} error(s); nothing will be deployed.`);
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('environments', JSON.stringify(result.environments.map((e) => e.name)));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('matrix', JSON.stringify(result.matrix));
    _log_actions_js__WEBPACK_IMPORTED_MODULE_3__/* .actionsLogger */ .M.info(`${result.environments.length} environment(s) in the matrix: ${result.environments.map((e) => e.name).join(', ') || '(none)'}`);
}


/***/ }),

/***/ 82927:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CK: () => (/* binding */ maskedProblems),
/* harmony export */   EY: () => (/* binding */ reportInvalidRepo),
/* harmony export */   NT: () => (/* binding */ problemsTable),
/* harmony export */   fz: () => (/* binding */ annotate)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _repo_secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(23737);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(36982);
/* harmony import */ var _run_action_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7851);





/**
 * The repo's secrets (helmRepos URL passwords) masked for the runner, and the problems with them replaced:
 * the job summary is a file the runner's masking may not cover.
 */
function maskedProblems(loaded, problems) {
    const redactor = (0,_repo_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .repoSecrets */ .G)(loaded, (value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value));
    return problems.map((problem) => ({ ...problem, message: redactor.redact(problem.message) }));
}
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
    const problems = maskedProblems(loaded, loaded.problems);
    annotate(problems, root, (0,_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .workspace */ .Gl)());
    const errors = problems.filter((p) => p.severity === 'error').length;
    if (errors === 0)
        return 0;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addHeading(heading, 2).addRaw(`${consequence}: the deployments repo has ${errors} error(s).`, true);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addTable([[{ data: 'severity', header: true }, { data: 'where', header: true }, { data: 'problem', header: true }], ...problemsTable(problems, root, (0,_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .workspace */ .Gl)())]);
    await (0,_run_action_js__WEBPACK_IMPORTED_MODULE_3__/* .writeSummary */ .S)();
    return errors;
}


/***/ }),

/***/ 7851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  C: () => (/* binding */ runAction),
  S: () => (/* binding */ writeSummary)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./src/log/actions.ts
var actions = __webpack_require__(2501);
// EXTERNAL MODULE: ./src/notify/slack.ts
var slack = __webpack_require__(47569);
;// CONCATENATED MODULE: ./src/actions/secret-inputs.ts


/** The inputs that hold secrets, by action; masking them is the first thing each action does. */
const SECRET_INPUTS = ['token', 'registry-credentials', 'slack-webhook-url'];
/** Every string inside a JSON value (the `registry-credentials` passwords and tokens), however it is nested. */
function jsonStrings(value, depth = 0) {
    if (typeof value === 'string')
        return [value];
    if (depth > 8 || value === null || typeof value !== 'object')
        return [];
    return Object.values(value).flatMap((item) => jsonStrings(item, depth + 1));
}
/** What to mask of one secret input: the whole value, each of its lines, and the parts a log could quote alone. */
function secretsOfInput(name, value) {
    const secrets = [value, ...value.split(/\r?\n/).map((line) => line.trim())];
    if (name === 'slack-webhook-url')
        secrets.push(...(0,slack/* webhookSecrets */.dd)(value));
    if (name === 'registry-credentials') {
        try {
            secrets.push(...jsonStrings(JSON.parse(value)));
        }
        catch {
            // Not JSON: the parser reports that later without quoting it; each line is masked already.
        }
    }
    return [...new Set(secrets)].filter((secret) => secret !== '');
}
/**
 * Masks every secret input (token, registry credentials, webhook URL) before anything else runs, so no later
 * message, annotation or stack trace can print one. The runner's own masking of `secrets.*` does not cover a
 * value that reaches an input some other way, nor its parts.
 */
function maskSecretInputs() {
    for (const name of SECRET_INPUTS) {
        const value = core/* getInput */.V4(name);
        if (value.trim() === '')
            continue;
        for (const secret of secretsOfInput(name, value))
            core/* setSecret */.Pq(secret);
    }
    // The same values in the process environment, as an error quoting /proc/self/environ would show them.
    for (const name of SECRET_INPUTS) {
        const raw = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
        if (raw && raw.trim() !== '' && raw !== core/* getInput */.V4(name))
            core/* setSecret */.Pq(raw);
    }
}

;// CONCATENATED MODULE: ./src/actions/run-action.ts



/**
 * Masks the secret inputs, then runs an action's body so that any failure becomes one `::error::` line and exit code 1, never a stack
 * trace (the trace goes to the debug log, visible with ACTIONS_STEP_DEBUG).
 */
async function runAction(body) {
    try {
        // First of all: a secret input must be masked before any message could quote it.
        maskSecretInputs();
        await body();
    }
    catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        actions/* actionsLogger */.M.debug(err.stack ?? err.message);
        core/* setFailed */.C1(err.message);
    }
}
/** Writes the job summary when the runner provides a file for it (a local run may not), else drops it. */
async function writeSummary() {
    if (process.env.GITHUB_STEP_SUMMARY)
        await core/* summary */.z.write();
    else
        core/* summary */.z.emptyBuffer();
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

/***/ 15208:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t2: () => (/* binding */ HelmError),
  UQ: () => (/* binding */ chartArgs),
  cL: () => (/* binding */ describeChart),
  G$: () => (/* binding */ detectHelm),
  IK: () => (/* binding */ helmGetManifest),
  Zp: () => (/* binding */ helmTemplate),
  Js: () => (/* binding */ helmUninstall),
  H8: () => (/* binding */ helmUpgrade),
  Dh: () => (/* binding */ isReleaseNotFound),
  sh: () => (/* binding */ printedReleaseStatus)
});

// UNUSED EXPORTS: HelmArgumentError, forceFlag, getManifestArgs, rollbackOnFailureFlag, targetArgs, templateArgs, uninstallArgs, upgradeArgs

// EXTERNAL MODULE: ./src/exec/run.ts
var run = __webpack_require__(86044);
// EXTERNAL MODULE: ./src/exec/redact.ts
var redact = __webpack_require__(84524);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/exec/quote.ts
var quote = __webpack_require__(96197);
// EXTERNAL MODULE: ./src/model/grammar.ts
var grammar = __webpack_require__(9600);
;// CONCATENATED MODULE: ./src/helm/arguments.ts
/**
 * The guard at helm's door: every value that becomes a helm argument is checked against its grammar here,
 * whatever the loader already checked, so a value that reads as an option (`--post-renderer=sh`, `-h`) or
 * holds a control character never reaches helm.
 */




/** A value kubecd refuses to hand to helm; the message names the value's role and what was expected. */
class HelmArgumentError extends Error {
}
function refuse(role, value, expected) {
    throw new HelmArgumentError(`refusing to run helm: ${role} ${(0,quote/* quoted */.T)(value)} is not ${expected}`);
}
function checkRelease(value) {
    if (!(0,grammar/* isReleaseName */.jn)(value))
        refuse('release name', value, 'a valid release name (lower-case letters, digits, "-" and ".", at most 53 characters)');
    return value;
}
function checkNamespace(value) {
    if (!(0,grammar/* isNamespace */.GW)(value))
        refuse('namespace', value, 'a valid namespace (a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters)');
    return value;
}
/** A value with no grammar of its own (a path, a kube context): one argument that cannot read as an option. */
function checkPlain(role, value) {
    if (!(0,grammar/* isPlainArgument */.Ev)(value))
        refuse(role, value, 'a plain value (not empty, not starting with "-", no control characters)');
    return value;
}
function checkVersion(value) {
    if (!(0,grammar/* isChartVersion */.N0)(value))
        refuse('chart version', value, 'a SemVer version such as 1.2.3');
    return value;
}
/** An http(s) URL without whitespace; printed with any password masked. */
function checkRepoUrl(value) {
    if (!(0,grammar/* isHelmRepoUrl */.qb)(value)) {
        throw new HelmArgumentError(`refusing to run helm: chart repository URL ${(0,quote/* quoted */.T)((0,redact/* redactUrl */.BO)(value))} is not an http(s) URL`);
    }
    return value;
}
const REPO_REFERENCE = new RegExp(`^${grammar/* HELM_NAME */.RW.source.slice(1, -1)}/${grammar/* HELM_NAME */.RW.source.slice(1, -1)}$`);
/** The positional chart argument, by the kind of chart it is. */
function checkChart(chart) {
    const value = chart.chart;
    switch (chart.kind) {
        case 'dir':
            if (!(0,grammar/* isPlainArgument */.Ev)(value) || !(0,external_node_path_.isAbsolute)(value))
                refuse('chart directory', value, 'an absolute path');
            return value;
        case 'oci':
            if (!(0,grammar/* isOciChartReference */.ju)(value))
                refuse('chart reference', value, 'an OCI reference such as oci://registry.example/charts/app');
            return value;
        case 'repo':
            if (chart.repo !== undefined ? !grammar/* HELM_NAME */.RW.test(value) : !REPO_REFERENCE.test(value)) {
                refuse('chart', value, chart.repo !== undefined ? 'a chart name (letters, digits, ".", "_" and "-")' : 'REPO/CHART (letters, digits, ".", "_" and "-")');
            }
            return value;
    }
}
/** A Go duration as helm's --timeout reads it (`90s`, `5m`, `1h30m`). */
function checkTimeout(value) {
    if ((0,grammar/* goDurationMs */.Dy)(value) === undefined)
        refuse('timeout', value, 'a duration such as 90s, 5m or 1h30m');
    return value;
}
/** A label key or value kubecd sets itself; checked so `,` or `=` can never add a label. */
function checkLabel(value) {
    if (!/^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/.test(value))
        refuse('label', value, 'a label key or value');
    return value;
}

;// CONCATENATED MODULE: ./src/helm/helm.ts




class HelmError extends Error {
}
async function detectHelm(path = 'helm') {
    const result = await (0,run/* run */.e)(path, ['version', '--template', '{{.Version}}']);
    const version = result.stdout.trim();
    const major = /^v(\d+)\./.exec(version)?.[1];
    if (result.code !== 0 || (major !== '3' && major !== '4')) {
        throw new HelmError(`cannot use helm at ${path}: ${result.code !== 0 ? result.stderr.trim() : `unsupported version ${version || '(none)'}; kubecd needs Helm 3 or 4`}`);
    }
    return { path, version, major: Number(major) };
}
function chartArgs(chart, absoluteDir, version) {
    switch (chart.kind) {
        case 'dir':
            return { kind: 'dir', chart: absoluteDir(chart.dir) };
        case 'repo':
            return chart.repoUrl
                ? { kind: 'repo', chart: chart.chartName, repo: chart.repoUrl, version: version ?? chart.version }
                : { kind: 'repo', chart: chart.reference, version: version ?? chart.version };
        case 'oci':
            return { kind: 'oci', chart: chart.reference, version: version ?? chart.version };
    }
}
/** The chart for a log line, any password in its repository URL masked. */
function describeChart(chart) {
    return [chart.chart, ...(chart.repo ? ['from', (0,redact/* redactUrl */.BO)(chart.repo)] : []), ...(chart.version ? ['version', chart.version] : [])].join(' ');
}
/** The flags that place a command in a namespace of a cluster. */
function targetArgs(namespace, target) {
    const args = ['--namespace', checkNamespace(namespace)];
    if (target.kubeconfig)
        args.push('--kubeconfig', checkPlain('kubeconfig path', target.kubeconfig));
    if (target.context)
        args.push('--kube-context', checkPlain('kube context', target.context));
    return args;
}
/** `--repo`/`--version` flags of a chart, every part checked; the chart itself goes after `--`. */
function chartFlags(chart) {
    const flags = [];
    if (chart.repo !== undefined)
        flags.push('--repo', checkRepoUrl(chart.repo));
    if (chart.kind !== 'dir' && chart.version)
        flags.push('--version', checkVersion(chart.version));
    return flags;
}
/** Checks one release command's values and returns its flags, `--`, then RELEASE CHART. */
function releaseArgs(command, flags) {
    const release = checkRelease(command.release);
    const chart = checkChart(command.chart);
    return [...chartFlags(command.chart), '--values', checkPlain('values file', command.valuesFile), ...flags, '--', release, chart];
}
/** Flags whose names changed in Helm 4. */
function rollbackOnFailureFlag(helm) {
    return helm.major >= 4 ? '--rollback-on-failure' : '--atomic';
}
function forceFlag(helm) {
    return helm.major >= 4 ? '--force-replace' : '--force';
}
function templateArgs(command) {
    return ['template', ...releaseArgs(command, ['--namespace', checkNamespace(command.namespace)])];
}
function helmTemplate(helm, command) {
    return (0,run/* run */.e)(helm.path, templateArgs(command));
}
function upgradeArgs(helm, command, options) {
    const args = [...targetArgs(command.namespace, command)];
    if (options.timeout)
        args.push('--timeout', checkTimeout(options.timeout));
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
        args.push('--labels', labels.map(([k, v]) => `${checkLabel(k)}=${checkLabel(v)}`).join(','));
    return ['upgrade', '--install', ...releaseArgs(command, args)];
}
/**
 * `upgrade --install` (and its dry run) ends with the release's status block (`NAME: …` … `STATUS: …`). An exit
 * code 0 without it means helm did something else (printed its help, say): nothing is known to be deployed.
 */
function printedReleaseStatus(stdout, release) {
    const lines = stdout.split('\n').map((line) => line.trim());
    return lines.includes(`NAME: ${release}`) && lines.some((line) => /^STATUS: \S+/.test(line));
}
function helmUpgrade(helm, command, options) {
    return (0,run/* run */.e)(helm.path, upgradeArgs(helm, command, options));
}
/** `helm get manifest`: what the release's deployed revision consists of. */
function getManifestArgs(release, namespace, target) {
    return ['get', 'manifest', ...targetArgs(namespace, target), '--', checkRelease(release)];
}
function helmGetManifest(helm, release, namespace, target) {
    return (0,run/* run */.e)(helm.path, getManifestArgs(release, namespace, target));
}
/** Helm's way of saying a release does not exist (both majors). */
function isReleaseNotFound(result) {
    return result.code !== 0 && /release: not found|not found/i.test(result.stderr);
}
function uninstallArgs(release, namespace, target, options = {}) {
    const args = ['uninstall', ...targetArgs(namespace, target)];
    if (options.timeout)
        args.push('--timeout', checkTimeout(options.timeout));
    if (options.wait)
        args.push('--wait');
    if (options.dryRun)
        args.push('--dry-run');
    return [...args, '--', checkRelease(release)];
}
function helmUninstall(helm, release, namespace, target, options = {}) {
    return (0,run/* run */.e)(helm.path, uninstallArgs(release, namespace, target, options));
}


/***/ }),

/***/ 89371:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ releaseInputs)
/* harmony export */ });
/* harmony import */ var _lock_chart_version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2206);
/* harmony import */ var _lock_pinning_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(60190);
/* harmony import */ var _values_compose_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37594);
/* harmony import */ var _helm_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15208);




/**
 * The ONE place a release's helm inputs are built: lint --render, `kubecd render`, plan and apply all go
 * through it, so what a pull request renders is what apply deploys. The lock is always included.
 */
function releaseInputs(loaded, environment, release, options) {
    const lock = loaded.lock(environment.name);
    const chartVersion = (0,_lock_chart_version_js__WEBPACK_IMPORTED_MODULE_0__/* .chartVersionToUse */ .Zh)(release, lock);
    const values = (0,_values_compose_js__WEBPACK_IMPORTED_MODULE_1__/* .composeValues */ .H$)(loaded, environment, release, { withLock: true, resolveValueFrom: options.resolveValueFrom });
    (0,_lock_pinning_js__WEBPACK_IMPORTED_MODULE_3__/* .pinDigests */ .H)(values, environment, release, lock);
    return {
        values,
        chart: (0,_helm_js__WEBPACK_IMPORTED_MODULE_2__/* .chartArgs */ .UQ)(release.chart, options.absoluteDir, chartVersion),
        ...(chartVersion !== undefined ? { chartVersion } : {}),
    };
}


/***/ }),

/***/ 73070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ renderRelease)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_problems_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(99437);
/* harmony import */ var _helm_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15208);
/* harmony import */ var _release_inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(89371);
/* harmony import */ var _values_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(88035);





/**
 * `helm template` of one release in one environment, with the inputs apply would use (lock file included).
 * A repo with errors renders nothing: a value that failed validation must never become a helm argument.
 */
function renderRelease(helm, loaded, environment, release, options = {}) {
    if ((0,_model_problems_js__WEBPACK_IMPORTED_MODULE_4__/* .hasErrors */ .Cs)(loaded.problems))
        return Promise.reject(new _helm_js__WEBPACK_IMPORTED_MODULE_1__/* .HelmError */ .t2('the deployments repo has errors; nothing was rendered'));
    const { values, chart } = (0,_release_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseInputs */ .z)(loaded, environment, release, {
        absoluteDir: (dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(loaded.repo.root, dir),
        ...(options.resolveValueFrom ? { resolveValueFrom: options.resolveValueFrom } : {}),
    });
    return (0,_values_file_js__WEBPACK_IMPORTED_MODULE_3__/* .withValuesFile */ .D)(values, (valuesFile) => (0,_helm_js__WEBPACK_IMPORTED_MODULE_1__/* .helmTemplate */ .Zp)(helm, { release: release.name, namespace: environment.namespace, chart, valuesFile }));
}


/***/ }),

/***/ 88035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ withValuesFile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38815);
/* harmony import */ var _fs_temp_dir_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(78995);




/**
 * Hands helm the composed values as ONE file (no `--set` escaping), readable only by us because values
 * may hold secrets, and removed as soon as `use` is done.
 */
async function withValuesFile(values, use) {
    const dir = await (0,_fs_temp_dir_js__WEBPACK_IMPORTED_MODULE_3__/* .privateTempDir */ .n)('kubecd-values-');
    try {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'values.yaml');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .stringify */ .As)(values), { mode: 0o600 });
        return await use(path);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 67018:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ lint)
});

// UNUSED EXPORTS: RENDER_SKIPPED

// EXTERNAL MODULE: ./src/model/problems.ts
var model_problems = __webpack_require__(99437);
// EXTERNAL MODULE: ./src/repo/load.ts + 9 modules
var load = __webpack_require__(59755);
// EXTERNAL MODULE: ./src/repo/secrets.ts
var secrets = __webpack_require__(23737);
// EXTERNAL MODULE: ./src/helm/render.ts
var render = __webpack_require__(73070);
// EXTERNAL MODULE: ./src/concurrency/map-limited.ts
var map_limited = __webpack_require__(71810);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/git/arguments.ts
var git_arguments = __webpack_require__(56860);
// EXTERNAL MODULE: ./src/git/git.ts
var git = __webpack_require__(10308);
;// CONCATENATED MODULE: ./src/git/changed-files.ts



/**
 * Files changed between `since` and the working tree (untracked files included), as paths relative to
 * `root` with forward slashes. Files outside `root` are dropped.
 */
async function changedFilesSince(root, since) {
    (0,git_arguments/* checkRevision */.G7)(since, 'since');
    const ctx = { cwd: root };
    const top = await (0,git/* topLevel */.M4)(ctx).catch((error) => {
        throw new git/* GitError */.XS(`${root} is not in a git repository: ${error.message}`);
    });
    const verify = await (0,git/* git */.$Y)(ctx, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${since}^{commit}`], { allowFail: true });
    if (verify.code !== 0)
        throw new git/* GitError */.XS(`since: "${since}" is not a commit in this repository (a shallow checkout needs fetch-depth: 0 or the ref fetched)`);
    const diff = await (0,git/* gitOut */.BQ)(ctx, ['diff', '--name-only', '--no-renames', '-z', '--end-of-options', since, '--']);
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
    else if (provider.kind === 'eks') {
        entry.location = provider.region;
    }
    else if (provider.kind === 'existingContext' && provider.context) {
        entry.context = provider.context;
    }
    return entry;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/fs/confined.ts
var confined = __webpack_require__(58755);
// EXTERNAL MODULE: ./src/model/data.ts
var data = __webpack_require__(16681);
// EXTERNAL MODULE: ./src/model/excerpt.ts
var excerpt = __webpack_require__(24664);
// EXTERNAL MODULE: ./src/repo/read-yaml.ts
var read_yaml = __webpack_require__(5292);
;// CONCATENATED MODULE: ./src/lint/agent-ownership.ts
/**
 * An environment marked `deployedBy: agent` is applied by a kubecd agent in its cluster. A workflow of the
 * deployments repo that applies it too (a step using the kubecd apply action) makes two deployers undo each
 * other's changes: this check finds such steps and warns at each of them.
 */






const WORKFLOWS_DIR = '.github/workflows';
/** More workflow files than any repository has; the rest are not read. */
const MAX_WORKFLOW_FILES = 200;
/** A workflow file is far smaller than a values file. */
const MAX_WORKFLOW_BYTES = 1024 * 1024;
/** `owner/repo/action-apply@ref` (kubecd or a fork of it) or the local `./action-apply`. */
const APPLY_ACTION = /^(?:[\w.-]+\/[\w.-]+\/action-apply@\S+|\.\/action-apply\/?)$/;
/** The whole input is one matrix value: `${{ matrix.environment }}`. */
const MATRIX_VALUE = /^\$\{\{\s*matrix\.([A-Za-z_][\w-]*)\s*\}\}$/;
const EXPRESSION = '${{';
const LINT_MATRIX = /^\$\{\{\s*fromJSON\(\s*needs\.[A-Za-z_][\w-]*\.outputs\.matrix\s*\)\s*\}\}$/;
async function agentOwnershipProblems(loaded) {
    const owned = loaded.repo.environments.filter((environment) => environment.deployedBy === 'agent');
    if (owned.length === 0)
        return [];
    let root;
    try {
        root = await (0,confined/* confinedRoot */.bP)(loaded.repo.root);
    }
    catch {
        return [];
    }
    const problems = [];
    for (const file of await workflowFiles(root)) {
        const source = await (0,read_yaml/* readYaml */.g)(root, file, MAX_WORKFLOW_BYTES);
        // A workflow that does not read is actionlint's (and GitHub's) to report, not lint's.
        if ('error' in source || source.problems.length > 0 || !(0,data/* isObj */.sA)(source.data))
            continue;
        problems.push(...workflowProblems(source, owned, loaded.repo.environmentsFile));
    }
    return problems;
}
/** The workflow files (root-relative), sorted; none when the folder is missing or leaves the repository. */
async function workflowFiles(root) {
    const folder = await (0,confined/* statConfined */.lH)(root, WORKFLOWS_DIR);
    if ((0,confined/* isRefused */.H0)(folder) || folder.kind !== 'dir')
        return [];
    let names;
    try {
        names = (await (0,promises_.readdir)(folder.real, { withFileTypes: true })).filter((e) => !e.isDirectory() && /\.ya?ml$/.test(e.name)).map((e) => e.name);
    }
    catch {
        return [];
    }
    return names.sort().slice(0, MAX_WORKFLOW_FILES).map((name) => `${WORKFLOWS_DIR}/${name}`);
}
function workflowProblems(source, owned, environmentsFile) {
    const problems = [];
    for (const [jobId, rawJob] of Object.entries((0,data/* obj */.WL)((0,data/* obj */.WL)(source.data)['jobs']))) {
        if (!(0,data/* isObj */.sA)(rawJob))
            continue;
        (0,data/* list */.p_)(rawJob['steps']).forEach((rawStep, index) => {
            if (!(0,data/* isObj */.sA)(rawStep))
                return;
            const uses = (0,data/* str */.gx)(rawStep['uses'])?.trim();
            if (uses === undefined || !APPLY_ACTION.test(uses))
                return;
            const inputs = (0,data/* obj */.WL)(rawStep['with']);
            if (!appliesThisFile(inputs, environmentsFile))
                return;
            const applied = appliedEnvironments(inputs, rawJob);
            if (!applied)
                return;
            const pos = source.pos(['jobs', jobId, 'steps', index]);
            for (const environment of owned) {
                const message = conflict(environment, applied);
                if (message)
                    problems.push((0,model_problems/* problem */.CC)(pos, message, 'warning'));
            }
        });
    }
    return problems;
}
/** The step's `environments` input (default environments.yaml) names the file being linted, or may. */
function appliesThisFile(inputs, environmentsFile) {
    const written = inputs['environments'];
    if (written === undefined || written === null)
        return environmentsFile === 'environments.yaml';
    const text = String(written).trim();
    if (text.includes(EXPRESSION))
        return true;
    return external_node_path_default().posix.normalize(text.replaceAll('\\', '/')) === environmentsFile;
}
function appliedEnvironments(inputs, job) {
    const written = inputs['environment'];
    // Without it the action fails before deploying anything.
    if (written === undefined || written === null)
        return undefined;
    const text = String(written).trim();
    if (!text.includes(EXPRESSION))
        return { kind: 'names', names: new Set([text]) };
    const key = MATRIX_VALUE.exec(text)?.[1];
    if (key !== undefined && fromLintMatrix(job))
        return undefined;
    const values = key === undefined ? undefined : matrixValues(job, key);
    return values ? { kind: 'names', names: values, via: text } : { kind: 'any', expression: text };
}
/** `matrix: ${{ fromJSON(needs.<job>.outputs.matrix) }}`: kubecd lint's matrix, which never holds an agent's environments. */
function fromLintMatrix(job) {
    const matrix = (0,data/* obj */.WL)(job['strategy'])['matrix'];
    return typeof matrix === 'string' && LINT_MATRIX.test(matrix.trim());
}
/** The values a matrix key takes when the job's matrix is written out (undefined when it is computed). */
function matrixValues(job, key) {
    const matrix = (0,data/* obj */.WL)(job['strategy'])['matrix'];
    if (!(0,data/* isObj */.sA)(matrix))
        return undefined;
    const values = new Set();
    const add = (value) => {
        if (typeof value === 'string' && value.includes(EXPRESSION))
            return false;
        if (value !== undefined && value !== null && !(0,data/* isObj */.sA)(value) && !Array.isArray(value))
            values.add(String(value).trim());
        return true;
    };
    const direct = matrix[key];
    if (typeof direct === 'string')
        return undefined; // `key: ${{ fromJSON(...) }}`
    for (const value of (0,data/* list */.p_)(direct))
        if (!add(value))
            return undefined;
    if (typeof matrix['include'] === 'string')
        return undefined;
    for (const entry of (0,data/* list */.p_)(matrix['include']))
        if ((0,data/* isObj */.sA)(entry) && !add(entry[key]))
            return undefined;
    return values;
}
function conflict(environment, applied) {
    const owner = `it is \`deployedBy: agent\` (${(0,model_problems/* formatPos */.Yb)(environment.pos)}): a kubecd agent in the cluster applies it, and two deployers undo each other's changes`;
    const fix = `leave \`${environment.name}\` out of this workflow, or set \`deployedBy: action\` and stop its agent`;
    if (applied.kind === 'any') {
        return `this kubecd apply step may apply environment \`${environment.name}\` (its \`environment\` input \`${(0,excerpt/* excerpt */.Kb)(applied.expression)}\` can name any environment), but ${owner}; ${fix}`;
    }
    if (!applied.names.has(environment.name))
        return undefined;
    const through = applied.via ? ` (through \`${(0,excerpt/* excerpt */.Kb)(applied.via)}\`)` : '';
    return `this kubecd apply step applies environment \`${environment.name}\`${through}, but ${owner}; ${fix}`;
}

;// CONCATENATED MODULE: ./src/lint/lint.ts








/** The one line lint gives instead of rendering a repo with errors. */
const RENDER_SKIPPED = 'not rendered with helm template: the deployments repo has errors (fix them first)';
async function lint(options) {
    const loaded = await (0,load/* loadRepo */.R)(options.environmentsFile);
    const problems = [...loaded.problems, ...(await agentOwnershipProblems(loaded))];
    let renders = [];
    let renderSkipped;
    // A value that failed validation (a release name, a chart reference) must never reach helm.
    if (options.render && (0,model_problems/* hasErrors */.Cs)(loaded.problems))
        renderSkipped = RENDER_SKIPPED;
    else if (options.render) {
        const { helm, concurrency = 4 } = options.render;
        const redactor = (0,secrets/* repoSecrets */.G)(loaded, () => undefined);
        const jobs = loaded.repo.environments.flatMap((environment) => environment.releases.map((release) => ({ environment, release })));
        renders = await (0,map_limited/* mapLimited */.b)(jobs, concurrency, async ({ environment, release }) => {
            let error;
            try {
                const result = await (0,render/* renderRelease */.c)(helm, loaded, environment, release);
                if (result.code !== 0)
                    error = helmError(result.stderr);
            }
            catch (thrown) {
                error = thrown.message;
            }
            if (error !== undefined) {
                problems.push({
                    ...release.pos,
                    severity: 'error',
                    message: `release "${release.name}" does not render in environment "${environment.name}": ${redactor.redact(error)}`,
                });
            }
            return { environment: environment.name, release: release.name, ok: error === undefined };
        });
    }
    // An agent in the cluster applies its own environments: the matrix the apply jobs run on leaves them out.
    let environments = loaded.repo.environments.filter((environment) => environment.deployedBy !== 'agent');
    if (options.since !== undefined) {
        try {
            const changed = await changedFilesSince(loaded.repo.root, options.since);
            environments = environments.filter((environment) => loaded.environmentInputs(environment.name).some((input) => changed.some((file) => touches(file, input))));
        }
        catch (error) {
            problems.push({ file: loaded.repo.environmentsFile, line: 1, column: 1, severity: 'error', message: error.message });
        }
    }
    return { loaded, problems: (0,model_problems/* sortProblems */.dS)(problems), environments, matrix: { include: environments.map(matrixEntry) }, renders, ...(renderSkipped ? { renderSkipped } : {}) };
}
/** helm's own message, without the usage noise it sometimes prints after it. */
function helmError(stderr) {
    const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
    return lines.filter((line) => !line.startsWith('Use --debug')).join(' ') || 'helm template failed';
}


/***/ }),

/***/ 2501:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ actionsLogger)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);

/** The GitHub Actions runner's log: warnings become annotations, groups fold, secrets are masked by the runner. */
const actionsLogger = {
    info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(message),
    warning: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message),
    debug: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(message),
    group: (title, lines) => {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .startGroup */ .Oh(title);
        for (const line of lines)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .endGroup */ .N4();
    },
    secret: (value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value),
};


/***/ }),

/***/ 47569:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dd: () => (/* binding */ webhookSecrets),
/* harmony export */   uN: () => (/* binding */ postToSlack)
/* harmony export */ });
/* unused harmony exports slackMessage, SlackError */
function names(list) {
    return list.length === 0 ? '' : `: ${list.join(', ')}`;
}
/** The message text (Slack mrkdwn); `&`, `<` and `>` escaped as Slack asks. */
function slackMessage(report) {
    const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const status = report.failed.length > 0 ? ':x: failed' : ':white_check_mark: succeeded';
    const lines = [
        `kubecd ${escape(report.mode)} of *${escape(report.environment)}* ${status}`,
        `applied ${report.applied.length}${escape(names(report.applied))}`,
        `skipped ${report.skipped.length}${escape(names(report.skipped))}`,
        `failed ${report.failed.length}${escape(names(report.failed))}`,
    ];
    if (report.runUrl)
        lines.push(`<${report.runUrl}|workflow run>`);
    return { text: lines.join('\n') };
}
class SlackError extends Error {
}
/**
 * What to mask of an incoming webhook URL: the whole URL and every path segment (the last one is the secret,
 * but a log may quote any part of the path on its own).
 */
function webhookSecrets(webhookUrl) {
    let segments;
    try {
        segments = new URL(webhookUrl).pathname.split('/').map((segment) => {
            try {
                return decodeURIComponent(segment);
            }
            catch {
                return segment;
            }
        });
    }
    catch {
        segments = [];
    }
    return [...new Set([webhookUrl.trim(), ...segments])].filter((secret) => secret !== '');
}
/** Posts the report to an incoming webhook. The webhook URL is a secret: errors never include it. */
async function postToSlack(webhookUrl, report, timeoutMs = 15_000) {
    let response;
    try {
        response = await fetch(webhookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(slackMessage(report)),
            signal: AbortSignal.timeout(timeoutMs),
        });
    }
    catch (error) {
        throw new SlackError(`cannot reach the Slack webhook: ${error.name}`);
    }
    // Never the body: an endpoint may echo the request path, which holds the secret.
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok)
        throw new SlackError(`the Slack webhook answered HTTP ${response.status}`);
}


/***/ })

};
