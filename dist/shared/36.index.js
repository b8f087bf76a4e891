export const id = 36;
export const ids = [36];
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

/***/ 96197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ quoted)
/* harmony export */ });
/* harmony import */ var _model_excerpt_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24664);

/** A value for a message about a refused argument: control characters escaped, cut short, in quotes. */
function quoted(value) {
    return `"${(0,_model_excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)(value, 80)}"`;
}


/***/ }),

/***/ 84524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Fn: () => (/* binding */ urlSecrets),
/* harmony export */   pO: () => (/* binding */ Redactor)
/* harmony export */ });
/* unused harmony export MASK */
/**
 * Secrets that travel inside values kubecd prints: the user info of a URL (`http://user:password@host/`) and
 * the output of commands that were handed such a URL. Every place that prints a URL goes through redactUrl;
 * every command output that is logged goes through a Redactor holding the run's known secrets.
 */
const MASK = '***';
/** Secrets shorter than this are not replaced in free text: a one-letter password would mangle every line. */
const MIN_SECRET_LENGTH = 3;
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function userInfo(url) {
    // Not `new URL`: it rejects some spellings helm accepts, and what matters is only what sits before the `@`.
    const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#@]*)@/.exec(url);
    if (!match)
        return undefined;
    const [user, ...rest] = match[1].split(':');
    return { user: user ?? '', password: rest.join(':') };
}
/**
 * Every spelling of the secret parts of `url` a log could show: the password, `user:password`, their
 * percent-decoded forms, and the whole URL. Empty when the URL holds no password.
 */
function urlSecrets(url) {
    const info = userInfo(url);
    if (!info || (info.password === '' && info.user === ''))
        return [];
    // User info without a password is a token (`https://TOKEN@host/`): then the user is the secret.
    const raw = info.password === '' ? [info.user, url] : [info.password, `${info.user}:${info.password}`, url];
    const all = [...raw, ...raw.map(safeDecode)];
    return [...new Set(all)].filter((secret) => secret.length > 0);
}
/** `url` with the password of its user info (or a token standing alone) replaced by `***` (`http://u:***@host/path`). */
function redactUrl(url) {
    const info = userInfo(url);
    if (!info || (info.password === '' && info.user === ''))
        return url;
    return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@]*@/, info.password === '' ? `$1${MASK}@` : `$1${info.user}:${MASK}@`);
}
/** Known secrets, replaced wherever they occur in text handed to `redact`. */
class Redactor {
    replacements = new Map();
    add(secret, replacement = MASK) {
        if (secret.length >= MIN_SECRET_LENGTH && !this.replacements.has(secret))
            this.replacements.set(secret, replacement);
    }
    /** The URL's secret parts; the whole URL (either spelling) becomes its redacted form, so the host stays readable. */
    addUrl(url) {
        for (const whole of new Set([url, safeDecode(url)]))
            if (urlSecrets(url).length > 0)
                this.add(whole, redactUrl(url));
        for (const secret of urlSecrets(url))
            this.add(secret);
    }
    redact(text) {
        // Longest first, so a whole URL is replaced before the password inside it.
        let result = text;
        for (const [secret, replacement] of [...this.replacements].sort(([a], [b]) => b.length - a.length))
            result = result.replaceAll(secret, replacement);
        return result;
    }
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
        // A grandchild the program started can hold its output pipes open after it was killed: once it is gone,
        // stop waiting for them, so the time limit holds.
        child.on('exit', () => {
            if (!timedOut)
                return;
            child.stdout.destroy();
            child.stderr.destroy();
        });
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

/***/ 27768:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L8: () => (/* binding */ atomicWrite)
/* harmony export */ });
/* unused harmony exports TEMP_SUFFIX, UnsafeTargetError, removeStaleTemps */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/**
 * Writes a file so that readers (and a run killed half-way) see either the old bytes or the new ones:
 * a temporary file in the same folder, written and fsynced, given the old file's mode, then renamed over
 * the target. The target must be a regular file or absent; a symlink is refused, never followed.
 */




const TEMP_SUFFIX = '.kubecd-tmp';
const DEFAULT_MODE = 0o644;
/** `.NAME.<pid>-<random>.kubecd-tmp`: the pid tells a live writer's file from a dead run's leftovers. */
const TEMP_NAME = /^\..+\.(\d+)-[0-9a-f]+\.kubecd-tmp$/;
class UnsafeTargetError extends Error {
}
function tempName(target) {
    return `.${node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(target)}.${process.pid}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}${TEMP_SUFFIX}`;
}
function isAlive(pid) {
    if (pid === process.pid)
        return true;
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
/** Removes temporary files an earlier, killed run of ours left in `dir` (never a live writer's). */
async function removeStaleTemps(dir) {
    let names;
    try {
        names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(dir);
    }
    catch {
        return [];
    }
    const removed = [];
    for (const name of names) {
        const match = TEMP_NAME.exec(name);
        if (!match || isAlive(Number(match[1])))
            continue;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, name), { force: true }).catch(() => undefined);
        removed.push(name);
    }
    return removed;
}
/** The mode a replacement keeps: the old file's, or 0644 for a new one. Refuses a symlink or non-file. */
async function targetMode(target) {
    let info;
    try {
        info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(target);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return DEFAULT_MODE;
        throw error;
    }
    if (info.isSymbolicLink())
        throw new UnsafeTargetError(`${node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(target)} is a symlink; refusing to write through it`);
    if (!info.isFile())
        throw new UnsafeTargetError(`${node_path__WEBPACK_IMPORTED_MODULE_3___default().basename(target)} is not a regular file`);
    return info.mode & 0o7777;
}
/** Atomically replaces `target` (an absolute path whose folder exists) with `data`. */
async function atomicWrite(target, data, options = {}) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname(target);
    await removeStaleTemps(dir);
    const mode = options.mode ?? (await targetMode(target));
    const temp = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, tempName(target));
    try {
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(temp, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_EXCL | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NOFOLLOW, 0o600);
        try {
            await handle.writeFile(data);
            await handle.sync();
            await handle.chmod(mode); // open() applied the umask
        }
        finally {
            await handle.close();
        }
        // Checked again just before the rename: the target must not have become a symlink meanwhile.
        await targetMode(target);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, target);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true }).catch(() => undefined);
        throw error;
    }
    await syncDir(dir);
}
async function syncDir(dir) {
    try {
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(dir, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_DIRECTORY);
        try {
            await handle.sync();
        }
        finally {
            await handle.close();
        }
    }
    catch {
        // Some file systems cannot fsync a folder; the rename itself is still atomic.
    }
}


/***/ }),

/***/ 58755:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dy: () => (/* binding */ ConfinementError),
/* harmony export */   Fz: () => (/* binding */ resolveConfined),
/* harmony export */   H0: () => (/* binding */ isRefused),
/* harmony export */   Hz: () => (/* binding */ readConfined),
/* harmony export */   bP: () => (/* binding */ confinedRoot),
/* harmony export */   ei: () => (/* binding */ checkChartDirectory),
/* harmony export */   gZ: () => (/* binding */ MAX_FILE_BYTES),
/* harmony export */   ic: () => (/* binding */ writeConfined),
/* harmony export */   lH: () => (/* binding */ statConfined),
/* harmony export */   vl: () => (/* binding */ confinedWriteTarget),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* unused harmony exports MAX_CHART_ENTRIES, MAX_CHART_DEPTH */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _atomic_write_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27768);
/**
 * Confinement to one folder (the deployments repository, or a cache folder): every path is resolved with
 * its symlinks and refused unless it stays inside the folder's real path; only regular files are read, at
 * most a capped number of bytes. Messages never carry a resolved path beyond the folder, nor file content.
 */




/** The most a YAML (or JSON) input file may hold. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Bounds of a chart directory walk. */
const MAX_CHART_ENTRIES = 10_000;
const MAX_CHART_DEPTH = 32;
function isRefused(value) {
    return 'refused' in value;
}
function refuse(reason, message) {
    return { refused: { reason, message } };
}
async function confinedRoot(root) {
    const given = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(root);
    return { given, real: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(given) };
}
function isInside(real, rootReal) {
    return real === rootReal || real.startsWith(rootReal.endsWith((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)) ? rootReal : rootReal + (node_path__WEBPACK_IMPORTED_MODULE_2___default().sep));
}
function codeOf(error) {
    return error.code ?? 'unknown error';
}
/** Refuses text that climbs out before any file system look-up (absolute, `..`, NUL). */
function textual(relative) {
    if (relative.includes('\0'))
        return refuse('outside', 'contains a NUL character');
    const unified = relative.replaceAll('\\', '/');
    if (node_path__WEBPACK_IMPORTED_MODULE_2___default().posix.isAbsolute(unified) || /^[A-Za-z]:\//.test(unified))
        return refuse('outside', 'is an absolute path; expected a path inside the repository');
    const normal = node_path__WEBPACK_IMPORTED_MODULE_2___default().posix.normalize(unified === '' ? '.' : unified);
    if (normal === '..' || normal.startsWith('../'))
        return refuse('outside', 'points outside the repository');
    return { parts: normal.split('/').filter((p) => p !== '' && p !== '.') };
}
function kindOf(info) {
    if (info.isFIFO())
        return 'a FIFO';
    if (info.isCharacterDevice())
        return 'a character device';
    if (info.isBlockDevice())
        return 'a block device';
    if (info.isSocket())
        return 'a socket';
    if (info.isDirectory())
        return 'a directory';
    return 'not a regular file';
}
/** `relative` (root-relative) resolved with its symlinks; refused unless it exists inside the root. */
async function resolveConfined(root, relative) {
    const text = textual(relative);
    if ('refused' in text)
        return text;
    const joined = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root.real, ...text.parts);
    let real;
    try {
        real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(joined);
    }
    catch (error) {
        const code = codeOf(error);
        if (code === 'ENOENT')
            return missing(root, text.parts);
        if (code === 'ENOTDIR')
            return refuse('unreadable', 'cannot be read (a folder on its path is a file)');
        if (code === 'ELOOP')
            return refuse('outside', 'is a symlink loop');
        return refuse('unreadable', `cannot be resolved (${code})`);
    }
    if (!isInside(real, root.real))
        return refuse('outside', 'resolves outside the repository (through a symlink)');
    return { real, viaSymlink: real !== joined };
}
/** Why a path that does not resolve is refused: missing inside the root, or on its way out through a symlink. */
async function missing(root, parts) {
    for (let n = parts.length; n >= 0; n--) {
        const prefix = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root.real, ...parts.slice(0, n));
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(prefix);
        }
        catch {
            continue;
        }
        let real;
        try {
            real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(prefix);
        }
        catch {
            return refuse('symlink', 'passes through a symlink that points to nothing');
        }
        if (!isInside(real, root.real))
            return refuse('outside', 'resolves outside the repository (through a symlink)');
        return n === parts.length ? refuse('symlink', 'is a symlink that points to nothing') : refuse('missing', 'does not exist');
    }
    return refuse('missing', 'does not exist');
}
/** What a confined path is, without opening it (opening a FIFO would block). */
async function statConfined(root, relative) {
    const resolved = await resolveConfined(root, relative);
    if (isRefused(resolved))
        return resolved;
    let info;
    try {
        info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(resolved.real);
    }
    catch (error) {
        return refuse('unreadable', `cannot be read (${codeOf(error)})`);
    }
    if (info.isDirectory())
        return { kind: 'dir', real: resolved.real };
    if (!info.isFile())
        return refuse('not-file', `is ${kindOf(info)}, not a regular file`);
    return { kind: 'file', real: resolved.real };
}
/** Reads a regular file inside the root, at most `maxBytes` (refused when it holds more). */
async function readConfined(root, relative, maxBytes = MAX_FILE_BYTES) {
    const resolved = await resolveConfined(root, relative);
    if (isRefused(resolved))
        return resolved;
    let handle;
    try {
        // NONBLOCK: a FIFO must not hang the open; NOFOLLOW: the resolved path's last part must not turn into a symlink.
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(resolved.real, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch (error) {
        const code = codeOf(error);
        if (code === 'ENOENT')
            return refuse('missing', 'does not exist');
        if (code === 'ELOOP')
            return refuse('symlink', 'changed into a symlink while it was read');
        return refuse('unreadable', `cannot be read (${code})`);
    }
    try {
        const info = await handle.stat();
        if (info.isDirectory())
            return refuse('directory', 'is a directory, not a file');
        if (!info.isFile())
            return refuse('not-file', `is ${kindOf(info)}, not a regular file`);
        // Reads until end of file or one byte past the cap (the size fstat reports may be stale, or 0 for /proc).
        const chunks = [];
        let total = 0;
        while (total <= maxBytes) {
            const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
            if (bytesRead === 0)
                break;
            chunks.push(chunk.subarray(0, bytesRead));
            total += bytesRead;
        }
        if (total > maxBytes)
            return refuse('too-large', `is larger than ${formatBytes(maxBytes)}`);
        return { text: Buffer.concat(chunks, total).toString('utf8') };
    }
    catch (error) {
        return refuse('unreadable', `cannot be read (${codeOf(error)})`);
    }
    finally {
        await handle.close();
    }
}
function formatBytes(bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0)
        return `${bytes / (1024 * 1024)} MiB`;
    if (bytes >= 1024 && bytes % 1024 === 0)
        return `${bytes / 1024} KiB`;
    return `${bytes} bytes`;
}
/**
 * Walks a chart directory (bounded) and refuses it when any symlink inside resolves outside the root, or
 * when it holds something other than files, folders and such symlinks (helm would read through them).
 */
async function checkChartDirectory(root, relative, limits = {}) {
    const maxEntries = limits.maxEntries ?? MAX_CHART_ENTRIES;
    const maxDepth = limits.maxDepth ?? MAX_CHART_DEPTH;
    const top = await statConfined(root, relative);
    if (isRefused(top))
        return top;
    if (top.kind !== 'dir')
        return refuse('not-file', 'is a file, not a directory');
    const visited = new Set([top.real]);
    const queue = [{ real: top.real, shown: '', depth: 0 }];
    let entries = 0;
    while (queue.length > 0) {
        const { real, shown, depth } = queue.shift();
        let names;
        try {
            names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(real, { withFileTypes: true });
        }
        catch (error) {
            return refuse('unreadable', `cannot be read${shown ? ` at \`${shown}\`` : ''} (${codeOf(error)})`);
        }
        for (const entry of names) {
            entries++;
            if (entries > maxEntries)
                return refuse('too-large', `holds more than ${maxEntries} entries`);
            const inner = shown ? `${shown}/${entry.name}` : entry.name;
            const full = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(real, entry.name);
            let target = full;
            let info;
            if (entry.isSymbolicLink()) {
                try {
                    target = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(full);
                }
                catch {
                    return refuse('outside', `holds a symlink \`${inner}\` that cannot be resolved`);
                }
                if (!isInside(target, root.real))
                    return refuse('outside', `holds a symlink \`${inner}\` that resolves outside the repository`);
            }
            try {
                info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(target);
            }
            catch (error) {
                return refuse('unreadable', `cannot be read at \`${inner}\` (${codeOf(error)})`);
            }
            if (info.isDirectory()) {
                if (visited.has(target))
                    continue;
                if (depth + 1 > maxDepth)
                    return refuse('too-large', `is nested deeper than ${maxDepth} folders`);
                visited.add(target);
                queue.push({ real: target, shown: inner, depth: depth + 1 });
            }
            else if (!info.isFile()) {
                return refuse('not-file', `holds \`${inner}\`, which is ${kindOf(info)}`);
            }
        }
    }
    return { real: top.real };
}
/**
 * Where to write `relative`: its folder (created when missing) must resolve inside the root, and the target
 * itself must not be a symlink or anything but a regular file. Returns the absolute path to write.
 */
