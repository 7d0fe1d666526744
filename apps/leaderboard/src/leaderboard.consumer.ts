import { Injectable } from '@nestjs/common';
import { assertClassifiedEnvelope, ClassifiedEnvelope, HEADERS } from '@lib/contracts';
import { Delivery, JetStreamConsumer } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { LeaderboardWriterService } from './leaderboard-writer.service';

/**
 * A write on the live lane: up to 4 MiB of envelopes, about 8 of 1,000 events (~450 bytes each
 * once classified), big enough to amortize an insert's and a Redis script's fixed cost without
 * one batch waiting on a huge insertMany (measured: docs/leaderboards.md). Bounded in bytes, not
 * envelopes, so small envelopes (a tracker's 100 events) make batches as big: at 8 envelopes
 * they made 800-event writes, and the stage topped out near 4,100 events/s.
 */
export const LEADERBOARD_BATCH = { bytes: 4 * 1024 * 1024, envelopes: 64 };

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
    decode: assertClassifiedEnvelope,
  })
  async handle(batch: Delivery<ClassifiedEnvelope>[]): Promise<void> {
    await this.writer.write(batch.map((d) => d.data));
    this.metrics.eventsTotal.inc({ stage: 'leaderboard' }, batch.reduce((n, d) => n + d.data.events.length, 0));
    this.metrics.observeSinceIngest(batch.map((d) => d.header(HEADERS.ingestedAt)));
  }
}
