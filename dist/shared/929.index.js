export const id = 929;
export const ids = [929];
export const modules = {

/***/ 87553:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  G: () => (/* binding */ applyEnvironment)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/concurrency/map-limited.ts
var map_limited = __webpack_require__(71810);
// EXTERNAL MODULE: ./src/helm/helm.ts + 1 modules
var helm = __webpack_require__(15208);
// EXTERNAL MODULE: ./src/exec/run.ts
var run = __webpack_require__(86044);
// EXTERNAL MODULE: ./src/exec/quote.ts
var quote = __webpack_require__(96197);
// EXTERNAL MODULE: ./src/model/grammar.ts
var grammar = __webpack_require__(9600);
;// CONCATENATED MODULE: ./src/kube/kubectl.ts



/** The field manager kubecd's server-side applies own their fields as. */
const FIELD_MANAGER = 'kubecd';
/** A value kubecd refuses to hand to kubectl; the message names the value's role and what was expected. */
class KubectlArgumentError extends Error {
}
function checkNamespace(value) {
    if (!(0,grammar/* isNamespace */.GW)(value))
        throw new KubectlArgumentError(`refusing to run kubectl: namespace ${(0,quote/* quoted */.T)(value)} is not a valid namespace (a DNS-1123 label)`);
    return value;
}
function checkPlain(role, value) {
    if (!(0,grammar/* isPlainArgument */.Ev)(value))
        throw new KubectlArgumentError(`refusing to run kubectl: ${role} ${(0,quote/* quoted */.T)(value)} is not a plain value (not empty, not starting with "-", no control characters)`);
    return value;
}
/** Every value goes in the `--flag=VALUE` form, so none can be read as a flag of its own. */
function kubectlTargetArgs(target) {
    const args = [];
    if (target.kubeconfig)
        args.push(`--kubeconfig=${checkPlain('kubeconfig path', target.kubeconfig)}`);
    if (target.context)
        args.push(`--context=${checkPlain('kube context', target.context)}`);
    return args;
}
function fileArgs(file, namespace, target) {
    return [`--namespace=${checkNamespace(namespace)}`, `--filename=${checkPlain('resource file', file)}`, ...kubectlTargetArgs(target)];
}
function applyFileArgs(file, namespace, target, mode = 'apply') {
    const args = ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...fileArgs(file, namespace, target)];
    if (mode === 'dry-run')
        args.push('--dry-run=server');
    return args;
}
/** `kubectl apply --server-side` of one resource file into `namespace`. */
function applyFile(kubectl, file, namespace, target, mode = 'apply') {
    return (0,run/* run */.e)(kubectl, applyFileArgs(file, namespace, target, mode));
}
function diffFileArgs(file, namespace, target) {
    return ['diff', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...fileArgs(file, namespace, target)];
}
/** `kubectl diff --server-side`: exit 0 no change, 1 changes, >1 error. */
function diffFile(kubectl, file, namespace, target) {
    return (0,run/* run */.e)(kubectl, diffFileArgs(file, namespace, target), {
        // kubectl diff shells out to KUBECTL_EXTERNAL_DIFF or `diff -u -N`; keep it plain.
        env: { ...process.env, KUBECTL_EXTERNAL_DIFF: '' },
    });
}
/** The Secrets of `namespace` that match `selector`, as kubectl's JSON list. */
function getSecretsArgs(namespace, selector, target) {
    return ['get', 'secrets', `--namespace=${checkNamespace(namespace)}`, `--selector=${checkPlain('selector', selector)}`, '--output=json', ...kubectlTargetArgs(target)];
}
function getSecrets(kubectl, namespace, selector, target) {
    return (0,run/* run */.e)(kubectl, getSecretsArgs(namespace, selector, target));
}
function createNamespaceArgs(namespace, target) {
    // kubectl create drops what follows `--`; the checked name cannot read as a flag anyway.
    return ['create', 'namespace', checkNamespace(namespace), ...kubectlTargetArgs(target)];
}
/** Creates the namespace unless it exists (an AlreadyExists answer counts as success). */
async function ensureNamespace(kubectl, namespace, target) {
    const result = await (0,run/* run */.e)(kubectl, createNamespaceArgs(namespace, target));
    if (result.code !== 0 && /AlreadyExists|already exists/.test(result.stderr))
        return { ...result, code: 0 };
    return result;
}

// EXTERNAL MODULE: ./src/model/problems.ts
var problems = __webpack_require__(99437);
// EXTERNAL MODULE: ./src/helm/release-inputs.ts
var release_inputs = __webpack_require__(89371);
// EXTERNAL MODULE: ./src/fs/temp-dir.ts
var temp_dir = __webpack_require__(78995);
// EXTERNAL MODULE: ./src/kube/access.ts
var access = __webpack_require__(24979);
;// CONCATENATED MODULE: ./src/deploy/cluster-access.ts

/**
 * Opens the environment's cluster. Each cloud's libraries are loaded only on its own path: they are large,
 * and every other path starts faster without them.
 */
