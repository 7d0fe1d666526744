import { BoardRef } from './board-key';
import { addScores } from './board-score';
import { PeriodCalendar } from './period-calendar';
import { PeriodKeys, PeriodType } from './period-math';

/** One stored activity (a usage log) to be scored on each of its boards. */
export interface ActivityForScoring {
  userId: string;
  startedAtMs: number;
  durationSec: number;
  /** e.g. ['work', 'work:programming', 'productive', 'total']; a board listed twice counts once. */
  boards: string[];
}

/**
 * One board and period's summed increments: userIds[i] gains seconds[i]. Each user appears once
 * (the leaderboard store reads and sets a group's scores in one go, which relies on it). Groups
 * can share their arrays (a one-day batch's week, month and all-time groups hold the day's
 * numbers), hence read-only.
 */
export interface BoardIncrements extends BoardRef {
  readonly userIds: readonly string[];
  readonly seconds: readonly number[];
}

export function boardKey(prefix: string, board: string, period: PeriodType, periodKey: string): string {
  return `${prefix}lb:${board}:${period}:${periodKey}`;
}

interface DayGroup {
  keys: PeriodKeys;
  secondsByUser: Map<string, number>;
}

/**
 * Sums a batch of activities into one increment per (board, period, periodKey, userId), grouped
 * by board and period, so a batch costs one ZINCRBY per distinct leaderboard entry instead of one
 * per event and period, and the writer sends each board's increments together.
 * Output order: per board in order of first appearance, its days, then weeks, months, all.
 * Throws a RangeError naming the user for an activity with an invalid start or duration.
 */
export function aggregateIncrements(activities: ActivityForScoring[], calendar: PeriodCalendar): BoardIncrements[] {
  // Accumulate per board and local day first (cheap, usually one day per event) and roll up to
  // week/month/all once per batch.
  const byBoard = new Map<string, Map<string, DayGroup>>();
  for (const activity of activities) {
    const { userId, boards } = activity;
    let pieces;
    try {
      pieces = calendar.split(activity.startedAtMs, activity.durationSec);
    } catch (error) {
      throw new RangeError(`Activity of user ${JSON.stringify(userId)}: ${(error as Error).message}`, { cause: error });
    }
    if (pieces.length === 0) continue;
    for (let b = 0; b < boards.length; b++) {
      const board = boards[b];
      if (boards.indexOf(board) !== b) continue;
      let days = byBoard.get(board);
      if (days === undefined) byBoard.set(board, (days = new Map()));
      for (const piece of pieces) {
        let day = days.get(piece.keys.day);
        if (day === undefined) days.set(piece.keys.day, (day = { keys: piece.keys, secondsByUser: new Map() }));
        day.secondsByUser.set(userId, addScores(day.secondsByUser.get(userId) ?? 0, piece.seconds));
      }
    }
  }

  const groups: BoardIncrements[] = [];
  const group = (board: string, period: PeriodType, periodKey: string, secondsByUser: Map<string, number>): BoardIncrements => ({
    board,
    period,
    periodKey,
    userIds: [...secondsByUser.keys()],
    seconds: [...secondsByUser.values()],
  });
  for (const [board, days] of byBoard) {
    if (days.size === 1) {
      // Common case (the whole batch on one local day): week, month and all-time gain exactly the day's numbers.
      const { keys, secondsByUser } = days.values().next().value as DayGroup;
      const { userIds, seconds } = group(board, 'day', keys.day, secondsByUser);
      groups.push(
        { board, period: 'day', periodKey: keys.day, userIds, seconds },
        { board, period: 'week', periodKey: keys.week, userIds, seconds },
        { board, period: 'month', periodKey: keys.month, userIds, seconds },
        { board, period: 'all', periodKey: 'all', userIds, seconds },
      );
      continue;
    }
    const rollUps = { week: new Map<string, Map<string, number>>(), month: new Map<string, Map<string, number>>(), all: new Map<string, Map<string, number>>() };
    for (const { keys, secondsByUser } of days.values()) {
      groups.push(group(board, 'day', keys.day, secondsByUser));
      addInto(rollUps.week, keys.week, secondsByUser);
      addInto(rollUps.month, keys.month, secondsByUser);
      addInto(rollUps.all, 'all', secondsByUser);
    }
    for (const period of ['week', 'month', 'all'] as const) {
      for (const [periodKey, secondsByUser] of rollUps[period]) groups.push(group(board, period, periodKey, secondsByUser));
    }
  }
  return groups;
}

function addInto(periods: Map<string, Map<string, number>>, periodKey: string, secondsByUser: Map<string, number>): void {
  let total = periods.get(periodKey);
  if (total === undefined) periods.set(periodKey, (total = new Map()));
  for (const [userId, seconds] of secondsByUser) total.set(userId, addScores(total.get(userId) ?? 0, seconds));
}
