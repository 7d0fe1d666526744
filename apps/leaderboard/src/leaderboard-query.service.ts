import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { batchIdOf, EventDeadLetterRef, invalidInput, LeaderboardPage, LeaderboardQuery, parseChoice, parseEventId, parseInteger, parseUserId, PRODUCTIVE_BOARD, RpcError, StoredEvent, TOTAL_BOARD, UserRank, UserRankQuery } from '@lib/contracts';
import {
  AnsweredBoardRef,
  AroundPage,
  AroundQuery,
  BoardCount,
  BoardCursor,
  BoardRef,
  BoardSelector,
  competitionRanks,
  decodeCursor,
  encodeCursor,
  GroupBoard,
  GroupQuery,
  invalidPeriodDateReason,
  MAX_AROUND_K,
  MAX_GROUP_USERS,
  PeriodCalendar,
  PERIOD_TYPES,
  PeriodType,
  ScoredEntry,
  SummaryQuery,
  unlistedSeconds,
  UserSummary,
} from '@lib/leaderboard-core';
import { DeadLetteredEvents, EventDeadLetter, reasonKind } from '@lib/messaging';
import { UsageLogRepository } from '@lib/persistence';
import { BoardCatalog } from './boards/board-catalog.service';
import { BoardReader } from './boards/board-reader.service';
import { RedisDataLossMonitor } from './boards/redis-data-loss.monitor';

export const MAX_PAGE_SIZE = 500;

/** Reads of boards and stored events, with every bad parameter answered as a 400 naming it. */
@Injectable()
export class LeaderboardQueryService {
  private readonly calendar: PeriodCalendar;

  constructor(
    private readonly boards: BoardReader,
    private readonly catalog: BoardCatalog,
    private readonly usageLogs: UsageLogRepository,
    private readonly deadLetteredEvents: DeadLetteredEvents,
    private readonly dataLoss: RedisDataLossMonitor,
    config: AppConfig,
  ) {
    this.calendar = new PeriodCalendar(config.TIME_ZONE);
  }

  async top(query: LeaderboardQuery): Promise<LeaderboardPage> {
    const note = this.lossNote();
    const ref = await this.resolve(query);
    const { limit, offset } = parsePageWindow(query);
    const after = parseCursor(query.cursor, ref, query.offset);
    // One entry more than the page says whether there are more, at no extra round trip.
    const read = after ? await this.boards.pageAfter(ref, after, limit + 1) : await this.boards.page(ref, offset, limit + 1);
    const entries = read.slice(0, limit).map(({ rank, userId, score }) => ({ rank, userId, score }));
    const hasMore = read.length > limit;
    return { ...ref, entries, hasMore, nextCursor: hasMore ? encodeCursor(ref, entries[entries.length - 1]) : null, ...(await note) };
  }

  async count(query: BoardSelector): Promise<BoardCount> {
    const note = this.lossNote();
    const ref = await this.resolve(query);
    return { ...ref, users: await this.boards.count(ref), ...(await note) };
  }

  async userRank(query: UserRankQuery): Promise<UserRank> {
    const note = this.lossNote();
    const ref = await this.resolve(query);
    const userId = parseUserId(query.userId);
    // The board page's query (PRODUCT.md §4 "same query"): checked alike, so a client may send one
    // query string for both; the rank is the user's wherever the page is.
    parsePageWindow(query);
    return { ...ref, userId, ...(await this.boards.rankOf(ref, userId)), ...(await note) };
  }

  async around(query: AroundQuery): Promise<AroundPage> {
    const note = this.lossNote();
    const ref = await this.resolve(query);
    const userId = parseUserId(query.userId);
    const k = parseInteger(query.k, 'k', { min: 0, max: MAX_AROUND_K, fallback: 5 });
    const entries = await this.boards.around(ref, userId, k);
    const me = entries.find((e) => e.userId === userId);
    return { ...ref, userId, rank: me?.rank ?? null, score: me?.score ?? 0, entries, ...(await note) };
  }

