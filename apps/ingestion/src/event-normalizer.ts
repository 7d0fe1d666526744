import Ajv, { ErrorObject, JSONSchemaType } from 'ajv';
import { composed } from '@lib/classifier-engine';
import { ActivityEventInput, describeAjvError, DURATION_TOO_SHORT, EVENT_TEXT_MAX_LENGTH, idProblem, MAX_DURATION_SEC, MIN_DURATION_SEC, NormalizedEvent, Rejection, shortDigest, USER_ID, WHOLE_EVENT } from '@lib/contracts';
import { checkIsoStart, checkStartMs, endProblem, StartCheck } from './start-time';


const schema: JSONSchemaType<ActivityEventInput> = {
  type: 'object',
  properties: {
    eventId: { type: 'string', pattern: USER_ID.source, nullable: true },
    userId: { type: 'string', pattern: USER_ID.source },
    app: { type: 'string', minLength: 1, maxLength: EVENT_TEXT_MAX_LENGTH.app },
    title: { type: 'string', maxLength: EVENT_TEXT_MAX_LENGTH.title, nullable: true },
    url: { type: 'string', maxLength: EVENT_TEXT_MAX_LENGTH.url, nullable: true },
    startedAt: { type: ['string', 'number'] as never, maxLength: 64 } as never,
    durationSec: { type: 'number', exclusiveMinimum: 0, maximum: MAX_DURATION_SEC },
    source: { type: 'string', maxLength: EVENT_TEXT_MAX_LENGTH.source, nullable: true },
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
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, field: WHOLE_EVENT, reason: 'must be an object' };
  if (!validate(input)) return { ok: false, ...describeEventError(input as Record<string, unknown>, validate.errors![0]) };
  // After the schema's "> 0", so 0 and negatives keep that plainer reason.
  if (input.durationSec < MIN_DURATION_SEC) return { ok: false, field: 'durationSec', reason: DURATION_TOO_SHORT };
  const app = collapse(input.app);
  if (!app) return { ok: false, field: 'app', reason: 'must not be blank' };
  const start = checkStart(input.startedAt, nowMs);
  if (!start.ok) return { ok: false, field: 'startedAt', reason: start.reason };
  const late = endProblem(start.ms, input.durationSec * 1000, nowMs);
  if (late) return { ok: false, field: 'durationSec', reason: late };
  const title = optional(input.title);
  const url = optional(input.url);
  const source = optional(input.source);
  const grown = grownPastLimit({ app, title, url, source });
  if (grown) return { ok: false, ...grown };
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
  /** Events repeated earlier in the same batch: the same id and the same content. */
  duplicates: number;
  /** The id of each item, by its index (a duplicate's is its first copy's); null where rejected. */
  eventIds: Array<string | null>;
}

/**
 * `boundUserId`: the API key may submit this user's events only; others are rejected by their
 * index in the request, as every other rejection is. An event repeated in the batch is a
 * duplicate; an `eventId` given again for another activity is rejected as a conflict (it was
 * dropped as a duplicate, its content lost without a word).
 */
export function normalizeBatch(items: unknown[], nowMs = Date.now(), boundUserId?: string): NormalizedBatch {
  const events: NormalizedEvent[] = [];
  const rejected: Rejection[] = [];
  const eventIds: Array<string | null> = items.map(() => null);
  const seen = new Map<string, { index: number; event: NormalizedEvent }>();
  let duplicates = 0;
  items.forEach((item, index) => {
    const outcome = normalizeEvent(item, nowMs);
    if (!outcome.ok) {
      rejected.push({ index, field: outcome.field, reason: outcome.reason });
      return;
    }
    if (boundUserId !== undefined && outcome.event.userId !== boundUserId) {
      rejected.push({ index, field: 'userId', reason: `this API key may only submit events of user ${boundUserId}` });
      return;
    }
    const first = seen.get(outcome.event.eventId);
    const differing = first ? activityDifferences(first.event, outcome.event) : [];
    if (differing.length > 0) {
      rejected.push({ index, field: 'eventId', reason: conflictReason(`events[${first!.index}]`, differing) });
      return;
    }
    eventIds[index] = outcome.event.eventId;
    if (first) {
      duplicates++;
    } else {
      seen.set(outcome.event.eventId, { index, event: outcome.event });
      events.push(outcome.event);
    }
  });
  return { events, rejected, duplicates, eventIds };
}

