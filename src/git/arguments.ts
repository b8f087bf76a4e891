/**
 * The guard at git's door: refs, branches, remotes and paths are checked before they become git arguments,
 * so a value from the deployments repo or a workflow input can never be read as an option.
 */
import { quoted } from '../exec/quote.js';
import { isPlainArgument } from '../model/grammar.js';
import { GitArgumentError } from './errors.js';

export { GitArgumentError };

function refuse(role: string, value: string, expected: string): never {
  throw new GitArgumentError(`refusing to run git: ${role} ${quoted(value)} is not ${expected}`);
}

/** A revision as a user writes it (`main`, `origin/main`, `HEAD~3`, a sha): one plain word. */
export function checkRevision(value: string, role = 'revision'): string {
  if (!isPlainArgument(value) || /\s/.test(value)) refuse(role, value, 'a git revision (a branch, tag or commit, not starting with "-")');
  return value;
}

/** A commit or tree id as git prints it. */
export function checkObjectId(value: string, role = 'commit'): string {
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(value)) refuse(role, value, 'a full object id');
  return value;
}

/** A branch name `git check-ref-format --branch` would accept (the subset kubecd makes and reads). */
export function checkBranch(value: string): string {
  const valid = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(value) && !/(\.\.|\/\/|\/\.|\.lock$|\.$|\/$)/.test(value) && value.length <= 200;
  if (!valid) refuse('branch', value, 'a branch name (letters, digits, ".", "_", "-" and "/")');
  return value;
}

export function checkRemote(value: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(value)) refuse('remote', value, 'a remote name');
  return value;
}

/** A path inside the repository, for after `--` or after `COMMIT:`. */
export function checkPath(value: string): string {
  if (!isPlainArgument(value) || value.startsWith('/')) refuse('path', value, 'a path relative to the repository');
  return value;
}
