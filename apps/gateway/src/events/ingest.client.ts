import { BadRequestException, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { eventBatchOf, eventsOfBody, HEADERS, IngestResult, RpcError, WHOLE_EVENT } from '@lib/contracts';
import { RpcClient } from '@lib/messaging';
import { chunkBySize } from '../chunk-by-size';

/** NATS's default max payload is 1 MiB; chunks stay well under it with headers and envelope. */
const MAX_CHUNK_BYTES = 700 * 1024;

export interface SubmitOptions {
  correlationId?: string;
  idempotencyKey?: string;
  /** The API key's id: idempotency keys are scoped per key, so two clients cannot collide. */
  keyId: string;
  boundUserId?: string;
}

/** Forwards a request's events to ingestion in chunks that fit a NATS message, and merges the answers. */
@Injectable()
export class IngestClient {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * A POST /v1/events body as received. One that fits a NATS message goes to ingestion as it
   * is, parsed only there: parsing and re-serializing events the gateway only forwards was
   * ~40 % of its CPU under load (measured: docs/operations.md, "CPU"). A larger one is parsed
   * here and sent in chunks, as it is when no ingestion serves bodies yet (a rolling upgrade:
   * the older ingestion answers the chunked subject; the envelope id makes a retry harmless).
   */
  async submitBody(body: Buffer, options: SubmitOptions): Promise<IngestResult> {
    if (body.length > MAX_CHUNK_BYTES) return this.submit(eventsOfBody(body), options);
    let result: IngestResult;
    try {
      result = await this.rpc.requestBytes<IngestResult>(this.rpc.names.rpc.ingestBody, body, {
        correlationId: options.correlationId,
        headers: { [HEADERS.idempotencyKey]: chunkIdempotencyKey(options, 0), [HEADERS.boundUserId]: options.boundUserId },
      });
    } catch (error) {
      if (error instanceof RpcError && error.status === 503) return this.submit(eventsOfBody(body), options);
      throw withRetryAdvice(error);
    }
    return someValid(result);
  }

  async submit(events: unknown, options: SubmitOptions): Promise<IngestResult> {
    const batch = eventBatchOf(events);
    const { chunks, oversized } = chunkBySize(batch, MAX_CHUNK_BYTES);
    const results = await Promise.all(
      chunks.map(({ items }, i) =>
        this.rpc.request<IngestResult>(
          this.rpc.names.rpc.ingest,
          { events: items, idempotencyKey: chunkIdempotencyKey(options, i), boundUserId: options.boundUserId },
          { correlationId: options.correlationId },
        ),
      ),
    ).catch((error: unknown) => {
      throw withRetryAdvice(error);
    });
    return someValid({
      batchId: results.map((r) => r.batchId).join(','),
      accepted: results.reduce((n, r) => n + r.accepted, 0),
      duplicates: results.reduce((n, r) => n + r.duplicates, 0),
      rejected: results
        .flatMap((r, i) => r.rejected.map((rejection) => ({ ...rejection, index: chunks[i].indexes[rejection.index] })))
        .concat(oversized.map((index) => ({ index, field: WHOLE_EVENT, reason: `is larger than ${MAX_CHUNK_BYTES / 1024} KiB` })))
        .sort((a, b) => a.index - b.index),
      eventIds: inRequestOrder(batch.length, chunks, results),
    });
  }
}

/**
 * A timeout leaves the client not knowing whether its events were accepted (ingestion may have
 * published them and answered late): the 504 says so, and that sending the same request again is
 * safe, since an event counts once by its eventId (given, or derived from its content).
 */
function withRetryAdvice(error: unknown): unknown {
  if (!(error instanceof RpcError) || error.status !== 504) return error;
  return new RpcError(504, `${error.message}: the events may have been accepted; sending the same request again is safe (each event counts once, by its eventId)`, error.details);
}

/**
 * The chunks' event ids back in the request's order; an oversized event, never sent, has none,
 * nor do the events of a chunk an ingestion from before eventIds answered (a rolling upgrade).
 */
function inRequestOrder(count: number, chunks: Array<{ indexes: number[] }>, results: Array<Partial<IngestResult>>): Array<string | null> {
  const eventIds: Array<string | null> = new Array<string | null>(count).fill(null);
  results.forEach((result, i) => result.eventIds?.forEach((id, j) => (eventIds[chunks[i].indexes[j]] = id)));
  return eventIds;
}

/** Idempotency keys are scoped per API key (two clients cannot collide) and per chunk of the request. */
function chunkIdempotencyKey(options: SubmitOptions, chunk: number): string | undefined {
  if (!options.idempotencyKey) return undefined;
  return `${createHash('sha256').update(`${options.keyId}\u0000${options.idempotencyKey}`).digest('hex')}:${chunk}`;
}

/** The result, or a 400 when no event of the request was valid. */
function someValid(result: IngestResult): IngestResult {
  if (result.accepted === 0 && result.duplicates === 0) throw new InvalidEventsException(result);
  return result;
}

/** 400 listing every rejected event: none of the batch was valid (so no batch: no batchId, which would be one for every such request, and no event id). */
export class InvalidEventsException extends BadRequestException {
  constructor({ batchId: _none, eventIds: _allNull, ...result }: IngestResult) {
    const first = result.rejected[0];
    // A rejection of the whole event (not an object, too large): its path is the event's own.
    const field = first.field === WHOLE_EVENT ? `events[${first.index}]` : `events[${first.index}].${first.field}`;
    super({ statusCode: 400, message: `no valid event: ${field} ${first.reason}`, field, ...result });
  }
}
