export const id = 51;
export const ids = [51];
export const modules = {

/***/ 71810:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ mapLimited)
/* harmony export */ });
/** Maps `items` through `work` with at most `limit` running at once, keeping the input order. */
async function mapLimited(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}


/***/ }),

/***/ 86044:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Runs a program with an argument array (never through a shell) and collects its output.
 * A program that cannot be started resolves with code 127 and the reason in stderr, like a shell would.
 */
function run(command, args, options = {}) {
    return new Promise((resolve) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
        const stdout = [];
        const stderr = [];
        let timedOut = false;
        const timer = options.timeoutMs
            ? setTimeout(() => {
                timedOut = true;
                child.kill('SIGKILL');
            }, options.timeoutMs)
            : undefined;
        child.stdout.on('data', (chunk) => stdout.push(chunk));
        child.stderr.on('data', (chunk) => stderr.push(chunk));
        child.on('error', (error) => {
            clearTimeout(timer);
            resolve({ code: 127, stdout: '', stderr: `cannot run ${command}: ${error.message}` });
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            const err = Buffer.concat(stderr).toString();
            resolve({
                code: code ?? 128,
                stdout: Buffer.concat(stdout).toString(),
                stderr: timedOut ? `${err}\n${command} timed out after ${options.timeoutMs} ms` : signal ? `${err}\n${command} ended by ${signal}` : err,
            });
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input ?? '');
    });
}


/***/ }),

/***/ 45968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ parseLockFile)
/* harmony export */ });
/* harmony import */ var _model_data_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(16681);
/* harmony import */ var _model_problems_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99437);
/* harmony import */ var _model_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(45207);
/* harmony import */ var _model_types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(40440);
/* harmony import */ var _model_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31954);





/** Parses a lock file; `file` (root-relative) is used in problem positions. Never throws. */
function parseLockFile(text, file) {
    const source = (0,_model_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .parseYaml */ .h)(text, file);
    if (source.problems.length > 0)
        return { problems: source.problems };
    const problems = (0,_model_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .validateSource */ .O)(source, 'lock');
    if (!(0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .isObj */ .sA)(source.data))
        return { problems: (0,_model_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)(problems) };
    const environment = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .str */ .gx)(source.data['environment']) ?? '';
    const entries = [];
    const seen = new Map();
    (0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .list */ .p_)(source.data['entries']).forEach((raw, index) => {
        if (!(0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .isObj */ .sA)(raw))
            return;
        const release = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .str */ .gx)(raw['release']);
        const key = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .str */ .gx)(raw['key']);
        const value = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .str */ .gx)(raw['value']);
        const resolvedAt = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .str */ .gx)(raw['resolvedAt']);
        if (release === undefined || key === undefined || value === undefined || resolvedAt === undefined)
            return;
        const pos = source.pos(['entries', index]);
        const id = `${release}\u0000${key}`;
        const first = seen.get(id);
        if (first !== undefined) {
            problems.push((0,_model_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .problem */ .CC)(pos, `duplicate lock entry for release \`${release}\` key \`${key}\`; first at ${first}`));
            return;
        }
        seen.set(id, (0,_model_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPos */ .Yb)(pos));
        const optional = (name) => {
            const v = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_2__/* .str */ .gx)(raw[name]);
            return v === undefined ? {} : { [name]: v };
        };
        const track = _model_types_js__WEBPACK_IMPORTED_MODULE_4__/* .TRACKS */ .p.includes(raw['track']) ? { track: raw['track'] } : {};
        entries.push({ release, key, value, ...optional('repository'), ...optional('digest'), ...track, ...optional('created'), resolvedAt, pos });
    });
    return { lock: { environment, entries }, problems: (0,_model_problems_js__WEBPACK_IMPORTED_MODULE_3__/* .sortProblems */ .dS)(problems) };
}


/***/ }),

/***/ 16681:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WL: () => (/* binding */ obj),
/* harmony export */   gx: () => (/* binding */ str),
/* harmony export */   p_: () => (/* binding */ list),
/* harmony export */   sA: () => (/* binding */ isObj),
/* harmony export */   zy: () => (/* binding */ has)
/* harmony export */ });
/** Narrowing helpers for schema-checked (but possibly still wrong) plain data: never throw. */
function isObj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function obj(value) {
    return isObj(value) ? value : {};
}
function list(value) {
    return Array.isArray(value) ? value : [];
}
function str(value) {
    return typeof value === 'string' ? value : undefined;
}
function has(o, key) {
    return Object.prototype.hasOwnProperty.call(o, key);
}


/***/ }),

/***/ 99851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Cs: () => (/* reexport */ model_problems/* hasErrors */.Cs),
  R0: () => (/* reexport */ loadRepo),
  dS: () => (/* reexport */ model_problems/* sortProblems */.dS)
});

// UNUSED EXPORTS: CHART_VERSION_KEY, ENVIRONMENT_NAME_PATTERN, NAMESPACE_PATTERN, RELEASE_NAME_PATTERN, TRACKS, formatProblem

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/lock/parse.ts
var parse = __webpack_require__(45968);
// EXTERNAL MODULE: ./src/model/paths.ts
var paths = __webpack_require__(91933);
// EXTERNAL MODULE: ./src/model/problems.ts
var model_problems = __webpack_require__(99437);
;// CONCATENATED MODULE: ./src/model/checks/files.ts



