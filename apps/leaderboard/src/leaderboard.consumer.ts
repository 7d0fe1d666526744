import { Injectable } from '@nestjs/common';
import { assertClassifiedEnvelope, ClassifiedEnvelope, HEADERS } from '@lib/contracts';
import { Delivery, JetStreamConsumer } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { LeaderboardWriterService } from './leaderboard-writer.service';

/**
 * Envelopes per write on the live lane. Envelopes hold up to 1,000 events: 8 of them make inserts
 * big enough to amortize round trips without one batch waiting on a huge insertMany
 * (measured: docs/leaderboards.md).
 */
export const LEADERBOARD_BATCH_ENVELOPES = 8;

@Injectable()
export class LeaderboardConsumer {
  constructor(private readonly writer: LeaderboardWriterService, private readonly metrics: PipelineMetrics) {}

  /**
   * One durable per lane (imports never delay live events). A whole fetched batch of envelopes is
   * written with one insertMany and one Redis script call.
   */
  @JetStreamConsumer({
    stage: 'leaderboard',
    batchSize: LEADERBOARD_BATCH_ENVELOPES,
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
