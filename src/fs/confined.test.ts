import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeLockFile } from '../lock/write.js';
import { loadRepo } from '../repo/load.js';
import { formatProblem } from '../model/problems.js';
import { baseRepo, BASE_ENVIRONMENTS, makeTestDir, writeTempRepo } from '../../test/support/temp-repo.js';
import { writePatches } from '../upgrades/patch.js';
import { confinedRoot, readConfined } from './confined.js';

const SECRET = 'SENTINEL-SECRET-8d1f';

/** A folder outside the repository holding a sentinel file whose content must never show up. */
async function outside(): Promise<{ dir: string; file: string }> {
  const dir = await makeTestDir('outside');
  const file = path.join(dir, 'values.yaml');
  await writeFile(file, `password: ${SECRET}\n`);
  await mkdir(path.join(dir, 'sub'));
  await writeFile(path.join(dir, 'sub', 'Chart.yaml'), 'apiVersion: v2\nname: x\nversion: 0.1.0\n');
  return { dir, file };
}

const withValuesFile = (file: string) => ({
  'releases.yaml': `releases:\n  - name: web\n    chart:\n      dir: chart\n    valuesFile: ${file}\n    values:\n      - key: image.tag\n        value: "1.0.0"\n`,
});

interface Case {
  name: string;
  files?: Record<string, string | null>;
  setup: (root: string, out: { dir: string; file: string }) => Promise<void>;
  /** The positioned problem expected (a substring of the formatted problem). */
  expected: RegExp;
}

const cases: Case[] = [
  { name: 'values file symlinked out', files: withValuesFile('v.yaml'), setup: (r, o) => symlink(o.file, path.join(r, 'v.yaml')), expected: /^releases\.yaml:5:17: error: values file `v\.yaml` resolves outside the repository \(through a symlink\)$/ },
  { name: 'folder symlinked out', files: withValuesFile('d/values.yaml'), setup: (r, o) => symlink(o.dir, path.join(r, 'd')), expected: /^releases\.yaml:5:17: error: values file `d\/values\.yaml` resolves outside the repository/ },
  {
    name: 'symlink chain out',
    files: withValuesFile('a.yaml'),
    setup: async (r, o) => {
      await symlink(o.file, path.join(r, 'c.yaml'));
      await symlink('c.yaml', path.join(r, 'b.yaml'));
      await symlink('b.yaml', path.join(r, 'a.yaml'));
    },
    expected: /^releases\.yaml:5:17: error: values file `a\.yaml` resolves outside the repository/,
  },
  { name: 'symlink to /dev/zero', files: withValuesFile('z.yaml'), setup: (r) => symlink('/dev/zero', path.join(r, 'z.yaml')), expected: /^releases\.yaml:5:17: error: values file `z\.yaml` resolves outside the repository/ },
  {
    name: 'release file symlinked to /proc/self/environ',
    setup: async (r) => {
      await rm(path.join(r, 'releases.yaml'));
      await symlink('/proc/self/environ', path.join(r, 'releases.yaml'));
    },
    expected: /^environments\.yaml:8:9: error: release file `releases\.yaml` resolves outside the repository \(through a symlink\)$/,
  },
  { name: 'FIFO', files: withValuesFile('f.yaml'), setup: async (r) => void execFileSync('mkfifo', [path.join(r, 'f.yaml')]), expected: /^releases\.yaml:5:17: error: values file `f\.yaml` is a FIFO, not a regular file$/ },
  { name: 'absolute path', files: withValuesFile('/etc/passwd'), setup: async () => undefined, expected: /^releases\.yaml:5:17: error: values file `\/etc\/passwd` is an absolute path/ },
  { name: '`..` path', files: withValuesFile('../x.yaml'), setup: async () => undefined, expected: /^releases\.yaml:5:17: error: values file `\.\.\/x\.yaml` points outside the repository root$/ },
  {
    name: 'chart directory holding a symlink out',
    setup: (r, o) => symlink(o.file, path.join(r, 'chart', 'templates.yaml')),
    expected: /^releases\.yaml:4:12: error: chart directory `chart` holds a symlink `templates\.yaml` that resolves outside the repository$/,
  },
  { name: 'chart directory symlinked out', setup: async (r, o) => { await rm(path.join(r, 'chart'), { recursive: true }); await symlink(path.join(o.dir, 'sub'), path.join(r, 'chart')); }, expected: /^releases\.yaml:4:12: error: chart directory `chart` resolves outside the repository/ },
  { name: 'lock folder symlinked out', setup: (r, o) => symlink(o.dir, path.join(r, 'locks')), expected: /^environments\.yaml:2:11: error: lock file `locks\/test\.yaml` resolves outside the repository/ },
  {
    name: 'lock file itself a symlink out',
    setup: async (r, o) => {
      await mkdir(path.join(r, 'locks'));
      await symlink(o.file, path.join(r, 'locks', 'test.yaml'));
    },
    expected: /^environments\.yaml:2:11: error: lock file `locks\/test\.yaml` resolves outside the repository/,
  },
];

