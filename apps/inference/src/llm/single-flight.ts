/**
 * Concurrent calls with the same key share one execution of `task`. Written here (a dozen lines):
 * the memoizing libraries also keep results, which the stored answers already do. Each caller
 * brings the `terms` it asks under; one that finds its key in flight hands them to `join`, which may
 * widen the shared execution's terms while it runs (a later deadline, a higher priority).
 */
export class SingleFlight<K, V, T = undefined> {
  private readonly inFlight = new Map<K, { result: Promise<V>; terms: T }>();

  get size(): number {
    return this.inFlight.size;
  }

  run(key: K, terms: T, task: (terms: T) => Promise<V>, join?: (shared: T, joining: T) => void): Promise<V> {
    const pending = this.inFlight.get(key);
    if (pending) {
      join?.(pending.terms, terms);
      return pending.result;
    }
    const result = task(terms).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, { result, terms });
    return result;
  }
}
