import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_DURATION_SEC, MIN_DURATION_SEC, USER_ID } from '@lib/contracts';

export const ACTIVITY_EVENT_EXAMPLE = {
  userId: 'alice',
  app: 'Code',
  title: 'main.ts - api - Visual Studio Code',
  startedAt: '2026-11-22T09:30:00Z',
  durationSec: 300,
};

/**
 * OpenAPI description only: events are validated one by one by ingestion, so that one bad
 * event is listed instead of failing the whole batch.
 */
export class ActivityEventDto {
  @ApiPropertyOptional({ description: 'Client idempotency key, one namespace across every user (make it unique beyond the user: a UUID); derived from the content when absent', maxLength: 128 }) eventId?: string;
  @ApiProperty({ maxLength: 128, pattern: USER_ID.source }) userId!: string;
  @ApiProperty({ description: 'Application name as the tracker reports it', maxLength: 256 }) app!: string;
  @ApiPropertyOptional({ maxLength: 2048 }) title?: string;
  @ApiPropertyOptional({ maxLength: 4096 }) url?: string;
  @ApiProperty({ oneOf: [{ type: 'string', format: 'date-time' }, { type: 'number', description: 'epoch seconds' }] }) startedAt!: string | number;
  @ApiProperty({ description: 'seconds; boards count whole milliseconds, so at least 0.0005', minimum: MIN_DURATION_SEC, maximum: MAX_DURATION_SEC }) durationSec!: number;
  @ApiPropertyOptional({ maxLength: 64 }) source?: string;
}

export class SubmitEventsDto {
  @ApiProperty({ type: [ActivityEventDto], minItems: 1, maxItems: 1000 }) events!: unknown[];
}

class RejectionDto {
  @ApiProperty() index!: number;
  @ApiProperty() field!: string;
  @ApiProperty() reason!: string;
}

export const EVENT_IDS =
  "each event's id in the request's order: its eventId, or the one derived from its content (user, app, title, url, start, duration); null for a rejected event. GET /v1/events/:eventId reads it once stored";

/** What `accepted` promises, and what it cannot know (README, "POST /v1/events"). */
export const ACCEPTED =
  "events durably queued. An eventId names one event across every user: one stored before by another request (of any user) is counted once and keeps that request's fields: GET /v1/events/:eventId answers the batchId whose copy is stored (a key bound to another user reads it as not stored)";

export class IngestResultDto {
  @ApiProperty() batchId!: string;
  @ApiProperty({ description: ACCEPTED }) accepted!: number;
  @ApiProperty({ description: 'events repeated inside the request, and those of a request the broker saw inside DUPLICATE_WINDOW_SEC: counted once' }) duplicates!: number;
  @ApiProperty({ type: [RejectionDto] }) rejected!: RejectionDto[];
  @ApiProperty({ type: 'array', items: { type: 'string', nullable: true }, description: EVENT_IDS }) eventIds!: Array<string | null>;
}
