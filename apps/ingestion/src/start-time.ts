import { isISO8601 } from 'class-validator';
import { EARLIEST_START_MS, START_FUTURE_TOLERANCE_MS } from '@lib/contracts';

/**
 * How a start may be written: ISO-8601 with an explicit offset (Z or ±hh[:]mm), since a local time
 * without one is ambiguous; seconds and their fraction optional (aw-server writes microseconds),
 * either case (RFC 3339's `t` and `z` too); the offset's minutes too, as ISO-8601 allows (`+05`, which
 * PostgreSQL writes). Groups: the hour and the offset's hours and minutes.
 */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/i;
/** No zone is further from UTC than Kiribati's +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

export const NOT_A_REAL_TIME = 'is not a real calendar date and time (the day must exist in its month, the time be 00:00 to 23:59:59, the offset within ±14:00)';

const TAKEN_FORM = 'write the extended calendar form, YYYY-MM-DDThh:mm[:ss[.fff]] with Z or ±hh[:mm]';

/**
 * ISO-8601 forms the start is not taken in, and what to write instead: the format reason alone
 * ("must be ISO-8601 with an offset") told the sender of 20260301T100000Z, which is one, nothing.
 */
export const UNTAKEN_ISO_FORMS = {
  basic: `ISO-8601's basic form (without - and :) is not taken: ${TAKEN_FORM}`,
  week: `week dates (YYYY-Www-D) are not taken: ${TAKEN_FORM}`,
  ordinal: `ordinal dates (YYYY-DDD) are not taken: ${TAKEN_FORM}`,
  space: `the date and the time are joined by T, not a space: ${TAKEN_FORM}`,
} as const;

const UNTAKEN_FORM_PATTERNS: Array<[RegExp, keyof typeof UNTAKEN_ISO_FORMS]> = [
  [/^\d{4}-?W\d{2}/i, 'week'],
  [/^\d{4}-?\d{3}T/i, 'ordinal'],
  [/^\d{8}T\d{2}/i, 'basic'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'space'],
];

export type StartCheck = { ok: true; ms: number } | { ok: false; reason: string };

/**
 * An event's start written as ISO-8601 with an offset, as epoch ms, or why it is refused:
 * `formatReason` (the caller's words for the forms it takes) when it is not written so.
 * Date.parse alone cannot judge it: it rolls 2026-02-30 over to March 2 and reads 24:00 as the
 * next midnight, so the date and time are checked to exist first.
 */
export function checkIsoStart(text: string, nowMs: number, formatReason: string): StartCheck {
  const written = ISO_WITH_OFFSET.exec(text);
  if (!written) {
    const untaken = UNTAKEN_FORM_PATTERNS.find(([pattern]) => pattern.test(text));
    return { ok: false, reason: untaken ? `${formatReason}; ${UNTAKEN_ISO_FORMS[untaken[1]]}` : formatReason };
  }
  const [, hour, offsetHours, offsetMinutes] = written;
  // Date.parse reads an offset of hours alone as no date at all.
  const iso = (offsetHours !== undefined && offsetMinutes === undefined ? `${text}:00` : text).toUpperCase();
  // validator's strict check knows month lengths and leap years and bounds each time field, but
  // takes 24:00 (the end of a day) and offsets up to ±23:59.
  const real = isISO8601(iso, { strict: true, strictSeparator: true }) && Number(hour) < 24 && Number(offsetHours ?? 0) * 60 + Number(offsetMinutes ?? 0) <= MAX_OFFSET_MINUTES;
  return real ? checkStartMs(Date.parse(iso), nowMs) : { ok: false, reason: NOT_A_REAL_TIME };
}

/**
 * Why an event of `durationMs` from `startMs` is refused, or undefined: it may not end more than
 * the clock-skew tolerance after now, or the boards would count time that has not happened yet.
 */
export function endProblem(startMs: number, durationMs: number, nowMs: number): string | undefined {
  const endMs = startMs + durationMs;
  return endMs > nowMs + START_FUTURE_TOLERANCE_MS ? `ends the event at ${new Date(endMs).toISOString()}, more than an hour in the future` : undefined;
}

/** A start as epoch ms within what the pipeline counts: from 2000-01-01 to an hour ahead of now (clock skew). */
export function checkStartMs(ms: number, nowMs: number): StartCheck {
  if (ms < EARLIEST_START_MS) return { ok: false, reason: 'is before 2000-01-01' };
  if (ms > nowMs + START_FUTURE_TOLERANCE_MS) return { ok: false, reason: 'is more than an hour in the future' };
  return { ok: true, ms };
}
