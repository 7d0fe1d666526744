import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { invalidInput, LeaderboardPage, LeaderboardQuery, parseChoice, parseInteger, PRODUCTIVE_BOARD, RpcError, StoredEvent, TOTAL_BOARD, idProblem, UserRank, UserRankQuery } from '@lib/contracts';
import {
  AroundPage,
  AroundQuery,
  BoardRef,
  competitionRanks,
  GroupBoard,
  GroupQuery,
  invalidDateReason,
  MAX_AROUND_K,
  MAX_GROUP_USERS,
  PeriodCalendar,
  PERIOD_TYPES,
  PeriodType,
  SummaryQuery,
  unlistedSeconds,
  UserSummary,
} from '@lib/leaderboard-core';
import { UsageLogRepository } from '@lib/persistence';
import { BoardCatalog } from './boards/board-catalog.service';
import { BoardReader } from './boards/board-reader.service';

export const MAX_PAGE_SIZE = 500;

/** Reads of boards and stored events, with every bad parameter answered as a 400 naming it. */
@Injectable()
export class LeaderboardQueryService {
  private readonly calendar: PeriodCalendar;

  constructor(private readonly boards: BoardReader, private readonly catalog: BoardCatalog, private readonly usageLogs: UsageLogRepository, config: AppConfig) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  async top(query: LeaderboardQuery): Promise<LeaderboardPage> {
    const ref = await this.resolve(query);
    const limit = parseInteger(query.limit, 'limit', { min: 1, max: MAX_PAGE_SIZE, fallback: 25 });
    const offset = parseInteger(query.offset, 'offset', { min: 0, max: 10_000_000, fallback: 0 });
    // One entry more than the page says whether there are more, at no extra round trip.
    const entries = await this.boards.page(ref, offset, limit + 1);
    return { ...ref, entries: entries.slice(0, limit).map(({ rank, userId, score }) => ({ rank, userId, score })), hasMore: entries.length > limit };
  }

  async userRank(query: UserRankQuery): Promise<UserRank & BoardRef & { userId: string }> {
    const ref = await this.resolve(query);
    const userId = requireUserId(query.userId);
    return { ...ref, userId, ...(await this.boards.rankOf(ref, userId)) };
  }

  async around(query: AroundQuery): Promise<AroundPage> {
    const ref = await this.resolve(query);
    const userId = requireUserId(query.userId);
    const k = parseInteger(query.k, 'k', { min: 0, max: MAX_AROUND_K, fallback: 5 });
    const entries = await this.boards.around(ref, userId, k);
    const me = entries.find((e) => e.userId === userId);
    return { ...ref, userId, rank: me?.rank ?? null, score: me?.score ?? 0, entries };
  }

  async group(query: GroupQuery): Promise<GroupBoard> {
    const ref = await this.resolve(query);
    const users = parseUsers(query.users);
    const scores = await this.boards.group(ref, users);
    const entries = competitionRanks(scores).map(({ rank, userId, score, globalRank }) => ({ rank, userId, score, globalRank }));
    return { ...ref, entries };
  }

  /** Seconds per category (every level), productive and total for one user and period: one Redis round trip. */
  async summary(query: SummaryQuery): Promise<UserSummary> {
    const userId = requireUserId(query?.userId);
    const { period, periodKey } = this.resolvePeriod(query);
    const { categories } = await this.catalog.get();
    const refs = [...categories.map((c) => c.id), PRODUCTIVE_BOARD, TOTAL_BOARD].map((board) => ({ board, period, periodKey }));
    const seconds = await this.boards.scoresOfUser(refs, userId);
    const times = categories
      .map((c, i) => ({ categoryId: c.id, name: c.name, path: c.path, color: c.color, productive: c.productive, seconds: seconds[i] }))
      .filter((c) => c.seconds > 0)
      .sort((a, b) => b.seconds - a.seconds || (a.categoryId < b.categoryId ? -1 : 1));
    const total = seconds[categories.length + 1];
    return { userId, period, periodKey, productive: seconds[categories.length], total, unlistedSeconds: unlistedSeconds(total, times), categories: times };
  }

  /** With `boundUserId`, another user's event answers like a missing one: its existence is not revealed either. */
  async event(eventId: string, boundUserId?: string): Promise<StoredEvent> {
    if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 128) throw invalidInput('eventId', 'must be 1-128 characters');
    const log = await this.usageLogs.findById(eventId);
    if (!log || (boundUserId !== undefined && log.userId !== boundUserId)) throw new RpcError(404, `event ${eventId} is not stored (yet): processing takes a moment after 202`, { field: 'eventId' });
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

  private async resolve(query: { board?: unknown; period?: string; date?: string }): Promise<BoardRef> {
    const { boards } = await this.catalog.get();
    if (typeof query?.board !== 'string' || !boards.has(query.board)) {
      throw invalidInput('board', `"${String(query?.board)}" is unknown: use a category id, "${PRODUCTIVE_BOARD}" or "${TOTAL_BOARD}"`);
    }
    return { board: query.board, ...this.resolvePeriod(query) };
  }

  private resolvePeriod(query: { period?: string; date?: string }): { period: PeriodType; periodKey: string } {
    const period = parseChoice(query?.period, 'period', PERIOD_TYPES, 'day');
    const date = query.date || undefined;
    const dateProblem = date === undefined ? undefined : invalidDateReason(date);
    if (dateProblem !== undefined) throw invalidInput('date', dateProblem);
    return { period, periodKey: date ? this.calendar.keyForDate(period, date) : this.calendar.currentKey(period, Date.now()) };
  }
}

/**
 * A user id as events are stored under (USER_ID): a read for `a b` was answered as a user without
 * a score (rank null, 0 s), which hid the client's mistake.
 */
function requireUserId(userId: unknown): string {
  if (typeof userId !== 'string') throw invalidInput('userId', 'must be a user id');
  const problem = idProblem(userId);
  if (problem) throw invalidInput('userId', problem);
  return userId;
}

/** A list or a comma-separated string; blanks and repeats dropped. */
function parseUsers(users: unknown): string[] {
  const list = typeof users === 'string' ? users.split(',') : (users ?? []);
  if (!Array.isArray(list)) throw invalidInput('users', `must be a list of 1 to ${MAX_GROUP_USERS} user ids`);
  const unique = new Set<string>();
  list.forEach((user, i) => {
    const problem = typeof user !== 'string' ? 'must be a user id' : user.trim() === '' ? undefined : idProblem(user.trim());
    if (problem) throw invalidInput(`users[${i}]`, problem);
    if (user.trim()) unique.add(user.trim());
  });
  if (unique.size === 0 || unique.size > MAX_GROUP_USERS) throw invalidInput('users', `must list 1 to ${MAX_GROUP_USERS} user ids (got ${unique.size})`);
  return [...unique];
}
