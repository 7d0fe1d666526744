import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { NatsConnectionService } from '@lib/messaging';
import { DeadLetterStore } from './dead-letter.store';
import { StageStatsCollector } from './stage-stats.collector';
import { LatencyPercentiles, StageSummary } from './stage-stats-window';

export interface ConsumerLag {
  /** Durable name without the deployment prefix, e.g. classification-live. */
  name: string;
  stream: string;
  /** In the stream, not yet delivered: the lag. */
  pending: number;
  /** Delivered, not yet acknowledged: in flight or waiting for a retry. */
  ackPending: number;
  redelivered: number;
}

export interface PipelineHealth {
  at: string;
  windowSec: number;
  stages: StageSummary[];
  ingestToLeaderboardSeconds: LatencyPercentiles | null;
  consumers: ConsumerLag[];
  deadLetters: { pending: number; byStage: Record<string, number> };
}

/**
 * What the dashboard's health panel shows: throughput and latency from the stages' published
 * stats, lag straight from JetStream's consumer state, dead letters from the DLQ stream.
 */
@Injectable()
export class PipelineHealthService {
  constructor(
    private readonly nats: NatsConnectionService,
    private readonly stats: StageStatsCollector,
    private readonly deadLetters: DeadLetterStore,
    private readonly config: AppConfig,
  ) {}

  async pipeline(): Promise<PipelineHealth> {
    const [consumers, byStage] = await Promise.all([this.consumers(), this.deadLetters.countByStage()]);
    const summary = this.stats.summary();
    return {
      at: new Date().toISOString(),
      windowSec: summary.windowSec,
      stages: summary.stages,
      ingestToLeaderboardSeconds: summary.ingestToLeaderboardSeconds,
      consumers,
      deadLetters: { pending: Object.values(byStage).reduce((a, b) => a + b, 0), byStage },
    };
  }

  /** Every durable consumer of the pipeline's work streams, whichever app runs it. */
  private async consumers(): Promise<ConsumerLag[]> {
    const { deadLetter, ...work } = this.nats.names.streams;
    const prefix = `${this.config.PIPELINE_PREFIX}-`;
    const lags: ConsumerLag[] = [];
    for (const stream of Object.values(work)) {
      const infos = await this.nats.jsm.consumers.list(stream).next();
      for (const info of infos) {
        const durable = info.config.durable_name;
        if (!durable) continue;
        lags.push({
          name: durable.startsWith(prefix) ? durable.slice(prefix.length) : durable,
          stream,
          pending: info.num_pending,
          ackPending: info.num_ack_pending,
          redelivered: info.num_redelivered,
        });
      }
    }
    return lags.sort((a, b) => a.name.localeCompare(b.name));
  }
}
