import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parse } from 'yaml';
import { tokenKubeconfigAccess } from './token-kubeconfig.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

test('the token kubeconfig follows renewed tokens, masks each, and is gone after close', async () => {
  const runnerTemp = await mkdtemp(join(tmpdir(), 'kubecd-gke-test-'));
  dirs.push(runnerTemp);
  const tokens = ['token-1', 'token-1', 'token-2'];
  const masked: string[] = [];
  const access = await tokenKubeconfigAccess({
    connection: { server: 'https://127.0.0.1:6443', caData: 'Q0E=' },
    name: 'gke_p_z_c',
    namespace: 'shop',
    token: async () => tokens.shift() ?? 'token-2',
    onSecret: (value) => masked.push(value),
    env: { RUNNER_TEMP: runnerTemp },
  });
  const path = access.target.kubeconfig!;
  expect(path.startsWith(runnerTemp)).toBe(true);
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  const tokenIn = async () => (parse(await readFile(path, 'utf8')) as { users: { user: { token: string } }[] }).users[0]!.user.token;
  expect(await tokenIn()).toBe('token-1');
  await access.fresh(); // same token: nothing rewritten
  expect(await tokenIn()).toBe('token-1');
  await Promise.all([access.fresh(), access.fresh()]); // concurrent callers share one renewal
  expect(await tokenIn()).toBe('token-2');
  expect(masked).toEqual(['token-1', 'token-2']);
  await access.close();
  expect(await readdir(runnerTemp)).toEqual([]);
});

test('a failure to get the first token leaves nothing behind', async () => {
  const runnerTemp = await mkdtemp(join(tmpdir(), 'kubecd-gke-test-'));
  dirs.push(runnerTemp);
  await expect(tokenKubeconfigAccess({
    connection: { server: 'https://x' }, name: 'n', namespace: 'ns',
    token: async () => { throw new Error('no credentials'); },
    onSecret: () => undefined, env: { RUNNER_TEMP: runnerTemp },
  })).rejects.toThrow('no credentials');
  expect(await readdir(runnerTemp)).toEqual([]);
});
