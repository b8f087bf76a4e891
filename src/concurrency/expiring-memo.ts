/**
 * One pending or settled value per key, shared by every caller until the value's own expiry: concurrent
 * callers wait on one fetch, a failure is not remembered (the next caller asks again).
 */
export class ExpiringMemo<V extends { expiresAt: number }> {
  private readonly entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, fetch: () => Promise<V>, onError?: (error: unknown) => void): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const entry: { value: Promise<V>; expiresAt: number } = { value: Promise.resolve(undefined as unknown as V), expiresAt: Number.POSITIVE_INFINITY };
    entry.value = fetch().then<V>(
      (found) => {
        entry.expiresAt = found.expiresAt;
        return found;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        onError?.(error);
        throw error;
      },
    );
    this.entries.set(key, entry);
    return entry.value;
  }
}
