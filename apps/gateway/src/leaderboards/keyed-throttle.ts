/**
 * Runs `fire(key)` at most once per `intervalMs` per key: the first trigger fires at once, the
 * ones inside the interval collapse into one trailing fire at its end, so the last change is
 * always delivered and a busy board costs a bounded number of pushes. A key's fires never
 * overlap: one triggered while the previous still runs (a slow read) starts after it, or an older
 * read finishing last would push the older page over the newer one.
 */
export class KeyedThrottle {
  private readonly lastFired = new Map<string, number>();
  private readonly trailing = new Map<string, NodeJS.Timeout>();
  /** Keys whose fire runs now: true once triggered again meanwhile. */
  private readonly running = new Map<string, boolean>();

  constructor(private readonly intervalMs: number, private readonly fire: (key: string) => Promise<void> | void) {}

  trigger(key: string): void {
    if (this.running.has(key)) {
      this.running.set(key, true);
      return;
    }
    if (this.trailing.has(key)) return;
    const wait = (this.lastFired.get(key) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - Date.now();
    if (wait <= 0) return void this.run(key);
    const timer = setTimeout(() => {
      this.trailing.delete(key);
      void this.run(key);
    }, wait);
    timer.unref();
    this.trailing.set(key, timer);
  }

  /** Forgets a key nobody watches any more (and its pending fire). */
  forget(key: string): void {
    clearTimeout(this.trailing.get(key));
    this.trailing.delete(key);
    this.lastFired.delete(key);
    this.running.delete(key);
  }

  stop(): void {
    for (const key of new Set([...this.trailing.keys(), ...this.running.keys()])) this.forget(key);
  }

  private async run(key: string): Promise<void> {
    this.lastFired.set(key, Date.now());
    this.running.set(key, false);
    try {
      await this.fire(key);
    } finally {
      const triggeredMeanwhile = this.running.get(key);
      this.running.delete(key);
      if (triggeredMeanwhile) this.trigger(key);
    }
  }
}
