import { describe, expect, test } from 'vitest';
import type { Environment, ImageTrigger, Release } from '../model/types.js';
import { isPinned, pinDigests } from './pinning.js';
import type { LockFile } from './types.js';

const pos = { file: 'releases.yaml', line: 1, column: 1 };
const DIGEST = `sha256:${'a'.repeat(64)}`;
const trigger = (extra: Partial<ImageTrigger> = {}): ImageTrigger => ({ kind: 'image', tagValue: 'image.tag', repoValue: 'image.repository', prefixValue: 'image.prefix', track: 'Newest', pos, ...extra });
const release = (t: ImageTrigger): Release => ({ name: 'web', triggers: [t] }) as unknown as Release;
const env = (pinDigest?: boolean) => ({ name: 'prod', ...(pinDigest !== undefined ? { pinDigest } : {}) }) as unknown as Environment;
const lock: LockFile = { environment: 'prod', entries: [{ release: 'web', key: 'image.tag', value: '1.2.0', digest: DIGEST, resolvedAt: '2026-01-01T00:00:00Z' }] };

describe('digest pinning', () => {
  test('a pinned trigger (or environment) deploys TAG@DIGEST; an unpinned one its tag', () => {
    for (const [t, e, expected] of [
      [trigger({ pinDigest: true }), env(), `1.2.0@${DIGEST}`],
      [trigger(), env(true), `1.2.0@${DIGEST}`],
      [trigger(), env(false), '1.2.0'],
    ] as const) {
      const values: Record<string, unknown> = { image: { tag: '1.2.0' } };
      pinDigests(values, e, release(t), lock);
      expect(values).toEqual({ image: { tag: expected } });
    }
  });

  test('digestValue sets that key and leaves the tag; no locked digest leaves everything', () => {
    const values: Record<string, unknown> = { image: { tag: '1.2.0' } };
    pinDigests(values, env(true), release(trigger({ digestValue: 'image.digest' })), lock);
    expect(values).toEqual({ image: { tag: '1.2.0', digest: DIGEST } });
    const unlocked: Record<string, unknown> = { image: { tag: '1.2.0' } };
    pinDigests(unlocked, env(true), release(trigger()), { environment: 'prod', entries: [{ ...lock.entries[0]!, digest: undefined }] } as unknown as LockFile);
    expect(unlocked).toEqual({ image: { tag: '1.2.0' } });
    expect(isPinned(env(true), { kind: 'chart', track: 'Newest', pos })).toBe(false);
  });
});
