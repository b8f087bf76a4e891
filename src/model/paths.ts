import path from 'node:path';
import { excerpt } from './excerpt.js';

/**
 * Resolves `relative` against `baseDir` (both relative to the repository root) into a root-relative
 * path with forward slashes. Absolute paths and paths that climb out of the root are refused: the
 * deployments repo must be self-contained so that what is reviewed is what is deployed.
 */
export function resolveInRepo(baseDir: string, relative: string): { path: string } | { error: string } {
  if (relative.trim() === '') return { error: 'is empty; expected a relative path' };
  if (/[\u0000-\u001f\u007f]/.test(relative)) return { error: `\`${excerpt(relative)}\` contains control characters; expected a relative path` };
  if (path.posix.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
    return { error: `\`${excerpt(relative)}\` is an absolute path; expected a path relative to the file's folder` };
  }
  const joined = path.posix.normalize(path.posix.join(baseDir === '' ? '.' : baseDir, relative.replaceAll('\\', '/')));
  if (joined === '..' || joined.startsWith('../')) {
    return { error: `\`${excerpt(relative)}\` points outside the repository root` };
  }
  return { path: joined === '.' ? '' : joined.replace(/\/$/, '') };
}

/** The folder of a root-relative file ('' for the root). */
export function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

export function toAbsolute(root: string, file: string): string {
  return path.join(root, ...file.split('/'));
}
