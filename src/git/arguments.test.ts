import { describe, expect, test } from 'vitest';
import { checkBranch, checkObjectId, checkPath, checkRemote, checkRevision, GitArgumentError } from './arguments.js';
import { GitError } from './git.js';

describe('git argument guard', () => {
  test('accepts what kubecd and users really pass', () => {
    expect(checkRevision('origin/main')).toBe('origin/main');
    expect(checkRevision('HEAD~3')).toBe('HEAD~3');
    expect(checkBranch('kubecd/upgrades/prod-eu.1')).toBe('kubecd/upgrades/prod-eu.1');
    expect(checkRemote('origin')).toBe('origin');
    expect(checkPath('locks/prod.yaml')).toBe('locks/prod.yaml');
    expect(checkObjectId('a'.repeat(40))).toBe('a'.repeat(40));
  });

  test.each([
    ['a revision that is an option', () => checkRevision('--output=/tmp/x', 'since'), /since "--output=\/tmp\/x" is not a git revision/],
    ['a revision with a space', () => checkRevision('main --all'), /revision "main --all"/],
    ['a branch that is an option', () => checkBranch('--delete'), /branch "--delete" is not a branch name/],
    ['a branch with ..', () => checkBranch('kubecd/../main'), /branch/],
    ['a branch ending in .lock', () => checkBranch('kubecd/x.lock'), /branch/],
    ['a remote that is an option', () => checkRemote('--receive-pack=sh'), /remote "--receive-pack=sh"/],
    ['an absolute path', () => checkPath('/etc/passwd'), /path "\/etc\/passwd" is not a path relative/],
    ['a path that is an option', () => checkPath('--pathspec-from-file=x'), /path/],
    ['an object id that is not one', () => checkObjectId('HEAD'), /commit "HEAD" is not a full object id/],
  ])('refuses %s, as a GitError', (_, check, message) => {
    expect(check).toThrow(GitArgumentError);
    expect(check).toThrow(GitError);
    expect(check).toThrow(message);
  });
});
