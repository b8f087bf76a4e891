import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ImageMetadataCache } from './metadata-cache.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'metadata-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    await chmod(dir, 0o700).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

const KEY = { host: '127.0.0.1:5000', repository: 'shop/app' };
const DIGEST = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const image = (n: number, source?: string) => ({ digest: DIGEST(n), created: new Date(Date.UTC(2024, 0, n)), ...(source ? { source } : {}) });

describe('ImageMetadataCache', () => {
  it('round-trips tags through a file per repository, in a later run', async () => {
    const dir = await tempDir();
    const cache = new ImageMetadataCache({ dir });
    const repo = await cache.repository(KEY);
    repo.set('1.0.0', image(1, 'https://github.com/acme/app'));
    repo.set('1.1.0', image(2));
    (await cache.repository({ host: KEY.host, repository: 'shop/other' })).set('v1', image(3));
    await cache.save();
    expect(await readdir(join(dir, 'images'))).toHaveLength(2);

    const later = await new ImageMetadataCache({ dir }).repository(KEY);
    expect(later.size).toBe(2);
    expect(later.get('1.0.0')).toEqual(image(1, 'https://github.com/acme/app'));
    expect(later.get('1.1.0')).toEqual(image(2));
    expect(later.get('v1')).toBeUndefined();
    expect(later.dirty).toBe(false);
  });

  it('loads each repository once, however many callers ask at the same time', async () => {
    const cache = new ImageMetadataCache({ dir: await tempDir() });
    const [a, b] = await Promise.all([cache.repository(KEY), cache.repository({ ...KEY })]);
    expect(a).toBe(b);
  });

  it('never stores moving tags or images without a valid creation time', async () => {
    const dir = await tempDir();
    const cache = new ImageMetadataCache({ dir });
    const repo = await cache.repository(KEY);
    repo.set('latest', image(1));
    repo.set('main', image(2));
    repo.set('1.0.0', { digest: DIGEST(3), created: new Date('not a date') });
    expect(repo.size).toBe(0);
    expect(repo.dirty).toBe(false);
    await cache.save();
    await expect(readdir(join(dir, 'images'))).rejects.toThrow(/ENOENT/);
  });

  it('ignores moving tags planted in a file by hand', async () => {
    const dir = await tempDir();
    const cache = new ImageMetadataCache({ dir });
    const file = cache.fileOf(KEY);
    await mkdir(dirname(file), { recursive: true });
    const tags = { latest: { digest: DIGEST(1), created: '2024-01-01T00:00:00Z' }, '2.0': { digest: DIGEST(2), created: '2024-01-02T00:00:00Z' } };
    await writeFile(file, JSON.stringify({ version: 1, ...KEY, tags }));
    const repo = await cache.repository(KEY);
    expect(repo.get('latest')).toBeUndefined();
    expect(repo.get('2.0')?.digest).toBe(DIGEST(2));
  });

  it('drops tags the registry no longer lists', async () => {
    const cache = new ImageMetadataCache({ dir: await tempDir() });
    const repo = await cache.repository(KEY);
    for (const n of [1, 2, 3]) repo.set(`1.0.${n}`, image(n));
    repo.markSaved();
    repo.retain(['1.0.2', '1.0.3', '1.0.4']);
    expect([repo.get('1.0.1'), repo.get('1.0.2')?.digest]).toEqual([undefined, DIGEST(2)]);
    expect(repo.size).toBe(2);
    expect(repo.dirty).toBe(true);
  });

  it('writes only files that changed, atomically, leaving no temp file behind', async () => {
    const dir = await tempDir();
    const cache = new ImageMetadataCache({ dir });
    (await cache.repository(KEY)).set('1.0.0', image(1));
    await cache.save();
    const file = cache.fileOf(KEY);
    const written = await readFile(file, 'utf8');
    const mtime = (await stat(file)).mtimeMs;

    const next = new ImageMetadataCache({ dir });
    (await next.repository(KEY)).set('1.0.0', image(1));
    await next.save();
    expect((await stat(file)).mtimeMs).toBe(mtime);
    expect(await readFile(file, 'utf8')).toBe(written);
    expect((await readdir(join(dir, 'images'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(written)).toEqual({ version: 1, ...KEY, tags: { '1.0.0': { digest: DIGEST(1), created: '2024-01-01T00:00:00.000Z' } } });
  });

  it.each([
    ['not JSON', '{"version": 1, "tags": {'],
    ['another format version', JSON.stringify({ version: 99, ...KEY, tags: {} })],
    ['another repository', JSON.stringify({ version: 1, host: KEY.host, repository: 'x/y', tags: {} })],
    ['a malformed entry', JSON.stringify({ version: 1, ...KEY, tags: { '1.0.0': { digest: 5 } } })],
  ])('starts empty on a corrupt file (%s), warns once, and replaces it', async (_name, text) => {
    const dir = await tempDir();
    const warnings: string[] = [];
    const cache = new ImageMetadataCache({ dir, warn: (m) => warnings.push(m) });
    const file = cache.fileOf(KEY);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    const repo = await cache.repository(KEY);
    await cache.repository(KEY);
    expect(repo.size).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('corrupt');
    await cache.save();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, ...KEY, tags: {} });
  });

  it('starts empty without a word when there is no file yet', async () => {
    const warnings: string[] = [];
    const repo = await new ImageMetadataCache({ dir: join(await tempDir(), 'missing'), warn: (m) => warnings.push(m) }).repository(KEY);
    expect(repo.size).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('turns a failed write into a warning', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'images'), 'a file where the folder should be');
    const warnings: string[] = [];
    const cache = new ImageMetadataCache({ dir, warn: (m) => warnings.push(m) });
    (await cache.repository(KEY)).set('1.0.0', image(1));
    await expect(cache.save()).resolves.toBeUndefined();
    // Reading failed too (the path is not a folder): a warning, not an exception, as well.
    expect(warnings).toEqual([expect.stringContaining('could not read'), expect.stringContaining('could not write')]);
  });

  it('gives every repository its own file name, even for long or odd names', () => {
    const cache = new ImageMetadataCache({ dir: '/c' });
    const names = [KEY, { host: '127.0.0.1:5001', repository: 'shop/app' }, { host: KEY.host, repository: 'shop_app' }, { host: KEY.host, repository: `a/${'b'.repeat(300)}` }];
    const files = names.map((k) => cache.fileOf(k));
    expect(new Set(files).size).toBe(names.length);
    for (const file of files) expect(file.split('/').pop()!.length).toBeLessThan(120);
  });
});
