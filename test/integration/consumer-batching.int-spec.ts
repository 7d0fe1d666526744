import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { ConfigModule } from '@lib/config';
import { decodeEventEnvelope, EventEnvelope } from '@lib/contracts';
import { Delivery, JetStreamConsumer, JetStreamPublisher, MessagingModule, NatsConnectionService, NatsHealthIndicator, SingleConsumerOptions } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { startConsumerContext } from '../support/consumer-context';
import { testConfig, waitFor } from '../support/test-config';

/** The held stage's consumer: live envelopes, durable `held`. */
const HELD_CONSUMER = { stage: 'held', stream: (n) => n.streams.events, durable: 'held', filterSubject: (n) => n.subjects.events('live'), decode: decodeEventEnvelope } satisfies SingleConsumerOptions<EventEnvelope>;

/** Records each batch's envelope ids; the first batch is held until the test releases it. */
@Injectable()
class HeldStage {
  readonly batches: string[][] = [];
  /** Payload bytes of each message, per batch. */
  readonly sizes: number[][] = [];
  private releaseFirst!: () => void;
  private readonly firstReleased = new Promise<void>((resolve) => (this.releaseFirst = resolve));

  @JetStreamConsumer(HELD_CONSUMER)
  async handle(batch: Delivery<EventEnvelope>[]): Promise<void> {
    this.batches.push(batch.map((d) => d.data.id));
    this.sizes.push(batch.map((d) => d.msg.data.length));
    if (this.batches.length === 1) await this.firstReleased;
  }

  release(): void {
    this.releaseFirst();
  }
}

const STAGE_BATCH_BYTES = 4096;

/** The same stage with a byte bound of its own (the leaderboard's kind of setting). */
@Injectable()
class SmallBatchHeldStage extends HeldStage {
  @JetStreamConsumer({ ...HELD_CONSUMER, batchBytes: STAGE_BATCH_BYTES })
  override async handle(batch: Delivery<EventEnvelope>[]): Promise<void> {
    await super.handle(batch);
  }
}

/** A held stage alone, one slot, batches of up to 8 envelopes (and `overrides`). */
async function startHeldStage(
  overrides: Record<string, string>,
  stageClass: typeof HeldStage = HeldStage,
): Promise<{ app: INestApplicationContext; stage: HeldStage }> {
  const config = testConfig({ CONSUMER_BATCH_SIZE: '8', CONSUMER_CONCURRENCY: '1', CONSUMER_BATCH_WAIT_MS: '10', ...overrides });
  @Module({
    imports: [ConfigModule.forRoot(config), MessagingModule, ObservabilityModule.forApp([NatsHealthIndicator])],
    providers: [stageClass],
  })
  class HeldModule {}
  const app = await startConsumerContext(HeldModule, 'held');
  return { app, stage: app.get(stageClass) };
}

/** A failed test may have left the first batch held, and closing waits for in-flight batches: release it first. */
async function stopHeldStage(app: INestApplicationContext | undefined, stage: HeldStage | undefined): Promise<void> {
  stage?.release();
  await app?.close();
}

describe('JetStream consumer: batches while every slot is busy', () => {
  let app: INestApplicationContext;
  let stage: HeldStage;

  beforeAll(async () => {
    ({ app, stage } = await startHeldStage({}));
  });

  afterAll(async () => {
    await stopHeldStage(app, stage);
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

/**
 * While the only slot is busy, eight envelopes would make one batch by count alone: every batch of
 * more than one message stays within `batchBytes`, and a message larger than that goes alone.
 */
async function expectBatchesWithinBytes(app: INestApplicationContext, stage: HeldStage, batchBytes: number): Promise<void> {
  const nats = app.get(NatsConnectionService);
  const publisher = app.get(JetStreamPublisher);
  // Envelopes of `count` events with 1,400-character titles: ~1.5 KB per event.
  const publish = (id: string, count: number) => {
    const events = Array.from({ length: count }, (_, i) => ({ eventId: `${id}-${i}`, userId: 'u', app: 'a', title: 'x'.repeat(1400), startedAtMs: Date.now(), durationSec: 1 }));
    return publisher.publishJson(nats.names.subjects.events('live'), { id, lane: 'live', events }, { msgId: id });
  };

  await publish('first', 1);
  await waitFor(async () => stage.batches.length === 1, 'the first batch to start');
  const sent: Array<[string, number]> = [['a', 1], ['b', 1], ['c', 1], ['d', 1], ['big', 4], ['e', 1], ['f', 1]];
  for (const [id, count] of sent) await publish(id, count);
  await new Promise((r) => setTimeout(r, 100));
  stage.release();
  await waitFor(async () => stage.batches.flat().length === sent.length + 1, 'every envelope handled');

  expect(stage.batches.flat().sort()).toEqual(['a', 'b', 'big', 'c', 'd', 'e', 'f', 'first']);
  const later = stage.batches.slice(1);
  expect(later.length).toBeGreaterThanOrEqual(4);
  stage.sizes.slice(1).forEach((sizes, i) => {
    if (sizes.length > 1) expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(batchBytes);
    if (later[i].includes('big')) expect(later[i]).toEqual(['big']);
  });
  expect(later.some((batch) => batch.length > 1)).toBe(true);
}

describe('JetStream consumer: batches bounded in bytes', () => {
  const BATCH_BYTES = 4096;
  let app: INestApplicationContext;
  let stage: HeldStage;

  beforeAll(async () => {
    ({ app, stage } = await startHeldStage({ CONSUMER_BATCH_BYTES: String(BATCH_BYTES) }));
  });

  afterAll(async () => {
    await stopHeldStage(app, stage);
  });

  it('seals a batch before a message would take it past CONSUMER_BATCH_BYTES; a larger message goes alone', async () => {
    await expectBatchesWithinBytes(app, stage, BATCH_BYTES);
  });
});

describe("JetStream consumer: a stage's own byte bound", () => {
  let app: INestApplicationContext;
  let stage: HeldStage;

  beforeAll(async () => {
    // CONSUMER_BATCH_BYTES stays at its default (8 MiB): the stage's 4 KiB is the smaller.
    ({ app, stage } = await startHeldStage({}, SmallBatchHeldStage));
  });

  afterAll(async () => {
    await stopHeldStage(app, stage);
  });

  it('seals batches at the batchBytes the stage declares when it is below CONSUMER_BATCH_BYTES', async () => {
    await expectBatchesWithinBytes(app, stage, STAGE_BATCH_BYTES);
  });
});
