import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class LeaderboardEntry {
  @Field(() => Int) rank!: number;
  @Field() userId!: string;
  @Field(() => Float, { description: 'seconds' }) score!: number;
}

@ObjectType()
export class Leaderboard {
  @Field() board!: string;
  @Field() period!: string;
  @Field() periodKey!: string;
  @Field(() => [LeaderboardEntry]) entries!: LeaderboardEntry[];
}

@ObjectType()
export class UserRankResult {
  @Field() board!: string;
  @Field() period!: string;
  @Field() periodKey!: string;
  @Field() userId!: string;
  @Field(() => Int, { nullable: true }) rank!: number | null;
  @Field(() => Float) score!: number;
}

@ObjectType()
export class Rejection {
  @Field(() => Int) index!: number;
  @Field() field!: string;
  @Field() reason!: string;
}

@ObjectType()
export class IngestResult {
  @Field() batchId!: string;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) duplicates!: number;
  @Field(() => [Rejection]) rejected!: Rejection[];
}

@ObjectType()
export class EventClassification {
  @Field() source!: string;
  @Field(() => Float) confidence!: number;
  @Field({ nullable: true }) ruleId?: string;
  @Field(() => Int) rulesetVersion!: number;
}

@ObjectType()
export class StoredEvent {
  @Field() eventId!: string;
  @Field() userId!: string;
  @Field() app!: string;
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) url?: string;
  @Field() startedAt!: string;
  @Field(() => Float) durationSec!: number;
  @Field({ nullable: true }) source?: string;
  @Field() categoryId!: string;
  @Field(() => EventClassification) classification!: EventClassification;
  @Field() status!: string;
  @Field() storedAt!: string;
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
  @Field(() => Float) durationSec!: number;
  @Field({ nullable: true }) source?: string;
}
