import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { KV } from 'nats';
import { AppConfig } from '@lib/config';
import { maintenanceBucket, MaintenanceRecord, readMaintenanceRecord } from '@lib/contracts';
import { isJetStreamError, JetStreamErrorCode, NatsConnectionService, oldestUnackedAt } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { BoardCalendar } from '../leaderboards/board-calendar.service';
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
  /** Age of the oldest message not yet acknowledged, null when none; the stream deletes it at streamMaxAgeSec. */
  oldestUnackedAgeSec: number | null;
}

export interface PipelineHealth {
  at: string;
  /** The zone of the boards' days (the leaderboard app's TIME_ZONE): the dashboard reckons today and its times in it. */
  boardsTimeZone: string;
  windowSec: number;
  stages: StageSummary[];
  ingestToLeaderboardSeconds: LatencyPercentiles | null;
  consumers: ConsumerLag[];
  /** Retention of the work streams (STREAM_MAX_AGE_HOURS): older messages are deleted, handled or not. */
  streamMaxAgeSec: number;
  deadLetters: { pending: number; byStage: Record<string, number> };
  /** The leaderboard's last daily maintenance (archive, verify of the day before); null before its first. */
  maintenance: MaintenanceRecord | null;
}

const CONSUMER_GAUGE_REFRESH_MS = 15_000;

/**
 * What the dashboard's health panel shows: throughput and latency from the stages' published
 * stats, lag straight from JetStream's consumer state, dead letters from the DLQ stream, the
 * daily maintenance's outcome from the KV record the leaderboard keeps.
 *
 * Also keeps `ap_consumer_oldest_unacked_age_seconds` and `ap_consumer_pending_messages` for every
 * consumer: here and not only in the stages, because a stage that is not running at all is the one
 * whose backlog grows and whose events age toward the streams' retention, and it reports nothing.
 */
@Injectable()
export class PipelineHealthService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PipelineHealthService.name);
  private maintenanceKv?: KV;
  private gaugeTimer?: NodeJS.Timeout;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly stats: StageStatsCollector,
    private readonly deadLetters: DeadLetterStore,
    private readonly config: AppConfig,
    private readonly metrics: PipelineMetrics,
    private readonly boardCalendar: BoardCalendar,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.streamMaxAge.set(this.config.STREAM_MAX_AGE_HOURS * 3600);
    this.gaugeTimer = setInterval(() => void this.refreshConsumerGauges(), CONSUMER_GAUGE_REFRESH_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.gaugeTimer);
  }

  async pipeline(): Promise<PipelineHealth> {
    const [consumers, byStage, maintenance] = await Promise.all([this.consumers(), this.deadLetters.countByStage(), this.maintenance()]);
    const summary = this.stats.summary();
    return {
      at: new Date().toISOString(),
      boardsTimeZone: this.boardCalendar.timeZone,
      windowSec: summary.windowSec,
      stages: summary.stages,
      ingestToLeaderboardSeconds: summary.ingestToLeaderboardSeconds,
      consumers,
      streamMaxAgeSec: this.config.STREAM_MAX_AGE_HOURS * 3600,
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
    return (await this.consumerStates()).map((state) => state.lag);
  }

  private async consumerStates(): Promise<Array<{ durable: string; lag: ConsumerLag }>> {
    const { deadLetter, ...work } = this.nats.names.streams;
    const prefix = `${this.config.PIPELINE_PREFIX}-`;
    const states: Array<Promise<{ durable: string; lag: ConsumerLag }>> = [];
    const now = Date.now();
    for (const stream of Object.values(work)) {
      const infos = await this.nats.reachableJsm.consumers.list(stream).next();
      for (const info of infos) {
        const durable = info.config.durable_name;
        if (!durable) continue;
        states.push(
          oldestUnackedAt(this.nats.reachableJsm, info).then((oldest) => ({
            durable,
            lag: {
              name: durable.startsWith(prefix) ? durable.slice(prefix.length) : durable,
              stream,
              pending: info.num_pending,
              ackPending: info.num_ack_pending,
              redelivered: info.num_redelivered,
              oldestUnackedAgeSec: oldest ? Math.max(0, Math.round((now - oldest.getTime()) / 1000)) : null,
            },
          })),
        );
      }
    }
    return (await Promise.all(states)).sort((a, b) => a.lag.name.localeCompare(b.lag.name));
  }

  /** Every gateway instance reports the same stream-wide numbers: alert on max(), not sum(). */
  private async refreshConsumerGauges(): Promise<void> {
    if (!this.nats.isConnected) return;
    try {
      const states = await this.consumerStates();
      // Reset first: a consumer deleted since the last refresh leaves no stale series.
      this.metrics.consumerOldestUnackedAge.reset();
      this.metrics.consumerPending.reset();
      for (const { durable, lag } of states) {
        this.metrics.consumerOldestUnackedAge.set({ consumer: durable }, lag.oldestUnackedAgeSec ?? 0);
        this.metrics.consumerPending.set({ consumer: durable }, lag.pending);
      }
    } catch (error) {
      this.logger.warn({ msg: 'could not read the consumers\' state for their gauges (pending, oldest unacknowledged)', err: String(error) });
    }
  }
}
