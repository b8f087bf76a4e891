import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepo } from '../repo/load.js';
import { baseRepo, writeTempRepo } from '../../test/support/temp-repo.js';
import { PatchError, patchScalar, planPatches, renderLike, writePatches } from './patch.js';
import type { UpgradeRow } from './types.js';

const FILE = `# releases for prod
releases:   # all of them
  - name: web   # the shop front
    chart: { dir: ../charts/web }   # flow style stays
    values:
      # pinned by kubecd
      - key: image.tag
        value: "1.4.2"   # keep this comment
      - key: other
        value: 'x'
  - name: api
    values:
      - key: image.tag
        value: 1.9
`;

describe('patchScalar', () => {
  it('changes only the scalar, keeping comments, quoting and layout', () => {
    const out = patchScalar(FILE, ['releases', 0, 'values', 0, 'value'], '1.5.0');
    expect(out).toBe(FILE.replace('"1.4.2"', '"1.5.0"'));
  });

  it('keeps single quotes', () => {
    expect(patchScalar(FILE, ['releases', 0, 'values', 1, 'value'], 'y')).toBe(FILE.replace("'x'", "'y'"));
  });

  it('quotes a plain value that would otherwise read back as another number', () => {
    const out = patchScalar(FILE, ['releases', 1, 'values', 0, 'value'], '1.10');
    expect(out).toBe(FILE.replace('value: 1.9', 'value: "1.10"'));
  });

  it('keeps a plain value plain when it reads back the same', () => {
    expect(patchScalar(FILE, ['releases', 1, 'values', 0, 'value'], '1.11')).toBe(FILE.replace('value: 1.9', 'value: 1.11'));
  });

  it('refuses a path with no scalar', () => {
    expect(() => patchScalar(FILE, ['releases', 5, 'values'], '1')).toThrow(/no scalar/);
  });
});

describe('renderLike', () => {
  it('double-quotes plain text that YAML would read as a boolean', () => {
    expect(renderLike({ type: 'PLAIN' }, 'yes')).toBe('yes');
    expect(renderLike({ type: 'PLAIN' }, 'true')).toBe('"true"');
  });
});

describe('patch safety', () => {
  it('refuses to patch a file that does not parse, and keeps every other value', () => {
    expect(() => patchScalar('a: [\n', ['a'], '1')).toThrow(PatchError);
    const text = 'base: &b\n  tag: "1.0.0"\nweb:\n  <<: *b\n  other: 1\n';
    expect(patchScalar(text, ['base', 'tag'], '1.1.0')).toBe(text.replace('"1.0.0"', '"1.1.0"'));
  });

  it('turns a candidate outside the tag grammar into a skip and writes nothing', async () => {
    const root = await writeTempRepo(baseRepo());
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    expect(loaded.problems).toEqual([]);
    const row = { environment: 'test', release: 'web', key: 'image.tag', decision: 'upgrade', candidate: '1.0.1\nevil: true', reason: 'newer' } as unknown as UpgradeRow;
    const plan = await planPatches(loaded, [row]);
    expect(plan.files.size).toBe(0);
    expect(plan.rows[0]).toMatchObject({ decision: 'skip', reason: 'newer; but the candidate `1.0.1\\nevil: true` is not a valid image tag, so it was not written' });
  });

  it('writes patched files atomically, keeping their mode', async () => {
    const root = await writeTempRepo(baseRepo());
    await chmod(path.join(root, 'releases.yaml'), 0o640);
    await writePatches(root, new Map([['releases.yaml', 'releases: []\n']]));
    expect(await readFile(path.join(root, 'releases.yaml'), 'utf8')).toBe('releases: []\n');
    expect((await stat(path.join(root, 'releases.yaml'))).mode & 0o777).toBe(0o640);
    expect((await readdir(root)).filter((n) => n.endsWith('.kubecd-tmp'))).toEqual([]);
  });
});
