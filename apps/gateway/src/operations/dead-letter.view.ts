import { HEADERS, shortDigest } from '@lib/contracts';
import { clientSafeReason, DLQ_HEADERS } from '@lib/messaging';
import { StoredDeadLetter } from './dead-letter.store';

/**
 * Headers a replay adds so that a message failing again stays one story: where it first failed,
 * when, and how often it was replayed. Not `ap-dlq-*`: the dead-letter publisher keeps them.
 */
export const REPLAY_HEADERS = {
  origin: 'ap-replay-origin',
  firstFailedAt: 'ap-first-failed-at',
  count: 'ap-replay-count',
} as const;

export interface DeadLetterSummary {
  id: number;
  stage: string;
  reason: string;
  /** Where the message was published, and where a replay sends it again. */
  subject: string;
  stream: string;
  streamSeq: number;
  deliveries: number;
  firstFailedAt: string;
  lastFailedAt: string;
  /** Times this message was replayed and failed again. */
  replays: number;
  /** `<stream>:<seq>` of the message's first failure (the same across replays). */
  origin: string;
  correlationId?: string;
  sizeBytes: number;
}

export type PayloadEncoding = 'json' | 'text' | 'base64';

export interface DeadLetterDetail extends DeadLetterSummary {
  payload: { encoding: PayloadEncoding; value: unknown };
  /** The original message's headers (without the ap-dlq-* ones). */
  headers: Record<string, string>;
}

export interface DeadLetterFilter {
  stage?: string;
  /** Substring of the original subject. */
  subject?: string;
  /** Case-insensitive substring of the reason. */
  reason?: string;
}

export function summarize(letter: StoredDeadLetter, stage: string): DeadLetterSummary {
  const h = letter.headers;
  const lastFailedAt = h[DLQ_HEADERS.failedAt] ?? letter.storedAt.toISOString();
  return {
    id: letter.seq,
    stage: h[DLQ_HEADERS.stage] ?? stage,
    reason: clientSafeReason(h[DLQ_HEADERS.reason] ?? ''),
    subject: h[DLQ_HEADERS.subject] ?? '',
    stream: h[DLQ_HEADERS.stream] ?? '',
    streamSeq: Number(h[DLQ_HEADERS.streamSequence] ?? 0),
    deliveries: Number(h[DLQ_HEADERS.deliveries] ?? 0),
    firstFailedAt: h[REPLAY_HEADERS.firstFailedAt] ?? lastFailedAt,
    lastFailedAt,
    replays: Number(h[REPLAY_HEADERS.count] ?? 0),
    origin: h[REPLAY_HEADERS.origin] ?? `${h[DLQ_HEADERS.stream] ?? ''}:${h[DLQ_HEADERS.streamSequence] ?? ''}`,
    ...(h[HEADERS.correlationId] ? { correlationId: h[HEADERS.correlationId] } : {}),
    sizeBytes: letter.data.length,
  };
}

export function detail(letter: StoredDeadLetter, stage: string): DeadLetterDetail {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(letter.headers)) if (!key.startsWith('ap-dlq-')) headers[key] = value;
  return { ...summarize(letter, stage), payload: decodePayload(letter.data), headers };
}

/** JSON when it parses, else UTF-8 text, else base64 (binary). */
export function decodePayload(data: Uint8Array): DeadLetterDetail['payload'] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { encoding: 'base64', value: Buffer.from(data).toString('base64') };
  }
  try {
    return { encoding: 'json', value: JSON.parse(text) };
  } catch {
    return { encoding: 'text', value: text };
  }
}

export function matches(summary: DeadLetterSummary, filter: DeadLetterFilter): boolean {
  if (filter.subject && !summary.subject.includes(filter.subject)) return false;
  if (filter.reason && !summary.reason.toLowerCase().includes(filter.reason.toLowerCase())) return false;
  return true;
}

/**
 * The original headers for the replayed message: `ap-dlq-*` dropped, the replay story added.
 * `ap-ingested-at` is dropped too: time spent waiting for an operator is not pipeline latency.
 */
export function replayHeaders(letter: StoredDeadLetter): Record<string, string> {
  const summary = summarize(letter, '');
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(letter.headers)) {
    const name = key.toLowerCase();
    if (name.startsWith('ap-dlq-') || name === HEADERS.ingestedAt || name === 'nats-msg-id') continue;
    headers[key] = value;
  }
  headers[REPLAY_HEADERS.origin] = summary.origin;
  headers[REPLAY_HEADERS.firstFailedAt] = summary.firstFailedAt;
  headers[REPLAY_HEADERS.count] = String(summary.replays + 1);
  return headers;
}

/**
 * Nats-Msg-Id of a replay: replaying the same letter twice (a retried request) publishes once. The
 * letter's number alone is not the letter: a dead-letter stream removed and created again numbers
 * from 1 again, and within the duplicate window the target stream dropped a new letter's copy as an
 * older one's, and the letter was deleted. A digest of what it holds tells them apart.
 */
export function replayMsgId(letter: StoredDeadLetter): string {
  return `replay:${letter.seq}:${shortDigest(letter.data, 16)}`;
}
