import { addScores } from './board-score';
import { compareAsZrevrange, RankedEntry, ScoredEntry } from './ranking';

/**
 * A whole board held in memory, ordered and ranked exactly like the Redis sorted set it stands
 * for (score desc, ties by member desc, competition ranks). Serves archived periods, whose
 * entries come from Mongo, with the same answers the live Redis board would give.
 */
export class SortedBoard {
  private readonly entries: ScoredEntry[];
  private readonly ranks: Uint32Array;
  private positions?: Map<string, number>;

  private constructor(sorted: ScoredEntry[]) {
    this.entries = sorted;
    this.ranks = new Uint32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      this.ranks[i] = i > 0 && sorted[i].score === sorted[i - 1].score ? this.ranks[i - 1] : i + 1;
    }
  }

  /** Sums the scores of each user over all lists (archive + late increments), drops zeros, ranks. */
  static merge(...lists: Iterable<ScoredEntry>[]): SortedBoard {
    const totals = new Map<string, number>();
    for (const list of lists) for (const { userId, score } of list) totals.set(userId, addScores(totals.get(userId) ?? 0, score));
    const entries: ScoredEntry[] = [];
    for (const [userId, score] of totals) if (score !== 0) entries.push({ userId, score });
    return new SortedBoard(entries.sort(compareAsZrevrange));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every entry, best first (what the archive stores). */
  all(): readonly ScoredEntry[] {
    return this.entries;
  }

  page(offset: number, limit: number): RankedEntry[] {
    const end = Math.min(this.entries.length, offset + limit);
    const page: RankedEntry[] = [];
    for (let i = offset; i < end; i++) page.push(this.ranked(i));
    return page;
  }

  rankOf(userId: string): { rank: number | null; score: number } {
    const i = this.positionOf(userId);
    return i === undefined ? { rank: null, score: 0 } : { rank: this.ranks[i], score: this.entries[i].score };
  }

  /** The user's entry with up to k entries above and below; empty when the user has no score. */
  around(userId: string, k: number): RankedEntry[] {
    const i = this.positionOf(userId);
    return i === undefined ? [] : this.page(Math.max(0, i - k), Math.min(i, k) + k + 1);
  }

  /** The offset of the page after `entry` (a cursor's): the entries ordered before it, and itself when on the board with that score. */
  positionAfter(entry: ScoredEntry): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareAsZrevrange(this.entries[middle], entry) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private ranked(i: number): RankedEntry {
    return { rank: this.ranks[i], userId: this.entries[i].userId, score: this.entries[i].score };
  }

  private positionOf(userId: string): number | undefined {
    if (this.positions === undefined) {
      // Built on first lookup only: top-N reads never pay for it.
      this.positions = new Map();
      for (let i = 0; i < this.entries.length; i++) this.positions.set(this.entries[i].userId, i);
    }
    return this.positions.get(userId);
  }
}
