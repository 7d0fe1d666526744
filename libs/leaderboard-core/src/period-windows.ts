import { BoundedPeriodType, PeriodCalendar } from './period-calendar';
import { invalidDateReason } from './period-math';

export interface PeriodWindow {
  period: BoundedPeriodType;
  periodKey: string;
  /** Local start of the period (epoch ms). */
  startMs: number;
  /** Exclusive local end of the period (epoch ms). */
  endMs: number;
}

/** Longest date range a maintenance command accepts in one run (ten years of days). */
export const MAX_WINDOW_DAYS = 3660;

/**
 * Every day, ISO week and month (of the requested types) that contains at least one date of
 * [fromDate, toDate], each as a whole period: a week that starts before fromDate is included
 * entirely, because a board can only be recomputed from all of its period's activity.
 */
export function periodsCoveringDates(
  calendar: PeriodCalendar,
  fromDate: string,
  toDate: string,
  periods: readonly BoundedPeriodType[],
): PeriodWindow[] {
  for (const [option, date] of [['--from', fromDate], ['--to', toDate]]) {
    const reason = invalidDateReason(date);
    if (reason !== undefined) throw new RangeError(`${option} ${reason}, got ${JSON.stringify(date)}`);
  }
  if (toDate < fromDate) throw new RangeError(`--to (${toDate}) must not be before --from (${fromDate})`);
  const seen = new Set<string>();
  const windows: PeriodWindow[] = [];
  let days = 0;
  // Stops at toDate itself: the day after 9999-12-31 is "10000-01-01", which sorts before it.
  for (let date = fromDate; ; date = calendar.nextKey('day', date)) {
    if (++days > MAX_WINDOW_DAYS) throw new RangeError(`the date range must span at most ${MAX_WINDOW_DAYS} days`);
    for (const period of periods) {
      const periodKey = calendar.keyForDate(period, date);
      if (seen.has(`${period} ${periodKey}`)) continue;
      seen.add(`${period} ${periodKey}`);
      windows.push({ period, periodKey, startMs: calendar.periodStart(period, periodKey), endMs: calendar.periodEnd(period, periodKey) });
    }
    if (date === toDate) break;
  }
  return windows;
}