/**
 * The batch with every event that `earlier` holds under its id as another activity moved to the
 * rejections, at each index that gave it; `where` says where the earlier one was sent.
 */
export function withoutChangedEvents(batch: NormalizedBatch, earlier: NormalizedEvent[], where: string): NormalizedBatch {
  const earlierById = new Map(earlier.map((event) => [event.eventId, event]));
  const changed = new Map<string, string[]>();
  for (const event of batch.events) {
    const before = earlierById.get(event.eventId);
    const differing = before ? activityDifferences(before, event) : [];
    if (differing.length > 0) changed.set(event.eventId, differing);
  }
  if (changed.size === 0) return batch;
  const rejected = [...batch.rejected];
  const eventIds = [...batch.eventIds];
  let duplicates = batch.duplicates;
  eventIds.forEach((id, index) => {
    const differing = id === null ? undefined : changed.get(id);
    if (!differing) return;
    rejected.push({ index, field: 'eventId', reason: conflictReason(where, differing) });
    eventIds[index] = null;
    // Its first copy was the event; the others had been counted as its duplicates.
    if (batch.eventIds.indexOf(id) !== index) duplicates--;
  });
  rejected.sort((a, b) => a.index - b.index);
  return { events: batch.events.filter((event) => !changed.has(event.eventId)), rejected, duplicates, eventIds };
}

/** What names an activity, as the derived id does: a repeat differing only in `source` is the same one. */
const ACTIVITY_FIELDS = ['userId', 'app', 'title', 'url', 'startedAtMs', 'durationSec'] as const;

/** The fields two events under one id hold differently, as the sender named them (`startedAt`). */
function activityDifferences(a: NormalizedEvent, b: NormalizedEvent): string[] {
  return ACTIVITY_FIELDS.filter((field) => a[field] !== b[field]).map((field) => (field === 'startedAtMs' ? 'startedAt' : field));
}

function conflictReason(where: string, differing: string[]): string {
  return `is also the eventId of ${where}, whose ${differing.join(', ')} ${differing.length > 1 ? 'differ' : 'differs'}: an eventId names one activity, so this one was not taken`;
}

export function deriveEventId(userId: string, app: string, title: string | undefined, url: string | undefined, startedAtMs: number, durationSec: number): string {
  // NUL separators: no two different field lists hash the same text.
  return `e-${shortDigest([userId, app, title ?? '', url ?? '', String(startedAtMs), String(durationSec)].join('\u0000'), 32)}`;
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

/**
 * Trimmed, blanks collapsed, and in Unicode's composed form (NFC): "é" sent as e + U+0301 (as macOS
 * writes many file names, and so window titles) is the same text as "é", for the derived id too,
 * so the same record sent in either form counts once (the rules already read both alike).
 */
function collapse(text: string): string {
  return composed(text).trim().replace(/\s+/g, ' ');
}

/**
 * NFC lengthens a few texts (composition exclusions: U+0958 becomes U+0915 U+093C): one within
 * its limit as sent but past it as stored would be refused by the next stage's schema, after the 202.
 */
function grownPastLimit(texts: Record<keyof typeof EVENT_TEXT_MAX_LENGTH, string | undefined>): { field: string; reason: string } | undefined {
  for (const [field, text] of Object.entries(texts)) {
    const limit = EVENT_TEXT_MAX_LENGTH[field as keyof typeof EVENT_TEXT_MAX_LENGTH];
    // Code points, as the schemas count them.
    const length = text === undefined ? 0 : [...text].length;
    if (length > limit) return { field, reason: `must be at most ${limit} characters in Unicode's composed form (NFC), the form events are stored in: this one has ${length}` };
  }
  return undefined;
}

/** The schema's nullable fields: a JSON client's null is the field left out, as for `eventId`. */
function optional(text: string | null | undefined): string | undefined {
  if (text === undefined || text === null) return undefined;
  const value = collapse(text);
  return value === '' ? undefined : value;
}