async function confinedWriteTarget(root, relative) {
    const text = textual(relative);
    if ('refused' in text)
        return text;
    if (text.parts.length === 0)
        return refuse('not-file', 'is the repository folder, not a file');
    const folderParts = text.parts.slice(0, -1);
    const name = text.parts.at(-1);
    // The nearest folder that exists must lie inside; what is missing below it is created there.
    let existing = folderParts.length;
    for (;;) {
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(root.real, ...folderParts.slice(0, existing));
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(candidate);
            break;
        }
        catch (error) {
            if (codeOf(error) !== 'ENOENT' || existing === 0)
                return refuse('unreadable', `cannot be written (${codeOf(error)})`);
            existing--;
        }
    }
    const base = await resolveConfined(root, folderParts.slice(0, existing).join('/'));
    if (isRefused(base))
        return base;
    let folder = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(base.real, ...folderParts.slice(existing));
    if (existing < folderParts.length) {
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(folder, { recursive: true });
        }
        catch (error) {
            return refuse('unreadable', `cannot be written (${codeOf(error)})`);
        }
        const again = await resolveConfined(root, folderParts.join('/'));
        if (isRefused(again))
            return again;
        folder = again.real;
    }
    else {
        let info;
        try {
            info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(folder);
        }
        catch (error) {
            return refuse('unreadable', `cannot be written (${codeOf(error)})`);
        }
        if (!info.isDirectory())
            return refuse('not-file', 'cannot be written: its folder is a file');
    }
    const target = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(folder, name);
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(target);
        if (info.isSymbolicLink())
            return refuse('symlink', 'is a symlink; refusing to write through it');
        if (!info.isFile())
            return refuse('not-file', `is ${kindOf(info)}, not a regular file`);
    }
    catch (error) {
        if (codeOf(error) !== 'ENOENT')
            return refuse('unreadable', `cannot be written (${codeOf(error)})`);
    }
    return { target };
}
/** Writes `relative` inside the root atomically; throws ConfinementError when the path is refused. */
async function writeConfined(root, relative, data, what = 'file') {
    const where = await confinedWriteTarget(root, relative);
    if (isRefused(where))
        throw new ConfinementError(`${what} \`${relative}\` ${where.refused.message}`, where.refused);
    await (0,_atomic_write_js__WEBPACK_IMPORTED_MODULE_3__/* .atomicWrite */ .L8)(where.target, data);
}
class ConfinementError extends Error {
    refusal;
    constructor(message, refusal) {
        super(message);
        this.refusal = refusal;
    }
}


/***/ }),

/***/ 78995:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ tempRoot),
/* harmony export */   n: () => (/* binding */ privateTempDir)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/** Where kubecd puts temporary files: RUNNER_TEMP on a runner (wiped after the job), else the system temp dir. */
function tempRoot(env = process.env) {
    return env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)();
}
/** A new folder under tempRoot() readable by the owner only (it may hold credentials or secret values). */
async function privateTempDir(prefix, env = process.env) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(tempRoot(env), prefix));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(dir, 0o700);
    return dir;
}


/***/ }),

/***/ 2206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $r: () => (/* binding */ lockedValues),
/* harmony export */   E5: () => (/* binding */ lockKeyOf),
/* harmony export */   OJ: () => (/* binding */ isLockValueFor),
/* harmony export */   Zh: () => (/* binding */ chartVersionToUse),
/* harmony export */   jL: () => (/* binding */ expectedValueFor),
/* harmony export */   vE: () => (/* binding */ isChartVersionEntry)
/* harmony export */ });
/* unused harmony exports CHART_VERSION_KEY, lockedChartVersion */
/* harmony import */ var _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9600);
/**
 * What a chart-version lock entry means. A chart trigger's resolved version is stored like an image tag,
 * under the pseudo value key `chart.version`; it is never a value handed to the chart, it replaces the
 * chart version the release file pins.
 */

const CHART_VERSION_KEY = 'chart.version';
function isChartVersionEntry(entry) {
    return entry.key === CHART_VERSION_KEY;
}
/** The lock key a trigger's resolved version is stored under. */
function lockKeyOf(trigger) {
    return trigger.kind === 'image' ? trigger.tagValue : CHART_VERSION_KEY;
}
/** The chart version the lock pins for `release`, if any. */
function lockedChartVersion(lock, release) {
    return lock?.entries.find((e) => e.release === release && isChartVersionEntry(e))?.value;
}
/** The chart version to use: the lock's when `lock` is given and pins one, else the release file's; none for a chart folder. */
function chartVersionToUse(release, lock) {
    if (release.chart.kind === 'dir')
        return undefined;
    return lockedChartVersion(lock, release.name) ?? release.chart.version;
}
/** The value entries that set chart values (everything but the chart version) for `release`. */
function lockedValues(lock, release) {
    return (lock?.entries ?? []).filter((e) => e.release === release && !isChartVersionEntry(e));
}
/** Whether `value` may be stored for `key`: a chart version for `chart.version`, else an image tag. */
function isLockValueFor(key, value) {
    return key === CHART_VERSION_KEY ? (0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isChartVersion */ .N0)(value) : (0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isOciTag */ .i1)(value);
}
/** What a value for `key` should be, for messages. */
function expectedValueFor(key) {
    return key === CHART_VERSION_KEY ? 'a chart version (SemVer)' : 'an image tag (letters, digits, `_`, `.` and `-`, at most 128)';
}


/***/ }),

/***/ 80063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ lockEntryOf)
/* harmony export */ });
/** The lock's entry for `release` and `key`, if any. */
function lockEntryOf(lock, release, key) {
    return lock?.entries.find((e) => e.release === release && e.key === key);
}


/***/ }),

/***/ 45968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ entryProblems),
/* harmony export */   h: () => (/* binding */ parseLockFile)
/* harmony export */ });
/* harmony import */ var _model_data_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(16681);
/* harmony import */ var _model_problems_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(99437);
/* harmony import */ var _model_problems_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(24664);
/* harmony import */ var _model_schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(45207);
/* harmony import */ var _chart_version_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2206);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41254);
/* harmony import */ var _model_yaml_source_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(31954);






/** Parses a lock file; `file` (root-relative) is used in problem positions. Never throws. */
function parseLockFile(text, file) {
    const source = (0,_model_yaml_source_js__WEBPACK_IMPORTED_MODULE_3__/* .parseYaml */ .h)(text, file);
    if (source.problems.length > 0)
        return { problems: source.problems };
    const problems = (0,_model_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .validateSource */ .O)(source, 'lock');
    if (!(0,_model_data_js__WEBPACK_IMPORTED_MODULE_4__/* .isObj */ .sA)(source.data))
        return { problems: (0,_model_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .sortProblems */ .dS)(problems) };
    const environment = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_4__/* .str */ .gx)(source.data['environment']) ?? '';
    const entries = [];
    const seen = new Map();
    (0,_model_data_js__WEBPACK_IMPORTED_MODULE_4__/* .list */ .p_)(source.data['entries']).forEach((raw, index) => {
        if (!(0,_model_data_js__WEBPACK_IMPORTED_MODULE_4__/* .isObj */ .sA)(raw))
            return;
        const release = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_4__/* .str */ .gx)(raw['release']);
        const key = (0,_model_data_js__WEBPACK_IMPORTED_MODULE_4__/* .str */ .gx)(raw['key']);
        // A missing required field: the schema reports it with its position.
        if (_types_js__WEBPACK_IMPORTED_MODULE_2__/* .LOCK_FIELDS */ .cm.some((f) => f.required && (0,_model_data_js__WEBPACK_IMPORTED_MODULE_4__/* .str */ .gx)(raw[f.name]) === undefined) || release === undefined || key === undefined)
            return;
        const pos = source.pos(['entries', index]);
        const id = `${release}\u0000${key}`;
        const first = seen.get(id);
        if (first !== undefined) {
            problems.push((0,_model_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .problem */ .CC)(pos, `duplicate lock entry for release \`${release}\` key \`${key}\`; first at ${first}`));
            return;
        }
        seen.set(id, (0,_model_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .formatPos */ .Yb)(pos));
        // Lock files hold registry data; a value that is not a tag (or chart version) could be anything.
        // The schema's patterns report the other fields; an entry with any of them wrong is left out all the same.
        const bad = entryProblems(raw, true);
        for (const { field, message } of bad)
            if (field === 'value')
                problems.push((0,_model_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .problem */ .CC)(source.pos(['entries', index, field]), message));
        if (bad.length > 0)
            return;
        const entry = {};
        for (const field of _types_js__WEBPACK_IMPORTED_MODULE_2__/* .LOCK_FIELDS */ .cm)
            if (raw[field.name] !== undefined)
                entry[field.name] = raw[field.name];
        entries.push({ ...entry, pos });
    });
    return { lock: { environment, entries }, problems: (0,_model_problems_js__WEBPACK_IMPORTED_MODULE_5__/* .sortProblems */ .dS)(problems) };
}
/**
 * What is wrong with an entry: `value` must fit the grammar of its key (a chart version for
 * `chart.version`, else an OCI tag). With `all` (serialising, and parsing before an entry is kept), every
 * field is checked by its kind; when parsing, the schema reports those with positions.
 */
function entryProblems(entry, all = false) {
    const found = [];
    const key = typeof entry['key'] === 'string' ? entry['key'] : '';
    for (const { name, required, kind } of _types_js__WEBPACK_IMPORTED_MODULE_2__/* .LOCK_FIELDS */ .cm) {
        const value = entry[name];
        if (kind === 'value') {
            if (!(0,_chart_version_js__WEBPACK_IMPORTED_MODULE_1__/* .isLockValueFor */ .OJ)(key, value))
                found.push({ field: name, message: `\`${name}\` \`${(0,_model_problems_js__WEBPACK_IMPORTED_MODULE_6__/* .excerpt */ .Kb)(value)}\` of \`${(0,_model_problems_js__WEBPACK_IMPORTED_MODULE_6__/* .excerpt */ .Kb)(key)}\` is not ${(0,_chart_version_js__WEBPACK_IMPORTED_MODULE_1__/* .expectedValueFor */ .jL)(key)}` });
            continue;
        }
        if (!all || (value === undefined && !required))
            continue;
        if (!(0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .fitsKind */ .vQ)(kind, value))
            found.push({ field: name, message: `\`${name}\` \`${(0,_model_problems_js__WEBPACK_IMPORTED_MODULE_6__/* .excerpt */ .Kb)(value)}\` is not ${(0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .expectedOf */ .EX)(kind) ?? 'a string'}` });
    }
    return found;
}


/***/ }),

/***/ 60190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ pinDigests),
/* harmony export */   T: () => (/* binding */ isPinned)
/* harmony export */ });
/* harmony import */ var _values_keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89876);
/* harmony import */ var _entries_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(80063);


function isPinned(environment, trigger) {
    return trigger.kind === 'image' && (trigger.pinDigest === true || environment.pinDigest === true);
}
/**
 * Sets each pinned trigger's locked digest in `values` (composed with the lock): `TAG@DIGEST` in the tag
 * value, or the digest in the trigger's `digestValue` key. A trigger without a locked digest is left as it is.
 */
function pinDigests(values, environment, release, lock) {
    for (const trigger of release.triggers) {
        if (!isPinned(environment, trigger))
            continue;
        const entry = (0,_entries_js__WEBPACK_IMPORTED_MODULE_0__/* .lockEntryOf */ .F)(lock, release.name, trigger.tagValue);
        if (!entry?.digest)
            continue;
        if (trigger.digestValue !== undefined)
            (0,_values_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .setValue */ .KY)(values, trigger.digestValue, entry.digest);
        else
            (0,_values_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .setValue */ .KY)(values, trigger.tagValue, `${entry.value}@${entry.digest}`);
    }
}


/***/ }),

/***/ 41254:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EX: () => (/* binding */ expectedOf),
/* harmony export */   cm: () => (/* binding */ LOCK_FIELDS),
/* harmony export */   vQ: () => (/* binding */ fitsKind)
/* harmony export */ });
/* harmony import */ var _model_grammar_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9600);
/* harmony import */ var _model_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40440);
/**
 * A lock file and its entries. The entry's fields are described once, in LOCK_FIELDS: the parser reads
 * them, the serialiser writes them in this order, validation checks them by kind, and a test holds
 * schema/lock.schema.json to the same list. A new field is one row here (plus the schema and whoever fills it).
 */


/** Every field of a lock entry, in the order a lock file writes them. */
const LOCK_FIELDS = [
    { name: 'release', required: true, kind: 'text' },
    /** The value key it sets (e.g. `image.tag`), or `chart.version` for a chart trigger. */
    { name: 'key', required: true, kind: 'text' },
    { name: 'value', required: true, kind: 'value' },
    /** Image repository (image triggers) or chart reference (chart triggers). */
    { name: 'repository', required: false, kind: 'text' },
    { name: 'digest', required: false, kind: 'digest' },
    { name: 'track', required: false, kind: 'track' },
    /** When the image was created, remembered so `Newest` need not fetch it again. */
    { name: 'created', required: false, kind: 'time' },
    /** When kubecd resolved it. */
    { name: 'resolvedAt', required: true, kind: 'time' },
    /** When this value was first resolved for this entry; kept while the value stays (promotion soaks on it). */
    { name: 'since', required: false, kind: 'time' },
    /** Written by a human: check-upgrades leaves the entry alone (a rollback stays rolled back). */
    { name: 'hold', required: false, kind: 'flag' },
];
/** What a field of `kind` must be, for messages; undefined for free text and for `value` (its key decides). */
function expectedOf(kind) {
    switch (kind) {
        case 'digest':
            return 'a digest (sha256:<64 hex> or sha512:<128 hex>)';
        case 'time':
            return 'an RFC 3339 time';
        case 'track':
            return `one of ${_model_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TRIGGER_TRACKS */ .c.join(', ')}`;
        case 'flag':
            return 'true or false';
        default:
            return undefined;
    }
}
/** Whether `value` fits a field of `kind` (`value` fields are checked against their key elsewhere). */
function fitsKind(kind, value) {
    switch (kind) {
        case 'digest':
            return (0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(value);
        case 'time':
            return (0,_model_grammar_js__WEBPACK_IMPORTED_MODULE_0__/* .isRfc3339 */ .yk)(value);
        case 'track':
            return _model_types_js__WEBPACK_IMPORTED_MODULE_1__/* .TRIGGER_TRACKS */ .c.includes(value);
        case 'flag':
            return typeof value === 'boolean';
        default:
            return typeof value === 'string';
    }
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

/***/ 24664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fi: () => (/* binding */ MESSAGE_MAX),
/* harmony export */   Jj: () => (/* binding */ cut),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   hN: () => (/* binding */ escapeControl)
/* harmony export */ });
/* unused harmony export EXCERPT_MAX */
/** Short, safe renderings of user-controlled text for messages: never whole file content, never raw control characters. */
const EXCERPT_MAX = 40;
const MESSAGE_MAX = 400;
/** Control characters (C0, DEL, C1) and line/paragraph separators, shown escaped. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
function escapeControl(text) {
    return text.replace(CONTROL, (ch) => {
        switch (ch) {
            case '\n':
                return '\\n';
            case '\r':
                return '\\r';
            case '\t':
                return '\\t';
            default:
                return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
        }
    });
}
/** At most `max` characters (after escaping) of `text`, cut with an ellipsis. */
function cut(text, max) {
    const chars = [...text];
    return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
/** A user value for a message: control characters escaped, at most `max` characters, cut with an ellipsis. */
function excerpt(value, max = EXCERPT_MAX) {
    const text = typeof value === 'string' ? value : String(value);
    // Escape a bounded prefix only: a 4 MiB string must not be escaped whole to show 40 characters of it.
    return cut(escapeControl(text.slice(0, max * 2 + 8)), max);
}


/***/ }),

