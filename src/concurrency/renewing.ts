/**
 * A value that is loaded once and again when its renewal time comes (a token, credentials): callers in the
 * meantime get the current one, concurrent callers share one load, and a failed load is not remembered
 * (the next caller loads again).
 */
export function renewing<V>(load: () => Promise<V>, renewAt: (value: V) => number, now: () => number = Date.now): () => Promise<V> {
  let current: V | undefined;
  let pending: Promise<V> | undefined;
  return () => {
    if (current !== undefined && now() < renewAt(current)) return Promise.resolve(current);
    pending ??= load().then((loaded) => (current = loaded)).finally(() => { pending = undefined; });
    return pending;
  };
}

/** `renewing` per key, e.g. one registry token per region; `load` is the key's first caller's. */
export class RenewingByKey<V> {
  private readonly values = new Map<string, () => Promise<V>>();

  constructor(private readonly renewAt: (value: V) => number, private readonly now: () => number = Date.now) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    let value = this.values.get(key);
    if (!value) {
      value = renewing(load, this.renewAt, this.now);
      this.values.set(key, value);
    }
    return value();
  }
}
