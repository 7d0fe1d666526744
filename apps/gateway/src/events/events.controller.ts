import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { eventsOfRequest, IngestResult, StoredEvent } from '@lib/contracts';
import { RpcClient } from '@lib/messaging';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { eventQueryFor } from './event-query';
import { IngestClient } from './ingest.client';
import { StoredEvent as StoredEventModel } from '../graphql/graphql.models';
import { ACTIVITY_EVENT_EXAMPLE, IngestResultDto, SubmitEventsDto } from './events.dto';

type CorrelatedRequest = AuthenticatedRequest & { id?: string };

@ApiTags('events')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@Controller('v1/events')
export class EventsController {
  constructor(private readonly ingest: IngestClient, private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(202)
  @RequireScope('ingest')
  @ApiOperation({ summary: 'Submit 1..1000 activity events. 202 once they are durably queued; invalid events are listed per index.' })
  @ApiBody({ type: SubmitEventsDto, examples: { one: { value: { events: [ACTIVITY_EVENT_EXAMPLE] } } } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and events within the duplicate window (DUPLICATE_WINDOW_SEC): answered as duplicates, counted once; same key, other events: 422' })
  @ApiResponse({ status: 202, type: IngestResultDto })
  @ApiResponse({ status: 400, description: 'No valid event: every rejection with index, field and reason' })
  @ApiResponse({ status: 422, description: 'The Idempotency-Key was used for other events inside the duplicate window' })
  async submit(@Body() body: Buffer | SubmitEventsDto | undefined, @Req() req: CorrelatedRequest): Promise<IngestResult> {
    // Read from the request, not with @Headers('idempotency-key'): OpenAPI would list that as a
    // second, required header beside the optional Idempotency-Key documented above.
    const idempotencyKey = req.headers['idempotency-key'];
    const options = { correlationId: req.id, idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined, keyId: req.apiKey!._id, boundUserId: req.apiKey!.userId };
    // Bytes unless the body was not UTF-8 JSON (see gateway.setup.ts); then body-parser read it, if it could.
    return Buffer.isBuffer(body) ? this.ingest.submitBody(body, options) : this.ingest.submit(eventsOfRequest(body), options);
  }

  @Get(':eventId')
  @RequireScope('read')
  @ApiOperation({ summary: "A stored event with its category, classification source and status (a key bound to a user reads that user's events only)" })
  @ApiResponse({ status: 200, type: StoredEventModel })
  @ApiResponse({
    status: 404,
    description:
      'not stored: `details.status` not-stored (not yet, or never sent), dead-lettered (`details.deadLetter`: the letter holding it, `{ id, stage, reason, failedAt }`; the message names the replay) or discarded (that letter was discarded, `details.deadLetter.discardedAt`: nothing will store it); `field` eventId',
  })
  event(@Param('eventId') eventId: string, @Req() req: CorrelatedRequest): Promise<StoredEvent> {
    return this.rpc.request<StoredEvent>(this.rpc.names.rpc.getEvent, eventQueryFor(eventId, req.apiKey!), { correlationId: req.id });
  }
}
