export const id = 90;
export const ids = [90];
export const modules = {

/***/ 99090:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./src/deploy/apply.ts + 7 modules
var apply = __webpack_require__(76061);
// EXTERNAL MODULE: ./src/deploy/types.ts
var types = __webpack_require__(44130);
// EXTERNAL MODULE: ./src/deploy/report.ts
var report = __webpack_require__(65505);
// EXTERNAL MODULE: ./src/helm/helm.ts
var helm_helm = __webpack_require__(84910);
// EXTERNAL MODULE: ./src/model/index.ts + 9 modules
var model = __webpack_require__(58412);
;// CONCATENATED MODULE: ./src/notify/slack.ts
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
    if (!response.ok)
        throw new SlackError(`the Slack webhook answered ${response.status} ${(await response.text()).slice(0, 200)}`);
}

// EXTERNAL MODULE: ./src/actions/inputs.ts
var inputs = __webpack_require__(36982);
// EXTERNAL MODULE: ./src/actions/problems.ts
var problems = __webpack_require__(82927);
// EXTERNAL MODULE: ./src/actions/run-action.ts
var run_action = __webpack_require__(31737);
;// CONCATENATED MODULE: ./src/actions/apply.ts










const coreLogger = {
    info: (message) => core/* info */.pq(message),
    warning: (message) => core/* warning */.$e(message),
    group: (title, lines) => {
        core/* startGroup */.Oh(title);
        for (const line of lines)
            core/* info */.pq(line);
        core/* endGroup */.N4();
    },
    secret: (value) => core/* setSecret */.Pq(value),
};
function workloadIdentityInputs() {
    const provider = (0,inputs/* optionalInput */.$m)('workload_identity_provider');
    const serviceAccount = (0,inputs/* optionalInput */.$m)('service_account');
    if (!provider && !serviceAccount)
        return undefined;
    if (!provider || !serviceAccount)
        throw new inputs/* InputError */.dz('inputs "workload_identity_provider" and "service_account" go together');
    return { workloadIdentityProvider: provider, serviceAccount };
}
function runUrl() {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = process.env;
    return server && repository && id ? `${server}/${repository}/actions/runs/${id}` : undefined;
}
async function notify(webhook, report) {
    if (!webhook)
        return;
    try {
        await postToSlack(webhook, report);
    }
    catch (error) {
        core/* warning */.$e(`Slack notification failed: ${error.message}`);
    }
}
/** The apply action; @github/local-action and the bundle's entry file call it. */
function run() {
    return (0,run_action/* runAction */.C)(applyAction);
}
async function applyAction() {
    for (const name of ['applied', 'skipped', 'failed'])
        core/* setOutput */.uH(name, '[]');
    const webhook = (0,inputs/* optionalInput */.$m)('slack-webhook-url');
    if (webhook)
        core/* setSecret */.Pq(webhook);
    const environment = core/* getInput */.V4('environment', { required: true }).trim();
    const mode = (0,inputs/* choiceInput */.ij)('mode', types/* DEPLOY_MODES */.R, 'apply');
    // helm's version check runs while the repo loads: it is on every apply's critical path.
    const helm = (0,helm_helm/* detectHelm */.G$)((0,inputs/* optionalInput */.$m)('helm') ?? 'helm');
    helm.catch(() => undefined);
    const loaded = await (0,model/* loadRepo */.R0)((0,inputs/* pathInput */.gm)('environments', 'environments.yaml'));
    const errors = await (0,problems/* reportInvalidRepo */.EY)(loaded, `kubecd ${mode}: ${environment}`, 'Nothing was deployed');
    if (errors > 0)
        throw new Error(`the deployments repo has ${errors} error(s); nothing was deployed`);
    try {
        const outcome = await (0,apply/* applyEnvironment */.G)({
            loaded,
            environment,
            releases: (0,inputs/* listInput */.dt)('releases'),
            mode,
            force: (0,inputs/* booleanInput */.tE)('force', false),
            prune: (0,inputs/* booleanInput */.tE)('prune', false),
            concurrency: (0,inputs/* positiveIntegerInput */.wR)('concurrency', 4),
            timeout: (0,inputs/* optionalInput */.$m)('timeout'),
            wait: (0,inputs/* booleanInput */.tE)('wait', false),
            atomic: (0,inputs/* booleanInput */.tE)('atomic', false),
            failFast: (0,inputs/* booleanInput */.tE)('fail-fast', false),
            createNamespace: (0,inputs/* booleanInput */.tE)('create-namespace', false),
            helm: await helm,
            kubectl: (0,inputs/* optionalInput */.$m)('kubectl') ?? 'kubectl',
            credentials: {
                ...((0,inputs/* optionalInput */.$m)('kubeconfig') ? { kubeconfig: (0,inputs/* pathInput */.gm)('kubeconfig', '') } : {}),
                ...(workloadIdentityInputs() ? { workloadIdentity: workloadIdentityInputs() } : {}),
            },
            logger: coreLogger,
        });
        const lists = (0,report/* outcomeLists */.Ko)(outcome);
        for (const [name, list] of Object.entries(lists))
            core/* setOutput */.uH(name, JSON.stringify(list));
        core/* summary */.z.addRaw((0,report/* outcomeMarkdown */.Iu)(outcome));
        await (0,run_action/* writeSummary */.S)();
        await notify(webhook, { environment, mode, ...lists, runUrl: runUrl() });
        if (outcome.failed) {
            const failures = [...lists.failed, ...outcome.resources.filter((r) => r.result === 'failed').map((r) => r.file), ...outcome.pruned.filter((p) => p.result === 'failed').map((p) => `prune ${p.name}`)];
            core/* setFailed */.C1(`kubecd ${mode} of ${environment} failed: ${failures.join(', ')}`);
        }
    }
    catch (error) {
        await notify(webhook, { environment, mode, applied: [], skipped: [], failed: [`(run) ${error.message}`], runUrl: runUrl() });
        throw error;
    }
}


/***/ }),

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


/***/ })

};
