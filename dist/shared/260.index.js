export const id = 260;
export const ids = [260];
export const modules = {

/***/ 77593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ parseCommand)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _usage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27485);


const COMMON = { environments: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } };
/**
 * Parses a subcommand's arguments. The environments file may come as `-f FILE` or as the first
 * positional when it names a YAML file (so `kubecd lint examples/environments.yaml` works).
 */
function parseCommand(args, options = {}) {
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    }
    catch (error) {
        throw new _usage_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .e(error.message);
    }
    const positionals = [...parsed.positionals];
    let environmentsFile = parsed.values.environments;
    if (!environmentsFile && positionals[0] && /\.ya?ml$/.test(positionals[0])) {
        environmentsFile = positionals.shift();
    }
    return { environmentsFile: environmentsFile ?? 'environments.yaml', positionals, values: parsed.values };
}


/***/ }),

/***/ 48260:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/log/plain.ts
var plain = __webpack_require__(78654);
// EXTERNAL MODULE: ./src/repo/load.ts + 9 modules
var load = __webpack_require__(59755);
// EXTERNAL MODULE: ./src/model/problems.ts
var problems = __webpack_require__(99437);
// EXTERNAL MODULE: ./src/repo/secrets.ts
var secrets = __webpack_require__(23737);
// EXTERNAL MODULE: ./src/upgrades/report.ts
var report = __webpack_require__(75911);
// EXTERNAL MODULE: ./src/upgrades/request.ts
var request = __webpack_require__(58892);
// EXTERNAL MODULE: ./src/upgrades/run.ts + 9 modules
var run = __webpack_require__(19836);
// EXTERNAL MODULE: ./src/upgrades/sources.ts + 3 modules
var upgrades_sources = __webpack_require__(31639);
// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(77593);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/cli/output.ts