async function openClusterAccess(repoPath, environment, options, onSecret) {
    if (options.access)
        return { access: options.access };
    const context = { repoPath, environment, options, onSecret };
    const provider = environment.cluster.provider;
    switch (provider.kind) {
        case 'existingContext': return openExistingContext(provider, context);
        case 'gke': return openGke(provider, context);
        case 'eks': return openEks(provider, context);
        case 'aks': return openAks(provider, context);
    }
}
const openExistingContext = async (provider, { repoPath, options }) => {
    const declared = provider.kubeconfig ? repoPath(provider.kubeconfig) : undefined;
    const kubeconfig = declared ?? options.kubeconfig;
    const context = options.context ?? provider.context;
    return { access: (0,access/* existingAccess */.G)({ ...(kubeconfig ? { kubeconfig } : {}), ...(context ? { context } : {}) }) };
};
const openGke = async (provider, { environment, options, onSecret }) => {
    const [{ googleAuth }, { openGkeAccess }, { lookupAddress }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(324), __webpack_require__.e(492), __webpack_require__.e(437)]).then(__webpack_require__.bind(__webpack_require__, 42437)),
        Promise.all(/* import() */[__webpack_require__.e(324), __webpack_require__.e(492), __webpack_require__.e(244)]).then(__webpack_require__.bind(__webpack_require__, 45244)),
        __webpack_require__.e(/* import() */ 220).then(__webpack_require__.bind(__webpack_require__, 51220)),
    ]);
    const auth = googleAuth(options.workloadIdentity);
    const access = await openGkeAccess(provider, { auth, namespace: environment.namespace, onSecret });
    return { access, lookupAddress: (project, region, name) => lookupAddress(auth, project, region, name) };
};
const openEks = async (provider, { environment, options, onSecret }) => {
    const [{ awsCredentials }, { stsEndpoint }, { openEksAccess }] = await Promise.all([__webpack_require__.e(/* import() */ 671).then(__webpack_require__.bind(__webpack_require__, 81671)), __webpack_require__.e(/* import() */ 303).then(__webpack_require__.bind(__webpack_require__, 25303)), __webpack_require__.e(/* import() */ 509).then(__webpack_require__.bind(__webpack_require__, 29509))]);
    const roleArn = provider.roleArn ?? options.awsRoleArn;
    const credentials = await awsCredentials({
        region: provider.region, endpoint: stsEndpoint(provider.region), sessionName: `kubecd-${environment.name}`, onSecret,
        ...(roleArn ? { roleArn } : {}), ...(options.githubOidcToken ? { githubOidcToken: options.githubOidcToken } : {}),
    });
    return { access: await openEksAccess(provider, { credentials, namespace: environment.namespace, onSecret }) };
};
const openAks = async (provider, { environment, options, onSecret }) => {
    const [{ azureCredential }, { openAksAccess }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(324), __webpack_require__.e(669), __webpack_require__.e(276), __webpack_require__.e(98)]).then(__webpack_require__.bind(__webpack_require__, 71098)), Promise.all(/* import() */[__webpack_require__.e(324), __webpack_require__.e(669), __webpack_require__.e(276), __webpack_require__.e(725)]).then(__webpack_require__.bind(__webpack_require__, 14725))]);
    const clientId = provider.clientId ?? options.azureClientId;
    const credential = azureCredential({ tenantId: provider.tenantId, ...(clientId ? { clientId } : {}), ...(options.githubOidcToken ? { githubOidcToken: options.githubOidcToken } : {}), onSecret });
    return { access: await openAksAccess(provider, { credential, namespace: environment.namespace, onSecret }) };
};

// EXTERNAL MODULE: ./src/fs/confined.ts
var confined = __webpack_require__(58755);
// EXTERNAL MODULE: ./src/deploy/types.ts
var types = __webpack_require__(44130);
;// CONCATENATED MODULE: ./src/deploy/repo-paths.ts
/**
 * The repository paths apply hands to helm and kubectl, resolved again at use time: lint checked them, but a
 * symlink swapped in since (or a loader that missed one) must still never lead helm or kubectl outside.
 */


/** Root-relative path -> its real absolute path, for every file and chart folder of `releases`. */
async function resolveRepoPaths(repoRoot, environment, releases) {
    const root = await (0,confined/* confinedRoot */.bP)(repoRoot);
    const resolved = new Map();
    const refusals = [];
    const files = new Set([...environment.resourceFiles, ...releases.flatMap((r) => r.resourceFiles)]);
    if (environment.cluster.provider.kind === 'existingContext' && environment.cluster.provider.kubeconfig)
        files.add(environment.cluster.provider.kubeconfig);
    const charts = new Set(releases.flatMap((r) => (r.chart.kind === 'dir' ? [r.chart.dir] : [])));
    await Promise.all([
        ...[...files].map(async (file) => {
            const found = await (0,confined/* statConfined */.lH)(root, file);
            if ((0,confined/* isRefused */.H0)(found))
                refusals.push(`\`${file}\` ${found.refused.message}`);
            else if (found.kind !== 'file')
                refusals.push(`\`${file}\` is a directory; expected a file`);
            else
                resolved.set(file, found.real);
        }),
        ...[...charts].map(async (dir) => {
            const found = await (0,confined/* checkChartDirectory */.ei)(root, dir);
            if ((0,confined/* isRefused */.H0)(found))
                refusals.push(`chart directory \`${dir}\` ${found.refused.message}`);
            else
                resolved.set(dir, found.real);
        }),
    ]);
    if (refusals.length > 0)
        throw new types/* DeployError */.s(`refusing to deploy: ${refusals.sort().join('; ')}`);
    return (file) => {
        const real = resolved.get(file);
        if (real === undefined)
            throw new types/* DeployError */.s(`refusing to deploy: \`${file}\` was not resolved inside the repository`);
        return real;
    };
}

// EXTERNAL MODULE: ./src/deploy/request.ts
var request = __webpack_require__(84046);
;// CONCATENATED MODULE: ./src/deploy/deployed.ts
/**
 * What is deployed in a namespace, read with ONE `kubectl get secrets`: Helm's storage (the Secrets driver)
 * says which releases are installed, and kubecd's own record Secret holds the fingerprint of the resource
 * files it last applied, so an unchanged environment costs that one read and nothing else.
 */
