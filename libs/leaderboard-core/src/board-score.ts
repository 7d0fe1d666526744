/**
 * Scores are seconds at millisecond resolution. Every score is the double nearest to a whole number
 * of milliseconds, and every sum is rounded back to one, so a total depends only on the milliseconds
 * it holds, not on its parts or the order they were added in: 0.1 s + 0.2 s is 0.3 s (in plain
 * doubles 0.30000000000000004, which ranked above another user's 0.3 s, and a rebuild adding the same
 * logs in another order could swap two users). Exact while totals stay below 2^53 ms.
 */
export const SCORE_UNITS_PER_SECOND = 1000;

/** Seconds to the nearest millisecond. The Redis write script rounds with the same formula. */
export function toScore(seconds: number): number {
  return Math.floor(seconds * SCORE_UNITS_PER_SECOND + 0.5) / SCORE_UNITS_PER_SECOND;
}

/** The sum of two scores, to the nearest millisecond. */
export function addScores(a: number, b: number): number {
  return toScore(a + b);
}
