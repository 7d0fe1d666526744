export interface ScoredEntry {
  userId: string;
  score: number;
}

export interface RankedEntry extends ScoredEntry {
  rank: number;
}

/**
 * Competition ranks ("1224") for one page of a leaderboard.
 *
 * `entries` must be sorted by score descending (as ZREVRANGE WITHSCORES returns them).
 * `firstRank` = 1 + ZCOUNT(key, `(${entries[0].score}`, '+inf'): the rank of entries[0].
 * `offset` = 0-based position of entries[0] in the whole board (the ZREVRANGE start).
 * It is needed when ties straddle the page start: with scores 100, 90, 90 | 90, 80 a page at
 * offset 3 has firstRank 2, yet 80 ranks 5, not 3. It defaults to firstRank - 1, which is
 * right only when no member tied with entries[0] precedes the page (e.g. offset 0).
 */
export function rankPage<T extends ScoredEntry>(entries: readonly T[], firstRank: number, offset = firstRank - 1): Array<T & { rank: number }> {
  if (!Number.isInteger(firstRank) || firstRank < 1) {
    throw new RangeError(`firstRank must be an integer >= 1, got ${firstRank}`);
  }
  // Members ranked above entries[0] all precede it, so its position cannot be smaller.
  if (!Number.isInteger(offset) || offset < firstRank - 1) {
    throw new RangeError(`offset must be an integer >= firstRank - 1 (${firstRank - 1}), got ${offset}`);
  }
  const ranked = new Array<T & { rank: number }>(entries.length);
  let rank = firstRank;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (i > 0) {
      const previous = entries[i - 1].score;
      if (entry.score > previous) {
        throw new RangeError(`entries must be sorted by score descending: ${entry.score} follows ${previous} at index ${i}`);
      }
      if (entry.score < previous) rank = offset + i + 1;
    }
    ranked[i] = { ...entry, rank };
  }
  return ranked;
}

/**
 * Ranks a whole board from rank 1. Sorts a copy the way ZREVRANGE orders a sorted set
 * (score descending, equal scores by member descending) so in-memory and Redis results agree.
 */
export function competitionRanks<T extends ScoredEntry>(entries: readonly T[]): Array<T & { rank: number }> {
  return rankPage([...entries].sort(compareAsZrevrange), 1, 0);
}

/** ZREVRANGE order: score descending, equal scores by member descending. */
export function compareAsZrevrange(a: ScoredEntry, b: ScoredEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  // Redis compares members as bytes; UTF-16 order matches it for ASCII ids (see README).
  return a.userId < b.userId ? 1 : a.userId > b.userId ? -1 : 0;
}