/** `x` or, when it resolves elsewhere, `x` (root/relative/x). */
function describeRef(ref) {
    return ref.written.replace(/^\.\//, '') === ref.path ? `\`${ref.written}\`` : `\`${ref.written}\` (${ref.path})`;
}
/** Checks that every referenced file exists (and chart directories hold a Chart.yaml). */
async function checkFileRefs(root, refs) {
    const cache = new Map();
    const kindOf = (file) => {
        let kind = cache.get(file);
        if (!kind) {
            kind = (0,promises_.stat)((0,paths/* toAbsolute */.Tr)(root, file)).then((info) => (info.isDirectory() ? 'dir' : 'file'), () => 'missing');
            cache.set(file, kind);
        }
        return kind;
    };
    const problems = [];
    await Promise.all(refs.map(async (ref) => {
        const kind = await kindOf(ref.path);
        if (ref.kind === 'chart directory') {
            if (kind !== 'dir') {
                problems.push((0,model_problems/* problem */.CC)(ref.pos, `chart directory ${describeRef(ref)} ${kind === 'missing' ? 'does not exist' : 'is a file, not a directory'}`));
            }
            else if ((await kindOf(`${ref.path}/Chart.yaml`)) !== 'file') {
                problems.push((0,model_problems/* problem */.CC)(ref.pos, `chart directory ${describeRef(ref)} has no Chart.yaml`));
            }
            return;
        }
        if (kind === 'missing')
            problems.push((0,model_problems/* problem */.CC)(ref.pos, `${ref.kind} ${describeRef(ref)} does not exist`));
        else if (kind === 'dir')
            problems.push((0,model_problems/* problem */.CC)(ref.pos, `${ref.kind} ${describeRef(ref)} is a directory; expected a file`));
    }));
    return problems;
}

// EXTERNAL MODULE: ./src/model/types.ts
var types = __webpack_require__(40440);
;// CONCATENATED MODULE: ./src/model/checks/lock.ts


/**
 * Lock entries must match a release and a trigger that still exist. An error, not a warning: apply
 * layers every entry over the release values, so a stale entry would silently set a key nobody
 * asks for any more (or pin a tag the user meant to stop tracking).
 */
function checkLock(env, lock, lockFile) {
    const problems = [];
    if (lock.environment !== env.name) {
        problems.push((0,model_problems/* problem */.CC)({ file: lockFile, line: 1, column: 1 }, `lock file says environment \`${lock.environment}\`, but it is the lock file of environment \`${env.name}\``));
    }
    for (const entry of lock.entries) {
        const pos = entry.pos ?? { file: lockFile, line: 1, column: 1 };
        const release = env.releases.find((r) => r.name === entry.release);
        if (!release) {
            problems.push((0,model_problems/* problem */.CC)(pos, `lock entry names release \`${entry.release}\`, which environment \`${env.name}\` no longer has; run check-upgrades to refresh the lock file`));
            continue;
        }
        const keys = release.triggers.map((t) => (t.kind === 'image' ? t.tagValue : types/* CHART_VERSION_KEY */.S));
        if (!keys.includes(entry.key)) {
            problems.push((0,model_problems/* problem */.CC)(pos, `lock entry sets \`${entry.key}\` of release \`${entry.release}\`, but no trigger of that release uses this key (${keys.length ? `expected one of: ${keys.join(', ')}` : 'it has no triggers'}); run check-upgrades to refresh the lock file`));
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/model/checks/releases.ts

/** Release names must be unique within an environment, across all of its release files. */
function checkDuplicateReleases(env) {
    const problems = [];
    const first = new Map();
    for (const release of env.releases) {
        const seen = first.get(release.name);
        if (seen !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(release.pos, `duplicate release \`${release.name}\` in environment \`${env.name}\`; first declared at ${seen}`));
        }
        else {
            first.set(release.name, (0,model_problems/* formatPos */.Yb)(release.pos));
        }
    }
    return problems;
}
/** `nameFrom.clusterParam` must name a parameter of the environment's cluster. */
function checkClusterParams(env) {
    const problems = [];
    const settings = [...env.defaultValues, ...env.releases.flatMap((r) => r.values)];
    for (const setting of settings) {
        const param = setting.valueFrom?.gceAddress.nameFromClusterParam;
        if (param === undefined || Object.hasOwn(env.cluster.parameters, param))
            continue;
        problems.push((0,model_problems/* problem */.CC)(setting.pos, `value \`${setting.key}\` reads cluster parameter \`${param}\`, which cluster \`${env.cluster.name}\` (environment \`${env.name}\`) does not define`));
    }
    return problems;
}

// EXTERNAL MODULE: ./src/values/compose.ts
var compose = __webpack_require__(37594);
// EXTERNAL MODULE: ./src/values/keys.ts
var keys = __webpack_require__(89876);
// EXTERNAL MODULE: ./src/versions/tag.ts
var versions_tag = __webpack_require__(62905);
;// CONCATENATED MODULE: ./src/model/checks/triggers.ts




/**
 * Each image trigger needs its tag and repository values set in the composed values (chart defaults
 * count), and a semver track needs a current tag it can read as a version.
 */
function checkTriggers(loaded, env) {
    const problems = [];
    for (const release of env.releases) {
        const imageTriggers = release.triggers.filter((t) => t.kind === 'image');
        if (imageTriggers.length === 0)
            continue;
        const { values } = (0,compose/* composeValuesDetailed */.P7)(loaded, env, release, { withChartDefaults: true, withLock: true });
        for (const trigger of imageTriggers) {
            const where = `release \`${release.name}\` in environment \`${env.name}\``;
            for (const [field, key] of [['repoValue', trigger.repoValue], ['tagValue', trigger.tagValue]]) {
                const value = (0,keys/* getValue */._W)(values, key);
                if (value === undefined || value === null || value === '') {
                    problems.push((0,model_problems/* problem */.CC)(trigger.pos, `trigger ${field} \`${key}\` is not set for ${where}; set it in the release values or the chart's values.yaml`));
                }
                else if (typeof value !== 'string' && typeof value !== 'number') {
                    problems.push((0,model_problems/* problem */.CC)(trigger.pos, `trigger ${field} \`${key}\` of ${where} is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}; expected a string`));
                }
            }
            const tag = (0,keys/* getValue */._W)(values, trigger.tagValue);
            if (typeof tag === 'number') {
                problems.push((0,model_problems/* problem */.CC)(trigger.pos, `trigger tagValue \`${trigger.tagValue}\` of ${where} is the number ${tag}; quote the tag in YAML so it stays a string (1.10 reads as 1.1)`, 'warning'));
            }
            if (trigger.track !== 'Newest' && (typeof tag === 'string' || typeof tag === 'number') && (0,versions_tag/* parseTag */.E)(String(tag)) === undefined) {
                problems.push((0,model_problems/* problem */.CC)(trigger.pos, `current tag \`${String(tag)}\` of ${where} is not a version (X, X.Y or X.Y.Z, optionally with a v prefix), so track ${trigger.track} cannot compare it; use track Newest or a version tag`));
            }
        }
    }
    return problems;
}

// EXTERNAL MODULE: ./src/model/data.ts
var model_data = __webpack_require__(16681);
;// CONCATENATED MODULE: ./src/model/normalise-values.ts


/** Reads a `[{key, value | valueFrom}]` list; bad entries are reported and left out. */
function normaliseValueSettings(source, path, raw, problems) {
    const settings = [];
    (0,model_data/* list */.p_)(raw).forEach((item, index) => {
        const at = [...path, index];
        if (!(0,model_data/* isObj */.sA)(item))
            return; // the schema reported it
        const key = (0,model_data/* str */.gx)(item['key']);
        if (key === undefined)
            return;
        if (key === '' || key.startsWith('.') || (key.endsWith('.') && !key.endsWith('\\.')) || /[^\\]\.\./.test(key)) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'key']), `value key \`${key}\` has an empty part; expected dotted names like \`image.tag\``));
            return;
        }
        const pos = source.keyPos([...at, 'key']);
        const hasValue = (0,model_data/* has */.zy)(item, 'value');
        const hasValueFrom = (0,model_data/* has */.zy)(item, 'valueFrom');
        if (hasValue && hasValueFrom) {
            problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, 'valueFrom']), `value \`${key}\` has both \`value\` and \`valueFrom\`; expected one of them`));
            return;
        }
        if (!hasValue && !hasValueFrom) {
            problems.push((0,model_problems/* problem */.CC)(pos, `value \`${key}\` has neither \`value\` nor \`valueFrom\`; expected one of them`));
            return;
        }
        if (hasValue) {
            settings.push({ key, value: item['value'], pos });
            return;
        }
        const address = (0,model_data/* obj */.WL)((0,model_data/* obj */.WL)((0,model_data/* obj */.WL)(item['valueFrom'])['gceResource'])['address']);
        if (!(0,model_data/* isObj */.sA)((0,model_data/* obj */.WL)(item['valueFrom'])['gceResource']))
            return; // the schema reported it
        const name = (0,model_data/* str */.gx)(address['name']);
        const clusterParam = (0,model_data/* str */.gx)((0,model_data/* obj */.WL)(address['nameFrom'])['clusterParam']);
        if ((name === undefined) === (clusterParam === undefined)) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'valueFrom', 'gceResource', 'address']), `\`address\` should have exactly one of \`name\` and \`nameFrom\``));
            return;
        }
        settings.push({
            key,
            valueFrom: {
                gceAddress: {
                    ...(name !== undefined ? { name } : {}),
                    ...(clusterParam !== undefined ? { nameFromClusterParam: clusterParam } : {}),
                    isGlobal: address['isGlobal'] === true,
                },
            },
            pos,
        });
    });
    return settings;
}

// EXTERNAL MODULE: ./src/model/suggest.ts
var suggest = __webpack_require__(2691);
;// CONCATENATED MODULE: ./src/model/normalise-environments.ts





