import { describe, expect, it } from 'vitest';
import { ExpiringMemo } from './expiring-memo.js';

describe('ExpiringMemo', () => {
  it('shares one fetch until the value expires, then fetches again', async () => {
    let now = 1_000;
    let fetches = 0;
    const memo = new ExpiringMemo<{ n: number; expiresAt: number }>(() => now);
    const fetch = async () => ({ n: ++fetches, expiresAt: now + 100 });
    const [a, b] = await Promise.all([memo.get('k', fetch), memo.get('k', fetch)]);
    expect([a.n, b.n, fetches]).toEqual([1, 1, 1]);
    now += 99;
    expect((await memo.get('k', fetch)).n).toBe(1);
    now += 1;
    expect((await memo.get('k', fetch)).n).toBe(2);
    expect((await memo.get('other', fetch)).n).toBe(3);
  });

  it('does not remember a failure', async () => {
    const memo = new ExpiringMemo<{ expiresAt: number }>();
    const seen: unknown[] = [];
    await expect(memo.get('k', () => Promise.reject(new Error('down')), (error) => seen.push(error))).rejects.toThrow('down');
    expect(seen).toHaveLength(1);
    await expect(memo.get('k', async () => ({ expiresAt: Date.now() + 1_000 }))).resolves.toBeDefined();
  });
});
