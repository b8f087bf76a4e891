import { atomicWrite } from '../fs/atomic-write.js';
import { confinedRoot, confinedWriteTarget, ConfinementError, isRefused, readConfined, type ConfinedRoot } from '../fs/confined.js';
import type { LockFile } from './types.js';
import { serializeLockFile } from './serialize.js';

/**
 * Writes a lock file (root-relative `file`) inside the repository `root`: the folder must resolve inside it,
 * the file must not be a symlink, and the write is atomic (temporary file + rename, old mode kept). Leaves
 * the file alone when its bytes would not change. Throws ConfinementError for a refused path.
 */
export async function writeLockFile(root: string | ConfinedRoot, file: string, lock: LockFile): Promise<{ changed: boolean }> {
  const text = serializeLockFile(lock);
  const confined = typeof root === 'string' ? await confinedRoot(root) : root;
  const where = await confinedWriteTarget(confined, file);
  if (isRefused(where)) throw new ConfinementError(`lock file \`${file}\` ${where.refused.message}`, where.refused);
  const current = await readConfined(confined, file);
  if (!isRefused(current) && current.text === text) return { changed: false };
  await atomicWrite(where.target, text);
  return { changed: true };
}