const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENVIRONMENT_NAME_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
function normaliseEnvironments(source) {
    const problems = [];
    const data = (0,model_data/* obj */.WL)(source.data);
    const baseDir = '';
    const clusters = normaliseClusters(source, data, problems);
    const helmRepos = normaliseHelmRepos(source, data, problems);
    const drafts = [];
    const seenNames = new Map();
    (0,model_data/* list */.p_)(data['environments']).forEach((raw, index) => {
        if (!(0,model_data/* isObj */.sA)(raw))
            return;
        const at = ['environments', index];
        const name = (0,model_data/* str */.gx)(raw['name']);
        if (name === undefined)
            return;
        const pos = source.pos([...at, 'name']);
        if (!ENVIRONMENT_NAME_PATTERN.test(name)) {
            problems.push((0,model_problems/* problem */.CC)(pos, `environment name \`${name}\` is invalid; expected letters, digits, \`.\`, \`_\` and \`-\`, starting and ending with a letter or digit`));
        }
        const first = seenNames.get(name);
        if (first !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(pos, `duplicate environment \`${name}\`; first declared at ${first}`));
            return;
        }
        seenNames.set(name, (0,model_problems/* formatPos */.Yb)(pos));
        const cluster = environmentCluster(source, at, raw, clusters, problems);
        const namespace = (0,model_data/* str */.gx)(raw['kubeNamespace']) ?? '';
        if ((0,model_data/* has */.zy)(raw, 'kubeNamespace') && typeof raw['kubeNamespace'] === 'string' && (namespace.length > 63 || !NAMESPACE_PATTERN.test(namespace))) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'kubeNamespace']), `namespace \`${namespace}\` is invalid; expected a DNS-1123 label: at most 63 lower-case letters, digits and \`-\`, starting and ending with a letter or digit`));
        }
        const releaseFileRefs = [];
        if ((0,model_data/* has */.zy)(raw, 'releases') && (0,model_data/* has */.zy)(raw, 'releasesFiles')) {
            problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, 'releasesFiles']), 'give release files as either `releases` or `releasesFiles`, not both'));
        }
        for (const key of ['releases', 'releasesFiles']) {
            (0,model_data/* list */.p_)(raw[key]).forEach((written, i) => {
                const ref = fileRef(source, [...at, key, i], written, baseDir, 'release file', problems);
                if (ref)
                    releaseFileRefs.push(ref);
            });
        }
        const defaultValuesFileRef = (0,model_data/* has */.zy)(raw, 'defaultValuesFile')
            ? fileRef(source, [...at, 'defaultValuesFile'], raw['defaultValuesFile'], baseDir, 'values file', problems)
            : undefined;
        let lockFile = `locks/${name}.yaml`;
        if (typeof raw['lockFile'] === 'string') {
            const resolved = (0,paths/* resolveInRepo */.c7)(baseDir, raw['lockFile']);
            if ('error' in resolved)
                problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'lockFile']), `\`lockFile\` ${resolved.error}`));
            else
                lockFile = resolved.path;
        }
        const environment = {
            name,
            cluster,
            namespace,
            releaseFiles: releaseFileRefs.map((ref) => ref.path),
            ...(defaultValuesFileRef ? { defaultValuesFile: defaultValuesFileRef.path } : {}),
            defaultValues: normaliseValueSettings(source, [...at, 'defaultValues'], raw['defaultValues'], problems),
            lockFile,
            releases: [],
            resourceFiles: [],
            pos,
        };
        drafts.push({ environment, releaseFileRefs, ...(defaultValuesFileRef ? { defaultValuesFileRef } : {}) });
    });
    return { clusters, helmRepos, drafts, problems };
}
function fileRef(source, path, written, baseDir, kind, problems) {
    if (typeof written !== 'string')
        return undefined;
    const pos = source.pos(path);
    const resolved = (0,paths/* resolveInRepo */.c7)(baseDir, written);
    if ('error' in resolved) {
        problems.push((0,model_problems/* problem */.CC)(pos, `${kind} ${resolved.error}`));
        return undefined;
    }
    return { kind, path: resolved.path, written, pos };
}
function normaliseClusters(source, data, problems) {
    const clusters = [];
    const seen = new Map();
    (0,model_data/* list */.p_)(data['clusters']).forEach((raw, index) => {
        if (!(0,model_data/* isObj */.sA)(raw))
            return;
        const at = ['clusters', index];
        const name = (0,model_data/* str */.gx)(raw['name']);
        if (name === undefined)
            return;
        const pos = source.pos([...at, 'name']);
        const first = seen.get(name);
        if (first !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(pos, `duplicate cluster \`${name}\`; first declared at ${first}`));
            return;
        }
        seen.set(name, (0,model_problems/* formatPos */.Yb)(pos));
        const provider = normaliseProvider(source, [...at, 'provider'], raw['provider'], problems);
        if (!provider)
            return;
        const parameters = {};
        (0,model_data/* list */.p_)(raw['parameters']).forEach((parameter) => {
            const p = (0,model_data/* obj */.WL)(parameter);
            const key = (0,model_data/* str */.gx)(p['name']);
            if (key !== undefined && p['value'] !== undefined && p['value'] !== null)
                parameters[key] = String(p['value']);
        });
        clusters.push({ name, provider, parameters, pos });
    });
    return clusters;
}
function normaliseHelmRepos(source, data, problems) {
    const repos = [];
    const seen = new Map();
    (0,model_data/* list */.p_)(data['helmRepos']).forEach((raw, index) => {
        if (!(0,model_data/* isObj */.sA)(raw))
            return;
        const at = ['helmRepos', index];
        const name = (0,model_data/* str */.gx)(raw['name']);
        const url = (0,model_data/* str */.gx)(raw['url']);
        if (name === undefined || url === undefined)
            return;
        const pos = source.pos([...at, 'name']);
        const first = seen.get(name);
        if (first !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(pos, `duplicate Helm repository \`${name}\`; first declared at ${first}`));
            return;
        }
        seen.set(name, (0,model_problems/* formatPos */.Yb)(pos));
        if (!/^(https?|file):\/\//.test(url)) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'url']), `Helm repository URL \`${url}\` should start with https://, http:// or file:// (OCI charts need no helmRepos entry)`));
        }
        for (const key of ['caFile', 'certFile', 'keyFile']) {
            if ((0,model_data/* has */.zy)(raw, key))
                problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, key]), `\`${key}\` is not supported and is ignored`, 'warning'));
        }
        repos.push({ name, url, pos });
    });
    return repos;
}
const PROVIDER_KINDS = ['gke', 'existingContext', 'minikube', 'dockerForDesktop'];
function normaliseProvider(source, at, raw, problems) {
    if (!(0,model_data/* isObj */.sA)(raw))
        return undefined;
    const kinds = PROVIDER_KINDS.filter((kind) => (0,model_data/* has */.zy)(raw, kind));
    if (kinds.length !== 1) {
        problems.push((0,model_problems/* problem */.CC)(source.pos(at), kinds.length === 0
            ? `\`provider\` should have exactly one of ${PROVIDER_KINDS.join(', ')}`
            : `\`provider\` should have exactly one of ${PROVIDER_KINDS.join(', ')}, found ${kinds.join(' and ')}`));
        return undefined;
    }
    const kind = kinds[0];
    if (kind === 'minikube')
        return { kind: 'existingContext', context: 'minikube' };
    if (kind === 'dockerForDesktop')
        return { kind: 'existingContext', context: 'docker-desktop' };
    const body = (0,model_data/* obj */.WL)(raw[kind]);
    if (kind === 'existingContext') {
        if ((0,model_data/* has */.zy)(body, 'context') && (0,model_data/* has */.zy)(body, 'contextName')) {
            problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, kind, 'contextName']), 'give the context as either `context` or `contextName`, not both'));
        }
        const context = (0,model_data/* str */.gx)(body['context']) ?? (0,model_data/* str */.gx)(body['contextName']);
        let kubeconfig;
        if (typeof body['kubeconfig'] === 'string') {
            const resolved = (0,paths/* resolveInRepo */.c7)('', body['kubeconfig']);
            if ('error' in resolved)
                problems.push((0,model_problems/* problem */.CC)(source.pos([...at, kind, 'kubeconfig']), `\`kubeconfig\` ${resolved.error}`));
            else
                kubeconfig = resolved.path;
        }
        return { kind: 'existingContext', ...(context !== undefined ? { context } : {}), ...(kubeconfig !== undefined ? { kubeconfig } : {}) };
    }
    const project = (0,model_data/* str */.gx)(body['project']);
    const clusterName = (0,model_data/* str */.gx)(body['clusterName']);
    if (project === undefined || clusterName === undefined)
        return undefined; // the schema reported it
    const zone = (0,model_data/* str */.gx)(body['zone']);
    const region = (0,model_data/* str */.gx)(body['region']);
    if ((zone === undefined) === (region === undefined)) {
        problems.push((0,model_problems/* problem */.CC)(source.pos([...at, kind]), zone === undefined ? 'GKE provider needs a `zone` or a `region`' : 'GKE provider should have either `zone` or `region`, not both'));
    }
    const endpoint = (0,model_data/* str */.gx)(body['endpoint']);
    return {
        kind: 'gke',
        project,
        clusterName,
        ...(zone !== undefined ? { zone } : {}),
        ...(region !== undefined ? { region } : {}),
        ...(endpoint === 'public' || endpoint === 'private' || endpoint === 'dns' ? { endpoint } : {}),
    };
}
/** An inline provider's cluster is named the way gcloud names kubeconfig contexts, so two environments
 * in the same GKE cluster share one cluster. */
function inlineClusterName(provider) {
    if (provider.kind === 'gke')
        return `gke_${provider.project}_${provider.zone ?? provider.region ?? ''}_${provider.clusterName}`;
    return provider.context ?? 'current-context';
}
function environmentCluster(source, at, raw, clusters, problems) {
    const pos = source.pos([...at, 'name']);
    const placeholder = (name) => ({ name, provider: { kind: 'existingContext' }, parameters: {}, pos });
    const byName = (0,model_data/* str */.gx)(raw['cluster']) ?? (0,model_data/* str */.gx)(raw['clusterName']);
    const keys = ['cluster', 'clusterName', 'provider'].filter((key) => (0,model_data/* has */.zy)(raw, key));
    if (keys.length > 1) {
        problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, keys[1]]), `give the environment's cluster as one of \`cluster\`, \`clusterName\` or \`provider\`, found ${keys.map((k) => `\`${k}\``).join(' and ')}`));
    }
    if (keys.length === 0) {
        problems.push((0,model_problems/* problem */.CC)(pos, 'environment needs a `cluster` (a name from `clusters:`) or a `provider`'));
        return placeholder('');
    }
    if (byName !== undefined && keys[0] !== 'provider') {
        const cluster = clusters.find((c) => c.name === byName);
        if (cluster)
            return cluster;
        const key = (0,model_data/* has */.zy)(raw, 'cluster') ? 'cluster' : 'clusterName';
        const known = clusters.map((c) => c.name);
        problems.push((0,model_problems/* problem */.CC)(source.pos([...at, key]), `unknown cluster \`${byName}\`${(0,suggest/* didYouMean */.au)(byName, known) || (known.length ? `; expected one of: ${known.join(', ')}` : '; no `clusters:` are declared')}`));
        return placeholder(byName);
    }
    const provider = normaliseProvider(source, [...at, 'provider'], raw['provider'], problems);
    if (!provider)
        return placeholder('');
    const name = inlineClusterName(provider);
    const existing = clusters.find((c) => c.name === name);
    if (existing && JSON.stringify(existing.provider) === JSON.stringify(provider))
        return existing;
    const cluster = { name, provider, parameters: {}, pos: source.pos([...at, 'provider']) };
    clusters.push(cluster);
    return cluster;
}

;// CONCATENATED MODULE: ./src/model/normalise-releases.ts







