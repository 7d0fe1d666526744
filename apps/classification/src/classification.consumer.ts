import { Injectable } from '@nestjs/common';
import { decodeEventEnvelope, EventEnvelope, splitEnvelopeId } from '@lib/contracts';
import { Delivery, JetStreamConsumer, JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { ClassificationService } from './classification.service';

/**
 * Live and bulk events arrive on separate durable consumers and leave on their lane's subjects,
 * so an import never queues in front of live traffic (the bulk durable runs BULK_CONCURRENCY
 * batches at once per instance, leaving the rest of the CPU to live events). A fetched batch
 * of envelopes is classified together (one known-answer query for all of it). Each input
 * envelope yields at most two outputs whose ids derive from its own and from the events each
 * carries (splitEnvelopeId): a redelivery republishes the same ids and JetStream drops the
 * copies, unless what classification knows changed in between and the split with it. An output
 * too large for one message goes in several, each named by the events it carries.
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
    durable: 'classification',
    laneSubject: (n, lane) => n.subjects.events(lane),
    decode: decodeEventEnvelope,
  })
  async handle(batch: Delivery<EventEnvelope>[]): Promise<void> {
    const { subjects } = this.nats.names;
    const splits = await this.classification.classifyEnvelopes(batch.map((delivery) => delivery.data.events));
    const publishes: Promise<unknown>[] = [];
    batch.forEach((delivery, i) => {
      const envelope = delivery.data;
      const { classified, unknown } = splits[i];
      const headers = delivery.forwardedHeaders();
      if (classified.length > 0) {
        publishes.push(this.publisher.publishEnvelopes(subjects.classified(envelope.lane), envelope.lane, classified, (part) => splitEnvelopeId(envelope.id, 'classified', part), headers));
      }
      if (unknown.length > 0) {
        publishes.push(this.publisher.publishEnvelopes(subjects.unclassified(envelope.lane), envelope.lane, unknown, (part) => splitEnvelopeId(envelope.id, 'unclassified', part), headers));
      }
      this.metrics.eventsTotal.inc({ stage: 'classification' }, envelope.events.length);
    });
    // Ack (by returning) only once every output is stored in its stream.
    await Promise.all(publishes);
  }
}
