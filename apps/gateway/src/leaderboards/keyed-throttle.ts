/**
 * Runs `fire(key)` at most once per `intervalMs` per key: the first trigger fires at once, the
 * ones inside the interval collapse into one trailing fire at its end, so the last change is
 * always delivered and a busy board costs a bounded number of pushes.
 */
export class KeyedThrottle {
  private readonly lastFired = new Map<string, number>();
  private readonly trailing = new Map<string, NodeJS.Timeout>();

  constructor(private readonly intervalMs: number, private readonly fire: (key: string) => void) {}

  trigger(key: string): void {
    if (this.trailing.has(key)) return;
    const wait = (this.lastFired.get(key) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - Date.now();
    if (wait <= 0) return this.run(key);
    const timer = setTimeout(() => {
      this.trailing.delete(key);
      this.run(key);
    }, wait);
    timer.unref();
    this.trailing.set(key, timer);
  }

  /** Forgets a key nobody watches any more (and its pending fire). */
  forget(key: string): void {
    clearTimeout(this.trailing.get(key));
    this.trailing.delete(key);
    this.lastFired.delete(key);
  }

  stop(): void {
    for (const key of [...this.trailing.keys()]) this.forget(key);
  }

  private run(key: string): void {
    this.lastFired.set(key, Date.now());
    this.fire(key);
  }
}
