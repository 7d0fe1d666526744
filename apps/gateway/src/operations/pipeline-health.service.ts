import { Injectable } from '@nestjs/common';
import { KV } from 'nats';
import { AppConfig } from '@lib/config';
import { maintenanceBucket, MaintenanceRecord, readMaintenanceRecord } from '@lib/contracts';
import { isJetStreamError, JetStreamErrorCode, NatsConnectionService } from '@lib/messaging';
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
  /** The leaderboard's last daily maintenance (archive, verify of the day before); null before its first. */
  maintenance: MaintenanceRecord | null;
}

/**
 * What the dashboard's health panel shows: throughput and latency from the stages' published
 * stats, lag straight from JetStream's consumer state, dead letters from the DLQ stream, the
 * daily maintenance's outcome from the KV record the leaderboard keeps.
 */
@Injectable()
export class PipelineHealthService {
  private maintenanceKv?: KV;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly stats: StageStatsCollector,
    private readonly deadLetters: DeadLetterStore,
    private readonly config: AppConfig,
  ) {}

  async pipeline(): Promise<PipelineHealth> {
    const [consumers, byStage, maintenance] = await Promise.all([this.consumers(), this.deadLetters.countByStage(), this.maintenance()]);
    const summary = this.stats.summary();
    return {
      at: new Date().toISOString(),
      windowSec: summary.windowSec,
      stages: summary.stages,
      ingestToLeaderboardSeconds: summary.ingestToLeaderboardSeconds,
      consumers,
      deadLetters: { pending: Object.values(byStage).reduce((a, b) => a + b, 0), byStage },
      maintenance,
    };
  }

  private async maintenance(): Promise<MaintenanceRecord | null> {
    // Bound, not created: the bucket is the leaderboard's, made at its first daily check.
    this.maintenanceKv ??= await this.nats.js.views.kv(maintenanceBucket(this.config.PIPELINE_PREFIX), { bindOnly: true });
    try {
      return await readMaintenanceRecord(this.maintenanceKv);
    } catch (error) {
      if (isJetStreamError(error, JetStreamErrorCode.STREAM_NOT_FOUND)) return null;
      throw error;
    }
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
