import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGitHttpServer, type GitHttpServer } from '../../test/agent/git-http.js';
import { commitFiles, git, seedRepo, type SeededRepo } from '../../test/harness/git.js';
import { cleanupAll, makeTempDir } from '../../test/harness/process.js';
import { checkCloneUrl, cloneBranch, fetchFastForward, NotFastForwardError, prepareSshCommand, sshCommand, type Follower } from './clone.js';
import { GitArgumentError } from './errors.js';

afterAll(cleanupAll);

describe('clone URLs', () => {
  test.each([
    ['https://github.com/acme/deployments.git', 'https', 'github.com'],
    ['ssh://git@github.com:22/acme/deployments.git', 'ssh', 'github.com'],
    ['git@github.com:acme/deployments.git', 'ssh', 'github.com'],
    ['http://127.0.0.1:8080/remote.git', 'http', '127.0.0.1'],
  ])('accepts %s', (url, transport, host) => {
    expect(checkCloneUrl(url)).toEqual({ url, transport, host });
  });

  test.each([
    ['-uhttps://x', /not starting with "-"/],
    ['file:///etc', /file: transport is not allowed/],
    ['ext::sh -c id', /one plain word/],
    ['http://git.example.test/repo.git', /only allowed to a loopback address/],
    ['https://user:hunter2@github.com/acme/d.git', /password in the URL/],
    ['https://x-access-token@github.com/acme/d.git', /user name in an HTTPS URL is a credential/],
    ['ssh://-oProxyCommand=id/x', /host is not a host name/],
    ['git@github.com:-x', /path must not start with "-"/],
    ['https://github.com/a.git\nx', /one plain word/],
  ])('refuses %s', (url, message) => {
    expect(() => checkCloneUrl(url)).toThrow(GitArgumentError);
    expect(() => checkCloneUrl(url)).toThrow(message);
  });
});

describe('the SSH command', () => {
  test('copies the key and known hosts with mode 0600 and names only those copies, host keys required', async () => {
    const source = await makeTempDir('ssh-source');
    await writeFile(join(source, 'id'), 'KEY\n', { mode: 0o644 });
    await writeFile(join(source, 'known'), 'github.com ssh-ed25519 AAAA\n');
    const dir = await makeTempDir('ssh-private');
    const command = await prepareSshCommand(dir, join(source, 'id'), join(source, 'known'));
    const key = join(dir, 'ssh', 'deploy-key');
    expect(command).toBe(`ssh -F /dev/null -i ${key} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${join(dir, 'ssh', 'known_hosts')} -o GlobalKnownHostsFile=/dev/null`);
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    expect(await readFile(key, 'utf8')).toBe('KEY\n');
  });

  test('refuses a path a shell would read as more than one word', () => {
    expect(() => sshCommand('/tmp/a b/key', '/tmp/k')).toThrow(/path "\/tmp\/a b\/key" has characters/);
    expect(() => sshCommand('/tmp/key;id', '/tmp/k')).toThrow(GitArgumentError);
  });

  test('a missing deploy key is named', async () => {
    await expect(prepareSshCommand(await makeTempDir('ssh-none'), '/nonexistent/key', '/nonexistent/known')).rejects.toThrow('cannot read the SSH deploy key /nonexistent/key: ENOENT');
  });
});

describe('following a branch over HTTP (git http-backend on loopback)', () => {
  const token = 'ghs_follower-token-0123456789';
  let seeded: SeededRepo;
  let server: GitHttpServer;
  let url: string;

  beforeAll(async () => {
    seeded = await seedRepo({ 'environments.yaml': 'environments: []\n' });
    server = await startGitHttpServer(dirname(seeded.bareDir), { token });
    url = `${server.url}/remote.git`;
  });
  afterAll(() => server?.stop());

  async function follower(tokenValue = token): Promise<Follower> {
    return { dir: join(await makeTempDir('follower'), 'repo'), url: checkCloneUrl(url), branch: 'main', auth: { token: async () => tokenValue } };
  }

  test('clones with the token, fast-forwards to a pushed commit, and reports no change when there is none', async () => {
    const f = await follower();
    expect(await cloneBranch(f)).toBe(seeded.commit);
    expect(await fetchFastForward(f)).toEqual({ from: seeded.commit, to: seeded.commit, changed: false });
    const next = await commitFiles(seeded.workDir, { 'environments.yaml': 'environments: [] # 2\n' }, 'second');
    await git(seeded.workDir, ['push', '--quiet', 'origin', 'HEAD:main']);
    expect(await fetchFastForward(f)).toEqual({ from: seeded.commit, to: next, changed: true });
    expect(await readFile(join(f.dir, 'environments.yaml'), 'utf8')).toBe('environments: [] # 2\n');
    // The token is never written into the clone's configuration.
    expect(await readFile(join(f.dir, '.git', 'config'), 'utf8')).not.toContain('extraheader');
  });

  test('refuses a force-pushed branch and stays where it was', async () => {
    const f = await follower();
    const before = await cloneBranch(f);
    await git(seeded.workDir, ['commit', '--quiet', '--amend', '-m', 'rewritten']);
    const rewritten = (await git(seeded.workDir, ['rev-parse', 'HEAD'])).trim();
    await git(seeded.workDir, ['push', '--quiet', '--force', 'origin', 'HEAD:main']);
    const refused = fetchFastForward(f);
    await expect(refused).rejects.toThrow(NotFastForwardError);
    await expect(refused).rejects.toThrow(`moved from ${before.slice(0, 12)} to ${rewritten.slice(0, 12)}, which is not a fast-forward`);
    expect((await git(f.dir, ['rev-parse', 'HEAD'])).trim()).toBe(before);
  });

  test('a wrong token fails with git\'s message and without the token', async () => {
    const wrong = 'ghs_wrong-token-9876543210';
    const error = await cloneBranch(await follower(wrong)).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/git clone http:\/\/127\.0\.0\.1:\d+\/remote\.git failed/);
    expect(error?.message).not.toContain(wrong);
    expect(server.requests.some((line) => line.endsWith(' 401'))).toBe(true);
  });
});
