import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { BoardRef, boardKey, boardTimeZoneKey, parseBoardKey, PeriodType } from '@lib/leaderboard-core';

/**
 * Redis key names of the boards, all under REDIS_PREFIX:
 *   lb:{board}:{period}:{periodKey}            the live sorted set (userId → seconds)
 *   lbidx:{period}                             SET of live keys of that period type (archive, rebuild and verify find boards here, never with KEYS/SCAN)
 *   lbarchiving:{board}:{period}:{periodKey}   a board being archived, renamed away from its live key
 *   lbarchived                                 HASH live key → generation of its Mongo archive
 *   lbzone                                     STRING the TIME_ZONE the leaderboard app writes period keys in
 *   lblost                                     STRING when a leaderboard app found that Redis had lost the boards (a full rebuild deletes it)
 */
@Injectable()
export class BoardKeys {
  private readonly prefix: string;
  readonly archivedGenerations: string;
  readonly timeZone: string;
  readonly lost: string;

  constructor(config: AppConfig) {
    this.prefix = config.REDIS_PREFIX;
    this.archivedGenerations = `${this.prefix}lbarchived`;
    this.timeZone = boardTimeZoneKey(this.prefix);
    this.lost = `${this.prefix}lblost`;
  }

  live(ref: BoardRef): string {
    return boardKey(this.prefix, ref.board, ref.period, ref.periodKey);
  }

  archiving(ref: BoardRef): string {
    return `${this.prefix}lbarchiving:${ref.board}:${ref.period}:${ref.periodKey}`;
  }

  index(period: PeriodType): string {
    return `${this.prefix}lbidx:${period}`;
  }

  parse(liveKey: string): BoardRef | undefined {
    return parseBoardKey(this.prefix, liveKey);
  }
}
