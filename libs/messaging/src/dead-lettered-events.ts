import { Injectable } from '@nestjs/common';
import { StoredMsg } from 'nats';
import { shortDigest } from '@lib/contracts';
import { DLQ_HEADERS } from './dead-letter-headers';
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
  /** Of the envelope the letter holds: an event stored under another envelope was counted there. */
  envelopeId?: string;
  userId?: string;
}

/**
 * Which dead letter holds each dead-lettered event id: one message per id (the stream keeps the
 * last per subject) on `<prefix>.dlq-events.<digest of the id>`, holding the letter's id. Without
 * it an event whose message was dead-lettered read "not stored (yet)" for good. An entry outlives
 * its letter (replayed or discarded): a lookup reads the letter and believes the entry only when
 * the letter is still there and holds the event.
 */
@Injectable()
export class DeadLetteredEvents {
  constructor(private readonly nats: NatsConnectionService, private readonly publisher: JetStreamPublisher) {}

  /** Records the events of letter `letterId` (its payload, an envelope; any other payload holds none). */
  async record(letterId: number, payload: Uint8Array): Promise<void> {
    const eventIds = eventIdsOf(parsed(payload));
    // The msg id makes a retry after a partial failure harmless.
    await Promise.all(eventIds.map((eventId) => this.publisher.publishRaw(this.subjectOf(eventId), Buffer.from(String(letterId)), `dlq-event:${letterId}:${shortDigest(eventId, 22)}`)));
  }

  /** The letter still holding `eventId`, or undefined (never dead-lettered, or its letter replayed or discarded). */
  async letterOf(eventId: string): Promise<EventDeadLetter | undefined> {
    const entry = await this.stored(this.nats.names.streams.deadLetteredEvents, { last_by_subj: this.subjectOf(eventId) });
    const letterId = Number(entry?.string());
    if (!entry || !Number.isSafeInteger(letterId) || letterId < 1) return undefined;
    const letter = await this.stored(this.nats.names.streams.deadLetter, { seq: letterId });
    if (!letter) return undefined;
    const envelope = parsed(letter.data) as { id?: unknown; events?: unknown } | undefined;
    const event = eventsOf(envelope).find((e) => e.eventId === eventId);
    if (!event) return undefined;
    const header = (name: string) => letter.header?.get(name) || undefined;
    return {
      id: letterId,
      stage: header(DLQ_HEADERS.stage) ?? '',
      reason: header(DLQ_HEADERS.reason) ?? '',
      failedAt: header(DLQ_HEADERS.failedAt) ?? letter.time.toISOString(),
      ...(typeof envelope?.id === 'string' ? { envelopeId: envelope.id } : {}),
      ...(typeof event.userId === 'string' ? { userId: event.userId } : {}),
    };
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
