/** Reply of a NATS request/reply handler: either a result or an error a caller can map to HTTP. */
export type RpcReply<T> = { ok: true; result: T } | { ok: false; error: RpcErrorBody };

export interface RpcErrorBody {
  status: number;
  message: string;
  details?: unknown;
}

export class RpcError extends Error {
  constructor(readonly status: number, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'RpcError';
  }
}

/**
 * A 400 naming the input at fault (a query or path parameter, a body property, `rules[3].pattern`):
 * the message starts with it and `details.field` names it, which the gateway answers as `field`.
 */
export function invalidInput(field: string, reason: string): RpcError {
  return new RpcError(400, `${field} ${reason}`, { field });
}

/** Driver errors that mean the database or Redis could not be reached (by name: no driver imported here). */
const UNREACHABLE_MONGO = /^(Mongo(ose)?ServerSelectionError|MongoNetwork(Timeout)?Error|MongoTopologyClosedError|MongoNotConnectedError|MongoPoolClearedError)$/;
const UNREACHABLE_REDIS = /^MaxRetriesPerRequestError$/;
/** nats.js codes of a NatsError for a server that is gone; TIMEOUT (e.g. a JetStream API call while it restarts) is told apart. */
const UNREACHABLE_NATS = /^(CONNECTION_CLOSED|CONNECTION_REFUSED|CONNECTION_TIMEOUT|DISCONNECT)$/;

/**
 * A bulk write (insertMany: the leaderboard's usage logs) that failed before any document was
 * written: the driver wraps the server selection or network error in a MongoBulkWriteError,
 * copying its fields (a selection's `reason`, a network error's `beforeHandshake`) but not its name.
 */
function wrapsUnreachableMongo(error: Error): boolean {
  if (error.name !== 'MongoBulkWriteError') return false;
  const e = error as { writeErrors?: unknown[]; reason?: unknown; beforeHandshake?: unknown };
  return (e.writeErrors?.length ?? 0) === 0 && (e.reason !== undefined || e.beforeHandshake !== undefined);
}

/**
 * What a server the app depends on failed to do, when `error` says one could not be reached (the
 * client should retry: 503), else undefined (a real failure of ours: 500).
 */
