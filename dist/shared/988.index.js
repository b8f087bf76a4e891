export const id = 988;
export const ids = [988];
export const modules = {

/***/ 49988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkUpgradesAction: () => (/* binding */ checkUpgradesAction),
  run: () => (/* binding */ check_upgrades_run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(92413);
;// CONCATENATED MODULE: ./src/git/pull-requests.ts

/** An Octokit for `token`, pointed at GITHUB_API_URL when set (GHES, or a stand-in in tests). */
function githubClient(token, apiUrl = process.env.GITHUB_API_URL) {
    return (0,github/* getOctokit */.Q)(token, apiUrl ? { baseUrl: apiUrl } : {});
}
/** `owner/repo` as GITHUB_REPOSITORY spells it. */
function splitRepository(full) {
    const [owner, repo, ...rest] = full.split('/');
    if (!owner || !repo || rest.length > 0)
        throw new Error(`"${full}" is not OWNER/REPO`);
    return { owner, repo };
}
async function findOpenPullRequest(gh, branch, base) {
    const { data } = await gh.octokit.rest.pulls.list({ owner: gh.owner, repo: gh.repo, state: 'open', head: `${gh.owner}:${branch}`, base, per_page: 10 });
    const pull = data.find((p) => p.head.ref === branch);
    return pull ? { number: pull.number, url: pull.html_url, branch } : undefined;
}
/** Opens a pull request for `branch`, or updates the title and body of the one already open. */
async function openOrUpdatePullRequest(gh, params) {
    const existing = await findOpenPullRequest(gh, params.branch, params.base);
    if (existing) {
        await gh.octokit.rest.pulls.update({ owner: gh.owner, repo: gh.repo, pull_number: existing.number, title: params.title, body: params.body });
        return { ...existing, action: 'updated' };
    }
    const { data } = await gh.octokit.rest.pulls.create({ owner: gh.owner, repo: gh.repo, head: params.branch, base: params.base, title: params.title, body: params.body });
    return { number: data.number, url: data.html_url, branch: params.branch, action: 'created' };
}
/** Closes the open pull request of `branch` (if any) with a comment, and deletes the branch. */
async function closePullRequest(gh, branch, base, comment) {
    const existing = await findOpenPullRequest(gh, branch, base);
    if (!existing)
        return undefined;
    await gh.octokit.rest.issues.createComment({ owner: gh.owner, repo: gh.repo, issue_number: existing.number, body: comment });
    await gh.octokit.rest.pulls.update({ owner: gh.owner, repo: gh.repo, pull_number: existing.number, state: 'closed' });
    try {
        await gh.octokit.rest.git.deleteRef({ owner: gh.owner, repo: gh.repo, ref: `heads/${branch}` });
    }
    catch {
        // Already gone: nothing to clean up.
    }
    return existing;
}

// EXTERNAL MODULE: ./src/repo/load.ts + 9 modules
var load = __webpack_require__(59755);
// EXTERNAL MODULE: ./src/registry/credentials.ts
var registry_credentials = __webpack_require__(3653);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/fs/temp-dir.ts
var temp_dir = __webpack_require__(78995);
// EXTERNAL MODULE: ./src/git/arguments.ts
var git_arguments = __webpack_require__(56860);
// EXTERNAL MODULE: ./src/git/git.ts
var git = __webpack_require__(10308);
;// CONCATENATED MODULE: ./src/git/commit.ts
/**
 * Commits working-tree files onto a base commit without checking anything out: a private index is
 * filled from the base tree plus the files, written as a tree, and committed with `commit-tree`. The
 * checkout, its index and its branch stay as they were, so several groups can be committed in one run.
 */






/** `files` are relative to the repository top. */
async function commitFilesOnto(ctx, base, files, message) {
    const index = (0,external_node_path_.join)((0,temp_dir/* tempRoot */.f)(), `kubecd-index-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    const env = { GIT_INDEX_FILE: index };
    try {
        await (0,git/* git */.$Y)(ctx, ['read-tree', '--end-of-options', (0,git_arguments/* checkRevision */.G7)(base, 'base commit')], { env });
        if (files.length > 0)
            await (0,git/* git */.$Y)(ctx, ['update-index', '--add', '--remove', '--', ...files.map(git_arguments/* checkPath */.Cg)], { env });
        const tree = (0,git_arguments/* checkObjectId */.XV)(await (0,git/* gitOut */.BQ)(ctx, ['write-tree'], { env }), 'tree');
        const parent = (0,git_arguments/* checkObjectId */.XV)(await (0,git/* gitOut */.BQ)(ctx, ['rev-parse', '--verify', '--end-of-options', `${base}^{commit}`]), 'base commit');
        // commit-tree takes no --end-of-options; both ids are checked full object ids.
        const sha = await (0,git/* gitOut */.BQ)(ctx, ['commit-tree', tree, '-p', parent, '-F', '-'], { env: { ...env, ...(await (0,git/* identityEnv */.Wx)(ctx)) }, input: message });
        return { sha, tree };
    }
    finally {
        await (0,promises_.rm)(index, { force: true });
    }
}
async function treeOf(ctx, commit) {
    return (0,git/* gitOut */.BQ)(ctx, ['rev-parse', '--verify', '--end-of-options', `${(0,git_arguments/* checkRevision */.G7)(commit, 'commit')}^{tree}`]);
}
/**
 * Pushes `commit` to `branch`, replacing it only if it still is at `expected` (undefined: must not exist yet),
 * so a branch someone else moved meanwhile is never overwritten.
 */
async function pushWithLease(ctx, commit, branch, expected) {
    (0,git_arguments/* checkBranch */.DC)(branch);
    if (expected !== undefined)
        (0,git_arguments/* checkObjectId */.XV)(expected, 'expected commit');
    await (0,git/* git */.$Y)(ctx, ['push', '--quiet', `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`, '--', ctx.remote ?? 'origin', `${(0,git_arguments/* checkRevision */.G7)(commit, 'commit')}:refs/heads/${branch}`], { network: true });
}
/** Commits `files` on the checked-out branch and pushes it to `branch` on the remote (a plain, non-forced push). */
async function commitAndPush(ctx, files, message, branch) {
    const paths = files.map(git_arguments/* checkPath */.Cg);
    await (0,git/* git */.$Y)(ctx, ['add', '--', ...paths]);
    await (0,git/* git */.$Y)(ctx, ['commit', '--quiet', '--no-verify', '-F', '-', '--', ...paths], { env: await (0,git/* identityEnv */.Wx)(ctx), input: message });
    const sha = await (0,git/* gitOut */.BQ)(ctx, ['rev-parse', 'HEAD']);
    await (0,git/* git */.$Y)(ctx, ['push', '--quiet', '--', ctx.remote ?? 'origin', `HEAD:refs/heads/${(0,git_arguments/* checkBranch */.DC)(branch)}`], { network: true });
    return sha;
}

// EXTERNAL MODULE: ./src/lock/parse.ts
var parse = __webpack_require__(45968);
// EXTERNAL MODULE: ./src/upgrades/report.ts
var report = __webpack_require__(75911);
;// CONCATENATED MODULE: ./src/upgrades/publish.ts
/**
 * Hands the upgrades to humans: one branch and pull request per group (environment, or all), pushed with
 * --force-with-lease, updated in place on later runs, closed when nothing is left; or one commit straight
 * to the base branch.
 */







const BRANCH_PREFIX = 'kubecd/upgrades';
function branchFor(group, environment) {
    return group === 'all' ? BRANCH_PREFIX : `${BRANCH_PREFIX}/${environment}`;
}
/** Root-relative path → path relative to the git top level. */
async function toTop(ctx, root) {
    const prefix = (0,external_node_path_.relative)(await (0,promises_.realpath)(ctx.cwd), await (0,promises_.realpath)(root)).split(external_node_path_.sep).join('/');
    return (file) => (prefix ? `${prefix}/${file}` : file);
}
/** The context with cwd at the top level, where every path given to git is taken as top-relative. */
async function atTop(ctx) {
    return { ...ctx, cwd: await (0,promises_.realpath)(await (0,git/* topLevel */.M4)(ctx)) };
}
/**
 * The lock files as the existing upgrade branches hold them, so a run that finds the same upgrades again
 * produces the same bytes (same `resolvedAt`) and leaves the pull request alone.
 */
async function branchLocks(ctx, loaded, environments, group) {
    const locks = new Map();
    ctx = await atTop(ctx);
    const top = await toTop(ctx, loaded.repo.root);
    const fetched = new Map();
    for (const name of environments) {
        const environment = loaded.repo.environments.find((e) => e.name === name);
        if (!environment)
            continue;
        const branch = branchFor(group, name);
        if (!fetched.has(branch))
            fetched.set(branch, (0,git/* fetchBranch */.D_)(ctx, branch));
        const sha = await fetched.get(branch);
        if (!sha)
            continue;
        const text = await (0,git/* fileAt */.Wd)(ctx, sha, top(environment.lockFile));
        if (text === undefined)
            continue;
        const { lock } = (0,parse/* parseLockFile */.h)(text, environment.lockFile);
        if (lock)
            locks.set(name, lock);
    }
    return locks;
}
async function publish(options) {
    const { loaded } = options;
    const ctx = await atTop(options.ctx);
    const log = (message) => options.logger?.info(message);
    const result = { pullRequests: [], commits: [] };
    if (options.commit === 'none')
        return result;
    const top = await toTop(ctx, loaded.repo.root);
    const base = options.base || (await (0,git/* currentBranch */.eR)(ctx)) || process.env.GITHUB_REF_NAME;
    if (!base)
        throw new Error('cannot tell the base branch (detached HEAD): set the `base` input');
    const updates = options.rows.filter((r) => r.decision === 'upgrade');
    if (options.commit === 'push') {
        if (options.changed.length === 0)
            return result;
        const sha = await commitAndPush(ctx, options.changed.map((c) => top(c.file)), (0,report/* commitMessage */.df)(updates, undefined), base);
        log(`pushed ${sha.slice(0, 12)} to ${base}`);
        result.commits.push(sha);
        return result;
    }
    if (!options.github)
        throw new Error('commit: pull-request needs a GitHub token and repository');
    const github = options.github;
    const headSha = await (0,git/* gitOut */.BQ)(ctx, ['rev-parse', 'HEAD']);
    const groups = options.group === 'all' ? [{ name: undefined, environments: [...options.environments] }] : options.environments.map((e) => ({ name: e, environments: [e] }));
    for (const group of groups) {
        const branch = group.name === undefined ? BRANCH_PREFIX : branchFor('environment', group.name);
        const files = options.changed.filter((c) => c.environments.some((e) => group.environments.includes(e))).map((c) => top(c.file));
        const groupUpdates = updates.filter((u) => group.environments.includes(u.environment));
        if (files.length === 0 || groupUpdates.length === 0) {
            const skipped = options.rows.some((r) => group.environments.includes(r.environment) && r.decision === 'skip');
            if (options.complete && !skipped) {
                const closed = await closePullRequest(github, branch, base, 'kubecd check-upgrades found nothing left to upgrade here; closing.');
                if (closed) {
                    log(`closed pull request #${closed.number} (${branch}): nothing left`);
                    result.pullRequests.push({ ...closed, action: 'closed' });
                }
            }
            continue;
        }
        const commit = await commitFilesOnto(ctx, headSha, files, (0,report/* commitMessage */.df)(groupUpdates, group.name));
        const existing = await (0,git/* fetchBranch */.D_)(ctx, branch);
        const title = (0,report/* pullRequestTitle */.Zr)(groupUpdates, group.name);
        const body = (0,report/* pullRequestBody */.NF)(groupUpdates);
        if (existing && (await treeOf(ctx, existing)) === commit.tree) {
            const open = await findOpenPullRequest(github, branch, base);
            if (open) {
                log(`pull request #${open.number} (${branch}) already has these changes`);
                result.pullRequests.push({ ...open, action: 'unchanged' });
                continue;
            }
        }
        else {
            await pushWithLease(ctx, commit.sha, branch, existing);
            result.commits.push(commit.sha);
            log(`pushed ${commit.sha.slice(0, 12)} to ${branch}`);
        }
        const pull = await openOrUpdatePullRequest(github, { branch, base, title, body });
        log(`${pull.action} pull request #${pull.number}: ${pull.url}`);
        result.pullRequests.push(pull);
    }
    return result;
}

