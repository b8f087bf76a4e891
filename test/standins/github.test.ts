import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from './github.js';

const run = promisify(execFile);
const TOKEN = 'ghs_standintoken0123456789';
const owner = 'acme';
const repo = 'deployments';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: gitEnv });
  return stdout.trim();
}

let dir: string;
let remote: string;
let work: string;
let github: GitHubStandIn;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubecd-github-standin-'));
  remote = join(dir, 'remote.git');
  work = join(dir, 'work');
  await git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  await git(dir, 'init', '--quiet', '--initial-branch=main', work);
  await writeFile(join(work, 'README.md'), 'deployments\n');
  await git(work, 'add', 'README.md');
  await git(work, 'commit', '--quiet', '-m', 'initial');
  await git(work, 'push', '--quiet', remote, 'main');
  await git(work, 'switch', '--quiet', '-c', 'kubecd/upgrades');
  await writeFile(join(work, 'lock.yaml'), 'image: 1.2.3\n');
  await git(work, 'add', 'lock.yaml');
  await git(work, 'commit', '--quiet', '-m', 'upgrade');
  await git(work, 'push', '--quiet', remote, 'kubecd/upgrades');
  github = await startGitHubStandIn({ token: TOKEN, owner, repo, gitDir: remote });
});

afterAll(async () => {
  await github?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('GitHub REST stand-in driven by @actions/github', () => {
  it('opens, lists, updates, comments on, labels and closes a pull request', async () => {
    const octokit = getOctokit(TOKEN, { baseUrl: github.url });
    const head = 'kubecd/upgrades';

    const none = await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${head}`, base: 'main' });
    expect(none.data).toEqual([]);

    const created = await octokit.rest.pulls.create({ owner, repo, title: 'Upgrade images', head, base: 'main', body: 'one' });
    expect(created.status).toBe(201);
    expect(created.data.number).toBe(1);
    expect(created.data.html_url).toBe(`https://github.com/${owner}/${repo}/pull/1`);
    expect(created.data.head.ref).toBe(head);
    expect(created.data.head.sha).toBe(await git(remote, 'rev-parse', `refs/heads/${head}`));

    const duplicate = octokit.rest.pulls.create({ owner, repo, title: 'again', head, base: 'main' });
    await expect(duplicate).rejects.toMatchObject({ status: 422 });

    const listed = await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${head}`, base: 'main' });
    expect(listed.data.map((p) => p.number)).toEqual([1]);
    const otherHead = await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:other`, base: 'main' });
    expect(otherHead.data).toEqual([]);

    const updated = await octokit.rest.pulls.update({ owner, repo, pull_number: 1, title: 'Upgrade images (2)', body: 'two' });
    expect(updated.data.title).toBe('Upgrade images (2)');
    expect((await octokit.rest.pulls.get({ owner, repo, pull_number: 1 })).data.body).toBe('two');

    const comment = await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'rebased' });
    expect(comment.status).toBe(201);
    expect(github.comments).toEqual([{ id: comment.data.id, issueNumber: 1, body: 'rebased' }]);

    const labels = await octokit.rest.issues.addLabels({ owner, repo, issue_number: 1, labels: ['kubecd', 'upgrade'] });
    expect(labels.data.map((l) => l.name)).toEqual(['kubecd', 'upgrade']);

    const closed = await octokit.rest.pulls.update({ owner, repo, pull_number: 1, state: 'closed' });
    expect(closed.data.state).toBe('closed');
    const afterClose = await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${head}` });
    expect(afterClose.data).toEqual([]);

    expect(github.log.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
    github.log.assertOnlyInAuthorization(TOKEN);
  });

  it('reads and deletes branch refs in the bare remote', async () => {
    const octokit = getOctokit(TOKEN, { baseUrl: github.url });
    await git(work, 'push', '--quiet', remote, 'HEAD:refs/heads/feature/x');
    const ref = await octokit.rest.git.getRef({ owner, repo, ref: 'heads/feature/x' });
    expect(ref.data.object.sha).toBe(await git(work, 'rev-parse', 'HEAD'));

    await octokit.rest.pulls.create({ owner, repo, title: 'x', head: 'feature/x', base: 'main' });
    const deleted = await octokit.rest.git.deleteRef({ owner, repo, ref: 'heads/feature/x' });
    expect(deleted.status).toBe(204);
    await expect(run('git', ['--git-dir', remote, 'rev-parse', '--verify', '--quiet', 'refs/heads/feature/x'])).rejects.toThrow();
    expect(github.pulls.find((p) => p.head === 'feature/x')?.state).toBe('closed');
    await expect(octokit.rest.git.getRef({ owner, repo, ref: 'heads/feature/x' })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.git.deleteRef({ owner, repo, ref: 'heads/feature/x' })).rejects.toMatchObject({ status: 422 });
  });

  it('fast-forwards the base branch on merge', async () => {
    const octokit = getOctokit(TOKEN, { baseUrl: github.url });
    await git(work, 'push', '--quiet', remote, 'HEAD:refs/heads/to-merge');
    const pull = await octokit.rest.pulls.create({ owner, repo, title: 'm', head: 'to-merge', base: 'main' });
    const merged = await octokit.rest.pulls.merge({ owner, repo, pull_number: pull.data.number });
    expect(merged.data.merged).toBe(true);
    expect(await git(remote, 'rev-parse', 'refs/heads/main')).toBe(await git(work, 'rev-parse', 'HEAD'));
    await expect(octokit.rest.pulls.merge({ owner, repo, pull_number: pull.data.number })).rejects.toMatchObject({ status: 405 });
    // main now contains the head: GitHub refuses a pull request with nothing to merge.
    await expect(octokit.rest.pulls.create({ owner, repo, title: 'n', head: 'to-merge', base: 'main' }))
      .rejects.toMatchObject({ status: 422, message: expect.stringContaining('No commits between') });
  });

  it('rejects a wrong token, a missing branch, another repository and a malformed body', async () => {
    const wrong = getOctokit('ghs_wrong', { baseUrl: github.url });
    await expect(wrong.rest.pulls.list({ owner, repo })).rejects.toMatchObject({ status: 401, message: expect.stringContaining('Bad credentials') });

    const octokit = getOctokit(TOKEN, { baseUrl: github.url });
    await expect(octokit.rest.pulls.create({ owner, repo, title: 't', head: 'no-such-branch', base: 'main' }))
      .rejects.toMatchObject({ status: 422, response: { data: { errors: [{ field: 'head', code: 'invalid' }] } } });
    await expect(octokit.rest.pulls.create({ owner, repo, title: 't', head: 'kubecd/upgrades', base: 'no-such-base' }))
      .rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.pulls.list({ owner, repo: 'other' })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.pulls.get({ owner, repo, pull_number: 99 })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: '' })).rejects.toMatchObject({ status: 422 });

    const raw = await fetch(`${github.url}/repos/${owner}/${repo}/pulls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'user-agent': 'test', 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(raw.status).toBe(400);
    const noAuth = await fetch(`${github.url}/repos/${owner}/${repo}/pulls`, { headers: { 'user-agent': 'test' } });
    expect(noAuth.status).toBe(401);
  });

  it('is reached through GITHUB_API_URL by a fresh process using getOctokit without baseUrl', async () => {
    // @actions/github reads GITHUB_API_URL when first imported, so the variable must be set before the import.
    const script = [
      "import { getOctokit, context } from '@actions/github';",
      'const octokit = getOctokit(process.env.TEST_TOKEN);',
      "const { data } = await octokit.rest.pulls.list({ ...context.repo, state: 'all' });",
      'console.log(JSON.stringify(data.map((p) => p.number)));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, ...github.env, TEST_TOKEN: TOKEN },
    });
    expect(JSON.parse(stdout)).toEqual(github.pulls.map((p) => p.number).sort((a, b) => b - a));
    expect(github.log.requests.at(-1)?.url).toBe('/repos/acme/deployments/pulls?state=all');
  });

  it('finds a secret that leaked outside the Authorization header', async () => {
    const octokit = getOctokit(TOKEN, { baseUrl: github.url });
    await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: `oops ${TOKEN}` });
    expect(github.log.placesOutsideAuthorization(TOKEN)).toEqual([
      expect.stringMatching(/POST \/repos\/acme\/deployments\/issues\/1\/comments: body$/),
    ]);
    expect(() => github.log.assertOnlyInAuthorization(TOKEN)).toThrow(/leaked/);
  });
});