/** Helm's release name rule: a DNS-1123 subdomain, at most 53 characters (Helm keeps room for suffixes). */
const RELEASE_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function normaliseReleaseFile(source, helmRepos) {
    const problems = [];
    const refs = [];
    const data = (0,model_data/* obj */.WL)(source.data);
    const baseDir = (0,paths/* dirOf */.Rw)(source.file);
    const resourceFiles = resourceRefs(source, ['resourceFiles'], data['resourceFiles'], baseDir, refs, problems);
    if ((0,model_data/* has */.zy)(data, 'resourceDependencies')) {
        problems.push((0,model_problems/* problem */.CC)(source.keyPos(['resourceDependencies']), '`resourceDependencies` is not supported and is ignored', 'warning'));
    }
    const releases = [];
    (0,model_data/* list */.p_)(data['releases']).forEach((raw, index) => {
        if (!(0,model_data/* isObj */.sA)(raw))
            return;
        const release = normaliseRelease(source, ['releases', index], raw, baseDir, helmRepos, refs, problems);
        if (release)
            releases.push(release);
    });
    return { releaseFile: { path: source.file, releases, resourceFiles }, refs, problems };
}
function resourceRefs(source, at, raw, baseDir, refs, problems) {
    const paths = [];
    (0,model_data/* list */.p_)(raw).forEach((written, i) => {
        const ref = fileRef(source, [...at, i], written, baseDir, 'resource file', problems);
        if (!ref)
            return;
        refs.push(ref);
        paths.push(ref.path);
    });
    return paths;
}
function normaliseRelease(source, at, raw, baseDir, helmRepos, refs, problems) {
    const name = (0,model_data/* str */.gx)(raw['name']);
    if (name === undefined)
        return undefined;
    const pos = source.pos([...at, 'name']);
    if (name.length > 53 || !RELEASE_NAME_PATTERN.test(name)) {
        problems.push((0,model_problems/* problem */.CC)(pos, `release name \`${name}\` is invalid; expected at most 53 lower-case letters, digits, \`-\` and \`.\`, starting and ending with a letter or digit`));
    }
    const chartPos = source.keyPos([...at, 'chart']);
    const chart = normaliseChart(source, [...at, 'chart'], raw['chart'], baseDir, helmRepos, refs, problems);
    const valuesFiles = [];
    const addValuesFile = (path, written) => {
        const ref = fileRef(source, path, written, baseDir, 'values file', problems);
        if (!ref)
            return;
        refs.push(ref);
        valuesFiles.push(ref.path);
    };
    if ((0,model_data/* has */.zy)(raw, 'valuesFile'))
        addValuesFile([...at, 'valuesFile'], raw['valuesFile']);
    (0,model_data/* list */.p_)(raw['valuesFiles']).forEach((written, i) => addValuesFile([...at, 'valuesFiles', i], written));
    const triggers = [];
    if ((0,model_data/* has */.zy)(raw, 'trigger')) {
        const trigger = normaliseTrigger(source, [...at, 'trigger'], raw['trigger'], chart, problems);
        if (trigger)
            triggers.push(trigger);
    }
    (0,model_data/* list */.p_)(raw['triggers']).forEach((item, i) => {
        const trigger = normaliseTrigger(source, [...at, 'triggers', i], item, chart, problems);
        if (trigger)
            triggers.push(trigger);
    });
    if (!chart)
        return undefined;
    return {
        name,
        file: source.file,
        pos,
        chart,
        chartPos,
        valuesFiles,
        values: normaliseValueSettings(source, [...at, 'values'], raw['values'], problems),
        triggers,
        skipDefaultValues: raw['skipDefaultValues'] === true,
        resourceFiles: resourceRefs(source, [...at, 'resourceFiles'], raw['resourceFiles'], baseDir, refs, problems),
    };
}
function normaliseChart(source, at, raw, baseDir, helmRepos, refs, problems) {
    if (!(0,model_data/* isObj */.sA)(raw))
        return undefined;
    const dir = (0,model_data/* str */.gx)(raw['dir']);
    const reference = (0,model_data/* str */.gx)(raw['reference']);
    const version = (0,model_data/* str */.gx)(raw['version']);
    if ((dir === undefined) === (reference === undefined)) {
        problems.push((0,model_problems/* problem */.CC)(source.pos(at), dir === undefined ? '`chart` needs a `dir` or a `reference`' : '`chart` should have either `dir` or `reference`, not both'));
        return undefined;
    }
    if (dir !== undefined) {
        if (version !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, 'version']), '`version` is ignored for a chart `dir` (the chart in the directory is used as it is)', 'warning'));
        }
        const resolved = (0,paths/* resolveInRepo */.c7)(baseDir, dir);
        if ('error' in resolved) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'dir']), `chart directory ${resolved.error}`));
            return undefined;
        }
        refs.push({ kind: 'chart directory', path: resolved.path, written: dir, pos: source.pos([...at, 'dir']) });
        return { kind: 'dir', dir: resolved.path };
    }
    const ref = reference;
    const refPos = source.pos([...at, 'reference']);
    if (version === undefined) {
        problems.push((0,model_problems/* problem */.CC)(refPos, `chart reference \`${ref}\` needs a \`version\`; pin the chart version so deploys are reproducible`));
    }
    if (ref.startsWith('oci://')) {
        if (!/^oci:\/\/[^/\s]+\/\S+[^/]$/.test(ref)) {
            problems.push((0,model_problems/* problem */.CC)(refPos, `chart reference \`${ref}\` should look like oci://HOST/PATH/CHART`));
            return undefined;
        }
        return { kind: 'oci', reference: ref, version: version ?? '' };
    }
    const match = /^([^/\s]+)\/([^/\s]+)$/.exec(ref);
    if (!match) {
        problems.push((0,model_problems/* problem */.CC)(refPos, `chart reference \`${ref}\` should be REPO/CHART (REPO from \`helmRepos\`) or oci://HOST/PATH/CHART`));
        return undefined;
    }
    const [, repoName, chartName] = match;
    const repo = helmRepos.find((r) => r.name === repoName);
    if (!repo) {
        const known = helmRepos.map((r) => r.name);
        problems.push((0,model_problems/* problem */.CC)(refPos, `chart reference \`${ref}\` names Helm repository \`${repoName}\`, which is not in \`helmRepos\`${(0,suggest/* didYouMean */.au)(repoName, known) || (known.length ? `; declared: ${known.join(', ')}` : '')}`));
    }
    return { kind: 'repo', reference: ref, repoName, chartName, ...(repo ? { repoUrl: repo.url } : {}), version: version ?? '' };
}
const TRIGGER_KINDS = ['image', 'chart', 'helm', 'github'];
function track(raw) {
    const value = raw['track'];
    return types/* TRACKS */.p.includes(value) ? value : 'Newest';
}
function normaliseTrigger(source, at, raw, chart, problems) {
    if (!(0,model_data/* isObj */.sA)(raw))
        return undefined;
    const pos = source.pos(at);
    const kinds = TRIGGER_KINDS.filter((kind) => (0,model_data/* has */.zy)(raw, kind));
    if (kinds.length !== 1) {
        problems.push((0,model_problems/* problem */.CC)(pos, kinds.length === 0
            ? 'a trigger should have one of `image` or `chart`'
            : `a trigger should have exactly one of \`image\` or \`chart\`, found ${kinds.map((k) => `\`${k}\``).join(' and ')}; use one trigger per list item`));
        return undefined;
    }
    const kind = kinds[0];
    const body = (0,model_data/* obj */.WL)(raw[kind]);
    const kindPos = source.keyPos([...at, kind]);
    if (kind === 'github') {
        problems.push((0,model_problems/* problem */.CC)(kindPos, '`github` triggers are not supported and are ignored', 'warning'));
        return undefined;
    }
    if (kind === 'image') {
        return {
            kind: 'image',
            tagValue: (0,model_data/* str */.gx)(body['tagValue']) ?? 'image.tag',
            repoValue: (0,model_data/* str */.gx)(body['repoValue']) ?? 'image.repository',
            prefixValue: (0,model_data/* str */.gx)(body['repoPrefixValue']) ?? 'image.prefix',
            track: track(body),
            pos: kindPos,
        };
    }
    if (chart?.kind === 'dir') {
        problems.push((0,model_problems/* problem */.CC)(kindPos, 'a chart trigger needs a chart `reference` with a `version`; a chart `dir` has no versions to track'));
        return undefined;
    }
    return { kind: 'chart', track: track(body), pos: kindPos };
}

// EXTERNAL MODULE: ./src/model/schema.ts + 3 modules
var schema = __webpack_require__(45207);
// EXTERNAL MODULE: ./src/model/yaml-source.ts
var yaml_source = __webpack_require__(31954);
;// CONCATENATED MODULE: ./src/model/load.ts














/** Loads, validates and normalises a deployments repo. Never throws on bad input. */
async function loadRepo(environmentsFile) {
    const absolute = external_node_path_default().resolve(environmentsFile);
    const root = external_node_path_default().dirname(absolute);
    const envFile = external_node_path_default().basename(absolute);
    const repo = { root, environmentsFile: envFile, clusters: [], helmRepos: [], environments: [] };
    const problems = [];
    const valuesFiles = new Map();
    const chartValues = new Map();
    const locks = new Map();
    const inputs = new Map();
    const loaded = {
        repo,
        problems,
        valuesFile: (file) => valuesFiles.get(file) ?? {},
        chartDefaults: (release) => (release.chart.kind === 'dir' ? (chartValues.get(release.chart.dir) ?? {}) : {}),
        lock: (name) => locks.get(name),
        environmentInputs: (name) => [...(inputs.get(name) ?? [])].sort(),
    };
    try {
        const source = await (0,yaml_source/* readYaml */.g)(absolute, envFile);
        if ('error' in source) {
            problems.push((0,model_problems/* problem */.CC)({ file: envFile, line: 1, column: 1 }, `environments file ${source.error}`));
            return loaded;
        }
        problems.push(...source.problems);
        if (source.problems.length > 0)
            return loaded;
        problems.push(...(0,schema/* validateSource */.O)(source, 'environments'));
        const normalised = normaliseEnvironments(source);
        problems.push(...normalised.problems);
        repo.clusters = normalised.clusters;
        repo.helmRepos = normalised.helmRepos;
        // Each release file is read once, however many environments list it.
        const releaseFiles = new Map();
        const readReleaseFile = (file) => {
            let pending = releaseFiles.get(file);
            if (!pending) {
                pending = (0,yaml_source/* readYaml */.g)((0,paths/* toAbsolute */.Tr)(root, file), file).then((parsed) => {
                    if ('error' in parsed)
                        return parsed.error;
                    if (parsed.problems.length > 0) {
                        problems.push(...parsed.problems);
                        return { releaseFile: { path: file, releases: [], resourceFiles: [] }, refs: [], problems: [] };
                    }
                    const result = normaliseReleaseFile(parsed, repo.helmRepos);
                    // A release file holding only comments declares nothing; that is not an error.
                    if (parsed.data !== null)
                        problems.push(...(0,schema/* validateSource */.O)(parsed, 'releases'));
                    problems.push(...result.problems);
                    return result;
                });
                releaseFiles.set(file, pending);
            }
            return pending;
        };
        const refs = [];
        const lockOwners = new Map();
        for (const draft of normalised.drafts) {
            const env = draft.environment;
            const owner = lockOwners.get(env.lockFile);
            if (owner !== undefined) {
                problems.push((0,model_problems/* problem */.CC)(env.pos, `lock file \`${env.lockFile}\` of environment \`${env.name}\` is also the lock file of environment \`${owner}\`; give each environment its own \`lockFile\``));
            }
            lockOwners.set(env.lockFile, env.name);
            const envInputs = new Set([envFile, env.lockFile]);
            inputs.set(env.name, envInputs);
            if (draft.defaultValuesFileRef) {
                refs.push(draft.defaultValuesFileRef);
                envInputs.add(draft.defaultValuesFileRef.path);
            }
            const listed = new Map();
            for (const ref of draft.releaseFileRefs) {
                const first = listed.get(ref.path);
                if (first !== undefined) {
                    problems.push((0,model_problems/* problem */.CC)(ref.pos, `release file ${describeRef(ref)} is already listed at ${first}`));
                    continue;
                }
                listed.set(ref.path, (0,model_problems/* formatPos */.Yb)(ref.pos));
                envInputs.add(ref.path);
                const result = await readReleaseFile(ref.path);
                if (typeof result === 'string') {
                    problems.push((0,model_problems/* problem */.CC)(ref.pos, `release file ${describeRef(ref)} ${result === 'not found' ? 'does not exist' : result}`));
                    continue;
                }
                refs.push(...result.refs);
                for (const r of result.refs)
                    envInputs.add(r.path);
                env.releases.push(...result.releaseFile.releases);
                for (const file of [...result.releaseFile.resourceFiles, ...result.releaseFile.releases.flatMap((r) => r.resourceFiles)]) {
                    if (!env.resourceFiles.includes(file))
                        env.resourceFiles.push(file);
                }
            }
            repo.environments.push(env);
        }
        problems.push(...(await checkFileRefs(root, refs)));
        await loadValuesFiles(root, refs, valuesFiles, problems);
        await loadChartDefaults(root, refs, chartValues, problems);
        for (const env of repo.environments) {
            problems.push(...checkDuplicateReleases(env), ...checkClusterParams(env));
            const lock = await readLock(root, env.lockFile, problems);
            if (lock) {
                locks.set(env.name, lock);
                problems.push(...checkLock(env, lock, env.lockFile));
            }
            problems.push(...checkTriggers(loaded, env));
        }
    }
    catch (error) {
        // A bug of ours must not look like a crash to the user; report it where it can be seen.
        problems.push((0,model_problems/* problem */.CC)({ file: envFile, line: 1, column: 1 }, `internal error while loading (please report it): ${error.message ?? String(error)}`));
    }
    const sorted = (0,model_problems/* sortProblems */.dS)(problems);
    problems.splice(0, problems.length, ...sorted);
    return loaded;
}
async function loadValuesFiles(root, refs, into, problems) {
    const files = [...new Set(refs.filter((r) => r.kind === 'values file').map((r) => r.path))];
    await Promise.all(files.map(async (file) => {
        const parsed = await (0,yaml_source/* readYaml */.g)((0,paths/* toAbsolute */.Tr)(root, file), file);
        if ('error' in parsed)
            return; // reported by the file check
        problems.push(...parsed.problems);
        if (parsed.problems.length > 0)
            return;
        if (parsed.data === null || parsed.data === undefined) {
            into.set(file, {});
        }
        else if ((0,model_data/* isObj */.sA)(parsed.data)) {
            into.set(file, parsed.data);
        }
        else {
            problems.push((0,model_problems/* problem */.CC)(parsed.pos([]), `values file should hold a map of values, found ${Array.isArray(parsed.data) ? 'a list' : `a ${typeof parsed.data}`}`));
        }
    }));
}
async function loadChartDefaults(root, refs, into, problems) {
    const dirs = [...new Set(refs.filter((r) => r.kind === 'chart directory').map((r) => r.path))];
    await Promise.all(dirs.map(async (dir) => {
        const file = `${dir}/values.yaml`;
        const parsed = await (0,yaml_source/* readYaml */.g)((0,paths/* toAbsolute */.Tr)(root, file), file);
        if ('error' in parsed)
            return; // a chart need not have values.yaml
        problems.push(...parsed.problems);
        if ((0,model_data/* isObj */.sA)(parsed.data))
            into.set(dir, parsed.data);
    }));
}
async function readLock(root, file, problems) {
    let text;
    try {
        text = await (0,promises_.readFile)((0,paths/* toAbsolute */.Tr)(root, file), 'utf8');
    }
    catch (error) {
        if (error.code !== 'ENOENT') {
            problems.push((0,model_problems/* problem */.CC)({ file, line: 1, column: 1 }, `lock file cannot be read (${error.code ?? String(error)})`));
        }
        return undefined;
    }
    const { lock, problems: lockProblems } = (0,parse/* parseLockFile */.h)(text, file);
    problems.push(...lockProblems);
    return lock;
}

