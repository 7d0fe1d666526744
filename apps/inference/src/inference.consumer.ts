import { Injectable } from '@nestjs/common';
import { assertEventEnvelope, ClassifiedEnvelope, EventEnvelope } from '@lib/contracts';
import { Delivery, JetStreamConsumer, JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { InferenceService } from './inference.service';

@Injectable()
export class InferenceConsumer {
  constructor(
    private readonly inference: InferenceService,
    private readonly publisher: JetStreamPublisher,
    private readonly nats: NatsConnectionService,
    private readonly metrics: PipelineMetrics,
  ) {}

  @JetStreamConsumer({
    stage: 'inference',
    stream: (n) => n.streams.unclassified,
    durable: 'inference',
    filterSubject: (n) => n.subjects.unclassified,
    decode: assertEventEnvelope,
  })
  async handle(batch: Delivery<EventEnvelope>[]): Promise<void> {
    await Promise.all(
      batch.map(async (delivery) => {
        const envelope = delivery.data;
        const events = await this.inference.infer(envelope.events);
        const out: ClassifiedEnvelope = { id: `${envelope.id}:inferred`, lane: envelope.lane, events };
        await this.publisher.publishJson(this.nats.names.subjects.classified, out, { msgId: out.id, headers: delivery.forwardedHeaders() });
        this.metrics.eventsTotal.inc({ stage: 'inference' }, events.length);
      }),
    );
  }
}
