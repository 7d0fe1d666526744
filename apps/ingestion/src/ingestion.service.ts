import { Injectable, Logger } from '@nestjs/common';
import { ENVELOPE_SCHEMA_VERSION, eventBatchOf, EventEnvelope, HEADERS, IngestResult, Lane, NormalizedEvent, RpcError, shortDigest } from '@lib/contracts';
import { AppConfig } from '@lib/config';
import { isJetStreamError, JetStreamErrorCode, JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { PubAck } from 'nats';
import { PipelineMetrics } from '@lib/observability';
import { normalizeBatch, withoutChangedEvents } from './event-normalizer';

export interface IngestRequest {
  /** Checked here: an array of 1 to MAX_EVENTS_PER_BATCH items, each validated on its own. */
  events: unknown;
  lane?: Lane;
  /** Client idempotency key (already scoped to the API key by the gateway). */
  idempotencyKey?: string;
  /** Set when the API key is bound to a user: events of other users are refused. */
  boundUserId?: string;
}

@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);

  constructor(
    private readonly publisher: JetStreamPublisher,
    private readonly nats: NatsConnectionService,
    private readonly metrics: PipelineMetrics,
    private readonly config: AppConfig,
  ) {}

  /**
   * Validates and normalizes a batch, publishes the valid events as one envelope and answers
   * only after JetStream stored it (guarantee 1). Invalid events are listed, never block the rest.
   */
  async ingest(request: IngestRequest, correlationId?: string): Promise<IngestResult> {
    const events = eventBatchOf(request?.events);
    const lane: Lane = request.lane === 'bulk' ? 'bulk' : 'live';
    let batch = normalizeBatch(events, Date.now(), request.boundUserId || undefined);
    const eventIds = batch.events.map((e) => e.eventId);
    const id = envelopeId(request.idempotencyKey, eventIds);
    // Under a client's key the id says nothing of the events: a digest of what they hold travels along.
    const contentId = request.idempotencyKey ? contentDigest(batch.events) : undefined;
    let resent = 0;
    if (batch.events.length > 0) {
      const envelope: EventEnvelope = { id, lane, events: batch.events };
      const ack = await this.publisher.publishJson(this.nats.names.subjects.events(lane), envelope, {
        msgId: id,
        headers: {
          [HEADERS.lane]: lane,
          [HEADERS.schema]: ENVELOPE_SCHEMA_VERSION,
          [HEADERS.ingestedAt]: String(Date.now()),
          ...(correlationId ? { [HEADERS.correlationId]: correlationId } : {}),
          ...(contentId ? { [HEADERS.contentId]: contentId } : {}),
        },
      });
      if (ack.duplicate && contentId) await this.refuseKeyReusedForOtherEvents(ack, contentId, eventIds);
      else if (ack.duplicate) batch = withoutChangedEvents(batch, await this.storedEvents(ack), `an event sent in the last ${this.config.DUPLICATE_WINDOW_SEC} s (DUPLICATE_WINDOW_SEC)`);
      // The broker saw this envelope inside its duplicate window: nothing new was accepted.
      if (ack.duplicate) resent = batch.events.length;
      this.metrics.eventsTotal.inc({ stage: 'ingestion' }, eventIds.length);
    }
    const accepted = batch.events.length - resent;
    const duplicates = batch.duplicates + resent;
    this.metrics.httpEventsTotal.inc({ outcome: 'accepted' }, accepted);
    this.metrics.httpEventsTotal.inc({ outcome: 'duplicate' }, duplicates);
    this.metrics.httpEventsTotal.inc({ outcome: 'rejected' }, batch.rejected.length);
    return { batchId: id, accepted, duplicates, rejected: batch.rejected, eventIds: batch.eventIds };
  }

  /**
   * The events of the stored envelope a duplicate ack points at: the same event ids were sent
   * before, and one of them given for another activity (a corrected duration) would be answered as
   * a duplicate and dropped. None when the stream's limits dropped it already.
   */
  private async storedEvents(ack: PubAck): Promise<NormalizedEvent[]> {
    try {
      const stored = await this.nats.jsm.streams.getMessage(ack.stream, { seq: ack.seq });
      return (JSON.parse(Buffer.from(stored.data).toString('utf8')) as EventEnvelope).events;
    } catch (error) {
      if (isJetStreamError(error, JetStreamErrorCode.NO_MESSAGE_FOUND)) return [];
      throw error;
    }
  }

  /**
   * A key already used inside the duplicate window stands for the request sent with it. Other
   * events under it would be dropped by the broker as that request's copy, and answered as
   * duplicates though never stored: refused with 422 instead (as the IETF Idempotency-Key draft
   * asks). The original's content id is read from the stored message the duplicate ack points at.
   */
  private async refuseKeyReusedForOtherEvents(ack: PubAck, contentId: string, eventIds: string[]): Promise<void> {
    let original: string | undefined;
    try {
      original = (await this.nats.jsm.streams.getMessage(ack.stream, { seq: ack.seq })).header?.get(HEADERS.contentId);
    } catch (error) {
      // Gone already (the stream's limits dropped it): nothing to compare, a duplicate as the broker says.
      if (isJetStreamError(error, JetStreamErrorCode.NO_MESSAGE_FOUND)) return;
      throw error;
    }
    // An envelope stored before content ids were sent carries none: a duplicate, as it was then.
    // One stored before 2026-11-25 carries the id its event ids alone give (b-…): compared with that.
    const sameContent = original?.startsWith('b-') ? original === envelopeId(undefined, eventIds) : original === contentId;
    if (original && !sameContent) {
      throw new RpcError(
        422,
        `Idempotency-Key was used in the last ${this.config.DUPLICATE_WINDOW_SEC} s (DUPLICATE_WINDOW_SEC) for other events: a key stands for one request; send new events under a new key`,
        { field: 'Idempotency-Key' },
      );
    }
  }
}

/**
 * What a request's valid events hold, every field: the same event ids with another duration or
 * title are other events (their ids alone let a corrected request pass as the first one's copy).
 */
function contentDigest(events: NormalizedEvent[]): string {
  return `c-${shortDigest(JSON.stringify(events), 32)}`;
}

/** Deterministic: the same request (same key, or same events) always yields the same envelope id. */
function envelopeId(idempotencyKey: string | undefined, eventIds: string[]): string {
  return `b-${shortDigest(idempotencyKey ? `key\u0000${idempotencyKey}` : `events\u0000${eventIds.join('\u0000')}`, 32)}`;
}