;// CONCATENATED MODULE: ./src/model/index.ts







/***/ }),

/***/ 91933:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rw: () => (/* binding */ dirOf),
/* harmony export */   Tr: () => (/* binding */ toAbsolute),
/* harmony export */   c7: () => (/* binding */ resolveInRepo)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Resolves `relative` against `baseDir` (both relative to the repository root) into a root-relative
 * path with forward slashes. Absolute paths and paths that climb out of the root are refused: the
 * deployments repo must be self-contained so that what is reviewed is what is deployed.
 */
function resolveInRepo(baseDir, relative) {
    if (relative.trim() === '')
        return { error: 'is empty; expected a relative path' };
    if (node_path__WEBPACK_IMPORTED_MODULE_0___default().posix.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
        return { error: `\`${relative}\` is an absolute path; expected a path relative to the file's folder` };
    }
    const joined = node_path__WEBPACK_IMPORTED_MODULE_0___default().posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_0___default().posix.join(baseDir === '' ? '.' : baseDir, relative.replaceAll('\\', '/')));
    if (joined === '..' || joined.startsWith('../')) {
        return { error: `\`${relative}\` points outside the repository root` };
    }
    return { path: joined === '.' ? '' : joined.replace(/\/$/, '') };
}
/** The folder of a root-relative file ('' for the root). */
function dirOf(file) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_0___default().posix.dirname(file);
    return dir === '.' ? '' : dir;
}
function toAbsolute(root, file) {
    return node_path__WEBPACK_IMPORTED_MODULE_0___default().join(root, ...file.split('/'));
}


/***/ }),

/***/ 99437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CC: () => (/* binding */ problem),
/* harmony export */   Cs: () => (/* binding */ hasErrors),
/* harmony export */   Yb: () => (/* binding */ formatPos),
/* harmony export */   dS: () => (/* binding */ sortProblems)
/* harmony export */ });
/* unused harmony export formatProblem */
function problem(pos, message, severity = 'error') {
    return { file: pos.file, line: pos.line, column: pos.column, severity, message };
}
function hasErrors(problems) {
    return problems.some((p) => p.severity === 'error');
}
/** `file:line:column: error: message`, the form editors and CI log parsers recognise. */
function formatProblem(p) {
    return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}
function formatPos(pos) {
    return `${pos.file}:${pos.line}:${pos.column}`;
}
/** Sorted by file, line, column, then message; exact duplicates dropped (a release file shared by two
 * environments would otherwise report the same problem twice). */
function sortProblems(problems) {
    const seen = new Set();
    const unique = [];
    for (const p of problems) {
        const id = `${formatProblem(p)}`;
        if (seen.has(id))
            continue;
        seen.add(id);
        unique.push(p);
    }
    return unique.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}


/***/ }),

