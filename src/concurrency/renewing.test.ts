import { describe, expect, it } from 'vitest';
import { renewing, RenewingByKey } from './renewing.js';

describe('renewing', () => {
  it('shares one load until the renewal time, then loads again', async () => {
    let now = 1_000;
    let loads = 0;
    const value = renewing(async () => ({ n: ++loads, renewAt: now + 100 }), (v) => v.renewAt, () => now);
    const [a, b] = await Promise.all([value(), value()]);
    expect([a.n, b.n, loads]).toEqual([1, 1, 1]);
    now += 99;
    expect((await value()).n).toBe(1);
    now += 1;
    expect((await value()).n).toBe(2);
  });

  it('does not remember a failure', async () => {
    let fail = true;
    const value = renewing(async () => { if (fail) throw new Error('down'); return 'ok'; }, () => Number.POSITIVE_INFINITY);
    await expect(value()).rejects.toThrow('down');
    fail = false;
    await expect(value()).resolves.toBe('ok');
  });

  it('keeps one value per key', async () => {
    let loads = 0;
    const byKey = new RenewingByKey<{ key: string; n: number }>(() => Number.POSITIVE_INFINITY);
    const load = (key: string) => async () => ({ key, n: ++loads });
    expect(await byKey.get('eu', load('eu'))).toEqual({ key: 'eu', n: 1 });
    expect(await byKey.get('us', load('us'))).toEqual({ key: 'us', n: 2 });
    expect(await byKey.get('eu', load('eu'))).toEqual({ key: 'eu', n: 1 });
  });
});
