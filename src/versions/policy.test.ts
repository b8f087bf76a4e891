import { describe, expect, test } from 'vitest';
import { chooseNewest, chooseSemver, isMovingTagName, type Decision } from './policy.js';

const DECOYS = [
  'latest', 'main', 'stable', '1234567', '20240101', 'sha-abc1234',
  '1.3.0-rc.1', '2.0.0-beta.2', 'v1.2.9', 'v1.9.0', '1.2', '1.9', '1',
  '2.0.0', '3.1.4', '1.2.4', '1.2.5', '1.3.0', '1.4.2', '1.2.3',
];

function upgradeTag(decision: Decision): string | undefined {
  return decision.kind === 'upgrade' ? decision.tag : undefined;
}

describe('chooseSemver with decoys', () => {
  test.each([
    ['PatchLevel', '1.2.3', '1.2.5'],
    ['MinorVersion', '1.2.3', '1.4.2'],
    ['MajorVersion', '1.2.3', '3.1.4'],
    ['PatchLevel', 'v1.2.3', 'v1.2.9'],
    ['MinorVersion', 'v1.2.3', 'v1.9.0'],
    ['MajorVersion', 'v1.2.3', 'v1.9.0'],
    ['MinorVersion', '1.2', '1.9'],
    ['MajorVersion', '1', undefined],
  ] as const)('%s from %s picks %s', (track, current, expected) => {
    expect(upgradeTag(chooseSemver(current, DECOYS, track))).toBe(expected);
  });

  test('the input order does not matter', () => {
    const reversed = [...DECOYS].reverse();
    for (const track of ['PatchLevel', 'MinorVersion', 'MajorVersion'] as const) {
      expect(chooseSemver('1.2.3', reversed, track)).toEqual(chooseSemver('1.2.3', DECOYS, track));
    }
  });

  test('the highest version is already current', () => {
    const decision = chooseSemver('3.1.4', DECOYS, 'MajorVersion');
    expect(decision.kind).toBe('current');
  });

  test('X.Y never jumps to X.Y.Z, X.Y.Z never to X.Y', () => {
    expect(upgradeTag(chooseSemver('1.2', ['1.2.9', '1.3.0', '1.2'], 'MinorVersion'))).toBeUndefined();
    expect(upgradeTag(chooseSemver('1.2.3', ['1.3', '2'], 'MajorVersion'))).toBeUndefined();
  });

  test('a v prefix is kept as the registry spells it and never mixed', () => {
    expect(upgradeTag(chooseSemver('v5.7.14', ['5.7.20', 'v5.7.15'], 'PatchLevel'))).toBe('v5.7.15');
    expect(upgradeTag(chooseSemver('5.7.14', ['v5.7.20'], 'PatchLevel'))).toBeUndefined();
  });

  test('numeric SHA-like and date tags do not beat single-number releases', () => {
    expect(upgradeTag(chooseSemver('5', ['6', '1234567', '20240101', '99999'], 'MajorVersion'))).toBe('99999');
  });

  test('date tags can track newer date tags', () => {
    expect(upgradeTag(chooseSemver('20240101', ['20240315', '1234567', '7'], 'MajorVersion'))).toBe('20240315');
  });

  test('PatchLevel on a tag without a patch number reports current', () => {
    const decision = chooseSemver('1.2', ['1.2', '1.3'], 'PatchLevel');
    expect(decision.kind).toBe('current');
    expect(decision.reason).toMatch(/no patch number/);
  });

  test('an unparseable current tag is a skip with a reason, not a throw', () => {
    for (const current of ['latest', 'sha-abc1234', '']) {
      const decision = chooseSemver(current, DECOYS, 'MinorVersion');
      expect(decision.kind).toBe('skip');
      expect(decision.reason).toContain('not a version');
    }
  });
});

describe('chooseSemver pre-releases', () => {
  const tags = ['2.0.0-rc.1', '2.0.0-rc.2', '2.0.0', '2.0.1', '2.1.0-alpha.1', '2.1.0', '3.0.0-rc.1', '1.9.9'];

  test('a release never moves to a pre-release', () => {
    expect(upgradeTag(chooseSemver('2.0.1', tags, 'MajorVersion'))).toBe('2.1.0');
    expect(upgradeTag(chooseSemver('2.1.0', tags, 'MajorVersion'))).toBeUndefined();
  });

  test('a pre-release moves to a later pre-release of the same version', () => {
    expect(upgradeTag(chooseSemver('2.0.0-rc.1', ['2.0.0-rc.2', '2.1.0-alpha.1'], 'MajorVersion'))).toBe('2.0.0-rc.2');
  });

  test('a pre-release moves to releases within the track, including its own release', () => {
    expect(upgradeTag(chooseSemver('2.0.0-rc.1', tags, 'PatchLevel'))).toBe('2.0.1');
    expect(upgradeTag(chooseSemver('2.0.0-rc.1', ['2.0.0-rc.2', '2.0.0'], 'PatchLevel'))).toBe('2.0.0');
    expect(upgradeTag(chooseSemver('2.0.0-rc.1', tags, 'MinorVersion'))).toBe('2.1.0');
  });

  test('a pre-release never moves to a pre-release of another version', () => {
    expect(upgradeTag(chooseSemver('2.0.0-rc.2', ['3.0.0-rc.1', '2.1.0-alpha.1'], 'MajorVersion'))).toBeUndefined();
  });

  test('equal versions differing in build metadata resolve deterministically', () => {
    expect(upgradeTag(chooseSemver('1.0.0', ['1.0.1+b', '1.0.1', '1.0.1+a'], 'PatchLevel'))).toBe('1.0.1');
    expect(upgradeTag(chooseSemver('1.0.0', ['1.0.1+b', '1.0.1+a'], 'PatchLevel'))).toBe('1.0.1+a');
  });
});

