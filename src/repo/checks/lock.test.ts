import { describe, expect, test } from 'vitest';
import { loadRepo } from '../load.js';
import type { Environment } from '../../model/types.js';
import type { LockFile } from '../../lock/types.js';
import { baseRepo, writeTempRepo } from '../../../test/support/temp-repo.js';
import { checkLock } from './lock.js';

const LOCK = `environment: test
entries:
  - release: web
    key: image.tag
    value: "1.0.1"
    resolvedAt: 2026-01-01T00:00:00Z
`;

describe('checkLock', () => {
  const env = { name: 'test', releaseFiles: ['releases.yaml'], releases: [] } as unknown as Environment;
  const lock: LockFile = { environment: 'test', entries: [{ release: 'web', key: 'image.tag', value: '1.0.1', resolvedAt: '2026-01-01T00:00:00Z', pos: { file: 'locks/test.yaml', line: 3, column: 5 } }] };

  test('an entry for a release the environment no longer declares is stale', () => {
    expect(checkLock(env, lock, 'locks/test.yaml').map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '3:5 lock entry names release `web`, which environment `test` no longer has; run check-upgrades to refresh the lock file',
    ]);
  });

  test('is not called stale when a release file of the environment could not be read', () => {
    expect(checkLock(env, lock, 'locks/test.yaml', new Set(['releases.yaml']))).toEqual([]);
    expect(checkLock(env, lock, 'locks/test.yaml', new Set(['other.yaml']))).toHaveLength(1);
  });
});

describe('a release file with a YAML syntax error', () => {
  test('gives its syntax error only, not a second "no longer has" error from the lock file', async () => {
    const root = await writeTempRepo(baseRepo({ 'releases.yaml': 'releases:\n  - name: web\n    chart: [\n', 'locks/test.yaml': LOCK }));
    const loaded = await loadRepo(`${root}/environments.yaml`);
    expect(loaded.problems.some((p) => p.file === 'releases.yaml' && p.message.startsWith('YAML syntax'))).toBe(true);
    expect(loaded.problems.filter((p) => p.file === 'locks/test.yaml').map((p) => p.message)).toEqual([]);
  });

  test('a well-formed release file without the release still makes the entry stale', async () => {
    const root = await writeTempRepo(baseRepo({ 'releases.yaml': 'releases:\n  - name: api\n    chart:\n      dir: chart\n', 'locks/test.yaml': LOCK }));
    const loaded = await loadRepo(`${root}/environments.yaml`);
    expect(loaded.problems.filter((p) => p.file === 'locks/test.yaml').map((p) => p.message)).toEqual([
      'lock entry names release `web`, which environment `test` no longer has; run check-upgrades to refresh the lock file',
    ]);
  });
});
