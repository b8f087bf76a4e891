import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { canonicalJson, chartIdentity, directoryDigests, fingerprint, FINGERPRINT_LENGTH, resourceFilesFingerprint } from './fingerprint.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function chartDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubecd-fp-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const dirChart = { kind: 'dir', dir: 'chart' } as const;

describe('fingerprint', () => {
  test('canonical JSON ignores key order but not array order or types', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: '1.10' } })).toBe(canonicalJson({ a: { c: '1.10', d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: '1.10' })).not.toBe(canonicalJson({ a: 1.1 }));
  });

  test('fits a label value and is stable', () => {
    const input = { chart: { kind: 'oci', reference: 'oci://r/c', version: '1.0.0' }, values: { a: 1 }, namespace: 'ns' };
    const print = fingerprint(input);
    expect(print).toMatch(/^[0-9a-f]+$/);
    expect(print.length).toBe(FINGERPRINT_LENGTH);
    expect(print.length).toBeLessThanOrEqual(63);
    expect(fingerprint({ ...input, values: { a: 1 } })).toBe(print);
  });

  test('changes with values, namespace and chart version', () => {
    const input = { chart: { kind: 'oci', reference: 'oci://r/c', version: '1.0.0' }, values: { image: { tag: '1.0' } }, namespace: 'ns' };
    const print = fingerprint(input);
    expect(fingerprint({ ...input, values: { image: { tag: '1.1' } } })).not.toBe(print);
    expect(fingerprint({ ...input, namespace: 'other' })).not.toBe(print);
    expect(fingerprint({ ...input, chart: { ...input.chart, version: '1.0.1' } })).not.toBe(print);
  });

  test('a local chart counts every file, sorted by path, including subfolders', async () => {
    const dir = await chartDir({ 'Chart.yaml': 'name: c\n', 'templates/a.yaml': 'a', 'charts/sub/values.yaml': 'x: 1' });
    expect((await directoryDigests(dir)).map(([path]) => path)).toEqual(['Chart.yaml', 'charts/sub/values.yaml', 'templates/a.yaml']);
    const before = fingerprint({ chart: await chartIdentity(dirChart, () => dir), values: {}, namespace: 'ns' });
    expect(fingerprint({ chart: await chartIdentity(dirChart, () => dir), values: {}, namespace: 'ns' })).toBe(before);
    await writeFile(join(dir, 'templates/a.yaml'), 'b');
    expect(fingerprint({ chart: await chartIdentity(dirChart, () => dir), values: {}, namespace: 'ns' })).not.toBe(before);
  });

  test('a renamed template changes the fingerprint even with the same content', async () => {
    const one = await chartDir({ 'templates/a.yaml': 'same' });
    const two = await chartDir({ 'templates/b.yaml': 'same' });
    expect(canonicalJson(await chartIdentity(dirChart, () => one))).not.toBe(canonicalJson(await chartIdentity(dirChart, () => two)));
  });

  test('the lock file version of a chart reference wins over the declared one', async () => {
    const chart = { kind: 'repo', reference: 'shared/echo', repoName: 'shared', chartName: 'echo', repoUrl: 'http://x', version: '0.1.0' } as const;
    expect(await chartIdentity(chart, () => '', '0.2.0')).toMatchObject({ version: '0.2.0' });
    expect(await chartIdentity(chart, () => '')).toMatchObject({ version: '0.1.0' });
  });
});

describe('resourceFilesFingerprint', () => {
  test('changes with a byte of a file, the list of files and the namespace; fits a label value', async () => {
    const dir = await chartDir({ 'a.yaml': 'kind: ConfigMap\n', 'b.yaml': 'kind: Secret\n' });
    const at = (file: string) => join(dir, file);
    const base = await resourceFilesFingerprint(['a.yaml', 'b.yaml'], at, 'prod');
    expect(base).toHaveLength(FINGERPRINT_LENGTH);
    expect(await resourceFilesFingerprint(['a.yaml', 'b.yaml'], at, 'prod')).toBe(base);
    expect(await resourceFilesFingerprint(['a.yaml'], at, 'prod')).not.toBe(base);
    expect(await resourceFilesFingerprint(['a.yaml', 'b.yaml'], at, 'test')).not.toBe(base);
    await writeFile(at('b.yaml'), 'kind: Secret\n\n');
    expect(await resourceFilesFingerprint(['a.yaml', 'b.yaml'], at, 'prod')).not.toBe(base);
  });
});