  async group(query: GroupQuery): Promise<GroupBoard> {
    const note = this.lossNote();
    const ref = await this.resolve(query);
    const users = parseUsers(query.users);
    const scores = await this.boards.group(ref, users);
    const entries = competitionRanks(scores).map(({ rank, userId, score, globalRank }) => ({ rank, userId, score, globalRank }));
    return { ...ref, entries, ...(await note) };
  }

  /** Seconds per category (every level), productive and total for one user and period: one Redis round trip. */
  async summary(query: SummaryQuery): Promise<UserSummary> {
    const note = this.lossNote();
    const userId = parseUserId(query?.userId);
    const { period, periodKey, timeZone } = this.resolvePeriod(query);
    const { categories } = await this.catalog.get();
    const refs = [...categories.map((c) => c.id), PRODUCTIVE_BOARD, TOTAL_BOARD].map((board) => ({ board, period, periodKey }));
    const seconds = await this.boards.scoresOfUser(refs, userId);
    const times = categories
      .map((c, i) => ({ categoryId: c.id, name: c.name, path: c.path, color: c.color, productive: c.productive, seconds: seconds[i] }))
      .filter((c) => c.seconds > 0)
      .sort((a, b) => b.seconds - a.seconds || (a.categoryId < b.categoryId ? -1 : 1));
    const total = seconds[categories.length + 1];
    return { userId, period, periodKey, timeZone, productive: seconds[categories.length], total, unlistedSeconds: unlistedSeconds(total, times), categories: times, ...(await note) };
  }

  /**
   * `incomplete` for every answer read from the boards while Redis' loss of them is not repaired:
   * before, they read as if they were all (an archived period empty, nobody with a score) and only
   * operators were told.
   */
  private async lossNote(): Promise<{ incomplete?: string }> {
    const lostSince = await this.dataLoss.lostSince();
    if (lostSince === null) return {};
    return { incomplete: `Redis lost the boards (found at ${lostSince}): the boards hold only what was written since, an archived period nothing, until an operator rebuilds them (npm run leaderboard:rebuild)` };
  }

  /**
   * With `boundUserId`, another user's event answers like a missing one: its existence is not
   * revealed either. An event whose message is a dead letter says so, with the letter to replay:
   * one not stored reads 404 with the letter (not "not stored (yet)" for good), one stored before
   * its envelope was counted reads `dead-lettered` (a letter of another envelope holding the same
   * id is not this event's: it was counted under the envelope that stored it). The letter's
   * reason is whole `withReason` (an admin key), else its kind: what failed names internal errors.
   */
  async event(eventId: string, boundUserId?: string, withReason = false): Promise<StoredEvent> {
    parseEventId(eventId);
    const [log, found] = await Promise.all([this.usageLogs.findById(eventId), this.deadLetteredEvents.letterOf(eventId)]);
    const letter = found && !withReason ? { ...found, reason: reasonKind(found.reason) } : found;
    if (!log) {
      if (letter && (boundUserId === undefined || letter.userId === boundUserId)) {
        const { id, stage, reason, discardedAt } = letter;
        const failed = `event ${eventId} was dead-lettered at stage ${stage} (${reason})`;
        const [message, status] = discardedAt
          ? [`${failed}, and dead letter ${id} was discarded: it will not be stored`, 'discarded']
          : [`${failed}: it will not be stored unless an operator replays dead letter ${id} (POST /v1/dead-letters/${id}/replay)`, 'dead-lettered'];
        throw new RpcError(404, message, { field: 'eventId', status, deadLetter: letterRef(letter) });
      }
      throw notStored(eventId);
    }
    if (boundUserId !== undefined && log.userId !== boundUserId) throw notStored(eventId);
    const uncounted = letter !== undefined && letter.envelopeId === log.envelopeId;
    const batchId = batchIdOf(log.envelopeId);
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
      status: uncounted ? 'dead-lettered' : 'stored',
      storedAt: log.storedAt.toISOString(),
      ...(batchId ? { batchId } : {}),
      ...(uncounted ? { deadLetter: letterRef(letter) } : {}),
    };
  }

  private async resolve(query: { board?: unknown; period?: string; date?: string }): Promise<AnsweredBoardRef> {
    const board = query?.board;
    // A board the list lacks may be a category created since it was read: read it again first.
    const known = typeof board === 'string' && ((await this.catalog.get()).boards.has(board) || (await this.catalog.reloaded()).boards.has(board));
    if (!known) {
      throw invalidInput('board', `"${String(board)}" is unknown: use a category id, "${PRODUCTIVE_BOARD}" or "${TOTAL_BOARD}"`);
    }
    return { board, ...this.resolvePeriod(query) };
  }

  private resolvePeriod(query: { period?: string; date?: string }): { period: PeriodType; periodKey: string; timeZone: string } {
    const period = parseChoice(query?.period, 'period', PERIOD_TYPES, 'day');
    const date = query.date || undefined;
    const dateProblem = date === undefined ? undefined : invalidPeriodDateReason(period, date);
    if (dateProblem !== undefined) throw invalidInput('date', dateProblem);
    const periodKey = date ? this.calendar.keyForDate(period, date) : this.calendar.currentKey(period, Date.now());
    return { period, periodKey, timeZone: this.calendar.timeZone };
  }
}


