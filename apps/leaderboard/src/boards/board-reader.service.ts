import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { BoardRef, RankedEntry, ScoredEntry, SortedBoard } from '@lib/leaderboard-core';
import { ArchivedBoardRepository } from '@lib/persistence';
import { BoardKeys } from './board-keys';
import { ARCHIVED, GroupScore, LeaderboardStore } from './leaderboard.store';

/** Archived boards held in memory, counted in entries (~100 bytes each). */
const ARCHIVE_CACHE_ENTRIES = 2_000_000;

/**
 * Reads a board wherever it lives. Live boards are answered by one Redis script; a board that
 * has a Mongo archive (or is being archived) is read as archive + archiving copy + live set,
 * merged in memory, so archived periods answer exactly like live ones. Archive generations
 * never change once written, so they are cached by generation.
 */
@Injectable()
export class BoardReader {
  private readonly generations = new LRUCache<string, SortedBoard>({ maxSize: ARCHIVE_CACHE_ENTRIES, sizeCalculation: (b) => Math.max(1, b.size) });

  constructor(private readonly store: LeaderboardStore, private readonly archive: ArchivedBoardRepository, private readonly keys: BoardKeys) {}

  async page(ref: BoardRef, offset: number, limit: number): Promise<RankedEntry[]> {
    const live = await this.store.page(ref, offset, limit);
    return live === ARCHIVED ? (await this.whole(ref)).page(offset, limit) : live;
  }

  async count(ref: BoardRef): Promise<number> {
    const live = await this.store.count(ref);
    return live === ARCHIVED ? (await this.whole(ref)).size : live;
  }

  /** The page after a cursor's entry, live or archived. */
  async pageAfter(ref: BoardRef, after: ScoredEntry, limit: number): Promise<RankedEntry[]> {
    const live = await this.store.pageAfter(ref, after, limit);
    if (live !== ARCHIVED) return live;
    const board = await this.whole(ref);
    return board.page(board.positionAfter(after), limit);
  }

  async rankOf(ref: BoardRef, userId: string): Promise<{ rank: number | null; score: number }> {
    const live = await this.store.rankOf(ref, userId);
    return live === ARCHIVED ? (await this.whole(ref)).rankOf(userId) : live;
  }

  async around(ref: BoardRef, userId: string, k: number): Promise<RankedEntry[]> {
    const live = await this.store.around(ref, userId, k);
    return live === ARCHIVED ? (await this.whole(ref)).around(userId, k) : live;
  }

  async group(ref: BoardRef, userIds: string[]): Promise<GroupScore[]> {
    const live = await this.store.group(ref, userIds);
    if (live !== ARCHIVED) return live;
    const board = await this.whole(ref);
    return userIds.map((userId) => {
      const { rank, score } = board.rankOf(userId);
      return { userId, score, globalRank: rank };
    });
  }

  /** One user's seconds on each board. */
  async scoresOfUser(refs: BoardRef[], userId: string): Promise<number[]> {
    const scores = await this.store.scoresOfUser(refs, userId);
    return Promise.all(scores.map(async (s, i) => (s === ARCHIVED ? (await this.whole(refs[i])).rankOf(userId).score : s)));
  }

  /** The whole board: archive generation (if any) + archiving copy + live set. */
  async whole(ref: BoardRef): Promise<SortedBoard> {
    for (let attempt = 1; ; attempt++) {
      const snapshot = await this.store.snapshot(ref);
      if (snapshot.generation === undefined) return SortedBoard.merge(snapshot.archiving, snapshot.live);
      const archived = await this.generation(ref, snapshot.generation);
      if (archived) {
        return snapshot.archiving.length + snapshot.live.length === 0 ? archived : SortedBoard.merge(archived.all(), snapshot.archiving, snapshot.live);
      }
      // A newer generation replaced this one between the Redis and the Mongo read: read again.
      if (attempt === 3) throw new Error(`archive generation ${snapshot.generation} of ${this.keys.live(ref)} is missing in Mongo`);
    }
  }

  private async generation(ref: BoardRef, generation: number): Promise<SortedBoard | undefined> {
    const id = `${this.keys.live(ref)}#${generation}`;
    const cached = this.generations.get(id);
    if (cached) return cached;
    const entries = await this.archive.readGeneration(ref, generation);
    if (!entries) return undefined;
    const board = SortedBoard.merge(entries);
    this.generations.set(id, board);
    return board;
  }
}