export function unreachableDependency(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (UNREACHABLE_MONGO.test(error.name) || /buffering timed out/.test(error.message) || wrapsUnreachableMongo(error)) return 'the database is unreachable';
  if (UNREACHABLE_REDIS.test(error.name) || /^Connection is closed\.?$|Stream isn't writeable/.test(error.message)) return 'Redis is unreachable';
  const natsCode = error.name === 'NatsError' ? String((error as { code?: unknown }).code) : '';
  if (UNREACHABLE_NATS.test(natsCode)) return 'NATS is unreachable';
  if (natsCode === 'TIMEOUT') return 'NATS did not answer';
  // No responder to a JetStream publish or API call: a server whose storage ran out turns JetStream
  // off ("JetStream resource limits exceeded" in its log), and every POST /v1/events was a 500.
  if (natsCode === '503') return "JetStream is not answering (its NATS server may have turned it off, e.g. out of storage: see that server's log)";
  // JetStream's API failed the request itself (a stream offline or without quorum in a cluster):
  // an event lookup, whose dead-letter check reads two streams, was a 500 "internal error".
  if (/^5\d\d$/.test(natsCode)) return `JetStream could not answer (${error.message})`;
  return undefined;
}

export interface LeaderboardQuery {
  board: string;
  period: string;
  date?: string;
  limit?: number;
  offset?: number;
  /** The nextCursor of an earlier page: the page after it (instead of an offset). */
  cursor?: string;
}

export interface LeaderboardPage {
  board: string;
  period: string;
  periodKey: string;
  /** The IANA zone periodKey is reckoned in (the leaderboard app's TIME_ZONE): "2026-11-25" is another 24 hours in each zone. */
  timeZone: string;
  entries: Array<{ rank: number; userId: string; score: number }>;
  /** Whether the board has entries past this page (ask again with nextCursor, or offset + limit). */
  hasMore: boolean;
  /** Where the next page starts (null without more entries): repeats and skips no user whose score stays. */
  nextCursor: string | null;
  /**
   * Present while Redis' loss of the boards is not repaired by a full rebuild: says that the board
   * holds only what was written since (an archived period nothing), and since when.
   */
  incomplete?: string;
}

/** The board page's query (`limit` and `offset` are checked as there, and change nothing) and the user. */
export interface UserRankQuery extends Omit<LeaderboardQuery, 'cursor'> {
  userId: string;
}

/** A user's place on a board: the board and resolved period as a page names them, then rank (null when absent) and score. */
export interface UserRank extends Omit<LeaderboardPage, 'entries' | 'hasMore' | 'nextCursor'> {
  userId: string;
  rank: number | null;
  score: number;
}

/** `userId`: the caller's key is bound to that user, so another user's event reads as not stored. */
export interface EventQuery {
  eventId: string;
  userId?: string;
  /**
   * A dead letter's whole reason (asked for an admin key); otherwise its kind only (`failed 8
   * deliveries`): what failed names internal errors, which a reader has no use for.
   */
  withReason?: boolean;
}

export interface StoredEvent {
  eventId: string;
  userId: string;
  app: string;
  title?: string;
  url?: string;
  startedAt: string;
  durationSec: number;
  source?: string;
  categoryId: string;
  classification: { source: string; confidence: number; ruleId?: string; rulesetVersion: number };
  /** `dead-lettered`: stored, but its message is a dead letter: the boards may not count it until it is replayed (`deadLetter` says why). */
  status: 'stored' | 'dead-lettered';
  storedAt: string;
  /**
   * The request whose copy is stored (its 202's `batchId`): an event id is stored once, with the
   * first copy's fields, so a later request reusing it for another activity reads another batch here.
   */
  batchId?: string;
  deadLetter?: EventDeadLetterRef;
}

/** The dead letter holding an event, as a lookup answers it (also in the 404 of an event it kept from being stored). */
export interface EventDeadLetterRef {
  /** Replay with `POST /v1/dead-letters/:id/replay` (admin). */
  id: number;
  stage: string;
  /** Why it failed, for an admin key; for another key its kind only (`failed 8 deliveries`, `invalid payload`). */
  reason: string;
  failedAt: string;
  /** The letter was discarded: nothing will store (or count) the event. */
  discardedAt?: string;
}

/**
 * A JSON request body from its bytes (UTF-8, a leading byte-order mark ignored, as body-parser
 * reads it); text that is not JSON is a 400 naming the body and the parser's reason.
 */
export function parseJsonBody(bytes: Uint8Array): unknown {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw invalidInput('body', `is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The one `property` of a JSON request body (`{ "events": [...] }`, `{ "items": [...] }`);
 * undefined when it has none (the caller checks it). Any other property is a 400 naming it
 * rather than ignored: a client that put an option there would otherwise believe it was used.
 */
export function propertyOfRequest(body: unknown, property: string, hint = ''): unknown {
  return propertiesOfRequest(body, [property], hint)[property];
}

/**
 * The properties of a JSON request body that takes several (`{ users, period, date }`), as
 * propertyOfRequest: any other is a 400 naming it (a misspelt `perod` answered the day board);
 * none of them when the body is no object (the caller checks what it lacks).
 */
export function propertiesOfRequest<K extends string>(body: unknown, properties: readonly K[], hint = ''): Partial<Record<K, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const other = Object.keys(body).find((key) => !(properties as readonly string[]).includes(key));
  if (other !== undefined) {
    const takes = properties.length === 1 ? `${properties[0]} only` : properties.join(', ');
    throw invalidInput(other, `is not a property of the request: it takes ${takes}${hint}`);
  }
  return body as Partial<Record<K, unknown>>;
}

/** The `events` of a `POST /v1/events` body (an idempotency key sent in the body is the usual mistake). */
export function eventsOfRequest(body: unknown): unknown {
  return propertyOfRequest(body, 'events', ' (an idempotency key goes in the Idempotency-Key header)');
}

/** `eventsOfRequest` of a JSON body's bytes. */
export function eventsOfBody(bytes: Uint8Array): unknown {
  return eventsOfRequest(parseJsonBody(bytes));
}
