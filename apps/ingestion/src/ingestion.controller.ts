import { Injectable } from '@nestjs/common';
import { IngestResult } from '@lib/contracts';
import { RpcContext, RpcHandler } from '@lib/messaging';
import { IngestionService, IngestRequest } from './ingestion.service';

/** NATS request/reply entry point: the gateway forwards POST /v1/events here. */
@Injectable()
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @RpcHandler((names) => names.rpc.ingest)
  ingest(request: IngestRequest, context: RpcContext): Promise<IngestResult> {
    return this.ingestion.ingest(request, context.correlationId);
  }
}