/***/ 45207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O: () => (/* binding */ validateSource)
});

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(42463);
;// CONCATENATED MODULE: ./schema/environments.schema.json
const environments_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"a kubecd environments file (a map with `environments`)","description":"Lists the environments kubecd deploys to: a namespace in a cluster, the release files deployed there and the default Helm values every release in it gets. Accepts the seed design doc\'s form (provider inline per environment, `releases:` as a list of release files), the original kubecd\'s later form (`clusters:` with `clusterName:`, `releasesFiles:`) and kubecd\'s additions.","type":"object","additionalProperties":false,"required":["environments"],"properties":{"clusters":{"title":"a list of clusters ({name, provider})","description":"Clusters shared by name: an environment names one with `cluster:` (or `clusterName:`) instead of declaring its own `provider:`.","type":"array","items":{"$ref":"#/definitions/cluster"}},"helmRepos":{"title":"a list of Helm chart repositories ({name, url})","description":"Classic Helm chart repositories; a release\'s `chart.reference: NAME/CHART` looks NAME up here. `oci://` references need no entry.","type":"array","items":{"$ref":"#/definitions/helmRepo"}},"environments":{"title":"a list of environments ({name, kubeNamespace, ...})","description":"The environments: each is one namespace in one cluster.","type":"array","items":{"$ref":"#/definitions/environment"}}},"definitions":{"cluster":{"title":"a cluster ({name, provider})","description":"A Kubernetes cluster and how to reach it.","type":"object","additionalProperties":false,"required":["name","provider"],"properties":{"name":{"title":"a cluster name","description":"The name environments use to refer to this cluster.","type":"string"},"provider":{"$ref":"#/definitions/provider"},"parameters":{"title":"a list of {name, value} parameters","description":"Named cluster parameters (original kubecd format); `valueFrom.gceResource.address.nameFrom.clusterParam` reads them.","type":"array","items":{"title":"a cluster parameter ({name, value})","description":"One named cluster parameter.","type":"object","additionalProperties":false,"required":["name","value"],"properties":{"name":{"title":"a parameter name","description":"The parameter name.","type":"string"},"value":{"title":"a parameter value","description":"The parameter value (a string).","type":["string","number","boolean"]}}}}}},"provider":{"title":"a provider (one of gke, existingContext, minikube, dockerForDesktop)","description":"How to get credentials for the cluster: exactly one of `gke`, `existingContext`, `minikube` or `dockerForDesktop`.","type":"object","additionalProperties":false,"properties":{"gke":{"title":"a GKE cluster ({project, clusterName, zone or region})","description":"A Google Kubernetes Engine cluster; credentials come from Google application default credentials (workload identity in GitHub Actions).","type":"object","additionalProperties":false,"required":["project","clusterName"],"properties":{"project":{"title":"a Google Cloud project id","description":"The Google Cloud project that owns the cluster.","type":"string"},"clusterName":{"title":"a GKE cluster name","description":"The GKE cluster name.","type":"string"},"zone":{"title":"a zone","description":"The zone of a zonal cluster (for example `us-central1-b`). Give exactly one of `zone` and `region`.","type":"string"},"region":{"title":"a region","description":"The region of a regional cluster (for example `us-central1`). Give exactly one of `zone` and `region`.","type":"string"},"endpoint":{"title":"one of public, private, dns","description":"Which control-plane endpoint the kubeconfig uses: `public` (default), `private` (the private endpoint, from inside the VPC) or `dns` (the DNS-based endpoint).","enum":["public","private","dns"]}}},"existingContext":{"title":"an existing kubeconfig context ({context, kubeconfig})","description":"Any cluster reachable through a kubeconfig context (kind, minikube, EKS, AKS, ...).","type":"object","additionalProperties":false,"properties":{"context":{"title":"a kubeconfig context name","description":"The kubeconfig context to use; the kubeconfig\'s current context when left out.","type":"string"},"contextName":{"title":"a kubeconfig context name","description":"Same as `context` (the original kubecd\'s spelling).","type":"string"},"kubeconfig":{"title":"a kubeconfig path","description":"A kubeconfig file relative to the environments file\'s folder; the default kubeconfig (KUBECONFIG or ~/.kube/config) when left out.","type":"string"}}},"minikube":{"title":"an empty map","description":"The local minikube cluster: the same as `existingContext: {context: minikube}`.","type":["object","null"],"additionalProperties":false},"dockerForDesktop":{"title":"an empty map","description":"Docker Desktop\'s cluster: the same as `existingContext: {context: docker-desktop}`.","type":["object","null"],"additionalProperties":false}}},"helmRepo":{"title":"a Helm repository ({name, url})","description":"A classic Helm chart repository (one with an index.yaml).","type":"object","additionalProperties":false,"required":["name","url"],"properties":{"name":{"title":"a repository name","description":"The name used in chart references (`NAME/CHART`).","type":"string"},"url":{"title":"a repository URL","description":"The repository URL (the folder holding index.yaml).","type":"string"},"caFile":{"title":"a file path","description":"Accepted for compatibility with the original kubecd; not used (a warning says so).","type":"string"},"certFile":{"title":"a file path","description":"Accepted for compatibility with the original kubecd; not used (a warning says so).","type":"string"},"keyFile":{"title":"a file path","description":"Accepted for compatibility with the original kubecd; not used (a warning says so).","type":"string"}}},"environment":{"title":"an environment ({name, kubeNamespace, cluster or provider, releases})","description":"One namespace in one cluster, with the release files deployed there.","type":"object","additionalProperties":false,"required":["name","kubeNamespace"],"properties":{"name":{"title":"an environment name","description":"The environment name (letters, digits, `.`, `_`, `-`); it names the lock file and the GitHub environment.","type":"string"},"cluster":{"title":"a cluster name","description":"The name of an entry in `clusters:`. Give either this (or `clusterName`) or `provider`.","type":"string"},"clusterName":{"title":"a cluster name","description":"Same as `cluster` (the original kubecd\'s spelling).","type":"string"},"provider":{"$ref":"#/definitions/provider"},"kubeNamespace":{"title":"a namespace name","description":"The Kubernetes namespace releases are installed into.","type":"string"},"releases":{"title":"a list of release file paths","description":"Release files deployed in this environment, relative to this file\'s folder (the seed design doc\'s spelling).","type":"array","items":{"title":"a release file path","description":"A release file path.","type":"string"}},"releasesFiles":{"title":"a list of release file paths","description":"Same as `releases` (the original kubecd\'s spelling).","type":"array","items":{"title":"a release file path","description":"A release file path.","type":"string"}},"defaultValuesFile":{"title":"a values file path","description":"A Helm values file every release in this environment gets (lowest precedence), relative to this file\'s folder.","type":"string"},"defaultValues":{"title":"a list of {key, value} entries","description":"Helm values every release in this environment gets; they override `defaultValuesFile` and are overridden by the release\'s own values.","type":"array","items":{"$ref":"#/definitions/valueSetting"}},"lockFile":{"title":"a lock file path","description":"Where check-upgrades records resolved versions for this environment, relative to this file\'s folder. Default: `locks/<environment>.yaml`.","type":"string"}}},"valueSetting":{"title":"a {key, value} entry","description":"One Helm value: a dotted key (`a.b.c`, `\\\\.` for a literal dot) and either a `value` (kept with its YAML type: quote `\\"1.10\\"` to keep a string) or a `valueFrom`.","type":"object","additionalProperties":false,"required":["key"],"properties":{"key":{"title":"a dotted value key","description":"The value\'s key; dots nest, `\\\\.` is a literal dot.","type":"string"},"value":{"description":"The value, with its YAML type kept."},"valueFrom":{"title":"a valueFrom ({gceResource: {address: ...}})","description":"Fill the value from the infrastructure when applying.","type":"object","additionalProperties":false,"required":["gceResource"],"properties":{"gceResource":{"title":"a gceResource ({address: ...})","description":"A Google Compute Engine resource.","type":"object","additionalProperties":false,"required":["address"],"properties":{"address":{"title":"an address ({name or nameFrom, isGlobal})","description":"The IP of a reserved Compute Engine address in the cluster\'s project (and region, unless global).","type":"object","additionalProperties":false,"properties":{"name":{"title":"an address name","description":"The address name.","type":"string"},"nameFrom":{"title":"a nameFrom ({clusterParam})","description":"Take the address name from a cluster parameter.","type":"object","additionalProperties":false,"required":["clusterParam"],"properties":{"clusterParam":{"title":"a cluster parameter name","description":"The cluster parameter holding the address name.","type":"string"}}},"isGlobal":{"title":"true or false","description":"A global (anycast) address instead of a regional one. Default false.","type":"boolean"}}}}}}}}}}}');
;// CONCATENATED MODULE: ./schema/releases.schema.json
const releases_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"a kubecd release file (a map with `releases` and/or `resourceFiles`)","description":"Releases (a Helm chart plus values and upgrade triggers) and plain Kubernetes resource files for the environments that list this file. Paths are relative to this file\'s folder.","type":"object","additionalProperties":false,"properties":{"resourceFiles":{"title":"a list of resource file paths","description":"Plain Kubernetes resource files applied with `kubectl apply` in every environment that lists this file. Removing one from the list does not delete its resources.","type":"array","items":{"title":"a resource file path","description":"A resource file path.","type":"string"}},"releases":{"title":"a list of releases ({name, chart, ...})","description":"The Helm releases.","type":"array","items":{"$ref":"#/definitions/release"}},"resourceDependencies":{"title":"a list of {kind, name} entries","description":"Accepted for compatibility with the original kubecd; not used (a warning says so).","type":"array","items":{"title":"a {kind, name} entry","description":"A resource this file depends on.","type":"object","additionalProperties":false,"properties":{"kind":{"title":"a resource kind","description":"The resource kind.","type":"string"},"name":{"title":"a resource name","description":"The resource name, optionally `namespace/name`.","type":"string"}}}}},"definitions":{"release":{"title":"a release ({name, chart, ...})","description":"One Helm release: a chart, its values and its upgrade triggers.","type":"object","additionalProperties":false,"required":["name","chart"],"properties":{"name":{"title":"a release name","description":"The Helm release name: lower-case letters, digits, `-` and `.`, at most 53 characters, unique within an environment.","type":"string"},"chart":{"title":"a chart ({dir} or {reference, version})","description":"The chart: a local directory (`dir`) or a reference (`repo/chart` through `helmRepos`, or `oci://host/path/chart`) with a pinned `version`.","type":"object","additionalProperties":false,"properties":{"dir":{"title":"a chart directory","description":"A chart directory (holding Chart.yaml), relative to this file\'s folder.","type":"string"},"reference":{"title":"a chart reference","description":"`REPO/CHART` (REPO from `helmRepos`) or `oci://HOST/PATH/CHART`.","type":"string"},"version":{"title":"a chart version","description":"The chart version; required with `reference`.","type":"string"}}},"valuesFile":{"title":"a values file path","description":"A Helm values file for this release, relative to this file\'s folder.","type":"string"},"valuesFiles":{"title":"a list of values file paths","description":"Helm values files for this release, lowest precedence first (after `valuesFile`).","type":"array","items":{"title":"a values file path","description":"A values file path.","type":"string"}},"values":{"title":"a list of {key, value} entries","description":"Helm values for this release; they override the values files and the environment defaults.","type":"array","items":{"$ref":"#/definitions/valueSetting"}},"trigger":{"$ref":"#/definitions/trigger"},"triggers":{"title":"a list of triggers ({image: ...} or {chart: ...})","description":"Upgrade triggers: which new image tags or chart versions check-upgrades should pick up.","type":"array","items":{"$ref":"#/definitions/trigger"}},"skipDefaultValues":{"title":"true or false","description":"Leave out the environment\'s `defaultValuesFile` and `defaultValues` for this release (for third-party charts).","type":"boolean"},"resourceFiles":{"title":"a list of resource file paths","description":"Plain Kubernetes resource files that belong with this release, relative to this file\'s folder.","type":"array","items":{"title":"a resource file path","description":"A resource file path.","type":"string"}}}},"track":{"title":"one of PatchLevel, MinorVersion, MajorVersion, Newest","description":"Which new versions count as upgrades: `PatchLevel` (same major.minor), `MinorVersion` (same major), `MajorVersion` (any higher version) or `Newest` (the most recently created tag).","enum":["PatchLevel","MinorVersion","MajorVersion","Newest"]},"trigger":{"title":"a trigger ({image: ...} or {chart: ...})","description":"One upgrade trigger: exactly one of `image`, `chart` (or its original spelling `helm`).","type":"object","additionalProperties":false,"properties":{"image":{"title":"an image trigger ({tagValue, repoValue, track})","description":"Watch an image repository for new tags.","type":["object","null"],"additionalProperties":false,"properties":{"tagValue":{"title":"a dotted value key","description":"The value holding the image tag. Default `image.tag`.","type":"string"},"repoValue":{"title":"a dotted value key","description":"The value holding the image repository. Default `image.repository`.","type":"string"},"repoPrefixValue":{"title":"a dotted value key","description":"The value prepended to the repository when present. Default `image.prefix`.","type":"string"},"track":{"$ref":"#/definitions/track"}}},"chart":{"title":"a chart trigger ({track})","description":"Watch the chart repository for new versions of a `reference` chart.","type":["object","null"],"additionalProperties":false,"properties":{"track":{"$ref":"#/definitions/track"}}},"helm":{"title":"a chart trigger ({track})","description":"Same as `chart` (the original kubecd\'s spelling).","type":["object","null"],"additionalProperties":false,"properties":{"track":{"$ref":"#/definitions/track"}}},"github":{"title":"a github trigger","description":"Accepted for compatibility with the original kubecd; not supported (a warning says so).","type":["object","null"],"additionalProperties":false,"properties":{"repository":{"title":"a repository","description":"owner/name.","type":"string"},"branch":{"title":"a branch","description":"A branch name.","type":"string"},"tagMatching":{"title":"a pattern","description":"A tag pattern.","type":"string"}}}}},"valueSetting":{"title":"a {key, value} entry","description":"One Helm value: a dotted key (`a.b.c`, `\\\\.` for a literal dot) and either a `value` (kept with its YAML type: quote `\\"1.10\\"` to keep a string) or a `valueFrom`.","type":"object","additionalProperties":false,"required":["key"],"properties":{"key":{"title":"a dotted value key","description":"The value\'s key; dots nest, `\\\\.` is a literal dot.","type":"string"},"value":{"description":"The value, with its YAML type kept."},"valueFrom":{"title":"a valueFrom ({gceResource: {address: ...}})","description":"Fill the value from the infrastructure when applying.","type":"object","additionalProperties":false,"required":["gceResource"],"properties":{"gceResource":{"title":"a gceResource ({address: ...})","description":"A Google Compute Engine resource.","type":"object","additionalProperties":false,"required":["address"],"properties":{"address":{"title":"an address ({name or nameFrom, isGlobal})","description":"The IP of a reserved Compute Engine address in the cluster\'s project (and region, unless global).","type":"object","additionalProperties":false,"properties":{"name":{"title":"an address name","description":"The address name.","type":"string"},"nameFrom":{"title":"a nameFrom ({clusterParam})","description":"Take the address name from a cluster parameter.","type":"object","additionalProperties":false,"required":["clusterParam"],"properties":{"clusterParam":{"title":"a cluster parameter name","description":"The cluster parameter holding the address name.","type":"string"}}},"isGlobal":{"title":"true or false","description":"A global (anycast) address instead of a regional one. Default false.","type":"boolean"}}}}}}}}}}}');
;// CONCATENATED MODULE: ./schema/lock.schema.json
const lock_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"a kubecd lock file (a map with `environment` and `entries`)","description":"Versions resolved by `kubecd check-upgrades` for one environment. Generated: edit the release files instead. Apply layers these values over the release\'s values.","type":"object","additionalProperties":false,"required":["environment","entries"],"properties":{"environment":{"title":"an environment name","description":"The environment this lock file belongs to.","type":"string"},"entries":{"title":"a list of lock entries ({release, key, value, ...})","description":"Resolved versions, sorted by release and key.","type":["array","null"],"items":{"title":"a lock entry ({release, key, value, resolvedAt, ...})","description":"One resolved version.","type":"object","additionalProperties":false,"required":["release","key","value","resolvedAt"],"properties":{"release":{"title":"a release name","description":"The release the value belongs to.","type":"string"},"key":{"title":"a dotted value key","description":"The value key it sets (for example `image.tag`), or `chart.version` for a chart trigger.","type":"string"},"value":{"title":"a string","description":"The resolved tag or chart version (always a string).","type":"string"},"repository":{"title":"a repository","description":"The image repository (image triggers) or chart reference (chart triggers).","type":"string"},"digest":{"title":"a digest","description":"The manifest digest the tag pointed at when resolved (`sha256:...`).","type":"string"},"track":{"title":"one of PatchLevel, MinorVersion, MajorVersion, Newest","description":"The trigger track that chose this version.","enum":["PatchLevel","MinorVersion","MajorVersion","Newest"]},"created":{"title":"an RFC 3339 time","description":"When the image was created, remembered so `Newest` need not fetch it again.","type":"string"},"resolvedAt":{"title":"an RFC 3339 time","description":"When kubecd resolved this version.","type":"string"}}}}}}');
// EXTERNAL MODULE: ./src/model/problems.ts
var problems = __webpack_require__(99437);
// EXTERNAL MODULE: ./src/model/suggest.ts
var suggest = __webpack_require__(2691);
;// CONCATENATED MODULE: ./src/model/schema.ts






