import { Injectable } from '@nestjs/common';
import { DEFAULT_TAXONOMY } from '@lib/classifier-engine';
import { AppConfig } from '@lib/config';
import { LeaderboardPage, LeaderboardQuery, PRODUCTIVE_BOARD, RpcError, StoredEvent, TOTAL_BOARD, UserRank, UserRankQuery } from '@lib/contracts';
import { isValidIsoDate, PeriodCalendar, PERIOD_TYPES, PeriodType } from '@lib/leaderboard-core';
import { UsageLogRepository } from '@lib/persistence';
import { LeaderboardStore } from './leaderboard.store';

export const MAX_PAGE_SIZE = 500;

/** Reads of boards and stored events, with every bad parameter answered as a 400 naming it. */
@Injectable()
export class LeaderboardQueryService {
  private readonly calendar: PeriodCalendar;
  private readonly boards = new Set([...DEFAULT_TAXONOMY.map((c) => c.id), PRODUCTIVE_BOARD, TOTAL_BOARD]);

  constructor(private readonly store: LeaderboardStore, private readonly usageLogs: UsageLogRepository, config: AppConfig) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  async top(query: LeaderboardQuery): Promise<LeaderboardPage> {
    const { board, period, periodKey } = this.resolve(query);
    const limit = integerIn('limit', query.limit, 1, MAX_PAGE_SIZE, 25);
    const offset = integerIn('offset', query.offset, 0, 10_000_000, 0);
    const entries = await this.store.page(this.store.key(board, period, periodKey), offset, limit);
    return { board, period, periodKey, entries: entries.map(({ rank, userId, score }) => ({ rank, userId, score })) };
  }

  async userRank(query: UserRankQuery): Promise<UserRank & { board: string; period: string; periodKey: string; userId: string }> {
    const { board, period, periodKey } = this.resolve(query);
    if (typeof query.userId !== 'string' || query.userId.length === 0) throw new RpcError(400, 'userId is required');
    const rank = await this.store.rankOf(this.store.key(board, period, periodKey), query.userId);
    return { board, period, periodKey, userId: query.userId, ...rank };
  }

  async event(eventId: string): Promise<StoredEvent> {
    if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 128) throw new RpcError(400, 'eventId must be 1-128 characters');
    const log = await this.usageLogs.findById(eventId);
    if (!log) throw new RpcError(404, `event ${eventId} is not stored (yet): processing takes a moment after 202`);
    return {
      eventId: log._id,
      userId: log.userId,
      app: log.app,
      title: log.title,
      url: log.url,
      startedAt: log.startedAt.toISOString(),
      durationSec: log.durationSec,
      source: log.source,
      categoryId: log.categoryId,
      classification: log.classification,
      status: 'stored',
      storedAt: log.storedAt.toISOString(),
    };
  }

  private resolve(query: { board: string; period?: string; date?: string }): { board: string; period: PeriodType; periodKey: string } {
    if (!this.boards.has(query.board)) {
      throw new RpcError(400, `board "${query.board}" is unknown: use a category id, "${PRODUCTIVE_BOARD}" or "${TOTAL_BOARD}"`);
    }
    const period = (query.period ?? 'day') as PeriodType;
    if (!PERIOD_TYPES.includes(period)) throw new RpcError(400, `period must be one of ${PERIOD_TYPES.join(', ')}`);
    if (query.date !== undefined && !isValidIsoDate(query.date)) throw new RpcError(400, 'date must be a calendar date YYYY-MM-DD');
    const periodKey = query.date ? this.calendar.keyForDate(period, query.date) : this.calendar.currentKey(period, Date.now());
    return { board: query.board, period, periodKey };
  }
}

function integerIn(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new RpcError(400, `${name} must be an integer from ${min} to ${max}`);
  return n;
}