/***/ 9600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   Dy: () => (/* binding */ goDurationMs),
/* harmony export */   Ev: () => (/* binding */ isPlainArgument),
/* harmony export */   GW: () => (/* binding */ isNamespace),
/* harmony export */   HS: () => (/* binding */ VALUE_KEY_MAX),
/* harmony export */   Ic: () => (/* binding */ isImageRepository),
/* harmony export */   N0: () => (/* binding */ isChartVersion),
/* harmony export */   Pz: () => (/* binding */ OCI_TAG),
/* harmony export */   RW: () => (/* binding */ HELM_NAME),
/* harmony export */   V2: () => (/* binding */ isValueKey),
/* harmony export */   Z0: () => (/* binding */ RELEASE_NAME_MAX),
/* harmony export */   i1: () => (/* binding */ isOciTag),
/* harmony export */   jn: () => (/* binding */ isReleaseName),
/* harmony export */   ju: () => (/* binding */ isOciChartReference),
/* harmony export */   nx: () => (/* binding */ ENVIRONMENT_NAME_MAX),
/* harmony export */   qb: () => (/* binding */ isHelmRepoUrl),
/* harmony export */   r3: () => (/* binding */ OCI_HOST),
/* harmony export */   tq: () => (/* binding */ isEnvironmentName),
/* harmony export */   yk: () => (/* binding */ isRfc3339)
/* harmony export */ });
/* unused harmony exports DIGEST, CHART_VERSION, CHART_VERSION_MAX, RELEASE_NAME, NAMESPACE, NAMESPACE_MAX, ENVIRONMENT_NAME, OCI_PATH_COMPONENT, OCI_REPOSITORY_MAX, RFC3339 */
/**
 * The grammars of every value kubecd hands to helm, kubectl or git, or stores in a lock or release file.
 * Anything from the deployments repo, a registry or a chart repository is checked against these before it
 * is compared, stored, written or passed as an argument (see SECURITY.md).
 */
/** An OCI distribution tag. */
const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** A content digest as kubecd stores it: a registered algorithm and its hex encoding. */
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
/** A Helm chart version: SemVer 2 as helm reads it (an optional `v`, one to three numbers, pre-release, build). */
const CHART_VERSION = /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*)){0,2}(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const CHART_VERSION_MAX = 128;
/** Helm's release name rule: a DNS-1123 subdomain of at most 53 characters (Helm keeps room for suffixes). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RELEASE_NAME_MAX = 53;
/** A Kubernetes namespace: a DNS-1123 label. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE_MAX = 63;
/** An environment name: it becomes a lock file name, a GitHub environment and a branch name part. */
const ENVIRONMENT_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const ENVIRONMENT_NAME_MAX = 63;
/** A `helmRepos` name or a chart name in `REPO/CHART`. */
const HELM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
function isOciTag(value) {
    return typeof value === 'string' && OCI_TAG.test(value);
}
function isDigest(value) {
    return typeof value === 'string' && DIGEST.test(value);
}
function isChartVersion(value) {
    return typeof value === 'string' && value.length <= CHART_VERSION_MAX && CHART_VERSION.test(value);
}
function isReleaseName(value) {
    return typeof value === 'string' && value.length <= RELEASE_NAME_MAX && RELEASE_NAME.test(value);
}
function isNamespace(value) {
    return typeof value === 'string' && value.length <= NAMESPACE_MAX && NAMESPACE.test(value);
}
function isEnvironmentName(value) {
    return typeof value === 'string' && value.length <= ENVIRONMENT_NAME_MAX && ENVIRONMENT_NAME.test(value);
}
/**
 * A value that may stand as one command-line argument of its own: not an option (no leading `-`), no
 * control characters (a newline could forge a log line or a second YAML key), not empty.
 */
function isPlainArgument(value) {
    return typeof value === 'string' && value !== '' && !value.startsWith('-') && !/[\u0000-\u001f\u007f]/.test(value);
}
/** A registry host of an OCI reference: DNS labels (or a bracketed IPv6 address), an optional port. */
const OCI_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
/** One path component of an OCI repository name (the distribution spec's grammar). */
const OCI_PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const OCI_REPOSITORY_MAX = 255;
/** `oci://HOST[:PORT]/PATH/CHART`: a host and at least one repository path component. */
function isOciChartReference(value) {
    if (typeof value !== 'string' || !value.startsWith('oci://'))
        return false;
    const [host, ...path] = value.slice('oci://'.length).split('/');
    return (host !== undefined &&
        OCI_HOST.test(host) &&
        path.length >= 1 &&
        path.join('/').length <= OCI_REPOSITORY_MAX &&
        path.every((component) => OCI_PATH_COMPONENT.test(component)));
}
/**
 * A `helmRepos` URL: http or https with a host that is not an option, parsed as a URL, no whitespace or
 * control characters. `file://` is refused: it would let a pull request read any folder of the runner
 * (a chart in the repository is a chart `dir`).
 */
function isHelmRepoUrl(value) {
    if (!isPlainArgument(value) || /\s/.test(value) || value.length > 2048)
        return false;
    if (!/^https?:\/\//i.test(value))
        return false;
    try {
        const url = new URL(value);
        return ['http:', 'https:'].includes(url.protocol) && url.hostname !== '' && !url.hostname.startsWith('-') && OCI_HOST.test(url.host);
    }
    catch {
        return false;
    }
}
/** An RFC 3339 date-time (as lock files store `created` and `resolvedAt`). */
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
function isRfc3339(value) {
    return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}
/** A dotted value key (`image.tag`, `a\.b.c`): no control characters, not an option, bounded. */
const VALUE_KEY_MAX = 256;
function isValueKey(value) {
    return isPlainArgument(value) && value.length <= VALUE_KEY_MAX;
}
/**
 * An image repository as a release's values name it: `[HOST[:PORT]/]PATH` with the distribution spec's path
 * components (the first component is a host when it holds `.` or `:` or is `localhost`), no tag or digest.
 */
function isImageRepository(value) {
    if (!isPlainArgument(value) || value.length > OCI_REPOSITORY_MAX + 256)
        return false;
    const parts = value.split('/');
    const first = parts[0];
    const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['));
    if (hasHost && !OCI_HOST.test(first))
        return false;
    const path = hasHost ? parts.slice(1) : parts;
    return path.length >= 1 && path.join('/').length <= OCI_REPOSITORY_MAX && path.every((component) => OCI_PATH_COMPONENT.test(component));
}
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const GO_DURATION_UNIT_MS = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** A Go duration (`90s`, `5m`, `1h30m`, `1.5s`), as helm's --timeout and kubecd's own flags take it, in milliseconds; undefined when it is not one. */
function goDurationMs(text) {
    if (!GO_DURATION.test(text))
        return undefined;
    let total = 0;
    for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
        total += Number(amount) * GO_DURATION_UNIT_MS[unit];
    return total;
}


/***/ }),

/***/ 16559:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PK: () => (/* binding */ normaliseAksProvider),
/* harmony export */   WI: () => (/* binding */ AZURE_GUID)
/* harmony export */ });
/* unused harmony exports AZURE_RESOURCE_GROUP, AKS_CLUSTER_NAME */
/* harmony import */ var _data_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16681);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99437);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(24664);


/** A tenant, subscription or client id: a GUID in its usual 8-4-4-4-12 hex form. */
const AZURE_GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Azure's resource group rule: 1-90 letters, digits, `_`, `-`, `.`, `(`, `)`, not ending in `.`. */
const AZURE_RESOURCE_GROUP = /^[\p{L}\p{N}_\-.()]{0,89}[\p{L}\p{N}_\-()]$/u;
/** The managed cluster name rule of the AKS API: 1-63 letters, digits, `_` and `-`, letter or digit at both ends. */
const AKS_CLUSTER_NAME = /^[A-Za-z0-9]$|^[A-Za-z0-9][-_A-Za-z0-9]{0,61}[A-Za-z0-9]$/;
const GUID_EXPECTED = 'a GUID like 00000000-0000-0000-0000-000000000000';
const CHECKS = [
    { key: 'tenantId', grammar: AZURE_GUID, expected: GUID_EXPECTED },
    { key: 'subscriptionId', grammar: AZURE_GUID, expected: GUID_EXPECTED },
    { key: 'resourceGroup', grammar: AZURE_RESOURCE_GROUP, expected: 'at most 90 letters, digits, `_`, `-`, `.`, `(` and `)`, not ending in `.`' },
    { key: 'clusterName', grammar: AKS_CLUSTER_NAME, expected: 'at most 63 letters, digits, `_` and `-`, starting and ending with a letter or digit' },
    { key: 'clientId', grammar: AZURE_GUID, expected: GUID_EXPECTED },
];
/**
 * `provider: {aks: {...}}`. The ids and names go into ARM request paths, so each must match Azure's own
 * grammar; a provider with a bad value is reported where it was written and left out.
 */
function normaliseAksProvider(source, at, raw, problems) {
    const body = (0,_data_js__WEBPACK_IMPORTED_MODULE_0__/* .obj */ .WL)(raw);
    const values = {};
    let valid = true;
    for (const { key, grammar, expected } of CHECKS) {
        const value = (0,_data_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)(body[key]);
        if (value === undefined)
            continue;
        if (!grammar.test(value)) {
            problems.push((0,_problems_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)(source.pos([...at, key]), `AKS \`${key}\` \`${(0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(value)}\` is invalid; expected ${expected}`));
            valid = false;
        }
        values[key] = value;
    }
    const { tenantId, subscriptionId, resourceGroup, clusterName, clientId } = values;
    // A missing required key (or one that is not a string) is the schema's to report.
    if (!valid || !tenantId || !subscriptionId || !resourceGroup || !clusterName)
        return undefined;
    if ((0,_data_js__WEBPACK_IMPORTED_MODULE_0__/* .has */ .zy)(body, 'clientId') && clientId === undefined)
        return undefined;
    const endpoint = (0,_data_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)(body['endpoint']);
    return {
        kind: 'aks',
        tenantId: tenantId.toLowerCase(),
        subscriptionId: subscriptionId.toLowerCase(),
        resourceGroup,
        clusterName,
        ...(clientId !== undefined ? { clientId: clientId.toLowerCase() } : {}),
        ...(endpoint === 'public' || endpoint === 'private' ? { endpoint } : {}),
    };
}


/***/ }),

/***/ 36859:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JB: () => (/* binding */ normaliseEksProvider),
/* harmony export */   t8: () => (/* binding */ isIamRoleArn),
/* harmony export */   wn: () => (/* binding */ awsPartition)
/* harmony export */ });
/* unused harmony exports AWS_ACCOUNT_ID, AWS_REGION, EKS_CLUSTER_NAME, IAM_ROLE_ARN, IAM_ROLE_ARN_MAX */
/* harmony import */ var _data_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(16681);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99437);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(24664);


