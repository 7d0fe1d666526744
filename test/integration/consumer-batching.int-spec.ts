import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { ConfigModule } from '@lib/config';
import { assertEventEnvelope, EventEnvelope } from '@lib/contracts';
import { Delivery, JetStreamConsumer, JetStreamPublisher, MessagingModule, NatsConnectionService, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { startConsumerContext } from '../support/consumer-context';
import { testConfig, waitFor } from '../support/test-config';

/** Records each batch's envelope ids; the first batch is held until the test releases it. */
@Injectable()
class HeldStage {
  readonly batches: string[][] = [];
  private releaseFirst!: () => void;
  private readonly firstReleased = new Promise<void>((resolve) => (this.releaseFirst = resolve));

  @JetStreamConsumer({ stage: 'held', stream: (n) => n.streams.events, durable: 'held', filterSubject: (n) => n.subjects.events('live'), decode: assertEventEnvelope })
  async handle(batch: Delivery<EventEnvelope>[]): Promise<void> {
    this.batches.push(batch.map((d) => d.data.id));
    if (this.batches.length === 1) await this.firstReleased;
  }

  release(): void {
    this.releaseFirst();
  }
}

describe('JetStream consumer: batches while every slot is busy', () => {
  let app: INestApplicationContext;
  let stage: HeldStage;

  beforeAll(async () => {
    const config = testConfig({ CONSUMER_BATCH_SIZE: '8', CONSUMER_CONCURRENCY: '1', CONSUMER_BATCH_WAIT_MS: '10' });
    @Module({
      imports: [ConfigModule.forRoot(config), MessagingModule, ObservabilityModule.forApp([NatsHealthIndicator])],
      providers: [HeldStage],
    })
    class HeldModule {}
    app = await startConsumerContext(HeldModule, 'held');
    stage = app.get(HeldStage);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps filling the next batch past the batch wait until a slot frees, instead of queueing small batches', async () => {
    const nats = app.get(NatsConnectionService);
    const publisher = app.get(JetStreamPublisher);
    const publish = (id: string) =>
      publisher.publishJson(nats.names.subjects.events('live'), { id, lane: 'live', events: [{ eventId: id, userId: 'u', app: 'a', startedAtMs: Date.now(), durationSec: 1 }] }, { msgId: id });

    await publish('first');
    await waitFor(async () => stage.batches.length === 1, 'the first batch to start');
    // Each arrives after the previous one's batch wait (10 ms) ran out, while the only slot is busy.
    for (const id of ['b', 'c', 'd', 'e']) {
      await publish(id);
      await new Promise((r) => setTimeout(r, 40));
    }
    stage.release();
    await waitFor(async () => stage.batches.flat().length === 5, 'every envelope handled');
    expect(stage.batches).toEqual([['first'], ['b', 'c', 'd', 'e']]);
  });
});
