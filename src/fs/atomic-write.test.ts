import { chmod, lstat, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { makeTestDir } from '../../test/support/temp-repo.js';
import { atomicWrite, removeStaleTemps } from './atomic-write.js';

describe('atomicWrite', () => {
  test('replaces by rename, keeps the mode, and leaves no temporary file', async () => {
    const dir = await makeTestDir('atomic');
    const file = path.join(dir, 'r.yaml');
    await writeFile(file, 'old\n');
    await chmod(file, 0o600);
    const before = await lstat(file);
    await atomicWrite(file, 'new\n');
    expect(await readFile(file, 'utf8')).toBe('new\n');
    expect((await lstat(file)).mode & 0o777).toBe(0o600);
    expect((await lstat(file)).ino).not.toBe(before.ino);
    expect(await readdir(dir)).toEqual(['r.yaml']);
  });

  test('an explicit mode replaces the old file\'s (a kubeconfig is written 0600 over a 0644 file)', async () => {
    const dir = await makeTestDir('atomic-mode');
    const file = path.join(dir, 'kubeconfig');
    await writeFile(file, 'old', { mode: 0o644 });
    await chmod(file, 0o644);
    await atomicWrite(file, 'new content', { mode: 0o600 });
    expect(await readFile(file, 'utf8')).toBe('new content');
    expect((await lstat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['kubeconfig']);
  });

  test('refuses a symlink target and writes nothing through it', async () => {
    const dir = await makeTestDir('atomic');
    const outside = path.join(await makeTestDir('outside'), 'sentinel');
    await writeFile(outside, 'sentinel\n');
    await symlink(outside, path.join(dir, 'r.yaml'));
    await expect(atomicWrite(path.join(dir, 'r.yaml'), 'x')).rejects.toThrow('r.yaml is a symlink; refusing to write through it');
    expect(await readFile(outside, 'utf8')).toBe('sentinel\n');
    expect((await readdir(dir)).filter((n) => n.endsWith('.kubecd-tmp'))).toEqual([]);
  });

  test("removes a dead run's temporary files before writing, never a live writer's", async () => {
    const dir = await makeTestDir('atomic');
    // pid 2^22 + 1 is above Linux's pid_max, so no process can have it.
    const dead = `.r.yaml.${2 ** 22 + 1}-abcdef.kubecd-tmp`;
    const live = `.r.yaml.${process.ppid}-abcdef.kubecd-tmp`;
    await writeFile(path.join(dir, dead), '');
    await writeFile(path.join(dir, live), '');
    await writeFile(path.join(dir, 'mine.kubecd-tmp'), ''); // not named the way kubecd names them
    await atomicWrite(path.join(dir, 'r.yaml'), 'x\n');
    expect((await readdir(dir)).sort()).toEqual([live, 'mine.kubecd-tmp', 'r.yaml'].sort());
    expect(await removeStaleTemps(dir)).toEqual([]);
  });
});
