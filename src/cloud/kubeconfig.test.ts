import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { buildKubeconfig, privateTempDir, writeFileAtomic } from './kubeconfig.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('kubeconfig', () => {
  test('has one cluster, user and context, current, with the token and CA', () => {
    const config = parse(buildKubeconfig({ server: 'https://10.0.0.1', caData: 'Q0E=', token: 'tok', name: 'gke_p_z_c', namespace: 'apps' }));
    expect(config['current-context']).toBe('gke_p_z_c');
    expect(config.clusters).toEqual([{ name: 'gke_p_z_c', cluster: { server: 'https://10.0.0.1', 'certificate-authority-data': 'Q0E=' } }]);
    expect(config.users).toEqual([{ name: 'gke_p_z_c', user: { token: 'tok' } }]);
    expect(config.contexts[0].context).toEqual({ cluster: 'gke_p_z_c', user: 'gke_p_z_c', namespace: 'apps' });
  });

  test('is written mode 0600, replaces an existing file, and leaves no temporary files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubecd-kc-test-'));
    dirs.push(dir);
    const path = join(dir, 'kubeconfig');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new content');
    expect(await readFile(path, 'utf8')).toBe('new content');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['kubeconfig']);
  });

  test('private temp dirs go under RUNNER_TEMP with mode 0700', async () => {
    const runnerTemp = await mkdtemp(join(tmpdir(), 'kubecd-runner-temp-'));
    dirs.push(runnerTemp);
    const dir = await privateTempDir('kubecd-x-', { RUNNER_TEMP: runnerTemp });
    expect(dir.startsWith(runnerTemp)).toBe(true);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });
});
