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

export interface BoardIncrement {
  board: string;
  period: PeriodType;
  periodKey: string;
  userId: string;
  /** Seconds to add with ZINCRBY. */
  seconds: number;
}

export function boardKey(prefix: string, board: string, period: PeriodType, periodKey: string): string {
  return `${prefix}lb:${board}:${period}:${periodKey}`;
}

interface DayTotal {
  keys: PeriodKeys;
  seconds: number;
}

/**
 * Sums a batch of activities into one increment per (board, period, periodKey, userId), so a
 * batch costs one ZINCRBY per distinct leaderboard entry instead of one per event and period.
 * Output order: per user and board in order of first appearance, days, then weeks, months, all.
 * Throws a RangeError naming the user for an activity with an invalid start or duration.
 */
export function aggregateIncrements(activities: ActivityForScoring[], calendar: PeriodCalendar): BoardIncrement[] {
  // Accumulate per local day first (cheap, usually one day per event) and roll up to week/month/all once per batch.
  const byUser = new Map<string, Map<string, Map<string, DayTotal>>>();
  for (const activity of activities) {
    const { userId, boards } = activity;
    let pieces;
    try {
      pieces = calendar.split(activity.startedAtMs, activity.durationSec);
    } catch (error) {
      throw new RangeError(`Activity of user ${JSON.stringify(userId)}: ${(error as Error).message}`, { cause: error });
    }
    if (pieces.length === 0 || boards.length === 0) continue;

    let byBoard = byUser.get(userId);
    if (byBoard === undefined) byUser.set(userId, (byBoard = new Map()));
    for (let b = 0; b < boards.length; b++) {
      const board = boards[b];
      if (boards.indexOf(board) !== b) continue;
      let days = byBoard.get(board);
      if (days === undefined) byBoard.set(board, (days = new Map()));
      for (const piece of pieces) {
        const total = days.get(piece.keys.day);
        if (total === undefined) days.set(piece.keys.day, { keys: piece.keys, seconds: piece.seconds });
        else total.seconds += piece.seconds;
      }
    }
  }

  const increments: BoardIncrement[] = [];
  for (const [userId, byBoard] of byUser) {
    for (const [board, days] of byBoard) {
      if (days.size === 1) {
        // Common case (all of a user's events in the batch on one day): no roll-up maps needed.
        const { keys, seconds } = days.values().next().value as DayTotal;
        increments.push(
          { board, period: 'day', periodKey: keys.day, userId, seconds },
          { board, period: 'week', periodKey: keys.week, userId, seconds },
          { board, period: 'month', periodKey: keys.month, userId, seconds },
          { board, period: 'all', periodKey: 'all', userId, seconds },
        );
        continue;
      }
      const weeks = new Map<string, number>();
      const months = new Map<string, number>();
      let all = 0;
      for (const { keys, seconds } of days.values()) {
        increments.push({ board, period: 'day', periodKey: keys.day, userId, seconds });
        weeks.set(keys.week, (weeks.get(keys.week) ?? 0) + seconds);
        months.set(keys.month, (months.get(keys.month) ?? 0) + seconds);
        all += seconds;
      }
      for (const [periodKey, seconds] of weeks) increments.push({ board, period: 'week', periodKey, userId, seconds });
      for (const [periodKey, seconds] of months) increments.push({ board, period: 'month', periodKey, userId, seconds });
      increments.push({ board, period: 'all', periodKey: 'all', userId, seconds: all });
    }
  }
  return increments;
}