/** An AWS account id: exactly twelve digits. */
const AWS_ACCOUNT_ID = /^\d{12}$/;
/** An AWS region code: a partition prefix, optional `-gov`/`-iso*`, a direction word and a number (`us-east-1`, `us-gov-west-1`, `cn-north-1`). */
const AWS_REGION = /^[a-z]{2,4}(?:-[a-z]{2,10}){1,3}-\d{1,2}$/;
/** The EKS CreateCluster rule: 1-100 letters, digits, `-` and `_`, starting with a letter or digit. */
const EKS_CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
/** An IAM role ARN: `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`, with IAM's characters for paths and names. */
const IAM_ROLE_ARN = /^arn:aws(?:-[a-z]+){0,2}:iam::\d{12}:role\/(?:[\w+=,.@-]{1,512}\/)*[\w+=,.@-]{1,64}$/;
const IAM_ROLE_ARN_MAX = 2048;
function isIamRoleArn(value) {
    return typeof value === 'string' && value.length <= IAM_ROLE_ARN_MAX && IAM_ROLE_ARN.test(value);
}
/** AWS partitions by region prefix (the SDK's partition table): the ARN partition and the DNS suffix of its endpoints. */
const PARTITIONS = [
    { prefix: 'cn-', partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' },
    { prefix: 'us-gov-', partition: 'aws-us-gov', dnsSuffix: 'amazonaws.com' },
    { prefix: 'us-iso-', partition: 'aws-iso', dnsSuffix: 'c2s.ic.gov' },
    { prefix: 'us-isob-', partition: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov' },
    { prefix: 'eu-isoe-', partition: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk' },
    { prefix: 'us-isof-', partition: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov' },
    { prefix: 'eusc-', partition: 'aws-eusc', dnsSuffix: 'amazonaws.eu' },
];
function awsPartition(region) {
    return PARTITIONS.find((p) => region.startsWith(p.prefix)) ?? { partition: 'aws', dnsSuffix: 'amazonaws.com' };
}
const CHECKS = [
    { key: 'region', test: (v) => AWS_REGION.test(v), expected: 'an AWS region code like `us-east-1`' },
    { key: 'clusterName', test: (v) => EKS_CLUSTER_NAME.test(v), expected: 'at most 100 letters, digits, `-` and `_`, starting with a letter or digit' },
    { key: 'roleArn', test: isIamRoleArn, expected: 'an IAM role ARN like `arn:aws:iam::123456789012:role/kubecd-deployer`' },
];
/**
 * `provider: {eks: {...}}`. The values go into AWS request paths, a signed STS URL and the cluster's
 * name in the kubeconfig, so each must match AWS's own grammar; a provider with a bad value is reported
 * where it was written and left out.
 */
function normaliseEksProvider(source, at, raw, problems) {
    const body = (0,_data_js__WEBPACK_IMPORTED_MODULE_0__/* .obj */ .WL)(raw);
    let valid = true;
    const invalid = (key, message) => {
        problems.push((0,_problems_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)(source.pos([...at, key]), message));
        valid = false;
    };
    // YAML reads unquoted digits as a number, which drops an account id's leading zeros.
    const writtenAccount = body['accountId'];
    const accountId = typeof writtenAccount === 'number' ? String(writtenAccount) : (0,_data_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)(writtenAccount);
    if (accountId !== undefined && !AWS_ACCOUNT_ID.test(accountId)) {
        const hint = typeof writtenAccount === 'number' ? ' (quote it: unquoted, YAML reads it as a number and drops leading zeros)' : '';
        invalid('accountId', `EKS \`accountId\` \`${(0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(accountId)}\` is invalid; expected twelve digits${hint}`);
    }
    const values = {};
    for (const { key, test, expected } of CHECKS) {
        const value = (0,_data_js__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)(body[key]);
        if (value === undefined)
            continue;
        if (!test(value))
            invalid(key, `EKS \`${key}\` \`${(0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(value)}\` is invalid; expected ${expected}`);
        values[key] = value;
    }
    const { region, clusterName, roleArn } = values;
    if (valid && region !== undefined && roleArn !== undefined) {
        const partition = roleArn.split(':')[1];
        const expected = awsPartition(region).partition;
        if (partition !== expected) {
            invalid('roleArn', `EKS \`roleArn\` is in partition \`${(0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(partition ?? '')}\`, but region \`${region}\` is in \`${expected}\``);
        }
    }
    // A missing required key (or one that is not a string) is the schema's to report.
    if (!valid || accountId === undefined || region === undefined || clusterName === undefined)
        return undefined;
    if ((0,_data_js__WEBPACK_IMPORTED_MODULE_0__/* .has */ .zy)(body, 'roleArn') && roleArn === undefined)
        return undefined;
    return { kind: 'eks', accountId, region, clusterName, ...(roleArn !== undefined ? { roleArn } : {}) };
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
/* harmony import */ var _excerpt_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24664);


/** A positioned problem. The message is capped and its control characters escaped, as a last line of defence. */
function problem(pos, message, severity = 'error') {
    return { file: (0,_excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)((0,_excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeControl */ .hN)(pos.file.slice(0, 600)), 300), line: pos.line, column: pos.column, severity, message: (0,_excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)((0,_excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeControl */ .hN)(message.slice(0, _excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .MESSAGE_MAX */ .Fi * 2)), _excerpt_js__WEBPACK_IMPORTED_MODULE_0__/* .MESSAGE_MAX */ .Fi) };
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

/***/ 8176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DL: () => (/* binding */ promotionPath),
/* harmony export */   eQ: () => (/* binding */ promotionEdges),
/* harmony export */   gd: () => (/* binding */ promotionWaves)
/* harmony export */ });
function promotionEdges(environments) {
    const edges = [];
    for (const environment of environments) {
        for (const release of environment.releases) {
            for (const trigger of release.triggers) {
                if (trigger.kind === 'image' && trigger.promote)
                    edges.push({ environment: environment.name, release, trigger: trigger });
            }
        }
    }
    return edges;
}
/**
 * Environment names in dependency order, as waves: an environment comes after every environment it promotes
 * from. Environments in a cycle (a lint error) come last, together, so a run still ends.
 */
function promotionWaves(environments) {
    const names = environments.map((e) => e.name);
    const needs = new Map(names.map((name) => [name, new Set()]));
    for (const edge of promotionEdges(environments)) {
        if (edge.trigger.promote.from !== edge.environment && needs.has(edge.trigger.promote.from))
            needs.get(edge.environment).add(edge.trigger.promote.from);
    }
    const waves = [];
    const done = new Set();
    while (done.size < names.length) {
        const wave = names.filter((name) => !done.has(name) && [...needs.get(name)].every((n) => done.has(n)));
        if (wave.length === 0) {
            waves.push(names.filter((name) => !done.has(name)));
            break;
        }
        wave.forEach((name) => done.add(name));
        waves.push(wave);
    }
    return waves;
}
/** The environments from `from` to `to` following `from:` links (`[from, ..., to]`), if `to` can be reached. */
function promotionPath(environments, from, to) {
    if (from === to)
        return [from];
    const next = new Map();
    for (const edge of promotionEdges(environments)) {
        if (!next.has(edge.environment))
            next.set(edge.environment, new Set());
        next.get(edge.environment).add(edge.trigger.promote.from);
    }
    // Breadth-first, each environment at most once.
    const previous = new Map([[from, from]]);
    const queue = [from];
    while (queue.length > 0) {
        const at = queue.shift();
        for (const step of next.get(at) ?? []) {
            if (previous.has(step))
                continue;
            previous.set(step, at);
            if (step === to) {
                const path = [to];
                for (let back = at; back !== from; back = previous.get(back))
                    path.unshift(back);
                return [from, ...path];
            }
            queue.push(step);
        }
    }
    return undefined;
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
const environments_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"a kubecd environments file (a map with `environments`)","description":"Lists the environments kubecd deploys to: a namespace in a cluster, the release files deployed there and the default Helm values every release in it gets. Accepts the seed design doc\'s form (provider inline per environment, `releases:` as a list of release files), the original kubecd\'s later form (`clusters:` with `clusterName:`, `releasesFiles:`) and kubecd\'s additions.","type":"object","additionalProperties":false,"required":["environments"],"properties":{"clusters":{"title":"a list of clusters ({name, provider})","description":"Clusters shared by name: an environment names one with `cluster:` (or `clusterName:`) instead of declaring its own `provider:`.","type":"array","items":{"$ref":"#/definitions/cluster"}},"helmRepos":{"title":"a list of Helm chart repositories ({name, url})","description":"Classic Helm chart repositories; a release\'s `chart.reference: NAME/CHART` looks NAME up here. `oci://` references need no entry.","type":"array","items":{"$ref":"#/definitions/helmRepo"}},"environments":{"title":"a list of environments ({name, kubeNamespace, ...})","description":"The environments: each is one namespace in one cluster.","type":"array","items":{"$ref":"#/definitions/environment"}}},"definitions":{"cluster":{"title":"a cluster ({name, provider})","description":"A Kubernetes cluster and how to reach it.","type":"object","additionalProperties":false,"required":["name","provider"],"properties":{"name":{"title":"a cluster name","description":"The name environments use to refer to this cluster.","type":"string"},"provider":{"$ref":"#/definitions/provider"},"parameters":{"title":"a list of {name, value} parameters","description":"Named cluster parameters (original kubecd format); `valueFrom.gceResource.address.nameFrom.clusterParam` reads them.","type":"array","items":{"title":"a cluster parameter ({name, value})","description":"One named cluster parameter.","type":"object","additionalProperties":false,"required":["name","value"],"properties":{"name":{"title":"a parameter name","description":"The parameter name.","type":"string"},"value":{"title":"a parameter value","description":"The parameter value (a string).","type":["string","number","boolean"]}}}}}},"provider":{"title":"a provider (one of gke, aks, eks, existingContext, minikube, dockerForDesktop)","description":"How to get credentials for the cluster: exactly one of `gke`, `aks`, `eks`, `existingContext`, `minikube` or `dockerForDesktop`.","type":"object","additionalProperties":false,"properties":{"gke":{"title":"a GKE cluster ({project, clusterName, zone or region})","description":"A Google Kubernetes Engine cluster; credentials come from Google application default credentials (workload identity in GitHub Actions).","type":"object","additionalProperties":false,"required":["project","clusterName"],"properties":{"project":{"title":"a Google Cloud project id","description":"The Google Cloud project that owns the cluster.","type":"string"},"clusterName":{"title":"a GKE cluster name","description":"The GKE cluster name.","type":"string"},"zone":{"title":"a zone","description":"The zone of a zonal cluster (for example `us-central1-b`). Give exactly one of `zone` and `region`.","type":"string"},"region":{"title":"a region","description":"The region of a regional cluster (for example `us-central1`). Give exactly one of `zone` and `region`.","type":"string"},"endpoint":{"title":"one of public, private, dns","description":"Which control-plane endpoint the kubeconfig uses: `public` (default), `private` (the private endpoint, from inside the VPC) or `dns` (the DNS-based endpoint).","enum":["public","private","dns"]}}},"aks":{"title":"an AKS cluster ({tenantId, subscriptionId, resourceGroup, clusterName})","description":"An Azure Kubernetes Service cluster with Microsoft Entra ID integration; the API server address and CA come from Azure Resource Manager, the token from Entra ID (GitHub OIDC federation in GitHub Actions, the ambient Azure credentials elsewhere).","type":"object","additionalProperties":false,"required":["tenantId","subscriptionId","resourceGroup","clusterName"],"properties":{"tenantId":{"title":"a tenant id (GUID)","description":"The Microsoft Entra tenant (directory) id.","type":"string"},"subscriptionId":{"title":"a subscription id (GUID)","description":"The Azure subscription that holds the cluster.","type":"string"},"resourceGroup":{"title":"a resource group name","description":"The resource group of the managed cluster.","type":"string"},"clusterName":{"title":"an AKS cluster name","description":"The managed cluster\'s name.","type":"string"},"clientId":{"title":"a client id (GUID)","description":"The application (client) id of the Entra app registration or user-assigned managed identity whose federated credential trusts this repository\'s workflows. Default the apply action\'s `azure-client-id` input.","type":"string"},"endpoint":{"title":"one of public, private","description":"Which API server address the kubeconfig uses: `public` (default, the cluster\'s `fqdn`) or `private` (its `privateFQDN`, from inside the virtual network).","enum":["public","private"]}}},"eks":{"title":"an EKS cluster ({accountId, region, clusterName, roleArn})","description":"An Amazon EKS cluster; the API server address and CA come from EKS DescribeCluster, the bearer token is an STS-presigned GetCallerIdentity URL (as `aws eks get-token` makes). Credentials: the IAM role assumed with the workflow\'s GitHub OIDC token in GitHub Actions, the AWS SDK\'s default credential chain elsewhere.","type":"object","additionalProperties":false,"required":["accountId","region","clusterName"],"properties":{"accountId":{"title":"a 12-digit AWS account id (quoted)","description":"The AWS account that owns the cluster; kubecd refuses a cluster whose ARN names another account. Quote it: unquoted, YAML reads it as a number.","type":["string","integer"]},"region":{"title":"an AWS region code","description":"The cluster\'s region, for example `us-east-1`.","type":"string"},"clusterName":{"title":"an EKS cluster name","description":"The EKS cluster name.","type":"string"},"roleArn":{"title":"an IAM role ARN","description":"The IAM role to assume (with the GitHub OIDC token in GitHub Actions, with the ambient credentials elsewhere). Default the apply action\'s `aws-role-arn` input; without either, the credentials are used as they are.","type":"string"}}},"existingContext":{"title":"an existing kubeconfig context ({context, kubeconfig})","description":"Any cluster reachable through a kubeconfig context (kind, minikube, EKS, AKS, ...).","type":"object","additionalProperties":false,"properties":{"context":{"title":"a kubeconfig context name","description":"The kubeconfig context to use; the kubeconfig\'s current context when left out.","type":"string"},"contextName":{"title":"a kubeconfig context name","description":"Same as `context` (the original kubecd\'s spelling).","type":"string"},"kubeconfig":{"title":"a kubeconfig path","description":"A kubeconfig file relative to the environments file\'s folder; the default kubeconfig (KUBECONFIG or ~/.kube/config) when left out.","type":"string"}}},"minikube":{"title":"an empty map","description":"The local minikube cluster: the same as `existingContext: {context: minikube}`.","type":["object","null"],"additionalProperties":false},"dockerForDesktop":{"title":"an empty map","description":"Docker Desktop\'s cluster: the same as `existingContext: {context: docker-desktop}`.","type":["object","null"],"additionalProperties":false}}},"helmRepo":{"title":"a Helm repository ({name, url})","description":"A classic Helm chart repository (one with an index.yaml).","type":"object","additionalProperties":false,"required":["name","url"],"properties":{"name":{"title":"a repository name","description":"The name used in chart references (`NAME/CHART`).","type":"string"},"url":{"title":"a repository URL","description":"The repository URL (the folder holding index.yaml).","type":"string"},"caFile":{"title":"a file path","description":"Accepted for compatibility with the original kubecd; not used (a warning says so).","type":"string"},"certFile":{"title":"a file path","description":"Accepted for compatibility with the original kubecd; not used (a warning says so).","type":"string"},"keyFile":{"title":"a file path","description":"Accepted for compatibility with the original kubecd; not used (a warning says so).","type":"string"}}},"environment":{"title":"an environment ({name, kubeNamespace, cluster or provider, releases})","description":"One namespace in one cluster, with the release files deployed there.","type":"object","additionalProperties":false,"required":["name","kubeNamespace"],"properties":{"name":{"title":"an environment name","description":"The environment name (letters, digits, `.`, `_`, `-`); it names the lock file and the GitHub environment.","type":"string"},"cluster":{"title":"a cluster name","description":"The name of an entry in `clusters:`. Give either this (or `clusterName`) or `provider`.","type":"string"},"clusterName":{"title":"a cluster name","description":"Same as `cluster` (the original kubecd\'s spelling).","type":"string"},"provider":{"$ref":"#/definitions/provider"},"kubeNamespace":{"title":"a namespace name","description":"The Kubernetes namespace releases are installed into.","type":"string"},"releases":{"title":"a list of release file paths","description":"Release files deployed in this environment, relative to this file\'s folder (the seed design doc\'s spelling).","type":"array","items":{"title":"a release file path","description":"A release file path.","type":"string"}},"releasesFiles":{"title":"a list of release file paths","description":"Same as `releases` (the original kubecd\'s spelling).","type":"array","items":{"title":"a release file path","description":"A release file path.","type":"string"}},"defaultValuesFile":{"title":"a values file path","description":"A Helm values file every release in this environment gets (lowest precedence), relative to this file\'s folder.","type":"string"},"defaultValues":{"title":"a list of {key, value} entries","description":"Helm values every release in this environment gets; they override `defaultValuesFile` and are overridden by the release\'s own values.","type":"array","items":{"$ref":"#/definitions/valueSetting"}},"lockFile":{"title":"a lock file path","description":"Where check-upgrades records resolved versions for this environment, relative to this file\'s folder. Default: `locks/<environment>.yaml`.","type":"string"},"pinDigest":{"title":"true or false","description":"Every image trigger of this environment deploys `TAG@DIGEST` from its lock entry (as the trigger\'s own `pinDigest`).","type":"boolean"},"deployedBy":{"title":"one of action, agent","description":"Who applies this environment: `action` (default), a workflow with the kubecd apply action, or `agent`, a kubecd agent running in the cluster. `kubecd lint` warns when a workflow applies an `agent` environment.","enum":["action","agent"]}}},"valueSetting":{"title":"a {key, value} entry","description":"One Helm value: a dotted key (`a.b.c`, `\\\\.` for a literal dot) and either a `value` (kept with its YAML type: quote `\\"1.10\\"` to keep a string) or a `valueFrom`.","type":"object","additionalProperties":false,"required":["key"],"properties":{"key":{"title":"a dotted value key","description":"The value\'s key; dots nest, `\\\\.` is a literal dot.","type":"string"},"value":{"description":"The value, with its YAML type kept."},"valueFrom":{"title":"a valueFrom ({gceResource: {address: ...}})","description":"Fill the value from the infrastructure when applying.","type":"object","additionalProperties":false,"required":["gceResource"],"properties":{"gceResource":{"title":"a gceResource ({address: ...})","description":"A Google Compute Engine resource.","type":"object","additionalProperties":false,"required":["address"],"properties":{"address":{"title":"an address ({name or nameFrom, isGlobal})","description":"The IP of a reserved Compute Engine address in the cluster\'s project (and region, unless global).","type":"object","additionalProperties":false,"properties":{"name":{"title":"an address name","description":"The address name.","type":"string"},"nameFrom":{"title":"a nameFrom ({clusterParam})","description":"Take the address name from a cluster parameter.","type":"object","additionalProperties":false,"required":["clusterParam"],"properties":{"clusterParam":{"title":"a cluster parameter name","description":"The cluster parameter holding the address name.","type":"string"}}},"isGlobal":{"title":"true or false","description":"A global (anycast) address instead of a regional one. Default false.","type":"boolean"}}}}}}}}}}}');
;// CONCATENATED MODULE: ./schema/releases.schema.json
const releases_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"a kubecd release file (a map with `releases` and/or `resourceFiles`)","description":"Releases (a Helm chart plus values and upgrade triggers) and plain Kubernetes resource files for the environments that list this file. Paths are relative to this file\'s folder.","type":"object","additionalProperties":false,"properties":{"resourceFiles":{"title":"a list of resource file paths","description":"Plain Kubernetes resource files applied with `kubectl apply` in every environment that lists this file. Removing one from the list does not delete its resources.","type":"array","items":{"title":"a resource file path","description":"A resource file path.","type":"string"}},"releases":{"title":"a list of releases ({name, chart, ...})","description":"The Helm releases.","type":"array","items":{"$ref":"#/definitions/release"}},"resourceDependencies":{"title":"a list of {kind, name} entries","description":"Accepted for compatibility with the original kubecd; not used (a warning says so).","type":"array","items":{"title":"a {kind, name} entry","description":"A resource this file depends on.","type":"object","additionalProperties":false,"properties":{"kind":{"title":"a resource kind","description":"The resource kind.","type":"string"},"name":{"title":"a resource name","description":"The resource name, optionally `namespace/name`.","type":"string"}}}}},"definitions":{"release":{"title":"a release ({name, chart, ...})","description":"One Helm release: a chart, its values and its upgrade triggers.","type":"object","additionalProperties":false,"required":["name","chart"],"properties":{"name":{"title":"a release name","description":"The Helm release name: lower-case letters, digits, `-` and `.`, at most 53 characters, unique within an environment.","type":"string"},"chart":{"title":"a chart ({dir} or {reference, version})","description":"The chart: a local directory (`dir`) or a reference (`repo/chart` through `helmRepos`, or `oci://host/path/chart`) with a pinned `version`.","type":"object","additionalProperties":false,"properties":{"dir":{"title":"a chart directory","description":"A chart directory (holding Chart.yaml), relative to this file\'s folder.","type":"string"},"reference":{"title":"a chart reference","description":"`REPO/CHART` (REPO from `helmRepos`) or `oci://HOST/PATH/CHART`.","type":"string"},"version":{"title":"a chart version","description":"The chart version; required with `reference`.","type":"string"}}},"valuesFile":{"title":"a values file path","description":"A Helm values file for this release, relative to this file\'s folder.","type":"string"},"valuesFiles":{"title":"a list of values file paths","description":"Helm values files for this release, lowest precedence first (after `valuesFile`).","type":"array","items":{"title":"a values file path","description":"A values file path.","type":"string"}},"values":{"title":"a list of {key, value} entries","description":"Helm values for this release; they override the values files and the environment defaults.","type":"array","items":{"$ref":"#/definitions/valueSetting"}},"trigger":{"$ref":"#/definitions/trigger"},"triggers":{"title":"a list of triggers ({image: ...} or {chart: ...})","description":"Upgrade triggers: which new image tags or chart versions check-upgrades should pick up.","type":"array","items":{"$ref":"#/definitions/trigger"}},"skipDefaultValues":{"title":"true or false","description":"Leave out the environment\'s `defaultValuesFile` and `defaultValues` for this release (for third-party charts).","type":"boolean"},"resourceFiles":{"title":"a list of resource file paths","description":"Plain Kubernetes resource files that belong with this release, relative to this file\'s folder.","type":"array","items":{"title":"a resource file path","description":"A resource file path.","type":"string"}}}},"track":{"title":"one of PatchLevel, MinorVersion, MajorVersion, Newest","description":"Which new versions count as upgrades: `PatchLevel` (same major.minor), `MinorVersion` (same major), `MajorVersion` (any higher version) or `Newest` (the most recently created tag).","enum":["PatchLevel","MinorVersion","MajorVersion","Newest"]},"trigger":{"title":"a trigger ({image: ...} or {chart: ...})","description":"One upgrade trigger: exactly one of `image`, `chart` (or its original spelling `helm`).","type":"object","additionalProperties":false,"properties":{"image":{"title":"an image trigger ({tagValue, repoValue, track})","description":"Watch an image repository for new tags.","type":["object","null"],"additionalProperties":false,"properties":{"tagValue":{"title":"a dotted value key","description":"The value holding the image tag. Default `image.tag`.","type":"string"},"repoValue":{"title":"a dotted value key","description":"The value holding the image repository. Default `image.repository`.","type":"string"},"repoPrefixValue":{"title":"a dotted value key","description":"The value prepended to the repository when present. Default `image.prefix`.","type":"string"},"track":{"$ref":"#/definitions/imageTrack"},"from":{"title":"an environment name","description":"With `track: Promote`: the environment whose lock entry for the same release and key this trigger follows.","type":"string"},"after":{"title":"a duration (30m, 24h, 7d)","description":"With `track: Promote`: how long `from` must have run a tag before it is promoted. Default 0m.","type":"string"},"within":{"title":"one of PatchLevel, MinorVersion, MajorVersion","description":"With `track: Promote`: promote only within these semver bounds of the current tag. Default: any.","enum":["PatchLevel","MinorVersion","MajorVersion"]},"pinDigest":{"title":"true or false","description":"Apply deploys `TAG@DIGEST` from the lock entry, and check-upgrades proposes a digest update when the tag is re-pushed.","type":"boolean"},"digestValue":{"title":"a dotted value key","description":"With pinning: set this value to the digest instead of appending it to the tag.","type":"string"}}},"chart":{"title":"a chart trigger ({track})","description":"Watch the chart repository for new versions of a `reference` chart.","type":["object","null"],"additionalProperties":false,"properties":{"track":{"$ref":"#/definitions/track"}}},"helm":{"title":"a chart trigger ({track})","description":"Same as `chart` (the original kubecd\'s spelling).","type":["object","null"],"additionalProperties":false,"properties":{"track":{"$ref":"#/definitions/track"}}},"github":{"title":"a github trigger","description":"Accepted for compatibility with the original kubecd; not supported (a warning says so).","type":["object","null"],"additionalProperties":false,"properties":{"repository":{"title":"a repository","description":"owner/name.","type":"string"},"branch":{"title":"a branch","description":"A branch name.","type":"string"},"tagMatching":{"title":"a pattern","description":"A tag pattern.","type":"string"}}}}},"valueSetting":{"title":"a {key, value} entry","description":"One Helm value: a dotted key (`a.b.c`, `\\\\.` for a literal dot) and either a `value` (kept with its YAML type: quote `\\"1.10\\"` to keep a string) or a `valueFrom`.","type":"object","additionalProperties":false,"required":["key"],"properties":{"key":{"title":"a dotted value key","description":"The value\'s key; dots nest, `\\\\.` is a literal dot.","type":"string"},"value":{"description":"The value, with its YAML type kept."},"valueFrom":{"title":"a valueFrom ({gceResource: {address: ...}})","description":"Fill the value from the infrastructure when applying.","type":"object","additionalProperties":false,"required":["gceResource"],"properties":{"gceResource":{"title":"a gceResource ({address: ...})","description":"A Google Compute Engine resource.","type":"object","additionalProperties":false,"required":["address"],"properties":{"address":{"title":"an address ({name or nameFrom, isGlobal})","description":"The IP of a reserved Compute Engine address in the cluster\'s project (and region, unless global).","type":"object","additionalProperties":false,"properties":{"name":{"title":"an address name","description":"The address name.","type":"string"},"nameFrom":{"title":"a nameFrom ({clusterParam})","description":"Take the address name from a cluster parameter.","type":"object","additionalProperties":false,"required":["clusterParam"],"properties":{"clusterParam":{"title":"a cluster parameter name","description":"The cluster parameter holding the address name.","type":"string"}}},"isGlobal":{"title":"true or false","description":"A global (anycast) address instead of a regional one. Default false.","type":"boolean"}}}}}}}}},"imageTrack":{"title":"one of PatchLevel, MinorVersion, MajorVersion, Newest, Promote","description":"As `track`, plus `Promote`: take the tag the `from` environment\'s lock file has held for at least `after`.","enum":["PatchLevel","MinorVersion","MajorVersion","Newest","Promote"]}}}');
;// CONCATENATED MODULE: ./schema/lock.schema.json
const lock_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"a kubecd lock file (a map with `environment` and `entries`)","description":"Versions resolved by `kubecd check-upgrades` for one environment. Generated: edit the release files instead. Apply layers these values over the release\'s values.","type":"object","additionalProperties":false,"required":["environment","entries"],"properties":{"environment":{"title":"an environment name","description":"The environment this lock file belongs to.","type":"string"},"entries":{"title":"a list of lock entries ({release, key, value, ...})","description":"Resolved versions, sorted by release and key.","type":["array","null"],"items":{"title":"a lock entry ({release, key, value, resolvedAt, ...})","description":"One resolved version.","type":"object","additionalProperties":false,"required":["release","key","value","resolvedAt"],"properties":{"release":{"title":"a release name","description":"The release the value belongs to.","type":"string"},"key":{"title":"a dotted value key","description":"The value key it sets (for example `image.tag`), or `chart.version` for a chart trigger.","type":"string"},"value":{"title":"a string","description":"The resolved tag or chart version (always a string).","type":"string"},"repository":{"title":"a repository","description":"The image repository (image triggers) or chart reference (chart triggers).","type":"string"},"digest":{"title":"a digest (sha256:<64 hex> or sha512:<128 hex>)","description":"The manifest digest the tag pointed at when resolved (`sha256:...`).","type":"string","pattern":"^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$"},"track":{"title":"one of PatchLevel, MinorVersion, MajorVersion, Newest, Promote","description":"The trigger track that chose this version.","enum":["PatchLevel","MinorVersion","MajorVersion","Newest","Promote"]},"created":{"title":"an RFC 3339 time","description":"When the image was created, remembered so `Newest` need not fetch it again.","type":"string","pattern":"^\\\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\\\d|3[01])[Tt]([01]\\\\d|2[0-3]):[0-5]\\\\d:([0-5]\\\\d|60)(\\\\.\\\\d{1,9})?([Zz]|[+-]([01]\\\\d|2[0-3]):[0-5]\\\\d)$"},"resolvedAt":{"title":"an RFC 3339 time","description":"When kubecd resolved this version.","type":"string","pattern":"^\\\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\\\d|3[01])[Tt]([01]\\\\d|2[0-3]):[0-5]\\\\d:([0-5]\\\\d|60)(\\\\.\\\\d{1,9})?([Zz]|[+-]([01]\\\\d|2[0-3]):[0-5]\\\\d)$"},"since":{"title":"an RFC 3339 time","description":"When this value was first resolved for this entry; unchanged while the value stays. `track: Promote` in a later environment waits on it.","type":"string","pattern":"^\\\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\\\d|3[01])[Tt]([01]\\\\d|2[0-3]):[0-5]\\\\d:([0-5]\\\\d|60)(\\\\.\\\\d{1,9})?([Zz]|[+-]([01]\\\\d|2[0-3]):[0-5]\\\\d)$"},"hold":{"title":"true or false","description":"Set by hand (say, with a rolled-back value): check-upgrades leaves this entry alone until it is removed.","type":"boolean"}}}}}}');
// EXTERNAL MODULE: ./src/model/excerpt.ts
var excerpt = __webpack_require__(24664);
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
        return `the string "${(0,excerpt/* excerpt */.Kb)(value)}"`;
    return `the ${typeof value} ${(0,excerpt/* excerpt */.Kb)(String(value))}`;
}
/** The name of the property at the end of the path, for messages: `values`, `releases[2]`. */
function label(path) {
    const last = path.at(-1);
    if (last === undefined)
        return 'the file';
    if (/^\d+$/.test(String(last))) {
        const parent = path.at(-2);
        return parent === undefined ? `item ${Number(last) + 1}` : `\`${(0,excerpt/* excerpt */.Kb)(parent)}\` item ${Number(last) + 1}`;
    }
    return `\`${(0,excerpt/* excerpt */.Kb)(last)}\``;
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
            const hint = key.length <= 100 ? (0,suggest/* didYouMean */.au)(key, known) : '';
            const message = hint
                ? `unknown key \`${(0,excerpt/* excerpt */.Kb)(key)}\`${hint}`
                : `unknown key \`${(0,excerpt/* excerpt */.Kb)(key)}\`; expected one of: ${known.join(', ')}`;
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
            const hint = typeof error.data === 'string' && error.data.length <= 100 ? (0,suggest/* didYouMean */.au)(error.data, allowed) : '';
            return (0,problems/* problem */.CC)(source.pos(path), `${label(path)} should be one of ${allowed.join(', ')}, found ${describe(error.data)}${hint}`);
        }
        case 'pattern':
        case 'maxLength':
            return (0,problems/* problem */.CC)(source.pos(path), `${label(path)} should be ${expected(error)}, found ${describe(error.data)}`);
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
    // Edit distance is quadratic; a typo of a key or a name is short, so long words get no suggestion.
    if (word.length > 64)
        return undefined;
    for (const candidate of candidates.slice(0, 1000)) {
        if (candidate.length > 64)
            continue;
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
/* harmony export */   c: () => (/* binding */ TRIGGER_TRACKS),
/* harmony export */   p: () => (/* binding */ TRACKS)
/* harmony export */ });
/**
 * The deployments repo as kubecd understands it, after loading and normalising every accepted input
 * form (the seed design doc's, the original kubecd's later format, and kubecd's additions).
 * Pure data: nothing here talks to the world.
 */
