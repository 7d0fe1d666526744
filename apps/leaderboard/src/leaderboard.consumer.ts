import { Injectable } from '@nestjs/common';
import { decodeClassifiedEnvelope, ClassifiedEnvelope, HEADERS } from '@lib/contracts';
import { Delivery, JetStreamConsumer } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { LeaderboardWriterService } from './leaderboard-writer.service';

/**
 * A write on the live lane: up to 2 MiB of envelopes, about 5 of 1,000 events (~450 bytes each
 * once classified) or 45 of 100. Bounded in bytes, not envelopes, so small envelopes (a tracker's
 * 100 events) make batches as big: at 8 envelopes they made 800-event writes, and the stage topped
 * out near 4,100 events/s. A write's Redis script pays per distinct user, board and period, not per
 * event: against 1 MiB, half the scripts and a third less Redis CPU at full load. Not bigger: the
 * pull buffer holds three batches, and 4 MiB raised peak RSS for no measured gain
 * (docs/leaderboards.md, "Batches in bytes").
 */
export const LEADERBOARD_BATCH = { bytes: 2 * 1024 * 1024, envelopes: 64 };

@Injectable()
export class LeaderboardConsumer {
  constructor(private readonly writer: LeaderboardWriterService, private readonly metrics: PipelineMetrics) {}

  /**
   * One durable per lane (imports never delay live events). A whole fetched batch of envelopes is
   * written with one insertMany and one Redis script call.
   */
  @JetStreamConsumer({
    stage: 'leaderboard',
    batchSize: LEADERBOARD_BATCH.envelopes,
    batchBytes: LEADERBOARD_BATCH.bytes,
    // FerretDB (SQLite) writes one insert at a time: a big bulk insert would hold live ones back.
    bulkBatchSize: 1,
    stream: (n) => n.streams.classified,
    durable: 'leaderboard',
    laneSubject: (n, lane) => n.subjects.classified(lane),
    decode: decodeClassifiedEnvelope,
  })
  async handle(batch: Delivery<ClassifiedEnvelope>[]): Promise<void> {
    await this.writer.write(batch.map((d) => d.data), new Set(batch.filter((d) => d.deliveryCount > 1).map((d) => d.data.id)));
    this.metrics.eventsTotal.inc({ stage: 'leaderboard' }, batch.reduce((n, d) => n + d.data.events.length, 0));
    this.metrics.observeSinceIngest(batch.map((d) => d.header(HEADERS.ingestedAt)));
  }
}