const FINGERPRINT_LABEL = 'kubecd.io/fingerprint';
const MANAGED_BY_LABEL = 'kubecd.io/managed-by';
const MANAGED_BY_VALUE = 'kubecd';
/** The Secrets Helm keeps one per release revision carry these labels (Helm 3 and 4). */
const HELM_STORAGE_SELECTOR = 'owner=helm';
/** kubecd's record of the resource files it applied: one Secret per namespace, with no data, only labels. */
const RESOURCES_RECORD_NAME = 'kubecd-resource-files';
const RECORD_OWNER = 'kubecd';
/** Helm's storage and kubecd's record in one list. */
const NAMESPACE_STATE_SELECTOR = `owner in (helm,${RECORD_OWNER})`;
/** A `kubectl get secrets -l 'owner in (helm,kubecd)' -o json` answer. */
function parseNamespaceState(json) {
    const list = JSON.parse(json);
    const record = (list.items ?? []).find((item) => item.metadata?.name === RESOURCES_RECORD_NAME && item.metadata.labels?.owner === RECORD_OWNER);
    const resourceFingerprint = record?.metadata?.labels?.[FINGERPRINT_LABEL];
    return { releases: parseHelmStorage(json), ...(resourceFingerprint ? { resourceFingerprint } : {}) };
}
/** The record Secret saying the resource files with fingerprint `print` were all applied. */
function resourcesRecord(print) {
    return {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'Opaque',
        metadata: { name: RESOURCES_RECORD_NAME, labels: { owner: RECORD_OWNER, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [FINGERPRINT_LABEL]: print } },
    };
}
/** The newest revision of every release in a `kubectl get secrets -l owner=helm -o json` answer. */
function parseHelmStorage(json) {
    const list = JSON.parse(json);
    const releases = new Map();
    for (const item of list.items ?? []) {
        const labels = item.metadata?.labels ?? {};
        if (labels.owner !== 'helm')
            continue;
        const name = labels.name;
        const revision = Number(labels.version);
        if (!name || !Number.isInteger(revision))
            continue;
        const known = releases.get(name);
        if (known && known.revision >= revision)
            continue;
        releases.set(name, {
            name,
            revision,
            status: labels.status ?? 'unknown',
            ...(labels[FINGERPRINT_LABEL] ? { fingerprint: labels[FINGERPRINT_LABEL] } : {}),
            managedByKubecd: labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE,
        });
    }
    return releases;
}
/** The fingerprint that counts: only a successfully deployed newest revision proves the inputs are live. */
function liveFingerprint(release) {
    return release?.status === 'deployed' ? release.fingerprint : undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/deploy/fingerprint.ts



/** Bumped when what goes into a fingerprint changes, so old labels stop matching. */
const FINGERPRINT_VERSION = 1;
/** Kubernetes label values hold at most 63 characters. */
const FINGERPRINT_LENGTH = 56;
/** JSON with object keys sorted at every level: equal values give equal text. */
function canonicalJson(value) {
    return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value !== null && typeof value === 'object') {
        const sorted = {};
        for (const key of Object.keys(value).sort())
            sorted[key] = sortKeys(value[key]);
        return sorted;
    }
    return value;
}
/** Every file below `dir` as [path relative to dir with forward slashes, sha256 of its bytes], sorted by path. */
async function directoryDigests(dir) {
    const entries = await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).map((e) => (0,external_node_path_.join)(e.parentPath, e.name));
    const digests = await Promise.all(files.map(async (file) => [(0,external_node_path_.relative)(dir, file).split(external_node_path_.sep).join('/'), (0,external_node_crypto_.createHash)('sha256').update(await (0,promises_.readFile)(file)).digest('hex')]));
    return digests.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
/** What identifies the chart: its files for a local dir; the reference and version for repo and OCI charts. */
async function chartIdentity(chart, absoluteDir, version) {
    switch (chart.kind) {
        case 'dir':
            return { kind: 'dir', files: await directoryDigests(absoluteDir(chart.dir)) };
        case 'repo':
            return { kind: 'repo', reference: chart.reference, repoUrl: chart.repoUrl ?? null, version: version ?? chart.version };
        case 'oci':
            return { kind: 'oci', reference: chart.reference, version: version ?? chart.version };
    }
}
/** sha256 over the resource files (their paths and bytes) and the namespace, shortened to fit a label value. */
async function resourceFilesFingerprint(files, absolute, namespace) {
    const digests = await Promise.all(files.map(async (file) => [file, (0,external_node_crypto_.createHash)('sha256').update(await (0,promises_.readFile)(absolute(file))).digest('hex')]));
    const text = canonicalJson({ v: FINGERPRINT_VERSION, resourceFiles: digests, namespace });
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, FINGERPRINT_LENGTH);
}
/** sha256 over everything that decides what a release deploys, shortened to fit a label value. */
function fingerprint(input) {
    const text = canonicalJson({ v: FINGERPRINT_VERSION, chart: input.chart, values: input.values, namespace: input.namespace });
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, FINGERPRINT_LENGTH);
}

// EXTERNAL MODULE: ./node_modules/diff/libesm/patch/create.js + 2 modules
var create = __webpack_require__(37291);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/deploy/manifest-diff.ts


const REDACTED = '(redacted)';
const REDACTED_CHANGED = '(redacted, changed)';
/**
 * The objects of a multi-document manifest (helm template or helm get manifest output), keyed
 * kind/namespace/name. Hooks are left out: `helm template` prints them, `helm get manifest` does not.
 */
function manifestObjects(manifest) {
    const objects = new Map();
    for (const document of (0,dist/* parseAllDocuments */.hR)(manifest)) {
        for (const object of listItems(document.toJS()))
            add(objects, object);
    }
    return objects;
}
const MAX_LIST_DEPTH = 8;
/**
 * A `kind: List` (or `SecretList`, any `*List` with `items`) stands for its items, as kubectl and helm apply
 * them: flattened, so a Secret inside one is redacted like any other. Items of a `FooList` without a kind are Foos.
 */
function listItems(value, depth = 0) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        return [];
    const object = value;
    const kind = typeof object.kind === 'string' ? object.kind : '';
    if (!kind.endsWith('List') || !Array.isArray(object.items))
        return [object];
    // Deeper than any real manifest nests: dropped, never shown unredacted.
    if (depth >= MAX_LIST_DEPTH)
        return [];
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    return object.items.flatMap((item) => {
        if (itemKind && item !== null && typeof item === 'object' && !Array.isArray(item) && item.kind === undefined) {
            return listItems({ apiVersion: object.apiVersion, kind: itemKind, ...item }, depth + 1);
        }
        return listItems(item, depth + 1);
    });
}
function add(objects, object) {
    const metadata = (object.metadata ?? {});
    const annotations = (metadata.annotations ?? {});
    if (annotations['helm.sh/hook'] !== undefined)
        return;
    const key = `${String(object.kind ?? '?')}/${String(metadata.namespace ?? '')}/${String(metadata.name ?? '?')}`;
    objects.set(objects.has(key) ? `${key}#${objects.size}` : key, object);
}
function isSecret(object) {
    return object?.kind === 'Secret' && (object.apiVersion === 'v1' || object.apiVersion === undefined);
}
function secretEntries(object) {
    const entries = new Map();
    const data = (object.data ?? {});
    const stringData = (object.stringData ?? {});
    for (const [key, value] of Object.entries(data))
        entries.set(key, String(value));
    // stringData is written over data by the API server; compare in the same encoding.
    for (const [key, value] of Object.entries(stringData))
        entries.set(key, Buffer.from(String(value)).toString('base64'));
    return entries;
}
/**
 * Replaces every value under a Secret's `data` and `stringData` with a marker, in place. On the declared side,
 * a key whose value differs from (or is missing in) the deployed `other` is marked changed, so a diff still
 * shows WHICH keys change, never how.
 */
