import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LockFile } from '../model/types.js';
import { serializeLockFile } from './serialize.js';

/**
 * Writes a lock file atomically (a temporary file in the same folder, then a rename), keeping the old
 * file's mode. Leaves the file alone when its bytes would not change.
 */
export async function writeLockFile(absPath: string, lock: LockFile): Promise<{ changed: boolean }> {
  const text = serializeLockFile(lock);
  let mode = 0o644;
  try {
    const [current, info] = await Promise.all([readFile(absPath, 'utf8'), stat(absPath)]);
    if (current === text) return { changed: false };
    mode = info.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const dir = path.dirname(absPath);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(absPath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode); // open() applied the umask
    await rename(temp, absPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { changed: true };
}
