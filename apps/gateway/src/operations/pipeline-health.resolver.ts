import { UseGuards } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { NamedCount, PipelineHealthModel } from './pipeline-health.models';
import { PipelineHealthService } from './pipeline-health.service';

/** GraphQL mirror of GET /v1/ops/pipeline (read scope). */
@Resolver()
@UseGuards(ApiKeyGuard)
@RequireScope('read')
export class PipelineHealthResolver {
  constructor(private readonly health: PipelineHealthService) {}

  @Query(() => PipelineHealthModel, { nullable: true, description: 'Pipeline health: per-stage rates, success and latency (last 60 s), ingest-to-leaderboard percentiles, consumer lag, dead letters, the last maintenance (REST: GET /v1/ops/pipeline)' })
  async pipelineHealth(): Promise<PipelineHealthModel> {
    const health = await this.health.pipeline();
    return {
      ...health,
      stages: health.stages.map(({ llmCalls, ...stage }) => ({ ...stage, ...(llmCalls ? { llmCalls: namedCounts(llmCalls) } : {}) })),
      deadLetters: { pending: health.deadLetters.pending, byStage: namedCounts(health.deadLetters.byStage) },
    };
  }
}

function namedCounts(counts: Record<string, number>): NamedCount[] {
  return Object.entries(counts).map(([name, count]) => ({ name, count }));
}
