import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRepo } from '../load.js';
import { formatProblem } from '../../model/problems.js';
import { promotionWaves } from '../../model/promotion.js';
import { BASE_CHART, writeTempRepo } from '../../../test/support/temp-repo.js';

function environments(names: string[]): string {
  return `environments:\n${names.map((n) => `  - name: ${n}\n    provider:\n      existingContext:\n        context: kind\n    kubeNamespace: ${n}\n    releases:\n      - releases/${n}.yaml\n`).join('')}`;
}

/** A release file whose web release follows `from` (or tracks the registry when `from` is undefined). */
function releases(from: string | undefined, extra = ''): string {
  const trigger = from === undefined ? '          track: Newest\n' : `          track: Promote\n          from: ${from}\n          after: 24h\n${extra}`;
  return `releases:\n  - name: web\n    chart:\n      dir: ../chart\n    triggers:\n      - image:\n${trigger}`;
}

async function load(files: Record<string, string>) {
  const root = await writeTempRepo({ ...BASE_CHART, ...files });
  const loaded = await loadRepo(path.join(root, 'environments.yaml'));
  return { loaded, problems: loaded.problems.map((p) => formatProblem(p)) };
}

describe('promotion lint', () => {
  test('a chain test -> staging -> prod is accepted and ordered', async () => {
    const { loaded, problems } = await load({
      'environments.yaml': environments(['prod', 'staging', 'test']),
      'releases/test.yaml': releases(undefined),
      'releases/staging.yaml': releases('test'),
      'releases/prod.yaml': releases('staging', '          within: MinorVersion\n'),
    });
    expect(problems).toEqual([]);
    const prod = loaded.repo.environments.find((e) => e.name === 'prod')!;
    expect(prod.releases[0]!.triggers[0]).toMatchObject({ kind: 'image', promote: { from: 'staging', after: '24h', afterMs: 86_400_000, within: 'MinorVersion' } });
    expect(promotionWaves(loaded.repo.environments)).toEqual([['test'], ['staging'], ['prod']]);
  });

  test('a promotion from an unknown environment is an error at its `from`', async () => {
    const { problems } = await load({
      'environments.yaml': environments(['staging', 'prod']),
      'releases/staging.yaml': releases(undefined),
      'releases/prod.yaml': releases('stagign'),
    });
    expect(problems).toEqual([
      'releases/prod.yaml:8:17: error: release `web` in environment `prod` promotes from `stagign`, which is not an environment (did you mean `staging`?)',
    ]);
  });

  test('a cycle is an error at each trigger in it, and the run order still ends', async () => {
    const { loaded, problems } = await load({
      'environments.yaml': environments(['test', 'staging', 'prod']),
      'releases/test.yaml': releases('prod'),
      'releases/staging.yaml': releases('test'),
      'releases/prod.yaml': releases('staging'),
    });
    expect(problems).toEqual([
      'releases/prod.yaml:8:17: error: promotion cycle: prod -> staging -> test -> prod; an environment cannot (even through others) promote from itself',
      'releases/staging.yaml:8:17: error: promotion cycle: staging -> test -> prod -> staging; an environment cannot (even through others) promote from itself',
      'releases/test.yaml:8:17: error: promotion cycle: test -> prod -> staging -> test; an environment cannot (even through others) promote from itself',
    ]);
    expect(promotionWaves(loaded.repo.environments)).toEqual([['test', 'staging', 'prod']]);
  });

  test('promoting from itself, from an environment without the release, and badly written fields', async () => {
    const { problems } = await load({
      'environments.yaml': environments(['staging', 'prod']),
      'releases/staging.yaml': releases('staging'),
      'releases/prod.yaml': `releases:\n  - name: api\n    chart:\n      dir: ../chart\n    triggers:\n      - image:\n          track: Promote\n          from: staging\n      - image:\n          tagValue: sidecar.tag\n          track: Promote\n          from: staging\n          after: 1w\n      - image:\n          tagValue: other.tag\n          from: staging\n`,
    });
    expect(problems).toEqual([
      'releases/prod.yaml:8:17: error: release `api` in environment `prod` promotes from `staging`, which has no release `api`',
      'releases/prod.yaml:13:18: error: `after` `1w` is not a duration; expected minutes, hours or days like `30m`, `24h`, `7d`',
      'releases/prod.yaml:16:11: error: `from` belongs to `track: Promote`; set the track or remove it',
      'releases/staging.yaml:8:17: error: promotion cycle: staging -> staging; an environment cannot (even through others) promote from itself',
    ]);
  });

  test('`within` needs a current tag it can read as a version', async () => {
    const { problems } = await load({
      'environments.yaml': environments(['staging', 'prod']),
      'releases/staging.yaml': releases(undefined),
      'releases/prod.yaml': releases('staging', '          within: PatchLevel\n').replace('    triggers:', '    values:\n      - key: image.tag\n        value: main\n    triggers:'),
    });
    expect(problems).toEqual([
      'releases/prod.yaml:9:9: error: current tag `main` of release `web` in environment `prod` is not a version (X, X.Y or X.Y.Z, optionally with a v prefix), so within: PatchLevel cannot compare it; use no `within` or a version tag',
    ]);
  });
});