const schemas = { environments: environments_schema_namespaceObject, releases: releases_schema_namespaceObject, lock: lock_schema_namespaceObject };
const compiled = new Map();
function validator(name) {
    let validate = compiled.get(name);
    if (!validate) {
        // verbose: errors carry their schema, whose `title` says what was expected.
        const ajv = new dist_ajv.Ajv({ allErrors: true, verbose: true, strict: false });
        validate = ajv.compile(schemas[name]);
        compiled.set(name, validate);
    }
    return validate;
}
/** Validates a parsed file against one of the schemas; every error becomes a positioned problem. */
function validateSource(source, name) {
    const validate = validator(name);
    const data = source.data === undefined ? null : source.data;
    if (validate(data))
        return [];
    const problems = [];
    for (const error of validate.errors ?? []) {
        const converted = convert(source, error);
        if (converted)
            problems.push(converted);
    }
    return problems;
}
function instancePath(error) {
    if (error.instancePath === '')
        return [];
    return error.instancePath
        .slice(1)
        .split('/')
        .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}
function describe(value) {
    if (value === null || value === undefined)
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a map';
    if (typeof value === 'string')
        return `the string ${JSON.stringify(value)}`;
    return `the ${typeof value} ${String(value)}`;
}
/** The name of the property at the end of the path, for messages: `values`, `releases[2]`. */
function label(path) {
    const last = path.at(-1);
    if (last === undefined)
        return 'the file';
    if (/^\d+$/.test(String(last))) {
        const parent = path.at(-2);
        return parent === undefined ? `item ${Number(last) + 1}` : `\`${String(parent)}\` item ${Number(last) + 1}`;
    }
    return `\`${String(last)}\``;
}
function expected(error) {
    const schema = error.parentSchema;
    return schema?.title ?? `${String(error.params['type'] ?? 'something else')}`;
}
function convert(source, error) {
    const path = instancePath(error);
    const schema = error.parentSchema;
    switch (error.keyword) {
        case 'additionalProperties': {
            const key = String(error.params['additionalProperty']);
            const known = Object.keys(schema?.properties ?? {});
            const hint = (0,suggest/* didYouMean */.au)(key, known);
            const message = hint
                ? `unknown key \`${key}\`${hint}`
                : `unknown key \`${key}\`; expected one of: ${known.join(', ')}`;
            return (0,problems/* problem */.CC)(source.keyPos([...path, key]), message);
        }
        case 'required': {
            const missing = String(error.params['missingProperty']);
            const where = path.length === 0 ? 'the file' : label(path);
            return (0,problems/* problem */.CC)(source.pos(path), `${where} is missing \`${missing}\``);
        }
        case 'type':
            return (0,problems/* problem */.CC)(source.pos(path), `${label(path)} should be ${expected(error)}, found ${describe(error.data)}`);
        case 'enum': {
            const allowed = (schema?.enum ?? []).map(String);
            const hint = typeof error.data === 'string' ? (0,suggest/* didYouMean */.au)(error.data, allowed) : '';
            return (0,problems/* problem */.CC)(source.pos(path), `${label(path)} should be one of ${allowed.join(', ')}, found ${describe(error.data)}${hint}`);
        }
        default:
            return (0,problems/* problem */.CC)(source.pos(path), `${label(path)} ${error.message ?? 'is invalid'}`);
    }
}


/***/ }),

/***/ 2691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   au: () => (/* binding */ didYouMean)
/* harmony export */ });
/* unused harmony exports editDistance, closest */
/** Levenshtein distance, small inputs only (keys and names). */
function editDistance(a, b) {
    const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = previous[0];
        previous[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = previous[j];
            const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
            previous[j] = Math.min(above + 1, previous[j - 1] + 1, diagonal + cost);
            diagonal = above;
        }
    }
    return previous[b.length];
}
/** The closest candidate when it is close enough to be a plausible typo. */
function closest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    const allowed = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
    return bestDistance <= allowed ? best : undefined;
}
/** ` (did you mean \`x\`?)` or an empty string. */
function didYouMean(word, candidates) {
    const hint = closest(word, candidates);
    return hint === undefined ? '' : ` (did you mean \`${hint}\`?)`;
}