function redactSecret(object, other, side = 'declared') {
    if (!isSecret(object))
        return;
    const mine = secretEntries(object);
    const theirs = other && isSecret(other) ? secretEntries(other) : new Map();
    for (const field of ['data', 'stringData']) {
        const values = object[field];
        if (values === null || typeof values !== 'object')
            continue;
        const redacted = {};
        for (const key of Object.keys(values))
            redacted[key] = side === 'declared' && theirs.get(key) !== mine.get(key) ? REDACTED_CHANGED : REDACTED;
        object[field] = redacted;
    }
}
/** Both manifests with Secret values redacted, as comparable text: one YAML document per object, sorted by key. */
function comparableManifests(current, desired) {
    const currentObjects = manifestObjects(current);
    const desiredObjects = manifestObjects(desired);
    for (const [key, object] of desiredObjects)
        redactSecret(object, currentObjects.get(key), 'declared');
    for (const object of currentObjects.values())
        redactSecret(object, undefined, 'deployed');
    const text = (objects) => [...objects.keys()].sort().map((key) => `# ${key}\n${(0,dist/* stringify */.As)(objects.get(key), { sortMapEntries: true })}`).join('---\n');
    return { current: text(currentObjects), desired: text(desiredObjects) };
}
/** A unified diff of what deploying `desired` over `current` changes, Secret values redacted; '' when nothing does. */
function manifestDiff(release, current, desired) {
    const sides = comparableManifests(current, desired);
    if (sides.current === sides.desired)
        return '';
    const patch = (0,create/* createTwoFilesPatch */.ss)(`${release} (deployed)`, `${release} (declared)`, sides.current, sides.desired, undefined, undefined, { context: 3 });
    // Drop the "===" banner line; keep the ---/+++ header and hunks.
    return patch.split('\n').filter((line) => !/^=+$/.test(line)).join('\n').trimEnd() + '\n';
}
/**
 * kubectl diff prints Secrets as they are (it splits a List into its items, so each Secret gets its own header).
 * Its per-object headers name the object (`.../v1.Secret.NS.NAME`); inside a Secret, values under data/stringData
 * become a marker, so the diff shows which keys change, not how. Lines indented below a key (a block scalar's
 * text) are values too, and are dropped into the marker.
 */
function redactKubectlDiff(diff) {
    let inSecret = false;
    let inData = false;
    let keyIndent;
    return diff
        .split('\n')
        .map((line) => {
        if (/^(diff |--- |\+\+\+ )/.test(line)) {
            if (line.startsWith('diff ') || line.startsWith('--- '))
                inSecret = /\/v1\.Secret\./.test(line);
            inData = false;
            return line;
        }
        if (line.startsWith('@@'))
            return line;
        const body = line.slice(1);
        if (/^(data|stringData):/.test(body)) {
            inData = true;
            keyIndent = undefined;
            // A flow mapping (`data: {a: b}`) holds its values on this very line.
            return inSecret && !/^(data|stringData):\s*$/.test(body) ? `${line[0] ?? ' '}${body.replace(/:.*$/, `: ${REDACTED}`)}` : line;
        }
        if (/^\S/.test(body))
            inData = false;
        if (!inSecret || !inData || body.trim() === '')
            return line;
        const indent = body.length - body.trimStart().length;
        keyIndent ??= indent;
        if (indent > keyIndent)
            return `${line[0] ?? ' '}${' '.repeat(indent)}${REDACTED}`;
        return `${line[0] ?? ' '}${body.replace(/^(\s*("[^"]*"|'[^']*'|[^:\s][^:]*)):.*$/, `$1: ${REDACTED}`)}`;
    })
        .join('\n');
}

// EXTERNAL MODULE: ./src/repo/secrets.ts
var secrets = __webpack_require__(23737);
;// CONCATENATED MODULE: ./src/deploy/value-from.ts
/** `us-central1-b` -> `us-central1`; a region stays itself. */
function regionOfLocation(location) {
    return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location) ? location.replace(/-[a-z]$/, '') : location;
}
/** The settings with a `valueFrom` that these releases (and the environment's defaults) use. */
function valueFromSettings(environment, releases) {
    const settings = [...environment.defaultValues, ...releases.flatMap((r) => r.values)];
    return settings.filter((s) => s.valueFrom !== undefined);
}
/**
 * Resolves every `valueFrom` up front (lookups are asynchronous; composing values is not) and returns a
 * resolver for composeValues. A lookup that failed throws from the resolver, so only the releases using it
 * fail, each with the reason.
 */
async function resolveValueFroms(environment, settings, lookup) {
    const results = new Map();
    const byAddress = new Map();
    const provider = environment.cluster.provider;
    await Promise.all(settings.map(async (setting) => {
        const ref = setting.valueFrom.gceAddress;
        const name = ref.name ?? (ref.nameFromClusterParam ? environment.cluster.parameters[ref.nameFromClusterParam] : undefined);
        try {
            if (!name)
                throw new Error(`cluster ${environment.cluster.name} has no parameter "${ref.nameFromClusterParam}" for the address name`);
            if (provider.kind !== 'gke')
                throw new Error(`valueFrom gceResource needs a gke cluster; cluster ${environment.cluster.name} is ${provider.kind}`);
            if (!lookup)
                throw new Error('no Google credentials to look up Compute Engine addresses');
            const location = provider.region ?? provider.zone;
            const region = ref.isGlobal ? undefined : location ? regionOfLocation(location) : undefined;
            if (!ref.isGlobal && !region)
                throw new Error(`cluster ${environment.cluster.name} has no zone or region for a regional address`);
            const key = `${provider.project}/${region ?? 'global'}/${name}`;
            let pending = byAddress.get(key);
            if (!pending)
                byAddress.set(key, (pending = lookup(provider.project, region, name)));
            results.set(setting, { value: await pending });
        }
        catch (error) {
            results.set(setting, { error: `${setting.key} (${setting.pos.file}:${setting.pos.line}): ${error.message}` });
        }
    }));
    return (setting) => {
        const result = results.get(setting);
        if (!result)
            throw new Error(`${setting.key}: valueFrom was not resolved`);
        if ('error' in result)
            throw new Error(result.error);
        return result.value;
    };
}

