/**
 * Confinement to one folder (the deployments repository, or a cache folder): every path is resolved with
 * its symlinks and refused unless it stays inside the folder's real path; only regular files are read, at
 * most a capped number of bytes. Messages never carry a resolved path beyond the folder, nor file content.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from './atomic-write.js';

/** The most a YAML (or JSON) input file may hold. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Bounds of a chart directory walk. */
export const MAX_CHART_ENTRIES = 10_000;
export const MAX_CHART_DEPTH = 32;

export interface ConfinedRoot {
  /** As given (absolute). */
  given: string;
  /** fs.realpath of it, resolved once. */
  real: string;
}

/** Why a path was refused; `message` completes "values file `x.yaml` …". */
export interface Refusal {
  reason: 'missing' | 'outside' | 'not-file' | 'directory' | 'too-large' | 'unreadable' | 'symlink';
  message: string;
}

export type Confined<T> = T | { refused: Refusal };

export function isRefused<T extends object>(value: Confined<T>): value is { refused: Refusal } {
  return 'refused' in value;
}

function refuse(reason: Refusal['reason'], message: string): { refused: Refusal } {
  return { refused: { reason, message } };
}

export async function confinedRoot(root: string): Promise<ConfinedRoot> {
  const given = path.resolve(root);
  return { given, real: await realpath(given) };
}