/** `file:line:column: severity: message`, with the file relative to the current directory. */
function printProblems(problems, root) {
    for (const p of problems) {
        process.stderr.write(`${(0,external_node_path_.relative)(process.cwd(), (0,external_node_path_.join)(root, p.file))}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
    }
}
/** Plain aligned columns for terminal tables. */
function formatTable(rows) {
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
    return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}
/** Progress and warnings to stderr (stdout is the command's result); debug lines too with KUBECD_DEBUG set. */
function cliLogger() {
    return (0,plain/* plainLogger */.N)((text) => process.stderr.write(text), { debug: Boolean(process.env.KUBECD_DEBUG) });
}

// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(27485);
;// CONCATENATED MODULE: ./src/cli/commands/check-upgrades.ts











const OPTIONS = {
    release: { type: 'string' },
    image: { type: 'string' },
    write: { type: 'string' },
    apply: { type: 'boolean' },
    'insecure-registry': { type: 'string', multiple: true },
    'cache-dir': { type: 'string' },
    'fail-on': { type: 'string' },
};
/** The flags as the request mapper takes them. */
function commandRequest(environment, values) {
    const text = (name) => (typeof values[name] === 'string' && values[name] !== '' ? values[name] : undefined);
    const [release, image, write, failOn, cacheDir] = ['release', 'image', 'write', 'fail-on', 'cache-dir'].map(text);
    try {
        return (0,request/* upgradesRequest */.zz)({
            ...(environment ? { environments: [environment] } : {}),
            ...(release ? { release } : {}),
            ...(image ? { image } : {}),
            ...(write ? { write } : {}),
            ...(failOn ? { failOn } : {}),
            ...(cacheDir ? { cacheDir } : {}),
            insecureRegistries: Array.isArray(values['insecure-registry']) ? values['insecure-registry'] : [],
            dryRun: values.apply !== true,
            baseDir: process.cwd(),
        });
    }
    catch (error) {
        throw error instanceof request/* UpgradesOptionError */.rl ? new usage/* UsageError */.e(`--${error.option} ${error.problem}`) : error;
    }
}
/** Checks for newer versions and prints the table; writes lock files (or patches) only with --apply. */
async function checkUpgradesCommand(args) {
    const { environmentsFile, positionals, values } = (0,cli_args/* parseCommand */.R)(args, OPTIONS);
    if (positionals.length > 1)
        throw new usage/* UsageError */.e(`unexpected argument "${positionals[1]}"`);
    const request = commandRequest(positionals[0], values);
    const loaded = await (0,load/* loadRepo */.R)(environmentsFile);
    printProblems(loaded.problems, loaded.repo.root);
    if ((0,problems/* hasErrors */.Cs)(loaded.problems)) {
        process.stderr.write('errors in the deployments repo; nothing checked or written.\n');
        return 1;
    }
    const redactor = (0,secrets/* repoSecrets */.G)(loaded, () => undefined);
    const logger = (0,plain/* redactingLogger */.S)(cliLogger(), redactor);
    const sources = await (0,upgrades_sources/* createSources */.L)({
        insecureRegistries: request.insecureRegistries,
        logger,
    });
    const result = await (0,run/* runUpgrades */.L)(loaded, { ...sources, ...request.run, logger });
    process.stdout.write(formatTable((0,report/* checkedTable */.qv)(result.rows).map((row) => row.map((cell) => redactor.redact(cell)))));
    const upgrades = result.rows.filter((r) => r.decision === 'upgrade').length;
    const files = result.changed.map((c) => c.file).join(', ');
    if (!request.run.dryRun)
        process.stdout.write(`${upgrades} upgrade(s); ${result.changed.length ? `wrote ${files}` : 'no file changed'}.\n`);
    else
        process.stdout.write(`${upgrades} upgrade(s)${result.changed.length ? `; --apply would write ${files}` : ''}.\n`);
    const failures = (0,report/* registryFailures */.xm)(result.rows);
    for (const failure of failures)
        process.stderr.write(`error: ${redactor.redact((0,report/* registryFailureLine */.k8)(failure))}\n`);
    return failures.length > 0 && request.failOn === 'registry-errors' ? 1 : 0;
}

// EXTERNAL MODULE: ./src/deploy/apply.ts + 7 modules
var apply = __webpack_require__(87553);
// EXTERNAL MODULE: ./src/deploy/report.ts
var deploy_report = __webpack_require__(65505);
// EXTERNAL MODULE: ./src/deploy/request.ts
var deploy_request = __webpack_require__(84046);
// EXTERNAL MODULE: ./src/helm/helm.ts + 1 modules
var helm_helm = __webpack_require__(15208);
;// CONCATENATED MODULE: ./src/cli/commands/apply.ts









const apply_OPTIONS = {
    ...Object.fromEntries(Object.entries(deploy_request/* APPLY_SETTINGS */.rd).map(([name, spec]) => [name, { type: spec.type }])),
    release: { type: 'string', short: 'r', multiple: true },
    context: { type: 'string' },
    'dry-run': { type: 'boolean' },
};
/** The flags as the request mapper takes them: the shared settings by name, absent flags left out. */
function commandOptions(environment, mode, values) {
    const settings = {};
    for (const name of Object.keys(deploy_request/* APPLY_SETTINGS */.rd)) {
        const value = values[name];
        if (typeof value === 'string' || typeof value === 'boolean')
            settings[name] = value;
    }
    return {
        ...settings,
        environment,
        mode: mode === 'apply' && values['dry-run'] === true ? 'dry-run' : mode,
        releases: Array.isArray(values.release) ? values.release : [],
        ...(typeof values.context === 'string' ? { context: values.context } : {}),
    };
}
/** `kubecd apply ENV` / `kubecd plan ENV`: the action's engine with the developer's own credentials. */
function deployCommand(mode) {
    return async (args) => {
        const { environmentsFile, positionals, values } = (0,cli_args/* parseCommand */.R)(args, apply_OPTIONS);
        const [environment, ...extra] = positionals;
        if (!environment)
            throw new usage/* UsageError */.e(`${mode} needs an environment name`);
        if (extra.length > 0)
            throw new usage/* UsageError */.e(`unexpected argument "${extra[0]}"`);
        const options = commandOptions(environment, mode, values);
        try {
            (0,deploy_request/* checkApplyOptions */.Xd)(options);
        }
        catch (error) {
            throw error instanceof deploy_request/* ApplyOptionError */.eY ? new usage/* UsageError */.e(`--${error.option} ${error.problem}`) : error;
        }
        // helm's version check runs while the repo loads: it is on every apply's critical path.
        const helm = (0,helm_helm/* detectHelm */.G$)((0,deploy_request/* helmPath */.Qs)(options));
        helm.catch(() => undefined);
        const loaded = await (0,load/* loadRepo */.R)(environmentsFile);
        printProblems(loaded.problems, loaded.repo.root);
        if ((0,problems/* hasErrors */.Cs)(loaded.problems)) {
            process.stderr.write('kubecd: the deployments repo has errors; nothing was deployed\n');
            return 1;
        }
        const outcome = await (0,apply/* applyEnvironment */.G)((0,deploy_request/* applyRequest */.CG)(options, { loaded, helm: await helm, logger: cliLogger() }));
        process.stdout.write((0,deploy_report/* outcomeText */.EL)(outcome));
        return outcome.failed ? 1 : 0;
    };
}
const applyCommand = deployCommand('apply');
const planCommand = deployCommand('plan');

// EXTERNAL MODULE: ./src/lint/lint.ts + 3 modules
var lint = __webpack_require__(67018);
;// CONCATENATED MODULE: ./src/cli/commands/lint.ts






async function lintCommand(args) {
    const { environmentsFile, positionals, values } = (0,cli_args/* parseCommand */.R)(args, {
        render: { type: 'boolean' },
        since: { type: 'string' },
        helm: { type: 'string' },
    });
    if (positionals.length > 0)
        throw new usage/* UsageError */.e(`unexpected argument "${positionals[0]}"`);
    const result = await (0,lint/* lint */.u)({
        environmentsFile,
        render: values.render ? { helm: await (0,helm_helm/* detectHelm */.G$)(values.helm ?? 'helm') } : undefined,
        since: values.since,
    });
    printProblems(result.problems, result.loaded.repo.root);
    if (result.renderSkipped)
        process.stderr.write(`kubecd: ${result.renderSkipped}\n`);
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    const names = result.environments.map((e) => e.name).join(', ');
    process.stdout.write(errors > 0 ? `${errors} error(s) found.\n` : `ok: ${result.environments.length} environment(s)${names ? `: ${names}` : ''}\n`);
    return (0,problems/* hasErrors */.Cs)(result.problems) ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/cli/commands/list.ts




/** Environments and releases, with where each release is declared. */
async function listCommand(args) {
    const { environmentsFile, positionals } = (0,cli_args/* parseCommand */.R)(args);
    if (positionals.length > 0)
        throw new usage/* UsageError */.e(`unexpected argument "${positionals[0]}"`);
    const loaded = await (0,load/* loadRepo */.R)(environmentsFile);
    printProblems(loaded.problems, loaded.repo.root);
    const rows = [['ENVIRONMENT', 'CLUSTER', 'NAMESPACE', 'RELEASE', 'CHART', 'DEFINED AT']];
    for (const environment of loaded.repo.environments) {
        for (const release of environment.releases) {
            const chart = release.chart.kind === 'dir' ? release.chart.dir : `${release.chart.reference}@${release.chart.version}`;
            rows.push([environment.name, environment.cluster.name, environment.namespace, release.name, chart, `${release.pos.file}:${release.pos.line}`]);
        }
        if (environment.releases.length === 0)
            rows.push([environment.name, environment.cluster.name, environment.namespace, '-', '-', `${environment.pos.file}:${environment.pos.line}`]);
    }
    process.stdout.write(formatTable(rows));
    return loaded.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/cli/commands/plan.ts


// EXTERNAL MODULE: ./src/helm/render.ts
var render = __webpack_require__(73070);
;// CONCATENATED MODULE: ./src/cli/commands/render.ts








/** The manifests of an environment's releases (helm template with the composed values), for validators. */
async function renderCommand(args) {
    const { environmentsFile, positionals, values } = (0,cli_args/* parseCommand */.R)(args, { release: { type: 'string', short: 'r', multiple: false }, helm: { type: 'string' } });
    const [environmentName, ...extra] = positionals;
    if (!environmentName)
        throw new usage/* UsageError */.e('render needs an environment name');
    if (extra.length > 0)
        throw new usage/* UsageError */.e(`unexpected argument "${extra[0]}"`);
    const loaded = await (0,load/* loadRepo */.R)(environmentsFile);
    printProblems(loaded.problems, loaded.repo.root);
    if ((0,problems/* hasErrors */.Cs)(loaded.problems))
        return 1;
    const environment = loaded.repo.environments.find((e) => e.name === environmentName);
    if (!environment)
        throw new usage/* UsageError */.e(`no environment "${environmentName}" (known: ${loaded.repo.environments.map((e) => e.name).join(', ')})`);
    const releases = values.release ? environment.releases.filter((r) => r.name === values.release) : environment.releases;
    if (releases.length === 0)
        throw new usage/* UsageError */.e(`environment "${environmentName}" has no release "${String(values.release)}"`);
    const helm = await (0,helm_helm/* detectHelm */.G$)(values.helm ?? 'helm');
    const redactor = (0,secrets/* repoSecrets */.G)(loaded, () => undefined);
    let failed = 0;
    for (const release of releases) {
        let error;
        try {
            const result = await (0,render/* renderRelease */.c)(helm, loaded, environment, release);
            if (result.code === 0)
                process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
            else
                error = result.stderr.trim();
        }
        catch (thrown) {
            error = thrown.message;
        }
        if (error !== undefined) {
            failed++;
            process.stderr.write(`${release.pos.file}:${release.pos.line}:${release.pos.column}: error: release "${release.name}" does not render: ${redactor.redact(error)}\n`);
        }
    }
    return failed > 0 ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/cli/main.ts







const commands = {
    // Loaded on demand: the HTTP server and prom-client are the agent's alone.
    agent: async (args) => (await Promise.all(/* import() */[__webpack_require__.e(408), __webpack_require__.e(222), __webpack_require__.e(83)]).then(__webpack_require__.bind(__webpack_require__, 68083))).agentCommand(args),
    'check-upgrades': checkUpgradesCommand,
    apply: applyCommand,
    lint: lintCommand,
    list: listCommand,
    plan: planCommand,
    render: renderCommand,
};
async function dispatch(argv) {
    const [name, ...args] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(usage/* USAGE */.u);
        return name ? 0 : 2;
    }
    const command = commands[name];
    if (!command)
        throw new usage/* UsageError */.e(`unknown command "${name}"`);
    if (args.includes('--help') || args.includes('-h')) {
        process.stdout.write(usage/* USAGE */.u);
        return 0;
    }
    return command(args);
}
/** Runs the kubecd command line and sets the exit code; usage errors print the usage (exit 2). */
async function main(argv = process.argv.slice(2)) {
    // `kubecd render ... | head` closes the pipe early: that is not an error.
    process.stdout.on('error', (error) => {
        if (error.code === 'EPIPE')
            process.exit(process.exitCode ?? 0);
        throw error;
    });
    try {
        process.exitCode = await dispatch(argv);
    }
    catch (error) {
        if (error instanceof usage/* UsageError */.e) {
            process.stderr.write(`kubecd: ${error.message}\n\n${usage/* USAGE */.u}`);
            process.exitCode = 2;
        }
        else {
            process.stderr.write(`kubecd: ${error.message}\n`);
            if (process.env.KUBECD_DEBUG)
                process.stderr.write(`${error.stack}\n`);
            process.exitCode = 1;
        }
    }
}


/***/ }),

/***/ 27485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ UsageError),
/* harmony export */   u: () => (/* binding */ USAGE)
/* harmony export */ });
const USAGE = `kubecd — GitOps continuous delivery for Kubernetes with Helm

Usage:
  kubecd lint   [ENVIRONMENTS_FILE] [--render] [--since REF] [--helm PATH]
  kubecd list   [ENVIRONMENTS_FILE]
  kubecd render [ENVIRONMENTS_FILE] ENV [--release NAME] [--helm PATH]
  kubecd apply  [ENVIRONMENTS_FILE] ENV [--release NAME]... [--force] [--prune] [--dry-run] [DEPLOY OPTIONS]
  kubecd plan   [ENVIRONMENTS_FILE] ENV [--release NAME]... [--prune] [DEPLOY OPTIONS]
  kubecd check-upgrades [ENVIRONMENTS_FILE] [ENV] [--release NAME] [--image REPO:TAG]
                        [--write lock|patch] [--apply] [--insecure-registry HOST]...
                        [--cache-dir DIR] [--fail-on registry-errors|never]
  kubecd agent  --repo URL --environment ENV... [--branch main] [-f ENVIRONMENTS_FILE]
                [--interval 5m] [--backoff-initial 10s] [--backoff-max 10m] [--listen :8080]
                [--webhook-secret-file FILE] [--git-token-file FILE]
                [--ssh-key-file FILE --ssh-known-hosts-file FILE]
                [--service-account-dir DIR] [--prune] [--force] [DEPLOY OPTIONS]

ENVIRONMENTS_FILE defaults to ./environments.yaml (or -f/--environments FILE).

DEPLOY OPTIONS: --helm PATH, --kubectl PATH, --kubeconfig FILE, --context NAME, --concurrency N (4),
  --timeout 5m, --wait, --atomic, --fail-fast, --create-namespace. apply and plan use the environment's
  provider (GKE through application default credentials, EKS through the AWS SDK's default
  credential chain, AKS through DefaultAzureCredential) or, for existingContext, your kubeconfig.

agent runs until SIGTERM: it clones the repository (-f is a path inside it), applies each ENV with
  the pod's ServiceAccount (or --kubeconfig), on start, every --interval and at once on a signed GitHub
  push webhook (POST /webhook); it serves /healthz, /readyz and /metrics and logs JSON lines on stdout.
  It only fetches and fast-forwards; it never pushes.

check-upgrades prints every trigger checked (current, candidate, decision, why) and writes nothing;
with --apply it writes the lock files (--write lock, the default) or edits the release files in
place (--write patch). It never commits or pushes: the action does that. Image metadata for Newest
tracks is cached in --cache-dir (default $XDG_CACHE_HOME/kubecd or ~/.cache/kubecd), so a repeated
check fetches only tags it has not seen. It exits 1 when a registry or chart repository failed
(one line per registry on stderr) unless --fail-on never.

Exit codes: 0 ok, 1 problems found (or a command failed), 2 usage error.
`;
/** A mistake on the command line: printed with the usage, exit code 2. */
class UsageError extends Error {
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


/***/ })

};
