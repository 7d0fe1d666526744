const LATE = Symbol('late');

/**
 * `work`'s outcome, or `fallback()`'s once `ms` have passed without one. The work keeps running
 * (a late failure of it is ignored). Written here rather than taken from p-timeout, whose current
 * versions are ESM-only: the callers bound a database or Redis that hangs instead of failing.
 */
export async function orAfter<T>(work: Promise<T>, ms: number, fallback: () => T | Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), ms)));
  try {
    const first = await Promise.race([work, late]);
    if (first !== LATE) return first;
  } finally {
    clearTimeout(timer);
  }
  work.catch(() => undefined);
  return fallback();
}
