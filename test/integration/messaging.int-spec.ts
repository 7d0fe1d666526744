import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { AckPolicy, JsMsg } from 'nats';
import { AppConfig, ConfigModule } from '@lib/config';
import { decodeEventEnvelope, EventEnvelope } from '@lib/contracts';
import { Delivery, JetStreamConsumer, JetStreamPublisher, MessagingModule, NatsConnectionService, NatsHealthIndicator, oldestUnackedAt } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoPersistenceModule } from '@lib/persistence';
import { startConsumerContext } from '../support/consumer-context';
import { testConfig, waitFor } from '../support/test-config';

interface Attempt {
  envelopeId: string;
  deliveryCount: number;
  at: number;
}

/** A stage whose write succeeds but which fails on the first delivery of "flaky" and always on "poison". */
@Injectable()
class FlakyStage {
  readonly attempts: Attempt[] = [];

  constructor(private readonly mongo: Connection) {}

  @JetStreamConsumer({ stage: 'probe', stream: (n) => n.streams.events, durable: 'probe', filterSubject: (n) => n.subjects.events('live'), decode: decodeEventEnvelope })
  async handle(batch: Delivery<EventEnvelope>[]): Promise<void> {
    for (const delivery of batch) {
      this.attempts.push({ envelopeId: delivery.data.id, deliveryCount: delivery.deliveryCount, at: Date.now() });
      await this.mongo.collection('probe_writes').updateOne({ _id: delivery.data.id as never }, { $setOnInsert: { at: new Date() } }, { upsert: true });
      if (delivery.data.id === 'poison' || (delivery.data.id === 'flaky' && delivery.deliveryCount === 1)) throw new Error('boom');
    }
  }
}

describe('JetStream consumer: ack after write, retry with backoff, dead letters', () => {
  let config: AppConfig;
  let app: INestApplicationContext;
  let stage: FlakyStage;

  beforeAll(async () => {
    config = testConfig({ RETRY_BASE_MS: '400', MAX_DELIVERIES: '3', CONSUMER_BATCH_SIZE: '1' });
    @Module({
      imports: [ConfigModule.forRoot(config), MessagingModule, MongoPersistenceModule, ObservabilityModule.forApp([NatsHealthIndicator])],
      providers: [{ provide: FlakyStage, inject: [getConnectionToken()], useFactory: (c: Connection) => new FlakyStage(c) }],
    })
    class ProbeModule {}
    app = await startConsumerContext(ProbeModule, 'probe');
    stage = app.get(FlakyStage);
  });

  afterAll(async () => {
    await app?.close();
  });

  const envelope = (id: string): EventEnvelope => ({ id, lane: 'live', events: [{ eventId: id, userId: 'u', app: 'a', startedAtMs: Date.now(), durationSec: 1 }] });

  it('redelivers a failed message after a delay and writes it exactly once', async () => {
    const nats = app.get(NatsConnectionService);
    await app.get(JetStreamPublisher).publishJson(nats.names.subjects.events('live'), envelope('flaky'), { msgId: 'flaky' });
    await waitFor(async () => stage.attempts.filter((a) => a.envelopeId === 'flaky').length >= 2, 'the redelivery');
    const [first, second] = stage.attempts.filter((a) => a.envelopeId === 'flaky');
    expect([first.deliveryCount, second.deliveryCount]).toEqual([1, 2]);
    expect(second.at - first.at).toBeGreaterThanOrEqual(400);

    const durable = `${config.PIPELINE_PREFIX}-probe`;
    await waitFor(async () => (await nats.jsm.consumers.info(nats.names.streams.events, durable)).num_ack_pending === 0, 'the ack');
    await new Promise((r) => setTimeout(r, 1000));
    expect(stage.attempts.filter((a) => a.envelopeId === 'flaky')).toHaveLength(2);
    expect(await app.get<Connection>(getConnectionToken()).collection('probe_writes').countDocuments({ _id: 'flaky' as never })).toBe(1);
  });

  it('dead-letters a message that fails every allowed delivery, with reason and origin', async () => {
    const nats = app.get(NatsConnectionService);
    await app.get(JetStreamPublisher).publishJson(nats.names.subjects.events('live'), envelope('poison'), { msgId: 'poison', headers: { 'ap-correlation-id': 'corr-1' } });
    const info = await waitFor(async () => {
      const i = await nats.jsm.streams.info(nats.names.streams.deadLetter);
      return i.state.messages > 0 && i;
    }, 'the dead letter', 20_000);
    expect(info.state.messages).toBe(1);
    const letter = await nats.jsm.streams.getMessage(nats.names.streams.deadLetter, { seq: info.state.first_seq });
    expect(letter.header.get('ap-dlq-reason')).toBe('failed 3 deliveries: boom');
    expect(letter.header.get('ap-dlq-deliveries')).toBe('3');
    expect(letter.header.get('ap-dlq-subject')).toBe(nats.names.subjects.events('live'));
    expect(letter.header.get('ap-correlation-id')).toBe('corr-1');
    expect(JSON.parse(new TextDecoder().decode(letter.data)).id).toBe('poison');
    const attempts = stage.attempts.filter((a) => a.envelopeId === 'poison').map((a) => a.deliveryCount);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('finds the oldest message a consumer has not acknowledged: delivered or not, acked out of order or not', async () => {
    const nats = app.get(NatsConnectionService);
    const stream = `${config.PIPELINE_PREFIX}-BACKLOG-PROBE`.toUpperCase();
    const subject = (s: string) => `${config.PIPELINE_PREFIX}.backlogprobe.${s}`;
    await nats.jsm.streams.add({ name: stream, subjects: [subject('>')] });
    const durable = 'backlog-probe';
    await nats.jsm.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, filter_subject: subject('a') });
    const oldest = async () => oldestUnackedAt(nats.jsm, await nats.jsm.consumers.info(stream, durable));
    try {
      expect(await oldest()).toBeNull();
      const stored: Record<string, Date> = {};
      for (const name of ['a1', 'b1', 'a2', 'a3']) {
        const ack = await nats.js.publish(subject(name.slice(0, 1)), Buffer.from(name));
        stored[name] = (await nats.jsm.streams.getMessage(stream, { seq: ack.seq })).time;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await oldest()).toEqual(stored.a1); // none delivered yet

      const fetched: JsMsg[] = [];
      for await (const msg of await (await nats.js.consumers.get(stream, durable)).fetch({ max_messages: 2, expires: 2000 })) fetched.push(msg);
      expect(fetched.map((m) => m.string())).toEqual(['a1', 'a2']);
      await fetched[1].ackAck(); // out of order: a1 is still in flight
      expect(await oldest()).toEqual(stored.a1);
      await fetched[0].ackAck();
      expect(await oldest()).toEqual(stored.a3); // the undelivered one, b1 is not this consumer's

      for await (const msg of await (await nats.js.consumers.get(stream, durable)).fetch({ max_messages: 1, expires: 2000 })) await msg.ackAck();
      expect(await oldest()).toBeNull();
    } finally {
      await nats.jsm.streams.delete(stream);
    }
  });
});
