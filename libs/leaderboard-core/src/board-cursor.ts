import { BoardRef } from './board-key';
import { PERIOD_TYPES, PeriodType } from './period-math';
import { ScoredEntry } from './ranking';

/** Where a page ended: the board it was read from and its last entry. */
export interface BoardCursor extends BoardRef, ScoredEntry {}

/**
 * An opaque `cursor` for the page after `last`. A page read by offset shifts when an entry
 * below it gains time and moves above it: the next offset page repeats the entry at the border
 * (and a board read while scores change repeats or skips users). The page after a cursor starts
 * after that entry's place in the board order (score descending, then user id descending),
 * so an entry whose score did not change is never repeated nor skipped.
 */
export function encodeCursor(ref: BoardRef, last: ScoredEntry): string {
  return Buffer.from(JSON.stringify([ref.board, ref.period, ref.periodKey, last.score, last.userId])).toString('base64url');
}

/** The cursor a page answered, or a RangeError saying why `text` is none (for a 400 naming `cursor`). */
export function decodeCursor(text: string): BoardCursor {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    fields = undefined;
  }
  const [board, period, periodKey, score, userId] = Array.isArray(fields) && fields.length === 5 ? fields : [];
  const strings = [board, periodKey, userId].every((s) => typeof s === 'string' && s !== '');
  if (!strings || !PERIOD_TYPES.includes(period as PeriodType) || typeof score !== 'number' || !Number.isFinite(score)) {
    throw new RangeError('must be the nextCursor of an earlier page, as it was answered');
  }
  return { board, period: period as PeriodType, periodKey, score, userId };
}
