import { Injectable } from '@nestjs/common';
import { eventsOfBody, HEADERS, IngestResult } from '@lib/contracts';
import { RpcContext, RpcHandler } from '@lib/messaging';
import { IngestionService, IngestRequest } from './ingestion.service';

/** NATS request/reply entry points: the gateway forwards POST /v1/events (and GraphQL's submitEvents) here. */
@Injectable()
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @RpcHandler((names) => names.rpc.ingest)
  ingest(request: IngestRequest, context: RpcContext): Promise<IngestResult> {
    return this.ingestion.ingest(request, context.correlationId);
  }

  /**
   * A request body as the client sent it (`{ "events": [...] }`): parsed once, here, where the
   * events are validated anyway. Only `events` is read from it; the options come from the
   * gateway's headers, so a body cannot choose its lane or its user binding.
   */
  @RpcHandler((names) => names.rpc.ingestBody, { rawPayload: true })
  ingestBody(body: Uint8Array, context: RpcContext): Promise<IngestResult> {
    return this.ingestion.ingest(
      { events: eventsOfBody(body), idempotencyKey: context.header(HEADERS.idempotencyKey), boundUserId: context.header(HEADERS.boundUserId) },
      context.correlationId,
    );
  }
}
