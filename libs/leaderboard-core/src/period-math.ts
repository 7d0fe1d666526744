// Zone-free calendar arithmetic on "day indexes" (days since 1970-01-01 of a civil date).
// Period keys depend only on the local calendar date, so they are computed here with plain
// integer math; only the instants of local midnights need a time zone (see PeriodCalendar).

export type PeriodType = 'day' | 'week' | 'month' | 'all';

export const PERIOD_TYPES: readonly PeriodType[] = Object.freeze(['day', 'week', 'month', 'all'] as const);

export interface PeriodKeys {
  day: string;
  week: string;
  month: string;
  all: 'all';
}

export const MS_PER_DAY = 86_400_000;

export function parsePeriodType(value: string): PeriodType {
  if ((PERIOD_TYPES as readonly string[]).includes(value)) return value as PeriodType;
  throw new RangeError(`Unknown period type ${JSON.stringify(value)}: expected one of ${PERIOD_TYPES.join(', ')}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;
const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/**
 * The first date a period can be asked for: 0000-01-01 and 0000-01-02 fall in ISO week 52 of
 * year -1, which no 'YYYY-Www' key can name (it came out as "00-1-W52").
 */
export const EARLIEST_DATE = '0001-01-01';

/**
 * Why `s` names no date whose periods have keys, as the end of a sentence naming the input
 * ("date must be …"), or undefined when it names one.
 */
export function invalidDateReason(s: string): string | undefined {
  if (parseDayKey(s) !== undefined) return undefined;
  if (parseDayKey(s, 0) !== undefined) return `must be ${EARLIEST_DATE} or later (year 0000 begins in ISO week 52 of year -1, which no YYYY-Www key can name)`;
  // Written as a date, but no such day: the format alone read as if 2026-02-30 were one.
  const written = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  if (written === null) return 'must be a calendar date YYYY-MM-DD';
  const [, year, month] = written;
  if (Number(month) < 1 || Number(month) > 12) return 'must be a calendar date YYYY-MM-DD: months are 01 to 12';
  return `must be a calendar date YYYY-MM-DD: ${year}-${month} has days 01 to ${daysInMonth(Number(year), Number(month))}`;
}

/**
 * The day index a request's `date` names for `period`: a day YYYY-MM-DD, or the period's own key
 * as answers give it (`periodKey`: YYYY-Www for a week, YYYY-MM for a month), its first day; or
 * undefined.
 */
export function dayIndexOfPeriodDate(period: PeriodType, s: string): number | undefined {
  if (s.startsWith('0000')) return undefined;
  if (period === 'week' && WEEK_KEY.test(s)) return parseWeekKey(s);
  if (period === 'month' && MONTH_KEY.test(s)) return parseMonthKey(s);
  return parseDayKey(s);
}

/** Why `s` is no `date` for `period` (see dayIndexOfPeriodDate), as the end of a sentence naming it, or undefined. */
export function invalidPeriodDateReason(period: PeriodType, s: string): string | undefined {
  if (dayIndexOfPeriodDate(period, s) !== undefined) return undefined;
  const week = WEEK_KEY.exec(s);
  const month = MONTH_KEY.exec(s);
  // Year 0000 as a key too: refused as its dates are, saying why.
  if ((week || month) && s.startsWith('0000')) return invalidDateReason('0000-01-01');
  if (week && period !== 'week') return 'is a week key (YYYY-Www): give it with period=week, or a day YYYY-MM-DD';
  if (week) {
    const year = Number(week[1]);
    const weeks = (mondayOf(daysFromCivil(year + 1, 1, 4)) - mondayOf(daysFromCivil(year, 1, 4))) / 7;
    return `is not a week of ${year} (it has ${weeks}): give a week key YYYY-Www of it, or a day YYYY-MM-DD`;
  }
  if (month && period !== 'month') return 'is a month key (YYYY-MM): give it with period=month, or a day YYYY-MM-DD';
  if (month) return 'is not a month (01 to 12): give a month key YYYY-MM, or a day YYYY-MM-DD';
  return invalidDateReason(s) ?? `must be ${EARLIEST_DATE} or later`;
}

/** Day index of a strict 'YYYY-MM-DD' real calendar date from year `firstYear` on, or undefined. */
export function parseDayKey(s: string, firstYear = 1): number | undefined {
  const m = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < firstYear || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** Day index of the Monday of a strict 'YYYY-Www' ISO week, or undefined. */
export function parseWeekKey(s: string): number | undefined {
  const m = WEEK_KEY.exec(s);
  if (m === null) return undefined;
  const isoYear = Number(m[1]);
  const week = Number(m[2]);
  const week1Monday = mondayOf(daysFromCivil(isoYear, 1, 4)); // Jan 4th is always in ISO week 1
  const nextWeek1Monday = mondayOf(daysFromCivil(isoYear + 1, 1, 4));
  if (week < 1 || week > (nextWeek1Monday - week1Monday) / 7) return undefined;
  return week1Monday + (week - 1) * 7;
}

/** Day index of the 1st of a strict 'YYYY-MM' month, or undefined. */
export function parseMonthKey(s: string): number | undefined {
  const m = MONTH_KEY.exec(s);
  if (m === null) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? daysFromCivil(Number(m[1]), month, 1) : undefined;
}

/** Day index of the 1st of the month `delta` months after the month containing `dayIndex`. */
export function addMonths(dayIndex: number, delta: number): number {
  const { year, month } = civilFromDays(dayIndex);
  const total = year * 12 + (month - 1) + delta;
  return daysFromCivil(Math.floor(total / 12), (total % 12) + 1, 1);
}

export function keysForDay(dayIndex: number): PeriodKeys {
  const { year, month, day } = civilFromDays(dayIndex);
  const thursday = mondayOf(dayIndex) + 3; // the ISO week belongs to the year of its Thursday
  const isoYear = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1;
  return {
    day: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    week: `${pad(isoYear, 4)}-W${pad(week, 2)}`,
    month: `${pad(year, 4)}-${pad(month, 2)}`,
    all: 'all',
  };
}

export function keyOf(keys: PeriodKeys, period: PeriodType): string {
  switch (period) {
    case 'day':
      return keys.day;
    case 'week':
      return keys.week;
    case 'month':
      return keys.month;
    case 'all':
      return keys.all;
    default:
      // Reachable from untyped callers (GraphQL args, JSON); fail loudly instead of returning undefined.
      return parsePeriodType(period);
  }
}

function mondayOf(dayIndex: number): number {
  // 1970-01-01 was a Thursday, so (index + 3) mod 7 counts days since Monday.
  return dayIndex - (((dayIndex + 3) % 7) + 7) % 7;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian); avoids Date.UTC,
// which maps years 0-99 to 1900-1999.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDays(dayIndex: number): { year: number; month: number; day: number } {
  const z = dayIndex + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