// EXTERNAL MODULE: ./src/log/actions.ts
var actions = __webpack_require__(2501);
// EXTERNAL MODULE: ./src/log/plain.ts
var plain = __webpack_require__(78654);
// EXTERNAL MODULE: ./src/upgrades/request.ts
var request = __webpack_require__(58892);
// EXTERNAL MODULE: ./src/repo/secrets.ts
var secrets = __webpack_require__(23737);
// EXTERNAL MODULE: ./src/upgrades/run.ts + 9 modules
var run = __webpack_require__(19836);
// EXTERNAL MODULE: ./src/upgrades/sources.ts + 3 modules
var upgrades_sources = __webpack_require__(31639);
// EXTERNAL MODULE: ./src/actions/inputs.ts
var inputs = __webpack_require__(36982);
// EXTERNAL MODULE: ./src/actions/problems.ts
var problems = __webpack_require__(82927);
// EXTERNAL MODULE: ./src/actions/run-action.ts + 1 modules
var run_action = __webpack_require__(7851);
;// CONCATENATED MODULE: ./src/actions/check-upgrades.ts
















/** The `registry-credentials` input, its secrets masked before anything can print them. */
function parseCredentialsInput(text) {
    let credentials;
    try {
        credentials = (0,registry_credentials/* parseRegistryCredentials */.ZX)(text);
    }
    catch (error) {
        throw new inputs/* InputError */.dz(error.message);
    }
    for (const credential of Object.values(credentials))
        actions/* actionsLogger */.M.secret('token' in credential ? credential.token : credential.password);
    return credentials;
}
/** The check-upgrades action; @github/local-action and the bundle's entry file call it. */
function check_upgrades_run() {
    return (0,run_action/* runAction */.C)(checkUpgradesAction);
}
/** The check-upgrades action: inputs → engine → files → git and pull requests → outputs and summary. Each output is written once, whichever way it ends. */
async function checkUpgradesAction() {
    let outputs = { updates: [], 'pull-requests': [], changed: false };
    try {
        outputs = await checkAndPublish();
    }
    finally {
        core/* setOutput */.uH('updates', JSON.stringify(outputs.updates));
        core/* setOutput */.uH('pull-requests', JSON.stringify(outputs['pull-requests']));
        core/* setOutput */.uH('changed', String(outputs.changed));
    }
}
function actionRequest() {
    const cacheDir = (0,inputs/* optionalInput */.$m)('cache-dir');
    const failOn = (0,inputs/* optionalInput */.$m)('fail-on');
    const release = (0,inputs/* optionalInput */.$m)('release');
    const image = (0,inputs/* optionalInput */.$m)('image');
    const write = (0,inputs/* optionalInput */.$m)('write');
    try {
        return (0,request/* upgradesRequest */.zz)({
            environments: (0,inputs/* listInput */.dt)('environment'),
            ...(release ? { release } : {}),
            ...(image ? { image } : {}),
            ...(write ? { write } : {}),
            ...(failOn ? { failOn } : {}),
            ...(cacheDir ? { cacheDir } : {}),
            insecureRegistries: (0,inputs/* listInput */.dt)('insecure-registries'),
            dryRun: (0,inputs/* booleanInput */.tE)('dry-run', false),
            baseDir: (0,inputs/* workspace */.Gl)(),
        });
    }
    catch (error) {
        throw error instanceof request/* UpgradesOptionError */.rl ? new inputs/* InputError */.dz(`input "${error.option}" ${error.problem}`) : error;
    }
}
async function checkAndPublish() {
    const environmentsFile = (0,inputs/* pathInput */.gm)('environments', 'environments.yaml');
    const request = actionRequest();
    const { dryRun, write, release, image } = request.run;
    const commit = (0,inputs/* choiceInput */.ij)('commit', ['pull-request', 'push', 'none'], 'pull-request');
    const group = (0,inputs/* choiceInput */.ij)('group', ['environment', 'all'], 'environment');
    const token = (0,inputs/* optionalInput */.$m)('token');
    const loaded = await (0,load/* loadRepo */.R)(environmentsFile);
    // helmRepos URLs may hold a password; registry errors quote the URL.
    const redactor = (0,secrets/* repoSecrets */.G)(loaded, (value) => actions/* actionsLogger */.M.secret(value));
    const logger = (0,plain/* redactingLogger */.S)(actions/* actionsLogger */.M, redactor);
    const errors = await (0,problems/* reportInvalidRepo */.EY)(loaded, 'kubecd check-upgrades', 'Nothing was checked or written');
    if (errors > 0) {
        core/* setFailed */.C1(`kubecd check-upgrades: ${errors} error(s) in the deployments repo; nothing written.`);
        return { updates: [], 'pull-requests': [], changed: false };
    }
    const environments = request.run.environments ?? loaded.repo.environments.map((e) => e.name);
    const ctx = { cwd: (0,external_node_path_.dirname)(environmentsFile), ...(token ? { token } : {}) };
    const usesGit = !dryRun && commit === 'pull-request';
    const previous = usesGit && write === 'lock' ? await branchLocks(ctx, loaded, environments, group) : new Map();
    const registryCredentials = (0,inputs/* optionalInput */.$m)('registry-credentials');
    const sources = await (0,upgrades_sources/* createSources */.L)({
        ...(registryCredentials ? { credentials: parseCredentialsInput(registryCredentials) } : {}),
        insecureRegistries: request.insecureRegistries,
        ...(token ? { githubToken: token } : {}),
        logger,
    });
    const result = await (0,run/* runUpgrades */.L)(loaded, {
        ...sources,
        ...request.run,
        environments,
        previousLock: (name) => previous.get(name),
        logger,
    });
    const updates = result.rows.filter((r) => r.decision === 'upgrade');
    for (const row of result.rows) {
        const line = `${row.environment}/${row.release} ${row.key}: ${row.current}${row.candidate ? ` -> ${row.candidate}` : ''} (${row.track}) ${row.decision}: ${row.reason}`;
        if (row.decision === 'skip')
            logger.warning(line);
        else
            logger.info(line);
    }
    const failures = (0,report/* registryFailures */.xm)(result.rows);
    for (const failure of failures)
        core/* error */.z3(redactor.redact((0,report/* registryFailureLine */.k8)(failure)));
    let pullRequests = [];
    if (!dryRun && commit !== 'none') {
        let github;
        if (commit === 'pull-request') {
            if (!token)
                throw new inputs/* InputError */.dz('commit: pull-request needs the `token` input');
            const repository = process.env.GITHUB_REPOSITORY;
            if (!repository)
                throw new inputs/* InputError */.dz('GITHUB_REPOSITORY is not set; cannot open pull requests');
            github = { octokit: githubClient(token), ...splitRepository(repository) };
        }
        const base = (0,inputs/* optionalInput */.$m)('base');
        const published = await publish({
            ctx,
            loaded,
            commit,
            group,
            ...(base ? { base } : {}),
            ...(github ? { github } : {}),
            rows: result.rows,
            changed: result.changed,
            environments,
            complete: !release && !image,
            logger,
        });
        pullRequests = published.pullRequests.map((p) => ({ number: p.number, url: p.url, branch: p.branch, action: p.action }));
    }
    const table = (0,report/* checkedTable */.qv)(result.rows).map((row) => row.map((cell) => redactor.redact(cell)));
    const summary = core/* summary */.z.addHeading('kubecd check-upgrades', 2);
    summary.addRaw(`${result.rows.length} trigger(s) checked: ${updates.length} upgrade(s), ${result.rows.filter((r) => r.decision === 'skip').length} skipped${heldCount(result.rows)}${dryRun ? ' (dry run: nothing written)' : ''}.`, true);
    if (failures.length > 0)
        summary.addList(failures.map((failure) => redactor.redact((0,report/* registryFailureLine */.k8)(failure))));
    if (table.length > 1)
        summary.addTable([table[0].map((data) => ({ data, header: true })), ...table.slice(1)]);
    if (pullRequests.length > 0)
        summary.addList(pullRequests.map((p) => `${p.action}: ${p.url}`));
    await (0,run_action/* writeSummary */.S)();
    if (request.failOn === 'registry-errors' && failures.length > 0) {
        const triggers = failures.reduce((sum, failure) => sum + failure.triggers, 0);
        core/* setFailed */.C1(`kubecd check-upgrades: ${failures.length} registry or chart repository failure(s) skipped ${triggers} trigger(s) (fail-on: registry-errors; set fail-on: never to only warn).`);
    }
    return { updates: (0,report/* updatesJson */.NZ)(updates), 'pull-requests': pullRequests, changed: !dryRun && result.changed.length > 0 };
}
/** `, N held` when a lock entry holds any trigger (nothing otherwise, so the usual line stays as it was). */
function heldCount(rows) {
    const held = rows.filter((r) => r.decision === 'held').length;
    return held > 0 ? `, ${held} held` : '';
}


/***/ }),

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