// EXTERNAL MODULE: ./src/helm/values-file.ts
var values_file = __webpack_require__(88035);
;// CONCATENATED MODULE: ./src/deploy/apply.ts


















/** Makes one environment's namespace match its declarations (or, in plan / dry-run mode, shows how it would). */
async function applyEnvironment(request) {
    const started = performance.now();
    const { loaded, logger } = request;
    if ((0,problems/* hasErrors */.Cs)(loaded.problems))
        throw new types/* DeployError */.s('the deployments repo has errors; nothing was deployed');
    const environment = loaded.repo.environments.find((e) => e.name === request.environment);
    if (!environment) {
        throw new types/* DeployError */.s(`no environment "${request.environment}" (known: ${loaded.repo.environments.map((e) => e.name).join(', ') || 'none'})`);
    }
    const releases = selectReleases(environment, request.releases);
    // Masked before anything is printed: helm repeats a --repo URL (and its password) in its errors.
    const redactor = (0,secrets/* repoSecrets */.G)(loaded, (value) => logger.secret(value));
    const repoPath = await resolveRepoPaths(loaded.repo.root, environment, releases);
    const { access, lookupAddress } = await openClusterAccess(repoPath, environment, request.credentials ?? {}, (value) => logger.secret(value));
    try {
        logger.info(`${request.mode} environment ${environment.name}: namespace ${environment.namespace} on ${access.description}; ${releases.length} release(s), helm ${request.helm.version}`);
        const resolver = await resolveValueFroms(environment, valueFromSettings(environment, releases), lookupAddress);
        const run = new EnvironmentRun(request, environment, access, resolver, redactor, repoPath);
        // One read says what is installed and which resource files were last applied; plan needs it too.
        const state = await run.namespaceState();
        const deployed = state?.releases;
        const resources = await run.environmentResources(environment.resourceFiles, state);
        const outcomes = await run.releases(releases, deployed ?? new Map());
        resources.push(...run.releaseResources);
        const pruned = request.prune && !request.signal?.aborted ? await run.prune(deployed) : [];
        const failed = outcomes.some((o) => o.result === 'failed') || resources.some((r) => r.result === 'failed') || pruned.some((p) => p.result === 'failed');
        return {
            environment: environment.name,
            namespace: environment.namespace,
            mode: request.mode,
            cluster: access.description,
            resources,
            releases: outcomes,
            pruned,
            failed,
            durationMs: Math.round(performance.now() - started),
        };
    }
    finally {
        await access.close();
    }
}
function selectReleases(environment, names) {
    if (!names || names.length === 0)
        return environment.releases;
    const unknown = names.filter((n) => !environment.releases.some((r) => r.name === n));
    if (unknown.length > 0) {
        throw new types/* DeployError */.s(`environment "${environment.name}" has no release ${unknown.map((n) => `"${n}"`).join(', ')} (declared: ${environment.releases.map((r) => r.name).join(', ') || 'none'})`);
    }
    return environment.releases.filter((r) => names.includes(r.name));
}
function firstLine(text) {
    return text.trim().split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}
