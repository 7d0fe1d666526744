import { DateTime } from 'luxon';
import { toScore } from './board-score';
import {
  MS_PER_DAY,
  PeriodKeys,
  PeriodType,
  addMonths,
  dayIndexOfPeriodDate,
  civilFromDays,
  daysFromCivil,
  keyOf,
  keysForDay,
  parseDayKey,
  parseMonthKey,
  parseWeekKey,
} from './period-math';

export type BoundedPeriodType = Exclude<PeriodType, 'all'>;

export interface ActivityPiece {
  startMs: number;
  seconds: number;
  keys: PeriodKeys;
}

interface LocalDay {
  readonly index: number;
  readonly startMs: number;
  /** Start of the next local day: 23 h / 25 h around DST changes, 0 for a skipped date. */
  readonly endMs: number;
  readonly keys: PeriodKeys;
}

// ~5.6 years of local days; enough that live traffic and typical backfills never evict.
const DAY_CACHE_SIZE = 2048;

/**
 * Period keys and local-midnight boundaries of one IANA time zone.
 *
 * luxon costs microseconds per call, so every local day is resolved once (two luxon calls)
 * and cached by day index; the hot path is a range check against the last day used.
 */
export class PeriodCalendar {
  /** Canonical zone name, e.g. 'UTC' for 'Etc/UTC' or 'utc'. */
  readonly timeZone: string;
  private readonly isUtc: boolean;
  private readonly days = new Map<number, LocalDay>();
  private last: LocalDay | undefined;

  constructor(timeZone: string) {
    this.timeZone = canonicalZone(timeZone);
    this.isUtc = this.timeZone === 'UTC';
  }

  keysAt(epochMs: number): PeriodKeys {
    assertInstant(epochMs, 'epochMs');
    return this.dayAt(epochMs).keys;
  }

  currentKey(period: PeriodType, nowMs: number): string {
    return keyOf(this.keysAt(nowMs), period);
  }

  /** The local wall-clock hour (0–23) at `epochMs`. */
  localHour(epochMs: number): number {
    assertInstant(epochMs, 'epochMs');
    return DateTime.fromMillis(epochMs, { zone: this.timeZone }).hour;
  }

  /** Key of `period` containing the calendar date `isoDate`, or named by its own key (see dayIndexOfPeriodDate; zone-independent). */
  keyForDate(period: PeriodType, isoDate: string): string {
    const index = dayIndexOfPeriodDate(period, isoDate);
    return keyOf(keysForDay(index ?? dayIndexOfDate(isoDate)), period);
  }

  /**
   * Splits [startMs, startMs + durationSec * 1000) at local midnights. The duration counts to
   * the millisecond (the boards' resolution, see board-score). Piece seconds are whole seconds
   * of elapsed time at each midnight (rounded) and the last piece takes the remainder, so the
   * pieces sum to that duration exactly. Pieces that round to 0 s are dropped; an activity
   * shorter than half a millisecond yields no piece.
   */
  split(startMs: number, durationSec: number): ActivityPiece[] {
    assertInstant(startMs, 'startMs');
    if (!Number.isFinite(durationSec) || durationSec < 0) {
      throw new RangeError(`durationSec must be a finite number >= 0, got ${durationSec}`);
    }
    const seconds = toScore(durationSec);
    let day = this.dayAt(startMs);
    const endMs = startMs + seconds * 1000;
    if (endMs <= day.endMs) return seconds > 0 ? [{ startMs, seconds, keys: day.keys }] : [];

    const pieces: ActivityPiece[] = [];
    const wholeSeconds = Math.floor(seconds);
    let pieceStart = startMs;
    let credited = 0;
    while (day.endMs < endMs) {
      // Rounding cumulative elapsed time (not each piece) keeps every piece within 0.5 s of its true length.
      const elapsed = Math.min(wholeSeconds, Math.round((day.endMs - startMs) / 1000));
      if (elapsed > credited) pieces.push({ startMs: pieceStart, seconds: elapsed - credited, keys: day.keys });
      credited = elapsed;
      pieceStart = day.endMs;
      day = this.day(day.index + 1);
    }
    const rest = toScore(seconds - credited); // credited is an integer <= seconds
    if (rest > 0) pieces.push({ startMs: pieceStart, seconds: rest, keys: day.keys });
    return pieces;
  }

  /** Epoch ms of the local start of the period with this key (for archiving by age). */
  periodStart(period: BoundedPeriodType, key: string): number {
    return this.day(firstDayOf(period, key)).startMs;
  }

  /** Epoch ms of the local start of the following period, i.e. the exclusive end of this one. */
  periodEnd(period: BoundedPeriodType, key: string): number {
    // From the day index, not the next period's key: 9999-12's end is in year 10000, which no key can write.
    return this.day(shiftedFirstDay(period, key, 1)).startMs;
  }

