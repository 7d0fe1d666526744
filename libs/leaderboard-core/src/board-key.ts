import { PeriodCalendar } from './period-calendar';
import { PERIOD_TYPES, PeriodType } from './period-math';

export interface BoardRef {
  board: string;
  period: PeriodType;
  periodKey: string;
}

/**
 * Where the leaderboard app records the TIME_ZONE it writes period keys in (under REDIS_PREFIX):
 * period keys carry no zone, so every other reader of the boards (maintenance commands, the
 * gateway's live views and dashboard) reads it here rather than trusting its own TIME_ZONE.
 */
export function boardTimeZoneKey(prefix: string): string {
  return `${prefix}lbzone`;
}

/** 'UTC' and 'Etc/UTC', 'Asia/Kolkata' and 'Asia/Calcutta' are one zone each; a name Intl does not know is no zone. */
export function sameZone(a: string, b: string): boolean {
  try {
    return new PeriodCalendar(a).timeZone === new PeriodCalendar(b).timeZone;
  } catch {
    return false;
  }
}

/**
 * Inverse of boardKey: board ids contain ':' themselves, period types and period keys never
 * do, so the last two segments are the period and its key. Undefined for a foreign key.
 */
export function parseBoardKey(prefix: string, key: string): BoardRef | undefined {
  const head = `${prefix}lb:`;
  if (!key.startsWith(head)) return undefined;
  const parts = key.slice(head.length).split(':');
  if (parts.length < 3) return undefined;
  const periodKey = parts.pop()!;
  const period = parts.pop() as PeriodType;
  const board = parts.join(':');
  if (!PERIOD_TYPES.includes(period) || board === '' || periodKey === '') return undefined;
  return { board, period, periodKey };
}
