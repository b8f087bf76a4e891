import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { privateTempDir, tempRoot } from './temp-dir.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('temp dirs', () => {
  test('the root is RUNNER_TEMP when set, else the system temp dir', () => {
    expect(tempRoot({ RUNNER_TEMP: '/runner/tmp' })).toBe('/runner/tmp');
    expect(tempRoot({ RUNNER_TEMP: '' })).toBe(tmpdir());
    expect(tempRoot({})).toBe(tmpdir());
  });

  test('private temp dirs go under RUNNER_TEMP with mode 0700', async () => {
    const runnerTemp = await mkdtemp(join(tmpdir(), 'kubecd-runner-temp-'));
    dirs.push(runnerTemp);
    const dir = await privateTempDir('kubecd-x-', { RUNNER_TEMP: runnerTemp });
    expect(dir.startsWith(join(runnerTemp, 'kubecd-x-'))).toBe(true);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });
});
