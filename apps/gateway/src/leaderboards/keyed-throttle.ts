/**
 * Runs `fire(key)` at most once per `intervalMs` per key: the first trigger fires at once, the
 * ones inside the interval collapse into one trailing fire at its end, so the last change is
 * always delivered and a busy board costs a bounded number of pushes. A key's fires never
 * overlap: one triggered while the previous still runs (a slow read) starts after it, or an older
 * read finishing last would push the older page over the newer one. A fire that fails (its read
 * got no answer) runs again, 2, 4, 8… intervals later, at most every `maxRetryMs`, until one
 * succeeds: otherwise the view kept the page from before the change until the next one.
 */
export class KeyedThrottle {
  private readonly lastFired = new Map<string, number>();
  private readonly trailing = new Map<string, NodeJS.Timeout>();
  /** Keys whose fire runs now: true once triggered again meanwhile. */
  private readonly running = new Map<string, boolean>();
  /** Failed fires in a row, per key. */
  private readonly failures = new Map<string, number>();
  /** When `lastFired` was last cleared of the fires whose interval had passed. */
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly fire: (key: string) => Promise<void> | void,
    private readonly maxRetryMs = 30_000,
  ) {}

  /** Keys remembered now: fired within the interval, waiting to fire, firing, or failing. */
  get size(): number {
    return new Set([...this.lastFired.keys(), ...this.trailing.keys(), ...this.running.keys(), ...this.failures.keys()]).size;
  }

  trigger(key: string): void {
    if (this.running.has(key)) {
      this.running.set(key, true);
      return;
    }
    if (this.trailing.has(key)) return;
    const wait = (this.lastFired.get(key) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - Date.now();
    if (wait <= 0) return void this.run(key);
    this.runIn(key, wait);
  }

  private runIn(key: string, wait: number): void {
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
    this.failures.delete(key);
  }

  stop(): void {
    for (const key of new Set([...this.trailing.keys(), ...this.running.keys()])) this.forget(key);
  }

  private async run(key: string): Promise<void> {
    this.forgetPastFires();
    this.lastFired.set(key, Date.now());
    this.running.set(key, false);
    let failed = false;
    try {
      await this.fire(key);
    } catch {
      failed = true; // the fire reports its own failure; here it is only tried again
    }
    if (!this.running.has(key)) return; // forgotten meanwhile
    const triggeredMeanwhile = this.running.get(key);
    this.running.delete(key);
    if (failed) {
      const failures = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, failures);
      this.runIn(key, Math.min(this.intervalMs * 2 ** failures, this.maxRetryMs));
    } else {
      this.failures.delete(key);
      if (triggeredMeanwhile) this.trigger(key);
    }
  }

  /**
   * A fire's time matters for one interval only. Kept, every key ever fired stayed: the live views
   * fire one per board and period watched, a new day's board each day and any date a client asks
   * for. Swept at most once per interval, so the cost per fire stays constant.
   */
  private forgetPastFires(): void {
    const now = Date.now();
    if (now - this.sweptAt < this.intervalMs) return;
    this.sweptAt = now;
    for (const [key, firedAt] of this.lastFired) {
      if (firedAt + this.intervalMs <= now && !this.trailing.has(key) && !this.running.has(key)) this.lastFired.delete(key);
    }
  }
}