/** The state of one run over one environment. */
class EnvironmentRun {
    request;
    environment;
    access;
    resolveValueFrom;
    redactor;
    repoPath;
    releaseResources = [];
    stopping = false;
    constructor(request, environment, access, resolveValueFrom, redactor, repoPath) {
        this.request = request;
        this.environment = environment;
        this.access = access;
        this.resolveValueFrom = resolveValueFrom;
        this.redactor = redactor;
        this.repoPath = repoPath;
    }
    /** A command's error for the log and summary, known secrets masked. */
    errorOf(result) {
        return this.redactor.redact((result.stderr.trim() || result.stdout.trim() || `exit code ${result.code}`).replace(/^Error: /, ''));
    }
    lines(text) {
        return this.redactor.redact(text.trim()).split('\n').filter((line) => line.trim() !== '');
    }
    get namespace() {
        return this.environment.namespace;
    }
    /** The real path of a resource file or chart folder, resolved inside the repository before the run. */
    absolute(file) {
        return this.repoPath(file);
    }
    async resourceFiles(files, release, log) {
        const { mode } = this.request;
        const outcomes = [];
        if (files.length > 0 && mode === 'apply' && this.request.createNamespace && !release) {
            await this.access.fresh();
            const created = await ensureNamespace(this.request.kubectl, this.namespace, this.access.target);
            if (created.code !== 0)
                this.request.logger.warning(`cannot create namespace ${this.namespace}: ${this.errorOf(created)}`);
        }
        for (const file of files) {
            const started = performance.now();
            await this.access.fresh();
            const outcome = { file, ...(release ? { release } : {}), result: 'applied', durationMs: 0 };
            if (mode === 'plan') {
                const result = await diffFile(this.request.kubectl, this.absolute(file), this.namespace, this.access.target);
                if (result.code === 0)
                    outcome.result = 'no-changes';
                else if (result.code === 1 && result.stdout.trim() !== '')
                    Object.assign(outcome, { result: 'changes', diff: this.redactor.redact(redactKubectlDiff(result.stdout)) });
                else
                    Object.assign(outcome, { result: 'failed', error: this.errorOf(result) });
            }
            else {
                const result = await applyFile(this.request.kubectl, this.absolute(file), this.namespace, this.access.target, mode === 'dry-run' ? 'dry-run' : 'apply');
                if (result.code === 0)
                    outcome.result = mode === 'dry-run' ? 'dry-run' : 'applied';
                else
                    Object.assign(outcome, { result: 'failed', error: this.errorOf(result) });
                (log ?? []).push(`kubectl apply ${file}: ${outcome.result}`, ...this.lines(result.stdout));
            }
            outcome.durationMs = Math.round(performance.now() - started);
            if (!release) {
                const lines = outcome.error ? [outcome.error] : outcome.diff ? outcome.diff.split('\n') : [];
                this.request.logger.group(`resource file ${file}: ${outcome.result}`, lines);
            }
            else if (outcome.error) {
                (log ?? []).push(`resource file ${file} failed: ${outcome.error}`);
            }
            outcomes.push(outcome);
        }
        return outcomes;
    }
    /** Every Helm release in the namespace and kubecd's resource record, from one read of their Secrets. */
    async namespaceState() {
        await this.access.fresh();
        const result = await getSecrets(this.request.kubectl, this.namespace, NAMESPACE_STATE_SELECTOR, this.access.target);
        if (result.code !== 0) {
            const consequence = this.request.mode === 'plan' ? 'each release is compared with helm get manifest' : 'every release and resource file will be applied';
            this.request.logger.warning(`cannot read the Helm releases of namespace ${this.namespace} (${consequence}): ${this.errorOf(result)}`);
            return undefined;
        }
        try {
            return parseNamespaceState(result.stdout);
        }
        catch {
            this.request.logger.warning(`kubectl's list of the Secrets of namespace ${this.namespace} is not JSON; every release and resource file will be applied`);
            return undefined;
        }
    }
    /**
     * The environment's resource files: left alone in apply mode when their fingerprint is the one kubecd
     * recorded after last applying them all (unless forced); the record is rewritten after a full apply.
     */
    async environmentResources(files, state) {
        if (files.length === 0)
            return [];
        const { mode, force } = this.request;
        if (mode !== 'apply')
            return this.resourceFiles(files);
        const print = await resourceFilesFingerprint(files, (file) => this.absolute(file), this.namespace);
        if (!force && state?.resourceFingerprint === print) {
            this.request.logger.group(`resource files: unchanged (fingerprint ${print})`, files);
            return files.map((file) => ({ file, result: 'unchanged', durationMs: 0 }));
        }
        const outcomes = await this.resourceFiles(files);
        if (outcomes.every((o) => o.result === 'applied'))
            await this.recordResources(print);
        return outcomes;
    }
    async recordResources(print) {
        const dir = await (0,temp_dir/* privateTempDir */.n)('kubecd-record-');
        try {
            const file = (0,external_node_path_.join)(dir, 'record.json');
            await (0,promises_.writeFile)(file, JSON.stringify(resourcesRecord(print)), { mode: 0o600 });
            await this.access.fresh();
            const result = await applyFile(this.request.kubectl, file, this.namespace, this.access.target, 'apply');
            if (result.code !== 0)
                this.request.logger.warning(`cannot record the applied resource files (they will be applied again next run): ${this.errorOf(result)}`);
        }
        finally {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    }
    async releases(releases, deployed) {
        const concurrency = Math.max(1, this.request.concurrency ?? Number(request/* APPLY_SETTINGS */.rd.concurrency.default));
        return (0,map_limited/* mapLimited */.b)(releases, concurrency, async (release) => {
            if (this.stopping) {
                return { name: release.name, result: 'not-started', reason: 'not started: an earlier release failed (fail-fast)', durationMs: 0 };
            }
            if (this.request.signal?.aborted) {
                return { name: release.name, result: 'not-started', reason: 'not started: kubecd is shutting down', durationMs: 0 };
            }
            const log = [];
            const started = performance.now();
            let outcome;
            try {
                outcome = await this.release(release, deployed.get(release.name), log);
            }
            catch (error) {
                const message = this.redactor.redact(error.message);
                outcome = { name: release.name, result: 'failed', reason: firstLine(message), error: message };
            }
            if (outcome.result === 'failed' && this.request.failFast)
                this.stopping = true;
            const durationMs = Math.round(performance.now() - started);
            if (outcome.error)
                log.push(`error: ${outcome.error}`);
            if (outcome.diff)
                log.push(...outcome.diff.trimEnd().split('\n'));
            this.request.logger.group(`${release.name}: ${outcome.result} — ${outcome.reason} (${(durationMs / 1000).toFixed(1)} s)`, log);
            return { ...outcome, durationMs };
        });
    }
    async release(release, deployed, log) {
        const { request } = this;
        const absoluteDir = (dir) => this.absolute(dir);
        const { values, chart, chartVersion } = (0,release_inputs/* releaseInputs */.z)(request.loaded, this.environment, release, { absoluteDir, resolveValueFrom: this.resolveValueFrom });
        const print = fingerprint({ chart: await chartIdentity(release.chart, absoluteDir, chartVersion), values, namespace: this.namespace });
        const base = { name: release.name, fingerprint: print };
        log.push(`chart ${(0,helm/* describeChart */.cL)(chart)}`, `fingerprint ${print}${deployed ? `; deployed revision ${deployed.revision} (${deployed.status})` : '; not installed'}`);
        if (request.mode === 'plan')
            return this.plan(release, values, chart, base, log);
        const live = liveFingerprint(deployed);
        if (request.mode === 'apply' && !request.force && live === print) {
            return { ...base, result: 'skipped', reason: `unchanged since revision ${deployed.revision}` };
        }
        const resources = await this.resourceFiles(release.resourceFiles, release.name, log);
        this.releaseResources.push(...resources);
        const brokenResource = resources.find((r) => r.result === 'failed');
        if (brokenResource)
            return { ...base, result: 'failed', reason: `resource file ${brokenResource.file} failed: ${firstLine(brokenResource.error ?? '')}`, error: brokenResource.error };
        await this.access.fresh();
        const command = { release: release.name, namespace: this.namespace, chart, valuesFile: '', ...this.access.target };
        const result = await (0,values_file/* withValuesFile */.D)(values, (valuesFile) => (0,helm/* helmUpgrade */.H8)(request.helm, { ...command, valuesFile }, {
            timeout: request.timeout,
            wait: request.wait,
            rollbackOnFailure: request.atomic,
            createNamespace: request.createNamespace,
            dryRun: request.mode === 'dry-run',
            labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [FINGERPRINT_LABEL]: print },
        }));
        if (request.mode === 'apply')
            log.push(...this.lines(result.stdout));
        if (result.code !== 0) {
            const error = this.errorOf(result);
            return { ...base, result: 'failed', reason: firstLine(error), error };
        }
        if (!(0,helm/* printedReleaseStatus */.sh)(result.stdout, release.name)) {
            return { ...base, result: 'failed', reason: 'helm exited 0 but printed no release status, so nothing is known to be deployed', error: 'helm printed no release status' };
        }
        if (request.mode === 'dry-run')
            return { ...base, result: 'dry-run', reason: 'the API server accepted the upgrade (--dry-run=server)' };
        const why = request.force && live === print ? 'forced' : !deployed ? 'installed' : live === undefined && deployed.fingerprint === undefined ? 'upgraded (no fingerprint yet)' : 'inputs changed';
        return { ...base, result: 'applied', reason: why };
    }
    async plan(release, values, chart, base, log) {
        const { request } = this;
        const rendered = await (0,values_file/* withValuesFile */.D)(values, (valuesFile) => (0,helm/* helmTemplate */.Zp)(request.helm, { release: release.name, namespace: this.namespace, chart, valuesFile }));
        if (rendered.code !== 0) {
            const error = this.errorOf(rendered);
            return { ...base, result: 'failed', reason: `does not render: ${firstLine(error)}`, error };
        }
        await this.access.fresh();
        const current = await (0,helm/* helmGetManifest */.IK)(request.helm, release.name, this.namespace, this.access.target);
        if (current.code !== 0 && !(0,helm/* isReleaseNotFound */.Dh)(current)) {
            const error = this.errorOf(current);
            return { ...base, result: 'failed', reason: `cannot read the deployed release: ${firstLine(error)}`, error };
        }
        const installed = current.code === 0;
        const diff = manifestDiff(release.name, installed ? current.stdout : '', rendered.stdout);
        log.push(installed ? 'compared with the deployed manifest' : 'not installed yet');
        if (diff === '')
            return { ...base, result: 'no-changes', reason: 'the deployed manifest matches' };
        return { ...base, result: 'changes', reason: installed ? 'would upgrade' : 'would install', diff };
    }
    /** Uninstalls releases kubecd installed that the environment no longer declares; never anything else. */
    async prune(deployed) {
        const { request } = this;
        if (!deployed)
            return [{ name: '(all)', result: 'failed', error: 'cannot prune: the Helm releases of the namespace could not be read' }];
        const declared = new Set(this.environment.releases.map((r) => r.name));
        const candidates = [...deployed.values()].filter((r) => r.managedByKubecd && !declared.has(r.name)).sort((a, b) => a.name.localeCompare(b.name));
        const outcomes = [];
        for (const candidate of candidates) {
            if (request.mode === 'plan') {
                outcomes.push({ name: candidate.name, result: 'would-prune' });
                continue;
            }
            await this.access.fresh();
            const result = await (0,helm/* helmUninstall */.Js)(request.helm, candidate.name, this.namespace, this.access.target, { timeout: request.timeout, wait: request.wait, dryRun: request.mode === 'dry-run' });
            const outcome = result.code === 0 ? { name: candidate.name, result: request.mode === 'dry-run' ? 'would-prune' : 'pruned' } : { name: candidate.name, result: 'failed', error: this.errorOf(result) };
            outcomes.push(outcome);
            request.logger.group(`prune ${candidate.name}: ${outcome.result}`, outcome.error ? [outcome.error] : []);
        }
        return outcomes;
    }
}