const TRACKS = ['PatchLevel', 'MinorVersion', 'MajorVersion', 'Newest'];
const TRIGGER_TRACKS = [...TRACKS, 'Promote'];


/***/ }),

/***/ 31954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ parseYaml)
/* harmony export */ });
/* unused harmony export YAML_LIMITS */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99437);
/* harmony import */ var _problems_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(24664);


/** Bounds on what one YAML file may make kubecd do (the file size bound is MAX_FILE_BYTES, at reading). */
const YAML_LIMITS = {
    maxDepth: 64,
    maxKeysPerMap: 10_000,
    /** The expanded size (every alias costs its target's size) may be at most max(this, factor × text length). */
    minExpandedSize: 1024 * 1024,
    expansionFactor: 10,
    maxProblems: 100,
};
function parseYaml(text, file) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    // merge: `<<: *defaults` keys, which YAML 1.1 tools (and the original kubecd's users) rely on.
    // uniqueKeys: false, because yaml's own check is quadratic in the keys of a map; checkStructure does it linearly.
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter, prettyErrors: true, merge: true, uniqueKeys: false });
    const at = (offset) => {
        const { line, col } = lineCounter.linePos(offset ?? 0);
        return { file, line, column: col };
    };
    const problems = doc.errors.slice(0, YAML_LIMITS.maxProblems).map((error) => {
        const start = error.linePos?.[0];
        // The yaml package appends a code excerpt after a blank line; the first line is the message.
        const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return (0,_problems_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)(start ? { file, line: start.line, column: start.col } : at(error.pos[0]), `YAML syntax: ${message}`);
    });
    if (problems.length === 0)
        problems.push(...checkStructure(doc, text.length, at));
    let data;
    if (problems.length === 0) {
        try {
            data = doc.toJS({ maxAliasCount: 1000 });
        }
        catch (error) {
            problems.push((0,_problems_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)(at(0), `YAML: ${error.message}`));
        }
    }
    // Pairs by key, per map, built on first look-up: many positioned problems in one big map stay linear.
    const indexes = new WeakMap();
    const pairOf = (map, segment) => {
        let index = indexes.get(map);
        if (!index) {
            index = new Map();
            for (const item of map.items) {
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(item) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(item.key) && !index.has(String(item.key.value)))
                    index.set(String(item.key.value), item);
            }
            indexes.set(map, index);
        }
        return index.get(String(segment));
    };
    /** Walks the path; returns the deepest node reached and, for the last step, the key node. */
    const walk = (path) => {
        let node = doc.contents;
        let key = null;
        for (const segment of path) {
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
                node = node.resolve(doc);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
                const pair = pairOf(node, segment);
                if (!pair)
                    break;
                key = pair.key;
                node = pair.value ?? null;
                if (node === null)
                    return { node: key, key };
            }
            else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
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
/**
 * One linear walk over the parsed document enforcing YAML_LIMITS: nesting depth, keys per map, duplicate
 * keys, plain keys, and the size the document expands to through its aliases. Each finding is positioned.
 */
function checkStructure(doc, textLength, at) {
    const problems = [];
    const cap = Math.max(YAML_LIMITS.minExpandedSize, YAML_LIMITS.expansionFactor * textLength);
    /** Subtree sizes of anchored nodes, by anchor name (the latest definition wins, as in YAML); -1 while open. */
    const anchors = new Map();
    let expanded = 0;
    let fatal = false;
    const fail = (node, message) => {
        if (problems.length < YAML_LIMITS.maxProblems)
            problems.push((0,_problems_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)(at(node?.range?.[0]), message));
    };
    const visit = (node, depth) => {
        if (fatal || node === null || node === undefined)
            return 0;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
            const size = anchors.get(node.source);
            if (size === undefined)
                return 0; // yaml reports the unknown anchor
            if (size < 0) {
                fail(node, `alias \`*${(0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(node.source)}\` refers to a node that contains it`);
                fatal = true;
                return 0;
            }
            expanded += size;
            if (expanded > cap) {
                fail(node, `aliases expand this file to more than ${cap} characters (each alias counts its anchor's size); use fewer or smaller aliases`);
                fatal = true;
            }
            return size;
        }
        const anchor = node.anchor;
        if (anchor)
            anchors.set(anchor, -1);
        let size = 1;
        expanded += 1;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node)) {
            const own = node.range ? Math.max(0, node.range[1] - node.range[0]) : String(node.value).length;
            size += own;
            expanded += own;
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isCollection */ .P3)(node)) {
            if (depth >= YAML_LIMITS.maxDepth) {
                fail(node, `nesting is deeper than ${YAML_LIMITS.maxDepth} levels`);
                fatal = true;
                return size;
            }
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
                // Keys first, so a map over the key limit still has its duplicates reported where they are.
                const first = new Map();
                for (const pair of node.items) {
                    const key = pair.key;
                    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(key)) {
                        if (key !== null && key !== undefined)
                            fail(key, `map keys must be plain values, found ${(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(key) ? 'an alias' : (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(key) ? 'a map' : 'a list'}`);
                    }
                    else if (typeof key.value !== 'symbol') {
                        // (a symbol is a `<<` merge key, which may repeat)
                        const name = String(key.value ?? '');
                        if (first.has(name)) {
                            const earlier = at(first.get(name));
                            fail(key, `duplicate key \`${(0,_problems_js__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(name)}\` (first at ${earlier.line}:${earlier.column})`);
                        }
                        else {
                            first.set(name, key.range?.[0]);
                        }
                    }
                }
                if (node.items.length > YAML_LIMITS.maxKeysPerMap) {
                    fail(node, `map has ${node.items.length} keys; at most ${YAML_LIMITS.maxKeysPerMap} are allowed`);
                    fatal = true;
                    return size;
                }
                for (const pair of node.items) {
                    size += visit(pair.key, depth + 1) + visit(pair.value, depth + 1);
                    if (fatal)
                        break;
                }
            }
            else {
                for (const item of node.items) {
                    size += visit(item, depth + 1);
                    if (fatal)
                        break;
                }
            }
        }
        if (anchor)
            anchors.set(anchor, size);
        return size;
    };
    visit(doc.contents, 0);
    return problems;
}