/***/ }),

/***/ 40440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ CHART_VERSION_KEY),
/* harmony export */   p: () => (/* binding */ TRACKS)
/* harmony export */ });
/**
 * The deployments repo as kubecd understands it, after loading and normalising every accepted input
 * form (the seed design doc's, the original kubecd's later format, and kubecd's additions).
 * Pure data: nothing here talks to the world.
 */
const TRACKS = ['PatchLevel', 'MinorVersion', 'MajorVersion', 'Newest'];
const CHART_VERSION_KEY = 'chart.version';


/***/ }),

/***/ 31954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ readYaml),
/* harmony export */   h: () => (/* binding */ parseYaml)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38815);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99437);



function parseYaml(text, file) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_1__/* .LineCounter */ .HN();
    // merge: `<<: *defaults` keys, which YAML 1.1 tools (and the original kubecd's users) rely on.
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(text, { lineCounter, prettyErrors: true, merge: true });
    const at = (offset) => {
        const { line, col } = lineCounter.linePos(offset ?? 0);
        return { file, line, column: col };
    };
    const problems = doc.errors.map((error) => {
        const start = error.linePos?.[0];
        // The yaml package appends a code excerpt after a blank line; the first line is the message.
        const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return (0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .problem */ .CC)(start ? { file, line: start.line, column: start.col } : at(error.pos[0]), `YAML syntax: ${message}`);
    });
    let data;
    if (problems.length === 0) {
        try {
            data = doc.toJS({ maxAliasCount: 1000 });
        }
        catch (error) {
            problems.push((0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .problem */ .CC)(at(0), `YAML: ${error.message}`));
        }
    }
    /** Walks the path; returns the deepest node reached and, for the last step, the key node. */
    const walk = (path) => {
        let node = doc.contents;
        let key = null;
        for (const segment of path) {
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isAlias */ .Vj)(node))
                node = node.resolve(doc);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(node)) {
                const pair = node.items.find((item) => (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isPair */ .tO)(item) && (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(item.key) && String(item.key.value) === String(segment));
                if (!pair)
                    break;
                key = pair.key;
                node = pair.value ?? null;
                if (node === null)
                    return { node: key, key };
            }
            else if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(node)) {
                const item = node.items[Number(segment)];
                if (item === undefined)
                    break;
                key = null;
                node = item;
            }
            else {
                break;
            }
        }
        return { node: node ?? null, key };
    };
    return {
        file,
        text,
        data,
        problems,
        doc,
        pos: (path) => at(walk(path).node?.range?.[0]),
        keyPos: (path) => {
            const { node, key } = walk(path);
            return at((key ?? node)?.range?.[0]);
        },
    };
}
/** Reads and parses a YAML file; a missing or unreadable file is reported at `missingAt`. */
async function readYaml(absPath, file) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(absPath, 'utf8');
    }
    catch (error) {
        const code = error.code;
        return { error: code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})` };
    }
    return parseYaml(text, file);
}


/***/ }),

/***/ 37594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H$: () => (/* binding */ composeValues),
/* harmony export */   P7: () => (/* binding */ composeValuesDetailed),
/* harmony export */   Sk: () => (/* binding */ chartVersionOf),
/* harmony export */   dT: () => (/* binding */ imageOf)
/* harmony export */ });
/* harmony import */ var _model_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40440);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(89876);


/**
 * The values of one release in one environment, lowest precedence first: (chart defaults) <
 * environment `defaultValuesFile` < environment `defaultValues` < release values files < release
 * `values` < lock entries. `skipDefaultValues` drops the two environment layers.
 */
function composeValuesDetailed(loaded, env, release, opts = {}) {
    const values = {};
    const unresolved = [];
    const apply = (settings) => {
        for (const setting of settings) {
            if (setting.valueFrom) {
                if (opts.resolveValueFrom)
                    (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .setValue */ .KY)(values, setting.key, opts.resolveValueFrom(setting));
                else
                    unresolved.push(setting);
            }
            else {
                (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .setValue */ .KY)(values, setting.key, structuredClone(setting.value));
            }
        }
    };
    if (opts.withChartDefaults)
        (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .deepMerge */ .$N)(values, loaded.chartDefaults(release));
    if (!release.skipDefaultValues) {
        if (env.defaultValuesFile !== undefined)
            (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .deepMerge */ .$N)(values, loaded.valuesFile(env.defaultValuesFile));
        apply(env.defaultValues);
    }
    for (const file of release.valuesFiles)
        (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .deepMerge */ .$N)(values, loaded.valuesFile(file));
    apply(release.values);
    if (opts.withLock) {
        for (const entry of loaded.lock(env.name)?.entries ?? []) {
            if (entry.release === release.name && entry.key !== _model_types_js__WEBPACK_IMPORTED_MODULE_1__/* .CHART_VERSION_KEY */ .S)
                (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .setValue */ .KY)(values, entry.key, entry.value);
        }
    }
    return { values, unresolved };
}
function composeValues(loaded, env, release, opts) {
    return composeValuesDetailed(loaded, env, release, opts).values;
}
/** The chart version to deploy: the lock file's `chart.version` entry when asked, else the pinned one. */
function chartVersionOf(loaded, env, release, withLock = true) {
    if (release.chart.kind === 'dir')
        return undefined;
    if (withLock) {
        const locked = loaded.lock(env.name)?.entries.find((e) => e.release === release.name && e.key === _model_types_js__WEBPACK_IMPORTED_MODULE_1__/* .CHART_VERSION_KEY */ .S);
        if (locked)
            return locked.value;
    }
    return release.chart.version;
}
function asText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return undefined;
}
/** The image a trigger watches: `prefixValue` (when set) prepended to `repoValue`, and `tagValue`. */
function imageOf(values, trigger) {
    const repository = asText((0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .getValue */ ._W)(values, trigger.repoValue));
    const prefix = asText((0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .getValue */ ._W)(values, trigger.prefixValue));
    const tag = asText((0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .getValue */ ._W)(values, trigger.tagValue));
    return {
        ...(repository !== undefined ? { repository: (prefix ?? '') + repository } : {}),
        ...(tag !== undefined ? { tag } : {}),
    };
}


/***/ }),

/***/ 89876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $N: () => (/* binding */ deepMerge),
/* harmony export */   KY: () => (/* binding */ setValue),
/* harmony export */   _$: () => (/* binding */ splitKey),
/* harmony export */   _W: () => (/* binding */ getValue)
/* harmony export */ });
/** Splits a dotted value key: `a.b` → [a, b]; `\.` is a literal dot (`prometheus\.io/scrape`). */
function splitKey(key) {
    const parts = [];
    let current = '';
    for (let i = 0; i < key.length; i++) {
        const ch = key[i];
        if (ch === '\\' && key[i + 1] === '.') {
            current += '.';
            i++;
        }
        else if (ch === '.') {
            parts.push(current);
            current = '';
        }
        else {
            current += ch;
        }
    }
    parts.push(current);
    return parts;
}
function isMap(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function getValue(values, key) {
    let node = values;
    for (const part of splitKey(key)) {
        if (!isMap(node) || !Object.hasOwn(node, part))
            return undefined;
        node = node[part];
    }
    return node;
}
/** Sets a dotted key, creating (or replacing non-map) intermediate maps. */
function setValue(values, key, value) {
    const parts = splitKey(key);
    let node = values;
    for (const part of parts.slice(0, -1)) {
        // Own properties only: `node['__proto__']` would otherwise walk into Object.prototype.
        const next = Object.hasOwn(node, part) ? node[part] : undefined;
        if (isMap(next)) {
            node = next;
        }
        else {
            const created = {};
            defineOwn(node, part, created);
            node = created;
        }
    }
    defineOwn(node, parts.at(-1), value);
}
/** Plain assignment would let a `__proto__` key reach the prototype; define an own property instead. */
function defineOwn(target, key, value) {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
/** Deep-merges `overlay` into `base` (in place): maps merge, everything else (lists too) replaces. */
function deepMerge(base, overlay) {
    for (const [key, value] of Object.entries(overlay)) {
        const existing = Object.hasOwn(base, key) ? base[key] : undefined;
        if (isMap(existing) && isMap(value)) {
            deepMerge(existing, value);
        }
        else {
            defineOwn(base, key, structuredClone(value));
        }
    }
    return base;
}


/***/ }),

/***/ 62905:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseTag)
/* harmony export */ });
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);

const TAG_PATTERN = /^(?<prefix>v?)(?<major>0|[1-9]\d*)(?:\.(?<minor>0|[1-9]\d*))?(?:\.(?<patch>0|[1-9]\d*))?(?<pre>-[0-9A-Za-z.-]+)?(?<build>\+[0-9A-Za-z.-]+)?$/;
function parseTag(tag) {
    const match = TAG_PATTERN.exec(tag);
    if (!match?.groups)
        return undefined;
    const { prefix = '', major, minor, patch, pre = '', build = '' } = match.groups;
    const parts = patch !== undefined ? 3 : minor !== undefined ? 2 : 1;
    // A patch without a minor cannot match the pattern, so `parts` describes the spelling exactly.
    const version = semver__WEBPACK_IMPORTED_MODULE_0___default().parse(`${major}.${minor ?? '0'}.${patch ?? '0'}${pre}${build}`);
    if (!version)
        return undefined;
    return { raw: tag, prefix: prefix, parts, version, prerelease: version.prerelease.length > 0 };
}


/***/ })

};
