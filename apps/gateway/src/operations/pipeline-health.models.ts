import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

// GraphQL types of GET /v1/ops/pipeline (PipelineHealth): its fields, with REST's objects keyed by
// name (a stage's LLM outcomes, dead letters per stage) as lists of { name, count }, since GraphQL has no maps.

@ObjectType()
export class NamedCount {
  @Field() name!: string;
  @Field(() => Float) count!: number;
}

@ObjectType()
export class LatencyPercentilesModel {
  @Field(() => Float, { nullable: true }) p50!: number | null;
  @Field(() => Float, { nullable: true }) p95!: number | null;
  @Field(() => Float, { nullable: true }) p99!: number | null;
  @Field(() => Float, { description: 'observations in the window' }) samples!: number;
}

@ObjectType()
export class StageHealth {
  @Field() stage!: string;
  @Field(() => Int, { description: 'instances heard from in the last 15 s' }) instances!: number;
  @Field(() => Float) eventsPerSec!: number;
  @Field(() => Float) messagesPerSec!: number;
  @Field(() => Float, { nullable: true, description: 'acked / (acked + retried + dead-lettered) in the window; null without messages' }) successRate!: number | null;
  @Field(() => LatencyPercentilesModel, { description: 'handler time per batch' }) latencySeconds!: LatencyPercentilesModel;
  @Field(() => [NamedCount], { nullable: true, description: 'LLM questions per outcome in the window, where the stage asked any (inference)' }) llmCalls?: NamedCount[];
  @Field(() => Int, { nullable: true, description: 'live instances whose LLM circuit breaker is open or half-open (inference)' }) llmCircuitsOpen?: number;
  @Field(() => Int, { nullable: true, description: 'stored rules an instance classifies without, the most any reports (classification)' }) rulesLeftOut?: number;
}

@ObjectType()
export class ConsumerLagModel {
  @Field({ description: 'durable name without the deployment prefix, e.g. classification-live' }) name!: string;
  @Field() stream!: string;
  @Field(() => Float, { description: 'in the stream, not yet delivered: the lag' }) pending!: number;
  @Field(() => Float, { description: 'delivered, not yet acknowledged' }) ackPending!: number;
  @Field(() => Float) redelivered!: number;
  @Field(() => Float, { nullable: true, description: 'age of the oldest message not yet acknowledged; null when none' }) oldestUnackedAgeSec!: number | null;
}

@ObjectType()
export class DeadLetterCounts {
  @Field(() => Float) pending!: number;
  @Field(() => [NamedCount]) byStage!: NamedCount[];
}

@ObjectType()
export class MaintenanceRun {
  @Field({ description: "local day (the boards' TIME_ZONE) of the last completed run" }) day!: string;
  @Field({ nullable: true }) finishedAt?: string;
  @Field(() => Int, { nullable: true }) archived?: number;
  @Field(() => Int, { nullable: true }) archiveFailures?: number;
  @Field({ nullable: true }) verifiedDay?: string;
  @Field({ nullable: true }) verifiedFrom?: string;
  @Field(() => Int, { nullable: true }) driftEntries?: number;
}

@ObjectType()
export class PipelineHealthModel {
  @Field() at!: string;
  @Field({ description: "the zone of the boards' days (the leaderboard app's TIME_ZONE)" }) boardsTimeZone!: string;
  @Field(() => Int) windowSec!: number;
  @Field(() => [StageHealth]) stages!: StageHealth[];
  @Field(() => LatencyPercentilesModel, { nullable: true, description: "from ingestion's publish to the leaderboard write; null before any was observed" }) ingestToLeaderboardSeconds!: LatencyPercentilesModel | null;
  @Field(() => [ConsumerLagModel]) consumers!: ConsumerLagModel[];
  @Field(() => Int) streamMaxAgeSec!: number;
  @Field(() => DeadLetterCounts) deadLetters!: DeadLetterCounts;
  @Field(() => MaintenanceRun, { nullable: true, description: "the leaderboard's last daily maintenance; null before its first" }) maintenance!: MaintenanceRun | null;
}