/***/ }),

/***/ 59755:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ loadRepo)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/fs/confined.ts
var fs_confined = __webpack_require__(58755);
// EXTERNAL MODULE: ./src/lock/parse.ts
var parse = __webpack_require__(45968);
// EXTERNAL MODULE: ./src/model/excerpt.ts
var excerpt = __webpack_require__(24664);
// EXTERNAL MODULE: ./src/model/problems.ts
var model_problems = __webpack_require__(99437);
;// CONCATENATED MODULE: ./src/repo/checks/files.ts


/** `x` or, when it resolves elsewhere, `x` (root/relative/x). */
function describeRef(ref) {
    return ref.written.replace(/^\.\//, '') === ref.path ? `\`${(0,excerpt/* excerpt */.Kb)(ref.written)}\`` : `\`${(0,excerpt/* excerpt */.Kb)(ref.written)}\` (${(0,excerpt/* excerpt */.Kb)(ref.path, 80)})`;
}
/**
 * Checks that every referenced file exists inside the repository (symlinks resolved) and is a regular file,
 * and that chart directories hold a Chart.yaml and no symlink that leaves the repository.
 */
async function checkFileRefs(root, refs) {
    const cache = new Map();
    const kindOf = (file) => {
        let kind = cache.get(file);
        if (!kind) {
            kind = (0,fs_confined/* statConfined */.lH)(root, file);
            cache.set(file, kind);
        }
        return kind;
    };
    const charts = new Map();
    const chartProblem = (dir) => {
        let pending = charts.get(dir);
        if (!pending) {
            pending = (async () => {
                const walked = await (0,fs_confined/* checkChartDirectory */.ei)(root, dir);
                if ((0,fs_confined/* isRefused */.H0)(walked))
                    return walked.refused.reason === 'missing' ? 'does not exist' : walked.refused.message;
                const chartYaml = await kindOf(`${dir}/Chart.yaml`);
                if ((0,fs_confined/* isRefused */.H0)(chartYaml))
                    return chartYaml.refused.reason === 'missing' ? 'has no Chart.yaml' : `has a Chart.yaml that ${chartYaml.refused.message}`;
                return chartYaml.kind === 'file' ? undefined : 'has no Chart.yaml (it is a directory)';
            })();
            charts.set(dir, pending);
        }
        return pending;
    };
    const problems = [];
    await Promise.all(refs.map(async (ref) => {
        if (ref.kind === 'chart directory') {
            const reason = await chartProblem(ref.path);
            if (reason !== undefined)
                problems.push((0,model_problems/* problem */.CC)(ref.pos, `chart directory ${describeRef(ref)} ${reason}`));
            return;
        }
        const kind = await kindOf(ref.path);
        if ((0,fs_confined/* isRefused */.H0)(kind))
            problems.push((0,model_problems/* problem */.CC)(ref.pos, `${ref.kind} ${describeRef(ref)} ${kind.refused.message}`));
        else if (kind.kind === 'dir')
            problems.push((0,model_problems/* problem */.CC)(ref.pos, `${ref.kind} ${describeRef(ref)} is a directory; expected a file`));
    }));
    return problems;
}

// EXTERNAL MODULE: ./src/lock/chart-version.ts
var chart_version = __webpack_require__(2206);
;// CONCATENATED MODULE: ./src/repo/checks/lock.ts


/**
 * Lock entries must match a release and a trigger that still exist. An error, not a warning: apply
 * layers every entry over the release values, so a stale entry would silently set a key nobody
 * asks for any more (or pin a tag the user meant to stop tracking).
 *
 * `unreadReleaseFiles`: release files that failed to read or parse. Their releases are unknown, so an entry
 * naming a release that is not found is not called stale: the file's own error is the one to fix.
 */
function checkLock(env, lock, lockFile, unreadReleaseFiles = new Set()) {
    const releasesUnknown = env.releaseFiles.some((file) => unreadReleaseFiles.has(file));
    const problems = [];
    if (lock.environment !== env.name) {
        problems.push((0,model_problems/* problem */.CC)({ file: lockFile, line: 1, column: 1 }, `lock file says environment \`${(0,excerpt/* excerpt */.Kb)(lock.environment)}\`, but it is the lock file of environment \`${env.name}\``));
    }
    for (const entry of lock.entries) {
        const pos = entry.pos ?? { file: lockFile, line: 1, column: 1 };
        const release = env.releases.find((r) => r.name === entry.release);
        if (!release) {
            if (releasesUnknown)
                continue;
            problems.push((0,model_problems/* problem */.CC)(pos, `lock entry names release \`${(0,excerpt/* excerpt */.Kb)(entry.release)}\`, which environment \`${env.name}\` no longer has; run check-upgrades to refresh the lock file`));
            continue;
        }
        const keys = release.triggers.map(chart_version/* lockKeyOf */.E5);
        if (!keys.includes(entry.key)) {
            problems.push((0,model_problems/* problem */.CC)(pos, `lock entry sets \`${(0,excerpt/* excerpt */.Kb)(entry.key)}\` of release \`${(0,excerpt/* excerpt */.Kb)(entry.release)}\`, but no trigger of that release uses this key (${keys.length ? `expected one of: ${keys.join(', ')}` : 'it has no triggers'}); run check-upgrades to refresh the lock file`));
        }
    }
    return problems;
}

;// CONCATENATED MODULE: ./src/repo/checks/releases.ts

/** Release names must be unique within an environment, across all of its release files. */
function checkDuplicateReleases(env) {
    const problems = [];
    const first = new Map();
    for (const release of env.releases) {
        const seen = first.get(release.name);
        if (seen !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(release.pos, `duplicate release \`${(0,excerpt/* excerpt */.Kb)(release.name)}\` in environment \`${env.name}\`; first declared at ${seen}`));
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
        problems.push((0,model_problems/* problem */.CC)(setting.pos, `value \`${setting.key}\` reads cluster parameter \`${(0,excerpt/* excerpt */.Kb)(param)}\`, which cluster \`${(0,excerpt/* excerpt */.Kb)(env.cluster.name)}\` (environment \`${env.name}\`) does not define`));
    }
    return problems;
}

// EXTERNAL MODULE: ./src/model/promotion.ts
var promotion = __webpack_require__(8176);
// EXTERNAL MODULE: ./src/model/suggest.ts
var suggest = __webpack_require__(2691);
;// CONCATENATED MODULE: ./src/repo/checks/promotion.ts



/**
 * `track: Promote` must name a declared environment that has the same release, and promotions must not
 * go round in a circle (each trigger in a cycle is reported, at its `from`).
 */
function checkPromotions(environments) {
    const problems = new Map();
    const add = (found) => problems.set(`${(0,model_problems/* formatPos */.Yb)(found)} ${found.message}`, found);
    const names = environments.map((e) => e.name);
    for (const { environment, release, trigger } of (0,promotion/* promotionEdges */.eQ)(environments)) {
        const { from, fromPos } = trigger.promote;
        const source = environments.find((e) => e.name === from);
        if (!source) {
            add((0,model_problems/* problem */.CC)(fromPos, `release \`${release.name}\` in environment \`${environment}\` promotes from \`${(0,excerpt/* excerpt */.Kb)(from)}\`, which is not an environment${(0,suggest/* didYouMean */.au)(from, names) || `; declared: ${names.join(', ')}`}`));
            continue;
        }
        const cycle = (0,promotion/* promotionPath */.DL)(environments, from, environment);
        if (cycle) {
            add((0,model_problems/* problem */.CC)(fromPos, `promotion cycle: ${[environment, ...cycle].join(' -> ')}; an environment cannot (even through others) promote from itself`));
            continue;
        }
        if (!source.releases.some((r) => r.name === release.name)) {
            add((0,model_problems/* problem */.CC)(fromPos, `release \`${release.name}\` in environment \`${environment}\` promotes from \`${from}\`, which has no release \`${release.name}\``));
        }
    }
    return [...problems.values()];
}

// EXTERNAL MODULE: ./src/values/compose.ts
var compose = __webpack_require__(37594);
// EXTERNAL MODULE: ./src/values/keys.ts
var keys = __webpack_require__(89876);
// EXTERNAL MODULE: ./src/versions/tag.ts
var versions_tag = __webpack_require__(62905);
// EXTERNAL MODULE: ./src/model/grammar.ts
var grammar = __webpack_require__(9600);
;// CONCATENATED MODULE: ./src/repo/checks/triggers.ts





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
                    problems.push((0,model_problems/* problem */.CC)(trigger.pos, `trigger ${field} \`${key}\` of ${where} is ${describeKind(value)}; expected a string`));
                }
            }
            // The prefix is optional, but when set it is joined into the image name like the repository.
            const prefix = (0,keys/* getValue */._W)(values, trigger.prefixValue);
            if (prefix !== undefined && prefix !== null && typeof prefix !== 'string' && typeof prefix !== 'number') {
                problems.push((0,model_problems/* problem */.CC)(trigger.pos, `trigger repoPrefixValue \`${trigger.prefixValue}\` of ${where} is ${describeKind(prefix)}; expected a string`));
            }
            const image = (0,compose/* imageOf */.dT)(values, trigger);
            if (image.repository !== undefined && image.repository !== '' && !(0,grammar/* isImageRepository */.Ic)(image.repository)) {
                problems.push((0,model_problems/* problem */.CC)(trigger.pos, `image repository \`${(0,excerpt/* excerpt */.Kb)(image.repository)}\` of ${where} is not an image name; expected [HOST[:PORT]/]PATH with lower-case path components and no tag`));
            }
            if (image.tag !== undefined && image.tag !== '' && !(0,grammar/* isOciTag */.i1)(image.tag)) {
                problems.push((0,model_problems/* problem */.CC)(trigger.pos, `current tag \`${(0,excerpt/* excerpt */.Kb)(image.tag)}\` of ${where} is not an image tag; expected letters, digits, \`_\`, \`.\` and \`-\` (at most 128, not starting with \`.\` or \`-\`)`));
            }
            const tag = (0,keys/* getValue */._W)(values, trigger.tagValue);
            if (typeof tag === 'number') {
                problems.push((0,model_problems/* problem */.CC)(trigger.pos, `trigger tagValue \`${trigger.tagValue}\` of ${where} is the number ${(0,excerpt/* excerpt */.Kb)(String(tag))}; quote the tag in YAML so it stays a string (1.10 reads as 1.1)`, 'warning'));
            }
            const bounds = trigger.promote ? trigger.promote.within : trigger.track !== 'Newest' ? trigger.track : undefined;
            if (bounds !== undefined && (typeof tag === 'string' || typeof tag === 'number') && (0,versions_tag/* parseTag */.E)(String(tag)) === undefined) {
                problems.push((0,model_problems/* problem */.CC)(trigger.pos, `current tag \`${(0,excerpt/* excerpt */.Kb)(String(tag))}\` of ${where} is not a version (X, X.Y or X.Y.Z, optionally with a v prefix), so ${trigger.promote ? `within: ${bounds}` : `track ${bounds}`} cannot compare it; use ${trigger.promote ? 'no `within`' : 'track Newest'} or a version tag`));
            }
        }
    }
    return problems;
}
function describeKind(value) {
    return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `a ${typeof value}`;
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
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'key']), `value key \`${(0,excerpt/* excerpt */.Kb)(key)}\` has an empty part; expected dotted names like \`image.tag\``));
            return;
        }
        if (!(0,grammar/* isValueKey */.V2)(key)) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'key']), `value key \`${(0,excerpt/* excerpt */.Kb)(key)}\` is invalid; expected at most ${grammar/* VALUE_KEY_MAX */.HS} characters, no control characters, not starting with \`-\``));
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
        if (name !== undefined && !(0,grammar/* isPlainArgument */.Ev)(name)) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'valueFrom', 'gceResource', 'address', 'name']), `address name \`${(0,excerpt/* excerpt */.Kb)(name)}\` is invalid; expected a name that does not start with \`-\` and has no control characters`));
            return;
        }
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

