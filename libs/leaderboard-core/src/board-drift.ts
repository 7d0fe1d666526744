import { ScoredEntry } from './ranking';

export interface DriftEntry {
  userId: string;
  /** Seconds according to the usage logs. */
  expected: number;
  /** Seconds on the board (0 when the user is absent). */
  actual: number;
}

/**
 * Users whose board score differs from the recomputed one. Scores are sums of (possibly
 * fractional) durations added in a different order than Redis added them, so a relative
 * tolerance absorbs floating-point noise, never a missed or doubled event.
 */
export function boardDrift(expected: ReadonlyMap<string, number>, actual: Iterable<ScoredEntry>, tolerance = 1e-9): DriftEntry[] {
  const drift: DriftEntry[] = [];
  const seen = new Set<string>();
  for (const { userId, score } of actual) {
    seen.add(userId);
    const want = expected.get(userId) ?? 0;
    if (!sameScore(want, score, tolerance)) drift.push({ userId, expected: want, actual: score });
  }
  for (const [userId, want] of expected) {
    if (!seen.has(userId) && !sameScore(want, 0, tolerance)) drift.push({ userId, expected: want, actual: 0 });
  }
  return drift.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

function sameScore(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}