/**
 * The entry a `cursor` continues after, for the board and period it was answered for: read on
 * another (a day board without `date` after midnight) it would continue a page that board never had.
 */
function parseCursor(cursor: unknown, ref: BoardRef, offset: unknown): ScoredEntry | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  if (offset !== undefined && offset !== null && offset !== '') throw invalidInput('cursor', 'and offset cannot go together: a cursor says where the page starts');
  let after: BoardCursor;
  try {
    after = decodeCursor(String(cursor));
  } catch (error) {
    throw invalidInput('cursor', (error as Error).message);
  }
  if (after.board !== ref.board || after.period !== ref.period || after.periodKey !== ref.periodKey) {
    const date = after.period === 'day' ? `date=${after.periodKey}` : after.period === 'all' ? 'any date' : `a date in ${after.periodKey}`;
    throw invalidInput(
      'cursor',
      `is a page of ${after.board} ${after.period} ${after.periodKey}, not of ${ref.board} ${ref.period} ${ref.periodKey}: ask for that board and period (${date}) to go on, or start again without cursor`,
    );
  }
  return after;
}

/** A board page's `limit` and `offset`, each a 400 naming it when out of bounds. */
function parsePageWindow(query: { limit?: unknown; offset?: unknown }): { limit: number; offset: number } {
  return {
    limit: parseInteger(query.limit, 'limit', { min: 1, max: MAX_PAGE_SIZE, fallback: 25 }),
    offset: parseInteger(query.offset, 'offset', { min: 0, max: 10_000_000, fallback: 0 }),
  };
}

function notStored(eventId: string): RpcError {
  return new RpcError(404, `event ${eventId} is not stored (yet): processing takes a moment after 202`, { field: 'eventId', status: 'not-stored' });
}

function letterRef({ id, stage, reason, failedAt, discardedAt }: EventDeadLetter): EventDeadLetterRef {
  return { id, stage, reason, failedAt, ...(discardedAt ? { discardedAt } : {}) };
}

/** A list or a comma-separated string; blanks and repeats dropped. */
function parseUsers(users: unknown): string[] {
  const list = typeof users === 'string' ? users.split(',') : (users ?? []);
  if (!Array.isArray(list)) throw invalidInput('users', `must be a list of 1 to ${MAX_GROUP_USERS} user ids`);
  const unique = new Set<string>();
  list.forEach((user, i) => {
    const trimmed = typeof user === 'string' ? user.trim() : user;
    if (trimmed !== '') unique.add(parseUserId(trimmed, `users[${i}]`));
  });
  if (unique.size === 0 || unique.size > MAX_GROUP_USERS) throw invalidInput('users', `must list 1 to ${MAX_GROUP_USERS} user ids (got ${unique.size})`);
  return [...unique];
}