describe('chooseNewest', () => {
  const at = (iso: string) => new Date(iso);

  test('picks the most recently created image', () => {
    const decision = chooseNewest('v20170911-0926', [
      { tag: 'v20170911-0926', created: at('2017-09-11T09:26:00Z'), digest: 'sha256:a' },
      { tag: 'v20171001-1200', created: at('2017-10-01T12:00:00Z'), digest: 'sha256:c' },
      { tag: 'v20170920-0800', created: at('2017-09-20T08:00:00Z'), digest: 'sha256:b' },
    ]);
    expect(upgradeTag(decision)).toBe('v20171001-1200');
  });

  test('never picks latest or another moving tag sharing a digest with a version tag', () => {
    const decision = chooseNewest('1.0.0', [
      { tag: '1.0.0', created: at('2024-01-01T00:00:00Z'), digest: 'sha256:old' },
      { tag: 'latest', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:new' },
      { tag: 'main', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:new' },
      { tag: '1.1', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:new' },
      { tag: '1.1.0', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:new' },
      { tag: 'sha-abc', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:new' },
    ]);
    expect(upgradeTag(decision)).toBe('1.1.0');
  });

  test('a well-known moving tag alone on a newer image is still not picked', () => {
    const decision = chooseNewest('1.0.0', [
      { tag: '1.0.0', created: at('2024-01-01T00:00:00Z'), digest: 'sha256:old' },
      { tag: 'nightly', created: at('2024-03-01T00:00:00Z'), digest: 'sha256:nightly' },
    ]);
    expect(decision.kind).toBe('current');
  });

  test('an alias tag on the current image is not an upgrade', () => {
    const decision = chooseNewest('1.1', [
      { tag: '1.1', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:x' },
      { tag: '1.1.0', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:x' },
      { tag: '1.0.0', created: at('2024-01-01T00:00:00Z'), digest: 'sha256:y' },
    ]);
    expect(decision.kind).toBe('current');
  });

  test('ties in creation time resolve the same way whatever the order', () => {
    const created = at('2024-05-05T00:00:00Z');
    const candidates = [
      { tag: 'build-10', created, digest: 'sha256:1' },
      { tag: 'build-9', created, digest: 'sha256:2' },
      { tag: 'build-11', created, digest: 'sha256:3' },
      { tag: 'build-1', created: at('2024-01-01T00:00:00Z'), digest: 'sha256:0' },
    ];
    const forward = chooseNewest('build-1', candidates);
    const backward = chooseNewest('build-1', [...candidates].reverse());
    expect(forward).toEqual(backward);
    expect(upgradeTag(forward)).toBe('build-10');
  });

  test('prefers the tag shaped like the current one on a shared image', () => {
    const decision = chooseNewest('v20240101-0000', [
      { tag: 'v20240101-0000', created: at('2024-01-01T00:00:00Z'), digest: 'sha256:a' },
      { tag: 'feature-login-long-name', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:b' },
      { tag: 'v20240201-0000', created: at('2024-02-01T00:00:00Z'), digest: 'sha256:b' },
    ]);
    expect(upgradeTag(decision)).toBe('v20240201-0000');
  });

  test('nothing newer is current', () => {
    const decision = chooseNewest('b', [
      { tag: 'a', created: at('2024-01-01T00:00:00Z') },
      { tag: 'b', created: at('2024-06-01T00:00:00Z') },
    ]);
    expect(decision.kind).toBe('current');
  });

  test('an unknown current creation time is a skip; a remembered one is used', () => {
    const candidates = [{ tag: 'b', created: at('2024-06-01T00:00:00Z') }];
    expect(chooseNewest('a', candidates).kind).toBe('skip');
    expect(upgradeTag(chooseNewest('a', candidates, { currentCreated: at('2024-01-01T00:00:00Z') }))).toBe('b');
    expect(chooseNewest('a', candidates, { currentCreated: at('2024-07-01T00:00:00Z') }).kind).toBe('current');
  });

  test('candidates with an invalid date are ignored', () => {
    const decision = chooseNewest('a', [
      { tag: 'a', created: at('2024-01-01T00:00:00Z') },
      { tag: 'b', created: new Date('not a date') },
    ]);
    expect(decision.kind).toBe('current');
  });

  test('moving tag names are case-insensitive', () => {
    expect(isMovingTagName('Latest')).toBe(true);
    expect(isMovingTagName('1.0')).toBe(false);
  });
});