;// CONCATENATED MODULE: ./src/model/paths.ts


/**
 * Resolves `relative` against `baseDir` (both relative to the repository root) into a root-relative
 * path with forward slashes. Absolute paths and paths that climb out of the root are refused: the
 * deployments repo must be self-contained so that what is reviewed is what is deployed.
 */
function resolveInRepo(baseDir, relative) {
    if (relative.trim() === '')
        return { error: 'is empty; expected a relative path' };
    if (/[\u0000-\u001f\u007f]/.test(relative))
        return { error: `\`${(0,excerpt/* excerpt */.Kb)(relative)}\` contains control characters; expected a relative path` };
    if (external_node_path_default().posix.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
        return { error: `\`${(0,excerpt/* excerpt */.Kb)(relative)}\` is an absolute path; expected a path relative to the file's folder` };
    }
    const joined = external_node_path_default().posix.normalize(external_node_path_default().posix.join(baseDir === '' ? '.' : baseDir, relative.replaceAll('\\', '/')));
    if (joined === '..' || joined.startsWith('../')) {
        return { error: `\`${(0,excerpt/* excerpt */.Kb)(relative)}\` points outside the repository root` };
    }
    return { path: joined === '.' ? '' : joined.replace(/\/$/, '') };
}
/** The folder of a root-relative file ('' for the root). */
function dirOf(file) {
    const dir = external_node_path_default().posix.dirname(file);
    return dir === '.' ? '' : dir;
}
function toAbsolute(root, file) {
    return path.join(root, ...file.split('/'));
}

// EXTERNAL MODULE: ./src/model/normalise-aks.ts
var normalise_aks = __webpack_require__(16559);
// EXTERNAL MODULE: ./src/model/normalise-eks.ts
var normalise_eks = __webpack_require__(36859);
;// CONCATENATED MODULE: ./src/model/normalise-environments.ts








const NAMESPACE_PATTERN = (/* unused pure expression or super */ null && (NAMESPACE));
const ENVIRONMENT_NAME_PATTERN = (/* unused pure expression or super */ null && (ENVIRONMENT_NAME));
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
        if (!(0,grammar/* isEnvironmentName */.tq)(name)) {
            // The name becomes a file name and a branch name part; an environment without a usable one is left out.
            problems.push((0,model_problems/* problem */.CC)(pos, `environment name \`${(0,excerpt/* excerpt */.Kb)(name)}\` is invalid; expected at most ${grammar/* ENVIRONMENT_NAME_MAX */.nx} letters, digits, \`.\`, \`_\` and \`-\`, starting and ending with a letter or digit`));
            return;
        }
        const first = seenNames.get(name);
        if (first !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(pos, `duplicate environment \`${name}\`; first declared at ${first}`));
            return;
        }
        seenNames.set(name, (0,model_problems/* formatPos */.Yb)(pos));
        const cluster = environmentCluster(source, at, raw, clusters, problems);
        const namespace = (0,model_data/* str */.gx)(raw['kubeNamespace']) ?? '';
        if ((0,model_data/* has */.zy)(raw, 'kubeNamespace') && typeof raw['kubeNamespace'] === 'string' && !(0,grammar/* isNamespace */.GW)(namespace)) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'kubeNamespace']), `namespace \`${(0,excerpt/* excerpt */.Kb)(namespace)}\` is invalid; expected a DNS-1123 label: at most 63 lower-case letters, digits and \`-\`, starting and ending with a letter or digit`));
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
            const resolved = resolveInRepo(baseDir, raw['lockFile']);
            const refusal = 'error' in resolved ? resolved.error : lockFilePathProblem(resolved.path);
            if (refusal !== undefined)
                problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'lockFile']), `\`lockFile\` ${refusal}`));
            else if ('path' in resolved)
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
            pinDigest: raw['pinDigest'] === true,
            deployedBy: raw['deployedBy'] === 'agent' ? 'agent' : 'action',
            pos,
        };
        const lockFilePos = (0,model_data/* has */.zy)(raw, 'lockFile') ? { lockFilePos: source.pos([...at, 'lockFile']) } : {};
        drafts.push({ environment, releaseFileRefs, ...(defaultValuesFileRef ? { defaultValuesFileRef } : {}), ...lockFilePos });
    });
    return { clusters, helmRepos, drafts, kubeconfigPos: kubeconfigPositions(source), problems };
}
/**
 * Why a (root-relative) lock file path may not be used: kubecd writes it, so it must be a YAML file outside
 * git's and GitHub's folders (`.git/hooks/...`, `.github/workflows/...` would run code). Clashes with the
 * repo's other files are checked once all of them are known (load.ts).
 */
function lockFilePathProblem(file) {
    const shown = (0,excerpt/* excerpt */.Kb)(file);
    if (!/\.ya?ml$/i.test(file))
        return `\`${shown}\` should end in \`.yaml\` or \`.yml\``;
    if (file.split('/').some((part) => part.toLowerCase().startsWith('.git'))) {
        return `\`${shown}\` is inside a \`.git\` or \`.github\` folder (or a \`.git*\` file); kubecd will not write there`;
    }
    return undefined;
}
function fileRef(source, path, written, baseDir, kind, problems) {
    if (typeof written !== 'string')
        return undefined;
    const pos = source.pos(path);
    const resolved = resolveInRepo(baseDir, written);
    if ('error' in resolved) {
        problems.push((0,model_problems/* problem */.CC)(pos, `${kind} ${resolved.error}`));
        return undefined;
    }
    if (resolved.path === '') {
        problems.push((0,model_problems/* problem */.CC)(pos, `${kind} \`${(0,excerpt/* excerpt */.Kb)(written)}\` names the repository folder itself; expected a ${kind === 'chart directory' ? 'folder' : 'file'} inside it`));
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
            problems.push((0,model_problems/* problem */.CC)(pos, `duplicate cluster \`${(0,excerpt/* excerpt */.Kb)(name)}\`; first declared at ${first}`));
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
        if (!grammar/* HELM_NAME */.RW.test(name)) {
            problems.push((0,model_problems/* problem */.CC)(pos, `Helm repository name \`${(0,excerpt/* excerpt */.Kb)(name)}\` is invalid; expected at most 128 letters, digits, \`.\`, \`_\` and \`-\`, starting with a letter or digit`));
            return;
        }
        const first = seen.get(name);
        if (first !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(pos, `duplicate Helm repository \`${name}\`; first declared at ${first}`));
            return;
        }
        seen.set(name, (0,model_problems/* formatPos */.Yb)(pos));
        if (!(0,grammar/* isHelmRepoUrl */.qb)(url)) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'url']), `Helm repository URL \`${(0,excerpt/* excerpt */.Kb)(url)}\` is invalid; expected an https:// or http:// URL without spaces or control characters (a chart in this repository is a chart \`dir\`; OCI charts need no helmRepos entry)`));
            return;
        }
        for (const key of ['caFile', 'certFile', 'keyFile']) {
            if ((0,model_data/* has */.zy)(raw, key))
                problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, key]), `\`${key}\` is not supported and is ignored`, 'warning'));
        }
        repos.push({ name, url, pos });
    });
    return repos;
}
/** Every `existingContext.kubeconfig` written in the file (under `clusters:` or an inline `provider:`). */
function kubeconfigPositions(source) {
    const found = new Map();
    const data = (0,model_data/* obj */.WL)(source.data);
    const look = (at, provider) => {
        const kubeconfig = (0,model_data/* obj */.WL)((0,model_data/* obj */.WL)(provider)['existingContext'])['kubeconfig'];
        if (typeof kubeconfig !== 'string')
            return;
        const resolved = resolveInRepo('', kubeconfig);
        if ('path' in resolved && !found.has(resolved.path))
            found.set(resolved.path, source.pos([...at, 'existingContext', 'kubeconfig']));
    };
    (0,model_data/* list */.p_)(data['clusters']).forEach((raw, i) => look(['clusters', i, 'provider'], (0,model_data/* obj */.WL)(raw)['provider']));
    (0,model_data/* list */.p_)(data['environments']).forEach((raw, i) => look(['environments', i, 'provider'], (0,model_data/* obj */.WL)(raw)['provider']));
    return found;
}
const PROVIDER_KINDS = ['gke', 'aks', 'eks', 'existingContext', 'minikube', 'dockerForDesktop'];
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
    if (kind === 'aks')
        return (0,normalise_aks/* normaliseAksProvider */.PK)(source, [...at, kind], raw[kind], problems);
    if (kind === 'eks')
        return (0,normalise_eks/* normaliseEksProvider */.JB)(source, [...at, kind], raw[kind], problems);
    const body = (0,model_data/* obj */.WL)(raw[kind]);
    if (kind === 'existingContext') {
        if ((0,model_data/* has */.zy)(body, 'context') && (0,model_data/* has */.zy)(body, 'contextName')) {
            problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, kind, 'contextName']), 'give the context as either `context` or `contextName`, not both'));
        }
        const context = (0,model_data/* str */.gx)(body['context']) ?? (0,model_data/* str */.gx)(body['contextName']);
        if (context !== undefined && !(0,grammar/* isPlainArgument */.Ev)(context)) {
            const key = (0,model_data/* has */.zy)(body, 'context') ? 'context' : 'contextName';
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, kind, key]), `kube context \`${(0,excerpt/* excerpt */.Kb)(context)}\` is invalid; expected a name that does not start with \`-\` and has no control characters`));
        }
        let kubeconfig;
        if (typeof body['kubeconfig'] === 'string') {
            const resolved = resolveInRepo('', body['kubeconfig']);
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
    for (const [key, value] of [['project', project], ['clusterName', clusterName], ['zone', zone], ['region', region]]) {
        if (value !== undefined && !(0,grammar/* isPlainArgument */.Ev)(value)) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, kind, key]), `GKE \`${key}\` \`${(0,excerpt/* excerpt */.Kb)(value)}\` is invalid; expected a name that does not start with \`-\` and has no control characters`));
        }
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
    if (provider.kind === 'aks')
        return `aks_${provider.subscriptionId}_${provider.resourceGroup}_${provider.clusterName}`;
    if (provider.kind === 'eks')
        return `eks_${provider.accountId}_${provider.region}_${provider.clusterName}`;
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
        problems.push((0,model_problems/* problem */.CC)(source.pos([...at, key]), `unknown cluster \`${(0,excerpt/* excerpt */.Kb)(byName)}\`${(0,suggest/* didYouMean */.au)(byName, known) || (known.length ? `; expected one of: ${known.join(', ')}` : '; no `clusters:` are declared')}`));
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

// EXTERNAL MODULE: ./src/model/types.ts
var types = __webpack_require__(40440);
;// CONCATENATED MODULE: ./src/model/normalise-releases.ts








/** Helm's release name rule: a DNS-1123 subdomain, at most 53 characters (Helm keeps room for suffixes). */
const RELEASE_NAME_PATTERN = (/* unused pure expression or super */ null && (RELEASE_NAME));
function normaliseReleaseFile(source, helmRepos) {
    const problems = [];
    const refs = [];
    const data = (0,model_data/* obj */.WL)(source.data);
    const baseDir = dirOf(source.file);
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
    if (!(0,grammar/* isReleaseName */.jn)(name)) {
        problems.push((0,model_problems/* problem */.CC)(pos, `release name \`${(0,excerpt/* excerpt */.Kb)(name)}\` is invalid; expected at most ${grammar/* RELEASE_NAME_MAX */.Z0} lower-case letters, digits, \`-\` and \`.\`, starting and ending with a letter or digit`));
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
        const resolved = resolveInRepo(baseDir, dir);
        if ('error' in resolved) {
            problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'dir']), `chart directory ${resolved.error}`));
            return undefined;
        }
        refs.push({ kind: 'chart directory', path: resolved.path, written: dir, pos: source.pos([...at, 'dir']) });
        return { kind: 'dir', dir: resolved.path };
    }
    const ref = reference;
    const refPos = source.pos([...at, 'reference']);
    const shown = (0,excerpt/* excerpt */.Kb)(ref);
    if (version === undefined) {
        problems.push((0,model_problems/* problem */.CC)(refPos, `chart reference \`${shown}\` needs a \`version\`; pin the chart version so deploys are reproducible`));
    }
    else if (!(0,grammar/* isChartVersion */.N0)(version)) {
        problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'version']), `chart version \`${(0,excerpt/* excerpt */.Kb)(version)}\` is invalid; expected a version like 1.2.3 (SemVer, optionally with a v prefix, pre-release or build)`));
        return undefined;
    }
    if (ref.startsWith('oci://')) {
        if (!(0,grammar/* isOciChartReference */.ju)(ref)) {
            problems.push((0,model_problems/* problem */.CC)(refPos, `chart reference \`${shown}\` should look like oci://HOST[:PORT]/PATH/CHART (lower-case path parts of letters, digits and \`.\`, \`_\`, \`-\` separators)`));
            return undefined;
        }
        return { kind: 'oci', reference: ref, version: version ?? '' };
    }
    const match = /^([^/]+)\/([^/]+)$/.exec(ref);
    if (!match || !grammar/* HELM_NAME */.RW.test(match[1]) || !grammar/* HELM_NAME */.RW.test(match[2])) {
        problems.push((0,model_problems/* problem */.CC)(refPos, `chart reference \`${shown}\` should be REPO/CHART (REPO from \`helmRepos\`; both letters, digits, \`.\`, \`_\` and \`-\`, starting with a letter or digit) or oci://HOST/PATH/CHART`));
        return undefined;
    }
    const [, repoName, chartName] = match;
    const repo = helmRepos.find((r) => r.name === repoName);
    if (!repo) {
        const known = helmRepos.map((r) => r.name);
        problems.push((0,model_problems/* problem */.CC)(refPos, `chart reference \`${shown}\` names Helm repository \`${repoName}\`, which is not in \`helmRepos\`${(0,suggest/* didYouMean */.au)(repoName, known) || (known.length ? `; declared: ${known.join(', ')}` : '')}`));
    }
    return { kind: 'repo', reference: ref, repoName, chartName, ...(repo ? { repoUrl: repo.url } : {}), version: version ?? '' };
}
const TRIGGER_KINDS = ['image', 'chart', 'helm', 'github'];
function track(raw) {
    const value = raw['track'];
    // `Promote` is an image trigger's; the schema reports it on a chart trigger.
    return types/* TRACKS */.p.includes(value) ? value : 'Newest';
}
const DURATION = /^(\d{1,6})(m|h|d)$/;
const DURATION_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const WITHIN = ['PatchLevel', 'MinorVersion', 'MajorVersion'];
/**
 * `track: Promote` with `from`, `after` and `within`: the promotion, undefined for another track, or null
 * when it is written wrong (the problem says how).
 */
