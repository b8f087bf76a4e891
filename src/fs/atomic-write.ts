/**
 * Writes a file so that readers (and a run killed half-way) see either the old bytes or the new ones:
 * a temporary file in the same folder, written and fsynced, given the old file's mode, then renamed over
 * the target. The target must be a regular file or absent; a symlink is refused, never followed.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const TEMP_SUFFIX = '.kubecd-tmp';
const DEFAULT_MODE = 0o644;
/** `.NAME.<pid>-<random>.kubecd-tmp`: the pid tells a live writer's file from a dead run's leftovers. */
const TEMP_NAME = /^\..+\.(\d+)-[0-9a-f]+\.kubecd-tmp$/;

export class UnsafeTargetError extends Error {}

function tempName(target: string): string {
  return `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files an earlier, killed run of ours left in `dir` (never a live writer's). */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(path.join(dir, name), { force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

/** The mode a replacement keeps: the old file's, or 0644 for a new one. Refuses a symlink or non-file. */
async function targetMode(target: string): Promise<number> {
  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_MODE;
    throw error;
  }
  if (info.isSymbolicLink()) throw new UnsafeTargetError(`${path.basename(target)} is a symlink; refusing to write through it`);
  if (!info.isFile()) throw new UnsafeTargetError(`${path.basename(target)} is not a regular file`);
  return info.mode & 0o7777;
}

/** Atomically replaces `target` (an absolute path whose folder exists) with `data`. */
export async function atomicWrite(target: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const dir = path.dirname(target);
  await removeStaleTemps(dir);
  const mode = options.mode ?? (await targetMode(target));
  const temp = path.join(dir, tempName(target));
  try {
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
      await handle.chmod(mode); // open() applied the umask
    } finally {
      await handle.close();
    }
    // Checked again just before the rename: the target must not have become a symlink meanwhile.
    await targetMode(target);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  }
}