function isInside(real: string, rootReal: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

/** Refuses text that climbs out before any file system look-up (absolute, `..`, NUL). */
function textual(relative: string): { parts: string[] } | { refused: Refusal } {
  if (relative.includes('\0')) return refuse('outside', 'contains a NUL character');
  const unified = relative.replaceAll('\\', '/');
  if (path.posix.isAbsolute(unified) || /^[A-Za-z]:\//.test(unified)) return refuse('outside', 'is an absolute path; expected a path inside the repository');
  const normal = path.posix.normalize(unified === '' ? '.' : unified);
  if (normal === '..' || normal.startsWith('../')) return refuse('outside', 'points outside the repository');
  return { parts: normal.split('/').filter((p) => p !== '' && p !== '.') };
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** `relative` (root-relative) resolved with its symlinks; refused unless it exists inside the root. */
export async function resolveConfined(root: ConfinedRoot, relative: string): Promise<Confined<{ real: string; viaSymlink: boolean }>> {
  const text = textual(relative);
  if ('refused' in text) return text;
  const joined = path.join(root.real, ...text.parts);
  let real: string;
  try {
    real = await realpath(joined);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT') return missing(root, text.parts);
    if (code === 'ENOTDIR') return refuse('unreadable', 'cannot be read (a folder on its path is a file)');
    if (code === 'ELOOP') return refuse('outside', 'is a symlink loop');
    return refuse('unreadable', `cannot be resolved (${code})`);
  }
  if (!isInside(real, root.real)) return refuse('outside', 'resolves outside the repository (through a symlink)');
  return { real, viaSymlink: real !== joined };
}

/** Why a path that does not resolve is refused: missing inside the root, or on its way out through a symlink. */
async function missing(root: ConfinedRoot, parts: string[]): Promise<{ refused: Refusal }> {
  for (let n = parts.length; n >= 0; n--) {
    const prefix = path.join(root.real, ...parts.slice(0, n));
    try {
      await lstat(prefix);
    } catch {
      continue;
    }
    let real: string;
    try {
      real = await realpath(prefix);
    } catch {
      return refuse('symlink', 'passes through a symlink that points to nothing');
    }
    if (!isInside(real, root.real)) return refuse('outside', 'resolves outside the repository (through a symlink)');
    return n === parts.length ? refuse('symlink', 'is a symlink that points to nothing') : refuse('missing', 'does not exist');
  }
  return refuse('missing', 'does not exist');
}

/** What a confined path is, without opening it (opening a FIFO would block). */
export async function statConfined(root: ConfinedRoot, relative: string): Promise<Confined<{ kind: 'file' | 'dir'; real: string }>> {
  const resolved = await resolveConfined(root, relative);
  if (isRefused(resolved)) return resolved;
  let info: Stats;
  try {
    info = await stat(resolved.real);
  } catch (error) {
    return refuse('unreadable', `cannot be read (${codeOf(error)})`);
  }
  if (info.isDirectory()) return { kind: 'dir', real: resolved.real };
  if (!info.isFile()) return refuse('not-file', `is ${kindOf(info)}, not a regular file`);
  return { kind: 'file', real: resolved.real };
}

/** Reads a regular file inside the root, at most `maxBytes` (refused when it holds more). */
export async function readConfined(root: ConfinedRoot, relative: string, maxBytes = MAX_FILE_BYTES): Promise<Confined<{ text: string }>> {
  const resolved = await resolveConfined(root, relative);
  if (isRefused(resolved)) return resolved;
  let handle;
  try {
    // NONBLOCK: a FIFO must not hang the open; NOFOLLOW: the resolved path's last part must not turn into a symlink.
    handle = await open(resolved.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT') return refuse('missing', 'does not exist');
    if (code === 'ELOOP') return refuse('symlink', 'changed into a symlink while it was read');
    return refuse('unreadable', `cannot be read (${code})`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return refuse('directory', 'is a directory, not a file');
    if (!info.isFile()) return refuse('not-file', `is ${kindOf(info)}, not a regular file`);
    // Reads until end of file or one byte past the cap (the size fstat reports may be stale, or 0 for /proc).
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) return refuse('too-large', `is larger than ${formatBytes(maxBytes)}`);
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    return refuse('unreadable', `cannot be read (${codeOf(error)})`);
  } finally {
    await handle.close();
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Walks a chart directory (bounded) and refuses it when any symlink inside resolves outside the root, or
 * when it holds something other than files, folders and such symlinks (helm would read through them).
 */
export async function checkChartDirectory(
  root: ConfinedRoot,
  relative: string,
  limits: { maxEntries?: number; maxDepth?: number } = {},
): Promise<Confined<{ real: string }>> {
  const maxEntries = limits.maxEntries ?? MAX_CHART_ENTRIES;
  const maxDepth = limits.maxDepth ?? MAX_CHART_DEPTH;
  const top = await statConfined(root, relative);
  if (isRefused(top)) return top;
  if (top.kind !== 'dir') return refuse('not-file', 'is a file, not a directory');
  const visited = new Set<string>([top.real]);
  const queue: { real: string; shown: string; depth: number }[] = [{ real: top.real, shown: '', depth: 0 }];
  let entries = 0;
  while (queue.length > 0) {
    const { real, shown, depth } = queue.shift()!;
    let names;
    try {
      names = await readdir(real, { withFileTypes: true });
    } catch (error) {
      return refuse('unreadable', `cannot be read${shown ? ` at \`${shown}\`` : ''} (${codeOf(error)})`);
    }
    for (const entry of names) {
      entries++;
      if (entries > maxEntries) return refuse('too-large', `holds more than ${maxEntries} entries`);
      const inner = shown ? `${shown}/${entry.name}` : entry.name;
      const full = path.join(real, entry.name);
      let target = full;
      let info: Stats;
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(full);
        } catch {
          return refuse('outside', `holds a symlink \`${inner}\` that cannot be resolved`);
        }
        if (!isInside(target, root.real)) return refuse('outside', `holds a symlink \`${inner}\` that resolves outside the repository`);
      }
      try {
        info = await stat(target);
      } catch (error) {
        return refuse('unreadable', `cannot be read at \`${inner}\` (${codeOf(error)})`);
      }
      if (info.isDirectory()) {
        if (visited.has(target)) continue;
        if (depth + 1 > maxDepth) return refuse('too-large', `is nested deeper than ${maxDepth} folders`);
        visited.add(target);
        queue.push({ real: target, shown: inner, depth: depth + 1 });
      } else if (!info.isFile()) {
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
export async function confinedWriteTarget(root: ConfinedRoot, relative: string): Promise<Confined<{ target: string }>> {
  const text = textual(relative);
  if ('refused' in text) return text;
  if (text.parts.length === 0) return refuse('not-file', 'is the repository folder, not a file');
  const folderParts = text.parts.slice(0, -1);
  const name = text.parts.at(-1)!;
  // The nearest folder that exists must lie inside; what is missing below it is created there.
  let existing = folderParts.length;
  for (;;) {
    const candidate = path.join(root.real, ...folderParts.slice(0, existing));
    try {
      await lstat(candidate);
      break;
    } catch (error) {
      if (codeOf(error) !== 'ENOENT' || existing === 0) return refuse('unreadable', `cannot be written (${codeOf(error)})`);
      existing--;
    }
  }
  const base = await resolveConfined(root, folderParts.slice(0, existing).join('/'));
  if (isRefused(base)) return base;
  let folder = path.join(base.real, ...folderParts.slice(existing));
  if (existing < folderParts.length) {
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      return refuse('unreadable', `cannot be written (${codeOf(error)})`);
    }
    const again = await resolveConfined(root, folderParts.join('/'));
    if (isRefused(again)) return again;
    folder = again.real;
  } else {
    let info: Stats;
    try {
      info = await stat(folder);
    } catch (error) {
      return refuse('unreadable', `cannot be written (${codeOf(error)})`);
    }
    if (!info.isDirectory()) return refuse('not-file', 'cannot be written: its folder is a file');
  }
  const target = path.join(folder, name);
  try {
    const info = await lstat(target);
    if (info.isSymbolicLink()) return refuse('symlink', 'is a symlink; refusing to write through it');
    if (!info.isFile()) return refuse('not-file', `is ${kindOf(info)}, not a regular file`);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') return refuse('unreadable', `cannot be written (${codeOf(error)})`);
  }
  return { target };
}

/** Writes `relative` inside the root atomically; throws ConfinementError when the path is refused. */
export async function writeConfined(root: ConfinedRoot, relative: string, data: string | Uint8Array, what = 'file'): Promise<void> {
  const where = await confinedWriteTarget(root, relative);
  if (isRefused(where)) throw new ConfinementError(`${what} \`${relative}\` ${where.refused.message}`, where.refused);
  await atomicWrite(where.target, data);
}

export class ConfinementError extends Error {
  constructor(
    message: string,
    readonly refusal: Refusal,
  ) {
    super(message);
  }
}