function normalise_releases_promotion(source, at, body, kindPos, problems) {
    const isPromote = body['track'] === 'Promote';
    const stray = ['from', 'after', 'within'].filter((field) => (0,model_data/* has */.zy)(body, field));
    if (!isPromote) {
        if (stray.length === 0)
            return undefined;
        problems.push((0,model_problems/* problem */.CC)(source.keyPos([...at, stray[0]]), `\`${stray[0]}\` belongs to \`track: Promote\`; set the track or remove it`));
        return null;
    }
    const from = (0,model_data/* str */.gx)(body['from']);
    if (from === undefined) {
        problems.push((0,model_problems/* problem */.CC)(kindPos, '`track: Promote` needs `from`: the environment whose lock file it follows'));
        return null;
    }
    const after = (0,model_data/* str */.gx)(body['after']) ?? '0m';
    const match = DURATION.exec(after);
    if (!match) {
        problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'after']), `\`after\` \`${(0,excerpt/* excerpt */.Kb)(after)}\` is not a duration; expected minutes, hours or days like \`30m\`, \`24h\`, \`7d\``));
        return null;
    }
    const within = body['within'];
    if (within !== undefined && !WITHIN.includes(within)) {
        problems.push((0,model_problems/* problem */.CC)(source.pos([...at, 'within']), `\`within\` should be one of ${WITHIN.join(', ')}`));
        return null;
    }
    return {
        from,
        fromPos: source.pos([...at, 'from']),
        after,
        afterMs: Number(match[1]) * DURATION_MS[match[2]],
        ...(within !== undefined ? { within: within } : {}),
    };
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
        const keys = { tagValue: 'image.tag', repoValue: 'image.repository', repoPrefixValue: 'image.prefix' };
        for (const field of Object.keys(keys)) {
            const written = (0,model_data/* str */.gx)(body[field]);
            if (written === undefined)
                continue;
            if ((0,grammar/* isValueKey */.V2)(written))
                keys[field] = written;
            else {
                problems.push((0,model_problems/* problem */.CC)(source.pos([...at, kind, field]), `trigger \`${field}\` \`${(0,excerpt/* excerpt */.Kb)(written)}\` is not a value key; expected dotted names like \`image.tag\``));
                return undefined;
            }
        }
        let digestValue;
        const writtenDigestValue = (0,model_data/* str */.gx)(body['digestValue']);
        if (writtenDigestValue !== undefined) {
            if (!(0,grammar/* isValueKey */.V2)(writtenDigestValue)) {
                problems.push((0,model_problems/* problem */.CC)(source.pos([...at, kind, 'digestValue']), `trigger \`digestValue\` \`${(0,excerpt/* excerpt */.Kb)(writtenDigestValue)}\` is not a value key; expected dotted names like \`image.digest\``));
                return undefined;
            }
            digestValue = writtenDigestValue;
        }
        const promote = normalise_releases_promotion(source, [...at, kind], body, kindPos, problems);
        if (promote === null)
            return undefined;
        return {
            kind: 'image',
            tagValue: keys.tagValue,
            repoValue: keys.repoValue,
            prefixValue: keys.repoPrefixValue,
            track: promote ? 'Newest' : track(body),
            ...(promote ? { promote } : {}),
            ...(body['pinDigest'] === true ? { pinDigest: true } : {}),
            ...(digestValue !== undefined ? { digestValue } : {}),
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
// EXTERNAL MODULE: ./src/repo/read-yaml.ts
var read_yaml = __webpack_require__(5292);
;// CONCATENATED MODULE: ./src/repo/load.ts














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
    /** Release files that could not be read or parsed: their releases are unknown. */
    const unreadReleaseFiles = new Set();
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
        let confined;
        try {
            confined = await (0,fs_confined/* confinedRoot */.bP)(root);
        }
        catch (error) {
            problems.push((0,model_problems/* problem */.CC)({ file: envFile, line: 1, column: 1 }, `the repository folder cannot be resolved (${error.code ?? 'unknown error'})`));
            return loaded;
        }
        const source = await (0,read_yaml/* readYaml */.g)(confined, envFile);
        if ('error' in source) {
            problems.push((0,model_problems/* problem */.CC)({ file: envFile, line: 1, column: 1 }, `environments file ${source.reason === 'missing' ? 'not found' : source.error}`));
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
                pending = (0,read_yaml/* readYaml */.g)(confined, file).then((parsed) => {
                    if ('error' in parsed) {
                        unreadReleaseFiles.add(file);
                        return parsed.error;
                    }
                    if (parsed.problems.length > 0) {
                        unreadReleaseFiles.add(file);
                        problems.push(...parsed.problems);
                        return { releaseFile: { path: file, releases: [], resourceFiles: [] }, refs: [], problems: [] };
                    }
                    // An empty file is what a truncated write leaves; reading it as "no releases" would silently drop them all.
                    if (parsed.text.trim() === '') {
                        problems.push((0,model_problems/* problem */.CC)({ file, line: 1, column: 1 }, 'release file is empty; expected `releases:` or `resourceFiles:`'));
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
                    problems.push((0,model_problems/* problem */.CC)(ref.pos, `release file ${describeRef(ref)} ${result}`));
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
        problems.push(...(await checkFileRefs(confined, refs)));
        problems.push(...(await checkKubeconfigs(confined, repo.clusters, normalised.kubeconfigPos)));
        problems.push(...(await checkLockFilePaths(confined, normalised.drafts, envFile, repo, refs)));
        await loadValuesFiles(confined, refs, valuesFiles, problems);
        await loadChartDefaults(confined, refs, chartValues, problems);
        for (const env of repo.environments) {
            problems.push(...checkDuplicateReleases(env), ...checkClusterParams(env));
            const draft = normalised.drafts.find((d) => d.environment === env);
            const lock = await readLock(confined, env.lockFile, draft?.lockFilePos ?? env.pos, problems);
            if (lock) {
                locks.set(env.name, lock);
                problems.push(...checkLock(env, lock, env.lockFile, unreadReleaseFiles));
            }
            problems.push(...checkTriggers(loaded, env));
        }
        problems.push(...checkPromotions(repo.environments));
    }
    catch (error) {
        // A bug of ours must not look like a crash to the user; report it where it can be seen.
        problems.push((0,model_problems/* problem */.CC)({ file: envFile, line: 1, column: 1 }, `internal error while loading (please report it): ${(0,excerpt/* excerpt */.Kb)(error.message ?? String(error), 200)}`));
    }
    const sorted = (0,model_problems/* sortProblems */.dS)(problems);
    problems.splice(0, problems.length, ...sorted);
    return loaded;
}
/** Refusals the existence check (checkFileRefs) does not already report: only reading finds them. */
const READ_ONLY_REFUSALS = new Set(['too-large', 'unreadable', 'symlink']);
async function loadValuesFiles(root, refs, into, problems) {
    const files = new Map();
    for (const ref of refs)
        if (ref.kind === 'values file' && !files.has(ref.path))
            files.set(ref.path, ref);
    await Promise.all([...files].map(async ([file, ref]) => {
        const parsed = await (0,read_yaml/* readYaml */.g)(root, file);
        if ('error' in parsed) {
            if (READ_ONLY_REFUSALS.has(parsed.reason))
                problems.push((0,model_problems/* problem */.CC)(ref.pos, `values file ${describeRef(ref)} ${parsed.error}`));
            return;
        }
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
    const dirs = new Map();
    for (const ref of refs)
        if (ref.kind === 'chart directory' && !dirs.has(ref.path))
            dirs.set(ref.path, ref);
    await Promise.all([...dirs].map(async ([dir, ref]) => {
        const file = `${dir}/values.yaml`;
        const parsed = await (0,read_yaml/* readYaml */.g)(root, file);
        if ('error' in parsed) {
            // A chart need not have values.yaml; one that is there must be readable inside the repository.
            if (parsed.reason !== 'missing')
                problems.push((0,model_problems/* problem */.CC)(ref.pos, `chart directory ${describeRef(ref)} has a values.yaml that ${parsed.error}`));
            return;
        }
        problems.push(...parsed.problems);
        if ((0,model_data/* isObj */.sA)(parsed.data))
            into.set(dir, parsed.data);
    }));
}
/** A repository kubeconfig (existingContext) must be a regular file inside the repository when it is there. */
async function checkKubeconfigs(root, clusters, positions) {
    const problems = [];
    const seen = new Set();
    for (const cluster of clusters) {
        const provider = cluster.provider;
        if (provider.kind !== 'existingContext' || provider.kubeconfig === undefined || seen.has(provider.kubeconfig))
            continue;
        seen.add(provider.kubeconfig);
        const kind = await (0,fs_confined/* statConfined */.lH)(root, provider.kubeconfig);
        const pos = positions.get(provider.kubeconfig) ?? cluster.pos;
        if ((0,fs_confined/* isRefused */.H0)(kind)) {
            if (kind.refused.reason !== 'missing')
                problems.push((0,model_problems/* problem */.CC)(pos, `kubeconfig \`${(0,excerpt/* excerpt */.Kb)(provider.kubeconfig)}\` ${kind.refused.message}`));
        }
        else if (kind.kind === 'dir') {
            problems.push((0,model_problems/* problem */.CC)(pos, `kubeconfig \`${(0,excerpt/* excerpt */.Kb)(provider.kubeconfig)}\` is a directory; expected a file`));
        }
    }
    return problems;
}
/**
 * kubecd writes lock files, so one must not be (or be inside) any file the repo reads: the environments
 * file, a release, values or resource file, a chart directory or a kubeconfig. Compared as written and,
 * when both exist, by real path (a folder symlink inside the repo can make two names one file).
 */
async function checkLockFilePaths(root, drafts, envFile, repo, refs) {
    const problems = [];
    const inputs = new Map([[envFile, 'the environments file']]);
    for (const env of repo.environments)
        for (const file of env.releaseFiles)
            inputs.set(file, 'a release file');
    for (const ref of refs)
        if (!inputs.has(ref.path))
            inputs.set(ref.path, `a ${ref.kind}`);
    for (const cluster of repo.clusters)
        if (cluster.provider.kind === 'existingContext' && cluster.provider.kubeconfig)
            inputs.set(cluster.provider.kubeconfig, 'a kubeconfig');
    const realOf = async (file) => {
        const resolved = await (0,fs_confined/* resolveConfined */.Fz)(root, file);
        return (0,fs_confined/* isRefused */.H0)(resolved) ? undefined : resolved.real;
    };
    const realInputs = new Map();
    const lockFiles = new Set(drafts.map((d) => d.environment.lockFile));
    const anyExists = (await Promise.all([...lockFiles].map(realOf))).some((real) => real !== undefined);
    if (anyExists) {
        await Promise.all([...inputs].map(async ([file, what]) => {
            const real = await realOf(file);
            if (real !== undefined)
                realInputs.set(real, what);
        }));
    }
    for (const { environment, lockFilePos } of drafts) {
        const lockFile = environment.lockFile;
        const pos = lockFilePos ?? environment.pos;
        let clash = inputs.get(lockFile);
        if (clash === undefined) {
            const inside = [...inputs].find(([file, what]) => what === 'a chart directory' && lockFile.startsWith(`${file}/`));
            if (inside)
                clash = 'inside a chart directory';
        }
        if (clash === undefined && anyExists) {
            const real = await realOf(lockFile);
            if (real !== undefined)
                clash = realInputs.get(real);
        }
        if (clash !== undefined) {
            problems.push((0,model_problems/* problem */.CC)(pos, `lock file \`${(0,excerpt/* excerpt */.Kb)(lockFile)}\` of environment \`${environment.name}\` is ${clash}; kubecd writes lock files, so give it a \`lockFile\` of its own`));
        }
    }
    return problems;
}
async function readLock(root, file, writtenAt, problems) {
    const read = await (0,fs_confined/* readConfined */.Hz)(root, file);
    if ((0,fs_confined/* isRefused */.H0)(read)) {
        if (read.refused.reason !== 'missing')
            problems.push((0,model_problems/* problem */.CC)(writtenAt ?? { file, line: 1, column: 1 }, `lock file \`${(0,excerpt/* excerpt */.Kb)(file)}\` ${read.refused.message}`));
        return undefined;
    }
    const { lock, problems: lockProblems } = (0,parse/* parseLockFile */.h)(read.text, file);
    problems.push(...lockProblems);
    return lock;
}


/***/ }),

/***/ 5292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ readYaml)
/* harmony export */ });
/* harmony import */ var _fs_confined_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58755);
/* harmony import */ var _model_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(31954);


/**
 * Reads (confined to the repository, at most MAX_FILE_BYTES) and parses a root-relative YAML file. A refused
 * or unreadable file gives `error`, a message to put after the file's kind and name ("does not exist", ...).
 */
async function readYaml(root, file, maxBytes = _fs_confined_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_FILE_BYTES */ .gZ) {
    const read = await (0,_fs_confined_js__WEBPACK_IMPORTED_MODULE_0__/* .readConfined */ .Hz)(root, file, maxBytes);
    if ((0,_fs_confined_js__WEBPACK_IMPORTED_MODULE_0__/* .isRefused */ .H0)(read))
        return { error: read.refused.message, reason: read.refused.reason };
    return (0,_model_yaml_source_js__WEBPACK_IMPORTED_MODULE_1__/* .parseYaml */ .h)(read.text, file);
}


/***/ }),

/***/ 23737:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ repoSecrets)
/* harmony export */ });
/* harmony import */ var _exec_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84524);

/**
 * The secrets the deployments repo itself holds (passwords in `helmRepos[].url`): each is handed to `onSecret`
 * (the action masks it) and kept in the returned Redactor, which scrubs helm's and kubectl's output.
 */
function repoSecrets(loaded, onSecret) {
    const redactor = new _exec_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .Redactor */ .pO();
    const urls = new Set(loaded.repo.helmRepos.map((repo) => repo.url));
    for (const environment of loaded.repo.environments) {
        for (const release of environment.releases)
            if (release.chart.kind === 'repo' && release.chart.repoUrl)
                urls.add(release.chart.repoUrl);
    }
    for (const url of urls) {
        if (typeof url !== 'string')
            continue;
        redactor.addUrl(url);
        for (const secret of (0,_exec_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .urlSecrets */ .Fn)(url))
            onSecret(secret);
    }
    return redactor;
}


/***/ }),

/***/ 37594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H$: () => (/* binding */ composeValues),
/* harmony export */   P7: () => (/* binding */ composeValuesDetailed),
/* harmony export */   dT: () => (/* binding */ imageOf)
/* harmony export */ });
/* harmony import */ var _lock_chart_version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2206);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89876);


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
                    (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .setValue */ .KY)(values, setting.key, opts.resolveValueFrom(setting));
                else
                    unresolved.push(setting);
            }
            else {
                (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .setValue */ .KY)(values, setting.key, structuredClone(setting.value));
            }
        }
    };
    if (opts.withChartDefaults)
        (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .deepMerge */ .$N)(values, loaded.chartDefaults(release));
    if (!release.skipDefaultValues) {
        if (env.defaultValuesFile !== undefined)
            (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .deepMerge */ .$N)(values, loaded.valuesFile(env.defaultValuesFile));
        apply(env.defaultValues);
    }
    for (const file of release.valuesFiles)
        (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .deepMerge */ .$N)(values, loaded.valuesFile(file));
    apply(release.values);
    if (opts.withLock) {
        for (const entry of (0,_lock_chart_version_js__WEBPACK_IMPORTED_MODULE_0__/* .lockedValues */ .$r)(loaded.lock(env.name), release.name))
            (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .setValue */ .KY)(values, entry.key, entry.value);
    }
    return { values, unresolved };
}
function composeValues(loaded, env, release, opts) {
    return composeValuesDetailed(loaded, env, release, opts).values;
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
    const repository = asText((0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .getValue */ ._W)(values, trigger.repoValue));
    const prefix = asText((0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .getValue */ ._W)(values, trigger.prefixValue));
    const tag = asText((0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .getValue */ ._W)(values, trigger.tagValue));
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
