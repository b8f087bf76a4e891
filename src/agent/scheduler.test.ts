import { describe, expect, test } from 'vitest';
import { nextDelay, Scheduler, type SyncReason } from './scheduler.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sync that records its reason and waits until released (or resolves at once with `auto`). */
function controllable(results: boolean[] = []) {
  const reasons: SyncReason[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const releases: (() => void)[] = [];
  const sync = async (reason: SyncReason) => {
    reasons.push(reason);
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    await new Promise<void>((resolve) => releases.push(resolve));
    concurrent -= 1;
    return results.shift() ?? true;
  };
  return { sync, reasons, releaseNext: () => releases.shift()?.(), get maxConcurrent() { return maxConcurrent; }, get waiting() { return releases.length; } };
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(2);
  }
}

describe('the sync scheduler', () => {
  test('backoff doubles from the initial delay up to the cap; the interval follows a success', () => {
    const options = { intervalMs: 60_000, backoffInitialMs: 1000, backoffMaxMs: 5000 };
    expect([0, 1, 2, 3, 4, 5, 100].map((n) => nextDelay(options, n))).toEqual([60_000, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  test('runs at once on start, one sync at a time, folding triggers that arrive meanwhile into one', async () => {
    const c = controllable();
    const scheduler = new Scheduler(c.sync, { intervalMs: 60_000, backoffInitialMs: 1000, backoffMaxMs: 1000 });
    scheduler.start();
    expect(c.reasons).toEqual(['start']);
    expect(scheduler.trigger('webhook')).toBe(true);
    expect(scheduler.trigger('webhook')).toBe(true);
    expect(scheduler.trigger('webhook')).toBe(true);
    expect(scheduler.state().running).toBe(true);
    c.releaseNext();
    await until(() => c.reasons.length === 2);
    c.releaseNext();
    await until(() => !scheduler.state().running);
    expect(c.reasons).toEqual(['start', 'webhook']);
    expect(c.maxConcurrent).toBe(1);
    expect(scheduler.state().nextAt).toBeGreaterThan(Date.now() + 50_000);
    await scheduler.stop();
  });

  test('retries a failed sync with backoff, then returns to the interval after a success', async () => {
    const c = controllable([false, false, true]);
    const delays: number[] = [];
    const scheduler = new Scheduler(c.sync, { intervalMs: 60_000, backoffInitialMs: 20, backoffMaxMs: 30 }, (delay) => delays.push(delay));
    scheduler.start();
    for (let i = 0; i < 3; i++) {
      await until(() => c.waiting === 1);
      c.releaseNext();
    }
    await until(() => delays.length === 3);
    expect(c.reasons).toEqual(['start', 'retry', 'retry']);
    expect(delays).toEqual([20, 30, 60_000]);
    expect(scheduler.state().consecutiveFailures).toBe(0);
    await scheduler.stop();
  });

  test('a webhook during backoff runs at once; a throwing sync counts as failed', async () => {
    let calls = 0;
    const scheduler = new Scheduler(async () => {
      calls += 1;
      throw new Error('boom');
    }, { intervalMs: 60_000, backoffInitialMs: 60_000, backoffMaxMs: 60_000 });
    scheduler.start();
    await until(() => scheduler.state().consecutiveFailures === 1);
    scheduler.trigger('webhook');
    await until(() => scheduler.state().consecutiveFailures === 2);
    expect(calls).toBe(2);
    await scheduler.stop();
  });

  test('stop waits for the running sync, drops the queued one and refuses new triggers', async () => {
    const c = controllable();
    const scheduler = new Scheduler(c.sync, { intervalMs: 10, backoffInitialMs: 10, backoffMaxMs: 10 });
    scheduler.start();
    scheduler.trigger('webhook');
    let stopped = false;
    const stopping = scheduler.stop().then(() => { stopped = true; });
    await sleep(20);
    expect(stopped).toBe(false);
    c.releaseNext();
    await stopping;
    expect(scheduler.trigger('webhook')).toBe(false);
    await sleep(30);
    expect(c.reasons).toEqual(['start']);
  });
});
