export const id = 132;
export const ids = [132];
export const modules = {

/***/ 48132:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/log/plain.ts
var plain = __webpack_require__(78654);
// EXTERNAL MODULE: ./src/repo/load.ts + 10 modules
var load = __webpack_require__(63061);
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
// EXTERNAL MODULE: ./src/upgrades/sources.ts + 2 modules
var upgrades_sources = __webpack_require__(15864);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./src/cli/usage.ts
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

ENVIRONMENTS_FILE defaults to ./environments.yaml (or -f/--environments FILE).

DEPLOY OPTIONS: --helm PATH, --kubectl PATH, --kubeconfig FILE, --context NAME, --concurrency N (4),
  --timeout 5m, --wait, --atomic, --fail-fast, --create-namespace. apply and plan use the environment's
  provider (GKE through application default credentials) or, for existingContext, your kubeconfig.

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

;// CONCATENATED MODULE: ./src/cli/args.ts


const COMMON = { environments: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } };
/**
 * Parses a subcommand's arguments. The environments file may come as `-f FILE` or as the first
 * positional when it names a YAML file (so `kubecd lint examples/environments.yaml` works).
 */
function parseCommand(args, options = {}) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    }
    catch (error) {
        throw new UsageError(error.message);
    }
    const positionals = [...parsed.positionals];
    let environmentsFile = parsed.values.environments;
    if (!environmentsFile && positionals[0] && /\.ya?ml$/.test(positionals[0])) {
        environmentsFile = positionals.shift();
    }
    return { environmentsFile: environmentsFile ?? 'environments.yaml', positionals, values: parsed.values };
}

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
        throw error instanceof request/* UpgradesOptionError */.rl ? new UsageError(`--${error.option} ${error.problem}`) : error;
    }
}
/** Checks for newer versions and prints the table; writes lock files (or patches) only with --apply. */
async function checkUpgradesCommand(args) {
    const { environmentsFile, positionals, values } = parseCommand(args, OPTIONS);
    if (positionals.length > 1)
        throw new UsageError(`unexpected argument "${positionals[1]}"`);
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

// EXTERNAL MODULE: ./src/deploy/apply.ts + 8 modules
var apply = __webpack_require__(96669);
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
        const { environmentsFile, positionals, values } = parseCommand(args, apply_OPTIONS);
        const [environment, ...extra] = positionals;
        if (!environment)
            throw new UsageError(`${mode} needs an environment name`);
        if (extra.length > 0)
            throw new UsageError(`unexpected argument "${extra[0]}"`);
        const options = commandOptions(environment, mode, values);
        try {
            (0,deploy_request/* checkApplyOptions */.Xd)(options);
        }
        catch (error) {
            throw error instanceof deploy_request/* ApplyOptionError */.eY ? new UsageError(`--${error.option} ${error.problem}`) : error;
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

// EXTERNAL MODULE: ./src/lint/lint.ts + 2 modules
var lint = __webpack_require__(50597);
;// CONCATENATED MODULE: ./src/cli/commands/lint.ts






async function lintCommand(args) {
    const { environmentsFile, positionals, values } = parseCommand(args, {
        render: { type: 'boolean' },
        since: { type: 'string' },
        helm: { type: 'string' },
    });
    if (positionals.length > 0)
        throw new UsageError(`unexpected argument "${positionals[0]}"`);
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
    const { environmentsFile, positionals } = parseCommand(args);
    if (positionals.length > 0)
        throw new UsageError(`unexpected argument "${positionals[0]}"`);
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
    const { environmentsFile, positionals, values } = parseCommand(args, { release: { type: 'string', short: 'r', multiple: false }, helm: { type: 'string' } });
    const [environmentName, ...extra] = positionals;
    if (!environmentName)
        throw new UsageError('render needs an environment name');
    if (extra.length > 0)
        throw new UsageError(`unexpected argument "${extra[0]}"`);
    const loaded = await (0,load/* loadRepo */.R)(environmentsFile);
    printProblems(loaded.problems, loaded.repo.root);
    if ((0,problems/* hasErrors */.Cs)(loaded.problems))
        return 1;
    const environment = loaded.repo.environments.find((e) => e.name === environmentName);
    if (!environment)
        throw new UsageError(`no environment "${environmentName}" (known: ${loaded.repo.environments.map((e) => e.name).join(', ')})`);
    const releases = values.release ? environment.releases.filter((r) => r.name === values.release) : environment.releases;
    if (releases.length === 0)
        throw new UsageError(`environment "${environmentName}" has no release "${String(values.release)}"`);
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
        process.stdout.write(USAGE);
        return name ? 0 : 2;
    }
    const command = commands[name];
    if (!command)
        throw new UsageError(`unknown command "${name}"`);
    if (args.includes('--help') || args.includes('-h')) {
        process.stdout.write(USAGE);
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
        if (error instanceof UsageError) {
            process.stderr.write(`kubecd: ${error.message}\n\n${USAGE}`);
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

/***/ 50597:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ lint)
});

// UNUSED EXPORTS: RENDER_SKIPPED

// EXTERNAL MODULE: ./src/model/problems.ts
var model_problems = __webpack_require__(99437);
// EXTERNAL MODULE: ./src/repo/load.ts + 10 modules
var load = __webpack_require__(63061);
// EXTERNAL MODULE: ./src/repo/secrets.ts
var secrets = __webpack_require__(23737);
// EXTERNAL MODULE: ./src/helm/render.ts
var render = __webpack_require__(73070);
// EXTERNAL MODULE: ./src/concurrency/map-limited.ts
var map_limited = __webpack_require__(71810);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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
    else if (provider.context) {
        entry.context = provider.context;
    }
    return entry;
}

;// CONCATENATED MODULE: ./src/lint/lint.ts







/** The one line lint gives instead of rendering a repo with errors. */
const RENDER_SKIPPED = 'not rendered with helm template: the deployments repo has errors (fix them first)';
async function lint(options) {
    const loaded = await (0,load/* loadRepo */.R)(options.environmentsFile);
    const problems = [...loaded.problems];
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
    return { loaded, problems: (0,model_problems/* sortProblems */.dS)(problems), environments, matrix: { include: environments.map(matrixEntry) }, renders, ...(renderSkipped ? { renderSkipped } : {}) };
}
/** helm's own message, without the usage noise it sometimes prints after it. */
function helmError(stderr) {
    const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
    return lines.filter((line) => !line.startsWith('Use --debug')).join(' ') || 'helm template failed';
}


/***/ })

};
