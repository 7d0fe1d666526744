import { Injectable } from '@nestjs/common';
import { assertEventEnvelope, ClassifiedEnvelope, EventEnvelope } from '@lib/contracts';
import { Delivery, JetStreamConsumer, JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { ClassificationService } from './classification.service';

/**
 * Live and bulk events arrive on separate durable consumers, so an import never queues in
 * front of live traffic. A fetched batch of envelopes is classified together (one known-answer
 * query for all of it). Each input envelope yields at most two outputs whose ids derive from
 * its own: a redelivery republishes the same ids and JetStream drops the copies.
 */
@Injectable()
export class ClassificationConsumer {
  constructor(
    private readonly classification: ClassificationService,
    private readonly publisher: JetStreamPublisher,
    private readonly nats: NatsConnectionService,
    private readonly metrics: PipelineMetrics,
  ) {}

  @JetStreamConsumer({
    stage: 'classification',
    stream: (n) => n.streams.events,
    durable: 'classification-live',
    filterSubject: (n) => n.subjects.events('live'),
    decode: assertEventEnvelope,
  })
  handleLive(batch: Delivery<EventEnvelope>[]): Promise<void> {
    return this.handle(batch);
  }

  @JetStreamConsumer({
    stage: 'classification',
    stream: (n) => n.streams.events,
    durable: 'classification-bulk',
    filterSubject: (n) => n.subjects.events('bulk'),
    decode: assertEventEnvelope,
    concurrency: 1,
  })
  handleBulk(batch: Delivery<EventEnvelope>[]): Promise<void> {
    return this.handle(batch);
  }

  private async handle(batch: Delivery<EventEnvelope>[]): Promise<void> {
    const { subjects } = this.nats.names;
    const splits = await this.classification.classifyEnvelopes(batch.map((delivery) => delivery.data.events));
    const publishes: Promise<unknown>[] = [];
    batch.forEach((delivery, i) => {
      const envelope = delivery.data;
      const { classified, unknown } = splits[i];
      const headers = delivery.forwardedHeaders();
      if (classified.length > 0) {
        const out: ClassifiedEnvelope = { id: `${envelope.id}:classified`, lane: envelope.lane, events: classified };
        publishes.push(this.publisher.publishJson(subjects.classified, out, { msgId: out.id, headers }));
      }
      if (unknown.length > 0) {
        const out: EventEnvelope = { id: `${envelope.id}:unclassified`, lane: envelope.lane, events: unknown };
        publishes.push(this.publisher.publishJson(subjects.unclassified, out, { msgId: out.id, headers }));
      }
      this.metrics.eventsTotal.inc({ stage: 'classification' }, envelope.events.length);
    });
    // Ack (by returning) only once every output is stored in its stream.
    await Promise.all(publishes);
  }
}
