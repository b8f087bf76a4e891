import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cloneWorkingCopy, commitFiles, createBareRemote, git, remoteBranches, seedRepo, TEST_AUTHOR } from './git.js';
import { cleanupAll } from './process.js';

afterAll(cleanupAll);

describe('git harness', () => {
  it('seeds a bare remote with one commit on main and a configured working clone', async () => {
    const repo = await seedRepo({ 'kubecd.yaml': 'environments: []\n', 'envs/prod/releases.yaml': 'releases: []\n' });

    expect((await stat(join(repo.bareDir, 'HEAD'))).isFile()).toBe(true);
    expect(await remoteBranches(repo)).toEqual(new Map([['main', repo.commit]]));
    expect((await git(repo.workDir, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim()).toBe('main');
    expect(await readFile(join(repo.workDir, 'envs/prod/releases.yaml'), 'utf8')).toBe('releases: []\n');
    expect((await git(repo.workDir, ['config', '--local', 'user.email'])).trim()).toBe(TEST_AUTHOR.email);
  });

  it('pushes a new branch to the bare remote, and another clone sees it', async () => {
    const repo = await seedRepo({ 'README.md': 'hello\n' });
    await git(repo.workDir, ['checkout', '--quiet', '-b', 'kubecd/upgrades']);
    const sha = await commitFiles(repo.workDir, { 'values/app.yaml': 'image:\n  tag: 1.2.3\n' }, 'Bump app to 1.2.3');
    await git(repo.workDir, ['push', '--quiet', 'origin', 'kubecd/upgrades']);

    const branches = await remoteBranches(repo);
    expect(branches.get('kubecd/upgrades')).toBe(sha);
    expect(branches.get('main')).toBe(repo.commit);
    expect(sha).not.toBe(repo.commit);

    const other = await cloneWorkingCopy(repo, { branch: 'kubecd/upgrades' });
    expect(await readFile(join(other, 'values/app.yaml'), 'utf8')).toBe('image:\n  tag: 1.2.3\n');
    expect((await git(other, ['log', '-1', '--format=%an <%ae> %s'])).trim()).toBe(`${TEST_AUTHOR.name} <${TEST_AUTHOR.email}> Bump app to 1.2.3`);
  });

  it('starts an empty bare remote with HEAD on main and no branches', async () => {
    const remote = await createBareRemote();
    expect(remote.url.startsWith('file://')).toBe(true);
    expect((await git(remote.bareDir, ['symbolic-ref', 'HEAD'])).trim()).toBe('refs/heads/main');
    expect((await remoteBranches(remote)).size).toBe(0);
  });
});
