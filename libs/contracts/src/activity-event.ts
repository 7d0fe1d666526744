/** One character of a user or event id, and the same in words for messages. */
export const ID_CHARACTER = /[A-Za-z0-9._:@+=/-]/;
export const ID_CHARACTERS = 'letters, digits and . _ : @ + = / -';

/** What a user id is (event ids too): ingestion accepts events under such ids only, so no other can be found anywhere. */
export const USER_ID = new RegExp(`^${ID_CHARACTER.source}{1,128}$`);

/**
 * Why `id` is not a user (or event) id, in words a sender can act on (the character at fault,
 * not the pattern), or undefined when it is one: every route that takes a user id refuses with these.
 */
export function idProblem(id: string): string | undefined {
  const wrong = [...id].find((c) => !ID_CHARACTER.test(c));
  if (wrong !== undefined) return `may hold only ${ID_CHARACTERS} (found ${JSON.stringify(wrong)})`;
  if (id.length === 0) return 'must not be empty';
  return id.length > 128 ? 'must be at most 128 characters' : undefined;
}

/** What a tracker sends (PRODUCT.md §3). */
export interface ActivityEventInput {
  eventId?: string;
  userId: string;
  app: string;
  title?: string;
  url?: string;
  startedAt: string | number;
  durationSec: number;
  source?: string;
}

/** An accepted event after ingestion: ids assigned, time as epoch ms, strings trimmed. */
export interface NormalizedEvent {
  eventId: string;
  userId: string;
  app: string;
  title?: string;
  url?: string;
  startedAtMs: number;
  durationSec: number;
  source?: string;
}

export type ClassificationSource = 'rule' | 'cache' | 'model' | 'llm' | 'manual' | 'fallback';

export interface Classification {
  categoryId: string;
  source: ClassificationSource;
  confidence: number;
  ruleId?: string;
  rulesetVersion: number;
}

export interface ClassifiedEvent extends NormalizedEvent {
  classification: Classification;
  /** Every board the event counts on: the category, its ancestors, `productive` if so, `total`. */
  boards: string[];
}

export const LANES = ['live', 'bulk'] as const;
export type Lane = (typeof LANES)[number];

/** One JetStream message: a batch of events (DESIGN.md "Messages are batches"). */
export interface Envelope<T> {
  id: string;
  lane: Lane;
  events: T[];
}

export type EventEnvelope = Envelope<NormalizedEvent>;
export type ClassifiedEnvelope = Envelope<ClassifiedEvent>;

export interface Rejection {
  index: number;
  /** The event's field at fault, or WHOLE_EVENT. */
  field: string;
  reason: string;
}

/** A rejection's field when the event as a whole is refused (not an object, too large). */
export const WHOLE_EVENT = '(event)';

export interface IngestResult {
  batchId: string;
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /**
   * Each event's id, in the request's order: the client's `eventId`, or the one derived from the
   * content; null for a rejected event. A client correlates (`GET /v1/events/:eventId`) and
   * corrects what it sent by these, derived ids included.
   */
  eventIds: Array<string | null>;
}

export const MAX_EVENTS_PER_BATCH = 1000;
/** Longest text of an event, in code points, as sent and as stored (ingestion checks both: NFC may lengthen a text). */
export const EVENT_TEXT_MAX_LENGTH = { app: 256, title: 2048, url: 4096, source: 64 } as const;
export const MAX_DURATION_SEC = 24 * 3600;
/**
 * The shortest duration an event may have: boards count whole milliseconds (leaderboard-core
 * `toScore`, half up), so this is the least that counts one. A shorter one was accepted and stored
 * until 2026-11-25, and counted 0 on every board.
 */
export const MIN_DURATION_SEC = 0.0005;
export const DURATION_TOO_SHORT = `must be at least ${MIN_DURATION_SEC} seconds: boards count whole milliseconds, and a shorter duration would count 0`;
/** An event may not start before this (ingestion and imports refuse it, naming the date). */
export const EARLIEST_START_MS = Date.UTC(2000, 0, 1);
/** How far in the future an event may start (clock skew between trackers and the gateway). */
export const START_FUTURE_TOLERANCE_MS = 60 * 60 * 1000;
/**
 * The latest start a message on the streams may carry: an activity of MAX_DURATION_SEC from it
 * ends in the year 9999 in every zone (UTC+14 at most), so each of its boards has a four-digit
 * key. Ingestion's own bound (now + START_FUTURE_TOLERANCE_MS) is stricter; this one stops a
 * message published straight to a stream: 8.64e15 + 1 ms passed classification and inference,
 * and is an invalid Date for Mongo and boards of the year 275760 for the period math; until
 * 2026-11-24 the bound was 9999-12-31T23:59:59.999Z, whose minute was counted on the day
 * "10000-01-01", and verify and rebuild stopped at that board (`Invalid day key`).
 */
export const LATEST_STREAM_START_MS = Date.UTC(10000, 0, 1) - (MAX_DURATION_SEC + 14 * 3600) * 1000; // 9999-12-30T10:00:00Z
