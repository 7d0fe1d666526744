import { Mutex } from 'async-mutex';

/**
 * One async-mutex per key: work under the same key runs one at a time, in arrival order; other
 * keys run freely. A key's mutex exists only while someone holds or awaits it, so memory follows
 * the keys in use, not every key ever seen.
 */
export class KeyedMutex {
  private readonly entries = new Map<string, { mutex: Mutex; users: number }>();

  async runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { mutex: new Mutex(), users: 0 };
      this.entries.set(key, entry);
    }
    entry.users++;
    try {
      return await entry.mutex.runExclusive(work);
    } finally {
      if (--entry.users === 0) this.entries.delete(key);
    }
  }

  /** Keys held or awaited now. */
  get size(): number {
    return this.entries.size;
  }
}