/***/ }),

/***/ 65505:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EL: () => (/* binding */ outcomeText),
/* harmony export */   Iu: () => (/* binding */ outcomeMarkdown),
/* harmony export */   Ko: () => (/* binding */ outcomeLists)
/* harmony export */ });
/** The action's outputs: release names by what happened to them. */
function outcomeLists(outcome) {
    const names = (pick) => outcome.releases.filter(pick).map((r) => r.name);
    return {
        applied: names((r) => r.result === 'applied'),
        skipped: names((r) => r.result === 'skipped'),
        failed: names((r) => r.result === 'failed'),
    };
}
const SUMMARY_DIFF_BUDGET = 800 * 1024; // the job summary holds at most 1 MiB per step
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
function escapeCell(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}
function fence(text, language = '') {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    return `${ticks}${language}\n${text.trimEnd()}\n${ticks}`;
}
/** The job summary: a table of releases (and resource files, pruned releases), then per-release diffs in plan mode. */
function outcomeMarkdown(outcome) {
    const lists = outcomeLists(outcome);
    const lines = [];
    lines.push(`## kubecd ${outcome.mode}: ${outcome.environment}`);
    lines.push('');
    lines.push(`Namespace \`${outcome.namespace}\` — ${escapeCell(outcome.cluster)} — ${outcome.failed ? '**failed**' : 'ok'} in ${seconds(outcome.durationMs)}` +
        (outcome.mode === 'apply' ? ` — ${lists.applied.length} applied, ${lists.skipped.length} skipped, ${lists.failed.length} failed` : ''));
    lines.push('');
    lines.push('| release | result | why | duration |', '| --- | --- | --- | --- |');
    for (const release of outcome.releases) {
        const why = release.error ? `<pre>${escapeCell(release.error)}</pre>` : escapeCell(release.reason);
        lines.push(`| ${escapeCell(release.name)} | ${release.result} | ${why} | ${seconds(release.durationMs)} |`);
    }
    if (outcome.releases.length === 0)
        lines.push('| (none) | | | |');
    if (outcome.resources.length > 0) {
        lines.push('', '| resource file | result | error | duration |', '| --- | --- | --- | --- |');
        for (const resource of outcome.resources) {
            lines.push(`| ${escapeCell(resource.file)}${resource.release ? ` (${escapeCell(resource.release)})` : ''} | ${resource.result} | ${resource.error ? `<pre>${escapeCell(resource.error)}</pre>` : ''} | ${seconds(resource.durationMs)} |`);
        }
    }
    if (outcome.pruned.length > 0) {
        lines.push('', '| pruned release | result | error |', '| --- | --- | --- |');
        for (const pruned of outcome.pruned)
            lines.push(`| ${escapeCell(pruned.name)} | ${pruned.result} | ${pruned.error ? `<pre>${escapeCell(pruned.error)}</pre>` : ''} |`);
    }
    let budget = SUMMARY_DIFF_BUDGET;
    const diffs = [...outcome.resources.map((r) => ({ title: `resource file ${r.file}`, diff: r.diff })), ...outcome.releases.map((r) => ({ title: r.name, diff: r.diff }))];
    for (const { title, diff } of diffs) {
        if (!diff)
            continue;
        lines.push('', `<details><summary>${escapeCell(title)}</summary>`, '');
        if (diff.length > budget)
            lines.push(`The diff (${diff.length} bytes) does not fit in the job summary; see the log.`);
        else {
            lines.push(fence(diff, 'diff'));
            budget -= diff.length;
        }
        lines.push('', '</details>');
    }
    return `${lines.join('\n')}\n`;
}
/** Plain text for a terminal: one line per release, then the diffs. */
function outcomeText(outcome) {
    const rows = [];
    for (const r of outcome.resources)
        rows.push(`resource ${r.file}${r.release ? ` (${r.release})` : ''}: ${r.result}${r.error ? ` — ${r.error.split('\n')[0]}` : ''}`);
    for (const r of outcome.releases)
        rows.push(`${r.name}: ${r.result} — ${r.reason} (${seconds(r.durationMs)})`);
    for (const p of outcome.pruned)
        rows.push(`prune ${p.name}: ${p.result}${p.error ? ` — ${p.error.split('\n')[0]}` : ''}`);
    const diffs = [...outcome.resources, ...outcome.releases].flatMap((r) => ('diff' in r && r.diff ? [r.diff.trimEnd()] : []));
    return [...rows, ...diffs, `${outcome.mode} ${outcome.environment}: ${outcome.failed ? 'FAILED' : 'ok'} in ${seconds(outcome.durationMs)}`].join('\n') + '\n';
}


