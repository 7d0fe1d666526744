import { Injectable } from '@nestjs/common';
import { StoredMsg } from 'nats';
import { shortDigest } from '@lib/contracts';
import { DLQ_HEADERS } from './dead-letter-headers';
import { clientSafeReason } from './failure-reason';
import { isJetStreamError, JetStreamErrorCode } from './jetstream-errors';
import { JetStreamPublisher } from './jetstream-publisher';
import { NatsConnectionService } from './nats-connection.service';

/** The dead letter that holds an event: what keeps it from being stored or counted, and how to get it there. */
export interface EventDeadLetter {
  /** The letter's id (its sequence in the dead-letter stream): `POST /v1/dead-letters/:id/replay`. */
  id: number;
  stage: string;
  reason: string;
  failedAt: string;
  /** When an operator discarded the letter: nothing will store (or count) the event. */
  discardedAt?: string;
  /** Of the envelope the letter holds: an event stored under another envelope was counted there. */
  envelopeId?: string;
  userId?: string;
}

/** A dead letter as read from its stream: enough to tell what it holds and why. */
export interface DeadLetterContent {
  seq: number;
  data: Uint8Array;
  headers: Record<string, string>;
  storedAt: Date;
}

/** An entry: the letter holding the event; after a discard, also what that letter said. */
interface Entry {
  letterId: number;
  discarded?: EventDeadLetter;
}

/**
 * Which dead letter holds each dead-lettered event id: one message per id (the stream keeps the
 * last per subject) on `<prefix>.dlq-events.<digest of the id>`. Without it an event whose
 * message was dead-lettered read "not stored (yet)" for good. An entry outlives its letter: a
 * lookup reads the letter and believes the entry only while the letter is there and holds the
 * event; a replayed letter's events read as on their way again, a discarded one's as discarded
 * (the discard writes what the letter said into the entry first).
 */
@Injectable()
export class DeadLetteredEvents {
  constructor(private readonly nats: NatsConnectionService, private readonly publisher: JetStreamPublisher) {}

  /** Records the events of letter `letterId` (its payload, an envelope; any other payload holds none). */
  async record(letterId: number, payload: Uint8Array): Promise<void> {
    const entry: Entry = { letterId };
    // The msg id makes a retry after a partial failure harmless.
    await Promise.all(eventIdsOf(parsed(payload)).map((eventId) => this.put(eventId, entry, `dlq-event:${letterId}`)));
  }

  /** Before a letter is discarded: its events whose entry still names it will read as discarded. */
  async recordDiscard(letter: DeadLetterContent): Promise<void> {
    const discardedAt = new Date().toISOString();
    await Promise.all(
      eventIdsOf(parsed(letter.data)).map(async (eventId) => {
        const described = describe(letter, eventId);
        if (!described || (await this.entryOf(eventId))?.letterId !== letter.seq) return;
        await this.put(eventId, { letterId: letter.seq, discarded: { ...described, discardedAt } }, `dlq-discard:${letter.seq}`);
      }),
    );
  }

  /** The letter holding `eventId` (or the one discarded with it), or undefined: never dead-lettered, or replayed. */
  async letterOf(eventId: string): Promise<EventDeadLetter | undefined> {
    const entry = await this.entryOf(eventId);
    if (!entry) return undefined;
    const letter = await this.stored(this.nats.names.streams.deadLetter, { seq: entry.letterId });
    const held = letter && describe({ seq: letter.seq, data: letter.data, storedAt: letter.time, headers: dlqHeadersOf(letter) }, eventId);
    const found = held ?? entry.discarded;
    // A letter (or discard) recorded before reasons were stored without secrets reads as one since.
    return found && { ...found, reason: clientSafeReason(found.reason) };
  }

  private async entryOf(eventId: string): Promise<Entry | undefined> {
    const message = await this.stored(this.nats.names.streams.deadLetteredEvents, { last_by_subj: this.subjectOf(eventId) });
    const entry = message && (parsed(message.data) as Partial<Entry> | undefined);
    return entry && Number.isSafeInteger(entry.letterId) && entry.letterId! >= 1 ? (entry as Entry) : undefined;
  }

  private put(eventId: string, entry: Entry, msgIdPrefix: string): Promise<unknown> {
    const digest = shortDigest(eventId, 22);
    return this.publisher.publishRaw(this.nats.names.subjects.deadLetteredEvent(digest), Buffer.from(JSON.stringify(entry)), `${msgIdPrefix}:${digest}`);
  }

  private subjectOf(eventId: string): string {
    return this.nats.names.subjects.deadLetteredEvent(shortDigest(eventId, 22));
  }

  private async stored(stream: string, query: { seq: number } | { last_by_subj: string }): Promise<StoredMsg | undefined> {
    try {
      return await this.nats.reachableJsm.streams.getMessage(stream, query);
    } catch (error) {
      // No such message, or no such stream yet (nothing was ever dead-lettered).
      if (isJetStreamError(error, JetStreamErrorCode.NO_MESSAGE_FOUND) || isJetStreamError(error, JetStreamErrorCode.STREAM_NOT_FOUND)) return undefined;
      throw error;
    }
  }
}

/** What `letter` says of `eventId`, or undefined when it does not hold it (a letter numbered as an older one). */
function describe(letter: DeadLetterContent, eventId: string): EventDeadLetter | undefined {
  const envelope = parsed(letter.data) as { id?: unknown } | undefined;
  const event = eventsOf(envelope).find((e) => e.eventId === eventId);
  if (!event) return undefined;
  const header = (name: string) => letter.headers[name] || undefined;
  return {
    id: letter.seq,
    stage: header(DLQ_HEADERS.stage) ?? '',
    reason: header(DLQ_HEADERS.reason) ?? '',
    failedAt: header(DLQ_HEADERS.failedAt) ?? letter.storedAt.toISOString(),
    ...(typeof envelope?.id === 'string' ? { envelopeId: envelope.id } : {}),
    ...(typeof event.userId === 'string' ? { userId: event.userId } : {}),
  };
}

function dlqHeadersOf(letter: StoredMsg): Record<string, string> {
  return Object.fromEntries(Object.values(DLQ_HEADERS).map((name) => [name, letter.header?.get(name) ?? '']));
}

function parsed(payload: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The events of an envelope (`{ events: [...] }`) that are objects; none for any other payload. */
function eventsOf(envelope: unknown): Array<Record<string, unknown>> {
  const events = (envelope as { events?: unknown } | undefined)?.events;
  return Array.isArray(events) ? events.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null) : [];
}

/** Distinct string ids of at most 128 characters (a letter may hold anything: it was refused for it). */
function eventIdsOf(envelope: unknown): string[] {
  const ids = eventsOf(envelope).map((e) => e.eventId).filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 128);
  return [...new Set(ids)];
}