  previousKey(period: BoundedPeriodType, key: string): string {
    return shiftKey(period, key, -1);
  }

  nextKey(period: BoundedPeriodType, key: string): string {
    return shiftKey(period, key, 1);
  }

  private dayAt(ms: number): LocalDay {
    const last = this.last;
    if (last !== undefined && ms >= last.startMs && ms < last.endMs) return last;
    const utcIndex = Math.floor(ms / MS_PER_DAY);
    let day = this.day(utcIndex);
    // UTC offsets are within ±24 h, so the local date is the UTC date or one of its neighbours.
    if (ms < day.startMs) day = this.day(utcIndex - 1);
    else if (ms >= day.endMs) day = this.day(utcIndex + 1);
    this.last = day;
    return day;
  }

  private day(index: number): LocalDay {
    const cached = this.days.get(index);
    if (cached !== undefined) return cached;
    const day: LocalDay = {
      index,
      startMs: this.localMidnight(index),
      endMs: this.localMidnight(index + 1),
      keys: Object.freeze(keysForDay(index)) as PeriodKeys, // shared by every caller: must not be mutated
    };
    if (this.days.size >= DAY_CACHE_SIZE) this.days.delete(this.days.keys().next().value as number); // evict oldest insert
    this.days.set(index, day);
    return day;
  }

  private localMidnight(dayIndex: number): number {
    if (this.isUtc) return dayIndex * MS_PER_DAY;
    const { year, month, day } = civilFromDays(dayIndex);
    // Where midnight does not exist (DST at 00:00, e.g. America/Sao_Paulo) luxon moves to the first valid instant.
    const midnight = DateTime.fromObject({ year, month, day }, { zone: this.timeZone }).toMillis();
    const reached = (ms: number) => this.localDayIndex(ms) >= dayIndex;
    if (reached(midnight) && !reached(midnight - 1)) return midnight;
    // A midnight that happens twice (clocks going back from 01:00 to 00:00: America/Havana and
    // Atlantic/Azores every autumn) luxon resolves to its second occurrence, which put the day's
    // first hour on the day before. The day starts at the first instant of its date: local dates
    // only move forward, and a local day begins within a day of its UTC midnight.
    let before = (dayIndex - 1) * MS_PER_DAY;
    let after = (dayIndex + 1) * MS_PER_DAY;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (reached(middle)) after = middle;
      else before = middle;
    }
    return after;
  }

  private localDayIndex(ms: number): number {
    const local = DateTime.fromMillis(ms, { zone: this.timeZone });
    return daysFromCivil(local.year, local.month, local.day);
  }
}

function canonicalZone(timeZone: string): string {
  if (typeof timeZone === 'string' && timeZone !== '') {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
      // fall through to the descriptive error below
    }
  }
  throw new RangeError(
    `Unknown time zone ${JSON.stringify(timeZone)}: expected an IANA time zone name such as "UTC" or "Europe/Berlin"`,
  );
}

function assertInstant(ms: number, name: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a finite epoch milliseconds value, got ${ms}`);
}

function dayIndexOfDate(isoDate: string): number {
  const index = parseDayKey(isoDate);
  if (index === undefined) {
    throw new RangeError(`Invalid date ${JSON.stringify(isoDate)}: expected a real calendar date as YYYY-MM-DD`);
  }
  return index;
}

const KEY_FORMATS: Record<BoundedPeriodType, string> = { day: 'YYYY-MM-DD', week: 'YYYY-Www', month: 'YYYY-MM' };

function firstDayOf(period: BoundedPeriodType, key: string): number {
  const index =
    period === 'day' ? parseDayKey(key)
    : period === 'week' ? parseWeekKey(key)
    : period === 'month' ? parseMonthKey(key)
    : undefined;
  if (index === undefined) {
    if (!(period in KEY_FORMATS)) {
      throw new RangeError(`Period ${JSON.stringify(period)} has no start: expected one of day, week, month`);
    }
    throw new RangeError(`Invalid ${period} key ${JSON.stringify(key)}: expected ${KEY_FORMATS[period]}`);
  }
  return index;
}

/** Day index of the first day of the period `delta` periods after the one with this key. */
function shiftedFirstDay(period: BoundedPeriodType, key: string, delta: 1 | -1): number {
  const first = firstDayOf(period, key);
  if (period === 'day') return first + delta;
  return period === 'week' ? first + 7 * delta : addMonths(first, delta);
}

function shiftKey(period: BoundedPeriodType, key: string, delta: 1 | -1): string {
  return keyOf(keysForDay(shiftedFirstDay(period, key, delta)), period);
}