/***/ }),

/***/ 84046:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bo: () => (/* binding */ deployMode),
/* harmony export */   CG: () => (/* binding */ applyRequest),
/* harmony export */   Qs: () => (/* binding */ helmPath),
/* harmony export */   Xd: () => (/* binding */ checkApplyOptions),
/* harmony export */   eY: () => (/* binding */ ApplyOptionError),
/* harmony export */   rd: () => (/* binding */ APPLY_SETTINGS)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44130);

/** The settings the action's inputs and the CLI's flags share, by the kebab-case name both spell. */
const APPLY_SETTINGS = {
    helm: { type: 'string', default: 'helm' },
    kubectl: { type: 'string', default: 'kubectl' },
    kubeconfig: { type: 'string', file: true },
    concurrency: { type: 'string', default: '4' },
    timeout: { type: 'string', default: '5m' },
    force: { type: 'boolean', default: false },
    prune: { type: 'boolean', default: false },
    wait: { type: 'boolean', default: false },
    atomic: { type: 'boolean', default: false },
    'fail-fast': { type: 'boolean', default: false },
    'create-namespace': { type: 'boolean', default: false },
};
/** A setting with a value the engine cannot take; `problem` reads after the setting's name. */
class ApplyOptionError extends Error {
    option;
    problem;
    constructor(option, problem) {
        super(`${option} ${problem}`);
        this.option = option;
        this.problem = problem;
    }
}
/** The helm binary to detect (detection starts before the repo loads, so it is asked for first). */
function helmPath(options) {
    return options.helm ?? APPLY_SETTINGS.helm.default;
}
function positiveInteger(option, text) {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1)
        throw new ApplyOptionError(option, `must be a positive whole number, not "${text}"`);
    return value;
}
function deployMode(mode) {
    const value = mode ?? 'apply';
    if (!_types_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOY_MODES */ .R.includes(value))
        throw new ApplyOptionError('mode', `must be one of ${_types_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOY_MODES */ .R.join(', ')}, not "${value}"`);
    return value;
}
/** Throws ApplyOptionError for a setting the engine cannot take: the entry points call it before loading anything. */
function checkApplyOptions(options) {
    deployMode(options.mode);
    positiveInteger('concurrency', options.concurrency ?? APPLY_SETTINGS.concurrency.default);
}
/** Checks the options (see checkApplyOptions) and fills in the defaults. */
function applyRequest(options, parts) {
    const s = APPLY_SETTINGS;
    const credentials = {
        ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
        ...(options.context ? { context: options.context } : {}),
        ...(options.workloadIdentity ? { workloadIdentity: options.workloadIdentity } : {}),
        ...(options.azureClientId ? { azureClientId: options.azureClientId } : {}),
        ...(options.awsRoleArn ? { awsRoleArn: options.awsRoleArn } : {}),
        ...(options.githubOidcToken ? { githubOidcToken: options.githubOidcToken } : {}),
    };
    return {
        loaded: parts.loaded,
        environment: options.environment,
        releases: options.releases ?? [],
        mode: deployMode(options.mode),
        force: options.force ?? s.force.default,
        prune: options.prune ?? s.prune.default,
        concurrency: positiveInteger('concurrency', options.concurrency ?? s.concurrency.default),
        timeout: options.timeout ?? s.timeout.default,
        wait: options.wait ?? s.wait.default,
        atomic: options.atomic ?? s.atomic.default,
        failFast: options['fail-fast'] ?? s['fail-fast'].default,
        createNamespace: options['create-namespace'] ?? s['create-namespace'].default,
        helm: parts.helm,
        kubectl: options.kubectl ?? s.kubectl.default,
        credentials,
        logger: parts.logger,
    };
}


/***/ }),

/***/ 44130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ DEPLOY_MODES),
/* harmony export */   s: () => (/* binding */ DeployError)
/* harmony export */ });
const DEPLOY_MODES = ['apply', 'plan', 'dry-run'];
/** A reason to deploy nothing at all (bad input, unknown names, no cluster access). */
class DeployError extends Error {
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

/***/ 24979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ existingAccess)
/* harmony export */ });
/** A kubeconfig (and context) that the user's own login step prepared; kubecd neither renews nor removes it. */
function existingAccess(target) {
    const where = [target.kubeconfig ? `kubeconfig ${target.kubeconfig}` : 'the default kubeconfig', target.context ? `context ${target.context}` : 'its current context'];
    return { target, description: where.join(', '), fresh: async () => undefined, close: async () => undefined };
}


/***/ })

};
