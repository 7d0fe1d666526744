/**
 * Concurrent calls with the same key share one execution of `task`. Written here (ten lines):
 * the memoizing libraries also keep results, which the stored answers already do.
 */
export class SingleFlight<K, V> {
  private readonly inFlight = new Map<K, Promise<V>>();

  get size(): number {
    return this.inFlight.size;
  }

  run(key: K, task: () => Promise<V>): Promise<V> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const started = task().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}
