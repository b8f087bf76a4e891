export const id = 995;
export const ids = [995];
export const modules = {

/***/ 96995:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var _deploy_apply_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87553);
/* harmony import */ var _deploy_report_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(65505);
/* harmony import */ var _deploy_request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84046);
/* harmony import */ var _helm_helm_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(15208);
/* harmony import */ var _log_actions_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2501);
/* harmony import */ var _repo_load_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(59755);
/* harmony import */ var _model_normalise_aks_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(16559);
/* harmony import */ var _model_normalise_eks_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(36859);
/* harmony import */ var _model_excerpt_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(24664);
/* harmony import */ var _notify_slack_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(47569);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(36982);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(82927);
/* harmony import */ var _run_action_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(7851);














function workloadIdentityInputs() {
    const provider = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .renamedInput */ .BP)('workload-identity-provider', 'workload_identity_provider');
    const serviceAccount = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .renamedInput */ .BP)('service-account', 'service_account');
    if (!provider && !serviceAccount)
        return undefined;
    if (!provider || !serviceAccount)
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz('inputs "workload-identity-provider" and "service-account" go together');
    return { workloadIdentityProvider: provider, serviceAccount };
}
/** The inputs the action shares with the CLI, as the request mapper takes them (absent inputs stay absent). */
function sharedSettings() {
    const settings = {};
    for (const [name, spec] of Object.entries(_deploy_request_js__WEBPACK_IMPORTED_MODULE_2__/* .APPLY_SETTINGS */ .rd)) {
        const text = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .optionalInput */ .$m)(name);
        if (text === undefined)
            continue;
        settings[name] = spec.type === 'boolean' ? (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .booleanInput */ .tE)(name, false) : 'file' in spec ? (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .pathInput */ .gm)(name, '') : text;
    }
    return settings;
}
function actionOptions() {
    const workloadIdentity = workloadIdentityInputs();
    const azureClientId = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .optionalInput */ .$m)('azure-client-id');
    if (azureClientId && !_model_normalise_aks_js__WEBPACK_IMPORTED_MODULE_6__/* .AZURE_GUID */ .WI.test(azureClientId))
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz(`input "azure-client-id" must be a GUID, not "${(0,_model_excerpt_js__WEBPACK_IMPORTED_MODULE_11__/* .excerpt */ .Kb)(azureClientId)}"`);
    const awsRoleArn = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .optionalInput */ .$m)('aws-role-arn');
    if (awsRoleArn && !(0,_model_normalise_eks_js__WEBPACK_IMPORTED_MODULE_7__/* .isIamRoleArn */ .t8)(awsRoleArn))
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz(`input "aws-role-arn" must be an IAM role ARN like arn:aws:iam::123456789012:role/NAME, not "${(0,_model_excerpt_js__WEBPACK_IMPORTED_MODULE_11__/* .excerpt */ .Kb)(awsRoleArn)}"`);
    return {
        ...sharedSettings(),
        environment: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('environment', { required: true }).trim(),
        releases: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .listInput */ .dt)('releases'),
        mode: (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .optionalInput */ .$m)('mode'),
        ...(workloadIdentity ? { workloadIdentity } : {}),
        ...(azureClientId ? { azureClientId } : {}),
        ...(awsRoleArn ? { awsRoleArn } : {}),
        githubOidcToken,
    };
}
/** The job's GitHub OIDC token for `audience`; @actions/core masks it. */
async function githubOidcToken(audience) {
    try {
        return await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getIDToken */ .V9(audience);
    }
    catch (error) {
        throw new Error(`cannot get the GitHub OIDC token (the job needs \`permissions: id-token: write\`): ${error.message}`);
    }
}
function runUrl() {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = process.env;
    return server && repository && id ? `${server}/${repository}/actions/runs/${id}` : undefined;
}
async function notify(webhook, report) {
    if (!webhook)
        return;
    try {
        await (0,_notify_slack_js__WEBPACK_IMPORTED_MODULE_12__/* .postToSlack */ .uN)(webhook, report);
    }
    catch (error) {
        _log_actions_js__WEBPACK_IMPORTED_MODULE_4__/* .actionsLogger */ .M.warning(`Slack notification failed: ${error.message}`);
    }
}
/** The apply action; @github/local-action and the bundle's entry file call it. */
function run() {
    return (0,_run_action_js__WEBPACK_IMPORTED_MODULE_10__/* .runAction */ .C)(applyAction);
}
/** Each output is written exactly once, whichever way the run ends: empty lists when nothing was deployed. */
async function applyAction() {
    let lists = { applied: [], skipped: [], failed: [] };
    try {
        lists = await deploy();
    }
    finally {
        for (const [name, list] of Object.entries(lists))
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, JSON.stringify(list));
    }
}
async function deploy() {
    const webhook = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .optionalInput */ .$m)('slack-webhook-url');
    const options = actionOptions();
    try {
        (0,_deploy_request_js__WEBPACK_IMPORTED_MODULE_2__/* .checkApplyOptions */ .Xd)(options);
    }
    catch (error) {
        throw error instanceof _deploy_request_js__WEBPACK_IMPORTED_MODULE_2__/* .ApplyOptionError */ .eY ? new _inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .InputError */ .dz(`input "${error.option}" ${error.problem}`) : error;
    }
    const { environment } = options;
    const mode = (0,_deploy_request_js__WEBPACK_IMPORTED_MODULE_2__/* .deployMode */ .Bo)(options.mode);
    // helm's version check runs while the repo loads: it is on every apply's critical path.
    const helm = (0,_helm_helm_js__WEBPACK_IMPORTED_MODULE_3__/* .detectHelm */ .G$)((0,_deploy_request_js__WEBPACK_IMPORTED_MODULE_2__/* .helmPath */ .Qs)(options));
    helm.catch(() => undefined);
    const loaded = await (0,_repo_load_js__WEBPACK_IMPORTED_MODULE_5__/* .loadRepo */ .R)((0,_inputs_js__WEBPACK_IMPORTED_MODULE_8__/* .pathInput */ .gm)('environments', 'environments.yaml'));
    const errors = await (0,_problems_js__WEBPACK_IMPORTED_MODULE_9__/* .reportInvalidRepo */ .EY)(loaded, `kubecd ${mode}: ${environment}`, 'Nothing was deployed');
    if (errors > 0)
        throw new Error(`the deployments repo has ${errors} error(s); nothing was deployed`);
    let outcome;
    try {
        outcome = await (0,_deploy_apply_js__WEBPACK_IMPORTED_MODULE_1__/* .applyEnvironment */ .G)((0,_deploy_request_js__WEBPACK_IMPORTED_MODULE_2__/* .applyRequest */ .CG)(options, { loaded, helm: await helm, logger: _log_actions_js__WEBPACK_IMPORTED_MODULE_4__/* .actionsLogger */ .M }));
    }
    catch (error) {
        await notify(webhook, { environment, mode, applied: [], skipped: [], failed: [`(run) ${error.message}`], runUrl: runUrl() });
        throw error;
    }
    const lists = (0,_deploy_report_js__WEBPACK_IMPORTED_MODULE_13__/* .outcomeLists */ .Ko)(outcome);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw((0,_deploy_report_js__WEBPACK_IMPORTED_MODULE_13__/* .outcomeMarkdown */ .Iu)(outcome));
    await (0,_run_action_js__WEBPACK_IMPORTED_MODULE_10__/* .writeSummary */ .S)();
    await notify(webhook, { environment, mode, ...lists, runUrl: runUrl() });
    if (outcome.failed) {
        const failures = [...lists.failed, ...outcome.resources.filter((r) => r.result === 'failed').map((r) => r.file), ...outcome.pruned.filter((p) => p.result === 'failed').map((p) => `prune ${p.name}`)];
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`kubecd ${mode} of ${environment} failed: ${failures.join(', ')}`);
    }
    return lists;
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
