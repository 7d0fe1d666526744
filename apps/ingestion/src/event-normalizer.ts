import Ajv, { ErrorObject, JSONSchemaType } from 'ajv';
import { createHash } from 'node:crypto';
import { ActivityEventInput, describeAjvError, idProblem, MAX_DURATION_SEC, NormalizedEvent, Rejection, USER_ID } from '@lib/contracts';
import { checkIsoStart, checkStartMs, endProblem, StartCheck } from './start-time';


const schema: JSONSchemaType<ActivityEventInput> = {
  type: 'object',
  properties: {
    eventId: { type: 'string', pattern: USER_ID.source, nullable: true },
    userId: { type: 'string', pattern: USER_ID.source },
    app: { type: 'string', minLength: 1, maxLength: 256 },
    title: { type: 'string', maxLength: 2048, nullable: true },
    url: { type: 'string', maxLength: 4096, nullable: true },
    startedAt: { type: ['string', 'number'] as never, maxLength: 64 } as never,
    durationSec: { type: 'number', exclusiveMinimum: 0, maximum: MAX_DURATION_SEC },
    source: { type: 'string', maxLength: 64, nullable: true },
  },
  required: ['userId', 'app', 'startedAt', 'durationSec'],
  additionalProperties: false,
};

const validate = new Ajv({ allErrors: false, strict: false }).compile(schema);

export type NormalizeOutcome = { ok: true; event: NormalizedEvent } | { ok: false; field: string; reason: string };

/**
 * Validates one tracker event and brings it to the pipeline's form: trimmed strings, start as
 * epoch ms, and a stable event id (the client's, or a hash of what identifies the activity, so
 * a tracker that resends the same record is recognized).
 */
export function normalizeEvent(input: unknown, nowMs = Date.now()): NormalizeOutcome {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, field: '(event)', reason: 'must be an object' };
  if (!validate(input)) return { ok: false, ...describeEventError(input as Record<string, unknown>, validate.errors![0]) };
  const app = collapse(input.app);
  if (!app) return { ok: false, field: 'app', reason: 'must not be blank' };
  const start = checkStart(input.startedAt, nowMs);
  if (!start.ok) return { ok: false, field: 'startedAt', reason: start.reason };
  const late = endProblem(start.ms, input.durationSec * 1000, nowMs);
  if (late) return { ok: false, field: 'durationSec', reason: late };
  const title = optional(input.title);
  const url = optional(input.url);
  const source = optional(input.source);
  const event: NormalizedEvent = {
    eventId: input.eventId ?? deriveEventId(input.userId, app, title, url, start.ms, input.durationSec),
    userId: input.userId,
    app,
    startedAtMs: start.ms,
    durationSec: input.durationSec,
  };
  if (title !== undefined) event.title = title;
  if (url !== undefined) event.url = url;
  if (source !== undefined) event.source = source;
  return { ok: true, event };
}

export interface NormalizedBatch {
  events: NormalizedEvent[];
  rejected: Rejection[];
  /** Events whose id already appeared earlier in the same batch. */
  duplicates: number;
}

export function normalizeBatch(items: unknown[], nowMs = Date.now()): NormalizedBatch {
  const events: NormalizedEvent[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  items.forEach((item, index) => {
    const outcome = normalizeEvent(item, nowMs);
    if (!outcome.ok) {
      rejected.push({ index, field: outcome.field, reason: outcome.reason });
    } else if (seen.has(outcome.event.eventId)) {
      duplicates++;
    } else {
      seen.add(outcome.event.eventId);
      events.push(outcome.event);
    }
  });
  return { events, rejected, duplicates };
}

export function deriveEventId(userId: string, app: string, title: string | undefined, url: string | undefined, startedAtMs: number, durationSec: number): string {
  const h = createHash('sha256');
  // NUL separators: no two different field lists hash the same text.
  h.update([userId, app, title ?? '', url ?? '', String(startedAtMs), String(durationSec)].join('\u0000'));
  return `e-${h.digest('base64url').slice(0, 32)}`;
}

const EPOCH_SECONDS_TEXT = /^\d+(\.\d+)?$/;
const START_FORMAT = 'must be ISO-8601 with an offset (e.g. 2026-11-22T09:30:00Z) or epoch seconds';

/**
 * ajv's words, except where they leave the sender guessing: a duration that is not a number ("must
 * be number" left its unit, and a quoted "60", unexplained), a start of another type ("must be
 * string,number") and an id that does not match its pattern (a regular expression, where the
 * sender needs the character at fault).
 */
function describeEventError(input: Record<string, unknown>, error: ErrorObject): { field: string; reason: string } {
  const described = describeAjvError(error);
  if (error.keyword === 'pattern' && (described.field === 'userId' || described.field === 'eventId')) {
    return { field: described.field, reason: idProblem(String(input[described.field])) ?? described.reason };
  }
  if (described.field === 'startedAt' && error.keyword === 'type') return { field: 'startedAt', reason: START_FORMAT };
  if (described.field !== 'durationSec' || error.keyword !== 'type') return described;
  const quotedNumber = typeof input.durationSec === 'string' && EPOCH_SECONDS_TEXT.test(input.durationSec.trim());
  return { field: 'durationSec', reason: `must be a number of seconds${quotedNumber ? ' as a JSON number, not a string' : ''}` };
}

/** `startedAt`: epoch seconds, or ISO-8601 with an offset. */
function checkStart(value: string | number, nowMs: number): StartCheck {
  if (typeof value === 'string') {
    // "… or epoch seconds" alone told a sender of "1795348800" that what it sent was allowed.
    const format = EPOCH_SECONDS_TEXT.test(value) ? `${START_FORMAT} as a JSON number, not a string` : START_FORMAT;
    return checkIsoStart(value, nowMs, format);
  }
  if (!Number.isFinite(value)) return { ok: false, reason: 'must be a finite number of epoch seconds' };
  const check = checkStartMs(Math.round(value * 1000), nowMs);
  // Date.now() sent as is: "more than an hour in the future" alone left the sender guessing.
  if (!check.ok && value * 1000 > nowMs && checkStartMs(value, nowMs).ok) {
    return { ok: false, reason: `${check.reason}: a number is read as epoch seconds, and as milliseconds ${value} would be ${new Date(value).toISOString()}` };
  }
  return check;
}

function collapse(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** The schema's nullable fields: a JSON client's null is the field left out, as for `eventId`. */
function optional(text: string | null | undefined): string | undefined {
  if (text === undefined || text === null) return undefined;
  const value = collapse(text);
  return value === '' ? undefined : value;
}
