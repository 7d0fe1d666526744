import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCEPTED, EVENT_IDS } from '../events/events.dto';

@ObjectType()
export class LeaderboardEntry {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rank!: number;
  @ApiProperty() @Field() userId!: string;
  @ApiProperty({ description: 'seconds' }) @Field(() => Float, { description: 'seconds' }) score!: number;
}

export const INCOMPLETE = 'present while Redis has lost the boards and no full rebuild has run since: the boards hold only what was written since then (an archived period nothing), said with when the loss was found';
/** Exported for the leaderboard models, which answer the same boards. */
export const ZONE_OF_PERIOD_KEY = 'the IANA time zone periodKey is reckoned in (the leaderboard app\'s TIME_ZONE): a day such as 2026-11-25 is another 24 hours in each zone';

const NEXT_CURSOR = 'the next page starts after this (cursor argument), null on the last page: it repeats and skips no user whose score stayed, where an offset page shifts when a user below it moves above';

@ObjectType()
export class Leaderboard {
  @ApiProperty() @Field() board!: string;
  @ApiProperty() @Field() period!: string;
  @ApiProperty() @Field() periodKey!: string;
  @ApiProperty({ description: ZONE_OF_PERIOD_KEY, example: 'UTC' }) @Field({ description: ZONE_OF_PERIOD_KEY }) timeZone!: string;
  @ApiProperty({ type: () => [LeaderboardEntry] }) @Field(() => [LeaderboardEntry]) entries!: LeaderboardEntry[];
  @ApiProperty({ description: 'whether the board has entries past this page (ask again with offset + limit)' })
  @Field({ description: 'whether the board has entries past this page (ask again with offset + limit)' })
  hasMore!: boolean;
  @ApiProperty({ type: String, nullable: true, description: NEXT_CURSOR })
  @Field(() => String, { nullable: true, description: NEXT_CURSOR })
  nextCursor!: string | null;
  @ApiPropertyOptional({ description: INCOMPLETE })
  @Field(() => String, { nullable: true, description: INCOMPLETE })
  incomplete?: string;
}

@ObjectType()
export class UserRankResult {
  @ApiProperty() @Field() board!: string;
  @ApiProperty() @Field() period!: string;
  @ApiProperty() @Field() periodKey!: string;
  @ApiProperty({ description: ZONE_OF_PERIOD_KEY, example: 'UTC' }) @Field({ description: ZONE_OF_PERIOD_KEY }) timeZone!: string;
  @ApiProperty() @Field() userId!: string;
  @ApiProperty({ type: 'integer', nullable: true }) @Field(() => Int, { nullable: true }) rank!: number | null;
  @ApiProperty({ description: 'seconds' }) @Field(() => Float) score!: number;
  @ApiPropertyOptional({ description: INCOMPLETE }) @Field(() => String, { nullable: true, description: INCOMPLETE }) incomplete?: string;
}

@ObjectType()
export class Rejection {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) index!: number;
  @ApiProperty() @Field() field!: string;
  @ApiProperty() @Field() reason!: string;
}

@ObjectType()
export class IngestResult {
  @Field() batchId!: string;
  @Field(() => Int, { description: ACCEPTED }) accepted!: number;
  @Field(() => Int) duplicates!: number;
  @Field(() => [Rejection]) rejected!: Rejection[];
  @Field(() => [String], { nullable: 'items', description: EVENT_IDS }) eventIds!: Array<string | null>;
}

const STORED_BATCH =
  "the batchId of the request whose copy is stored: an eventId is stored once, with its first copy's fields, so a request that reused it for another activity (answered accepted) reads another batch here: its copy was dropped";
const STORED_EVENT_STATUS = 'stored; or dead-lettered: stored, but its message is a dead letter: the boards may not count it until it is replayed (deadLetter says why)';

@ObjectType()
export class EventClassification {
  @ApiProperty() @Field() source!: string;
  @ApiProperty() @Field(() => Float) confidence!: number;
  @ApiProperty({ required: false }) @Field({ nullable: true }) ruleId?: string;
  @ApiProperty({ type: 'integer' }) @Field(() => Int) rulesetVersion!: number;
}

const LETTER_REASON = 'why it failed, for an admin key; for another key its kind only (failed 8 deliveries, invalid payload, permanent failure)';
const DISCARDED_AT = 'when an operator discarded the letter: nothing will store or count the event';

@ObjectType({ description: 'The dead letter holding an event: replay it with POST /v1/dead-letters/:id/replay (admin)' })
export class EventDeadLetter {
  @ApiProperty({ type: 'integer' }) @Field(() => Int) id!: number;
  @ApiProperty() @Field() stage!: string;
  @ApiProperty({ description: LETTER_REASON }) @Field({ description: LETTER_REASON }) reason!: string;
  @ApiProperty() @Field() failedAt!: string;
  @ApiProperty({ required: false, description: DISCARDED_AT }) @Field({ nullable: true, description: DISCARDED_AT }) discardedAt?: string;
}

@ObjectType()
export class StoredEvent {
  @ApiProperty() @Field() eventId!: string;
  @ApiProperty() @Field() userId!: string;
  @ApiProperty() @Field() app!: string;
  @ApiProperty({ required: false }) @Field({ nullable: true }) title?: string;
  @ApiProperty({ required: false }) @Field({ nullable: true }) url?: string;
  @ApiProperty() @Field() startedAt!: string;
  @ApiProperty() @Field(() => Float) durationSec!: number;
  @ApiProperty({ required: false }) @Field({ nullable: true }) source?: string;
  @ApiProperty() @Field() categoryId!: string;
  @ApiProperty({ type: () => EventClassification }) @Field(() => EventClassification) classification!: EventClassification;
  @ApiProperty({ enum: ['stored', 'dead-lettered'], description: STORED_EVENT_STATUS }) @Field({ description: STORED_EVENT_STATUS }) status!: string;
  @ApiProperty() @Field() storedAt!: string;
  @ApiProperty({ required: false, description: STORED_BATCH }) @Field({ nullable: true, description: STORED_BATCH }) batchId?: string;
  @ApiProperty({ required: false, type: () => EventDeadLetter }) @Field(() => EventDeadLetter, { nullable: true }) deadLetter?: EventDeadLetter;
}

/** Field types are loose on purpose: ingestion validates each event and lists rejections per index. */
@InputType()
export class ActivityEventInput {
  @Field({ nullable: true }) eventId?: string;
  @Field() userId!: string;
  @Field() app!: string;
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) url?: string;
  @Field({ description: 'ISO-8601 with offset, or epoch seconds as a string' }) startedAt!: string;
  @Field(() => Float, { description: 'seconds, 0.0005 (boards count whole milliseconds) to 86400' }) durationSec!: number;
  @Field({ nullable: true }) source?: string;
}
