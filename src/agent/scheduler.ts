/**
 * When the agent syncs: at once on start, then every interval; at once when a webhook asks. One sync at a
 * time: triggers that arrive while one runs are folded into a single sync after it. After a failed sync the
 * next automatic one waits an exponentially growing delay (capped) instead of the interval; a webhook still
 * runs at once, since it announces a new commit (which may be the fix).
 */

export type SyncReason = 'start' | 'interval' | 'retry' | 'webhook';

export interface SchedulerOptions {
  intervalMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
}

export interface SchedulerState {
  running: boolean;
  /** Syncs that failed in a row (0 after a success). */
  consecutiveFailures: number;
  /** When the next automatic sync is due (epoch ms), if one is scheduled. */
  nextAt?: number;
}

/** The delay after `failures` failed syncs in a row: the interval after a success. */
export function nextDelay(options: SchedulerOptions, failures: number): number {
  if (failures === 0) return options.intervalMs;
  return Math.min(options.backoffMaxMs, options.backoffInitialMs * 2 ** Math.min(failures - 1, 30));
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private nextAt: number | undefined;
  private running: Promise<void> | undefined;
  private pending: SyncReason | undefined;
  private failures = 0;
  private stopped = false;

  /** `sync` resolves true when it succeeded; a throw counts as a failure. */
  constructor(
    private readonly sync: (reason: SyncReason) => Promise<boolean>,
    private readonly options: SchedulerOptions,
    private readonly onScheduled: (delayMs: number, state: SchedulerState) => void = () => undefined,
  ) {}

  start(): void {
    this.trigger('start');
  }

  /** Runs a sync now, or right after the running one; false once stopped. */
  trigger(reason: SyncReason): boolean {
    if (this.stopped) return false;
    if (this.running) {
      this.pending = reason;
      return true;
    }
    this.clearTimer();
    this.running = this.runOnce(reason);
    return true;
  }

  state(): SchedulerState {
    return { running: this.running !== undefined, consecutiveFailures: this.failures, ...(this.nextAt !== undefined ? { nextAt: this.nextAt } : {}) };
  }

  /** No more syncs; resolves when the running one (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = undefined;
    this.clearTimer();
    await this.running;
  }

  private async runOnce(reason: SyncReason): Promise<void> {
    let ok = false;
    try {
      ok = await this.sync(reason);
    } catch {
      ok = false;
    }
    this.failures = ok ? 0 : this.failures + 1;
    this.running = undefined;
    if (this.stopped) return;
    const queued = this.pending;
    if (queued) {
      this.pending = undefined;
      this.trigger(queued);
      return;
    }
    const delay = nextDelay(this.options, this.failures);
    this.nextAt = Date.now() + delay;
    this.timer = setTimeout(() => this.trigger(this.failures === 0 ? 'interval' : 'retry'), delay);
    this.onScheduled(delay, this.state());
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = undefined;
  }
}
