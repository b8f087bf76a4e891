import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';

// The committed dist/ must be what src/ builds to, byte for byte (GitHub runs dist/, not src/).
const fresh = mkdtempSync(join(tmpdir(), 'kubecd-dist-'));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

test('a fresh build of src/ equals the committed dist/', () => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--out', fresh], { stdio: 'pipe' });
  const committed = files('dist');
  expect(files(fresh)).toEqual(committed);
  const differing = committed.filter((file) => !readFileSync(join('dist', file)).equals(readFileSync(join(fresh, file))));
  expect(differing, 'run `npm run build` and commit dist/').toEqual([]);
}, 300_000);