describe('confinement to the repository', () => {
  test.each(cases)('$name is refused with a positioned error', async ({ files, setup, expected }) => {
    const out = await outside();
    const root = await writeTempRepo(baseRepo(files));
    await setup(root, out);
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    const messages = loaded.problems.map(formatProblem);
    expect(messages.some((m) => expected.test(m)), messages.join('\n')).toBe(true);
    for (const m of messages) {
      expect(m).not.toContain(SECRET);
      expect(m).not.toContain(out.dir);
    }
    expect(await readFile(out.file, 'utf8')).toBe(`password: ${SECRET}\n`);
  });

  test('writes through a symlinked lock folder, a symlinked lock file or a symlinked release file are refused', async () => {
    const out = await outside();
    const root = await writeTempRepo(baseRepo());
    await symlink(out.dir, path.join(root, 'locks'));
    await expect(writeLockFile(root, 'locks/test.yaml', { environment: 'test', entries: [] })).rejects.toThrow(/lock file `locks\/test\.yaml` resolves outside the repository/);
    const root2 = await writeTempRepo(baseRepo({ 'locks/keep': '' }));
    await symlink(out.file, path.join(root2, 'locks', 'test.yaml'));
    await expect(writeLockFile(root2, 'locks/test.yaml', { environment: 'test', entries: [] })).rejects.toThrow(/lock file `locks\/test\.yaml` is a symlink; refusing to write through it/);
    const root3 = await writeTempRepo(baseRepo());
    await symlink(out.file, path.join(root3, 'linked.yaml'));
    await expect(writePatches(root3, new Map([['linked.yaml', 'x: 1\n']]))).rejects.toThrow(/patched file `linked\.yaml` is a symlink; refusing to write through it/);
    expect(await readFile(out.file, 'utf8')).toBe(`password: ${SECRET}\n`);
    expect((await readdir(out.dir)).sort()).toEqual(['sub', 'values.yaml']);
  });

  test('a symlink inside the repository to a file inside it is followed', async () => {
    const root = await writeTempRepo(baseRepo({ ...withValuesFile('link.yaml'), 'real/values.yaml': 'replicas: 2\n' }));
    await symlink('real/values.yaml', path.join(root, 'link.yaml'));
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    expect(loaded.valuesFile('link.yaml')).toEqual({ replicas: 2 });
  });

  test('reading stops one byte past the cap', async () => {
    const root = await writeTempRepo({ 'big.yaml': 'a'.repeat(1025), 'ok.yaml': 'a'.repeat(1024) });
    const confined = await confinedRoot(root);
    expect(await readConfined(confined, 'big.yaml', 1024)).toEqual({ refused: { reason: 'too-large', message: 'is larger than 1 KiB' } });
    expect(await readConfined(confined, 'ok.yaml', 1024)).toEqual({ text: 'a'.repeat(1024) });
  });

  test('a values file over the size cap is a positioned error', async () => {
    const root = await writeTempRepo(baseRepo({ ...withValuesFile('v.yaml'), 'v.yaml': `k: "${'x'.repeat(4 * 1024 * 1024)}"\n` }));
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    expect(loaded.problems.map(formatProblem)).toEqual(['releases.yaml:5:17: error: values file `v.yaml` is larger than 4 MiB']);
  });

  test('environments file content never reaches a message', async () => {
    const root = await writeTempRepo({ 'environments.yaml': BASE_ENVIRONMENTS });
    await symlink('/proc/self/environ', path.join(root, 'releases.yaml'));
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    expect(loaded.problems.map(formatProblem).join('\n')).not.toMatch(/PATH=|HOME=/);
  });
});
