/**
 * When chaos disrupts: `count` moments spread from `from` until `until` (ms), one at a random point
 * of each of `count` equal slots, in order. Each moment stands by itself: a freeze lasting 6-10 s
 * no longer pushes the next one back (a 20 s run's freezes queued up one behind the other, past
 * the calm its last fifth keeps). An empty span puts them all at `from`.
 */
export function spreadMoments(count: number, from: number, until: number, random: () => number): number[] {
  const slot = Math.max(0, until - from) / Math.max(1, count);
  return Array.from({ length: count }, (_, i) => from + slot * (i + random()));
}
