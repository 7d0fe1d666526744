import { Injectable } from '@nestjs/common';
import { ClassifiedEvent, decodeEventEnvelope, EventEnvelope, outputEnvelopeId, splitEnvelopeId } from '@lib/contracts';
import { Delivery, JetStreamConsumer, JetStreamPublisher, NatsConnectionService } from '@lib/messaging';
import { PipelineMetrics } from '@lib/observability';
import { InferenceService } from './inference.service';

/**
 * One durable per lane (imports never delay live events). A fetched batch of envelopes is
 * inferred together (one model run, one answer write), then each envelope yields
 * `<id>:inferred`: a redelivery republishes the same id and JetStream drops the copy (an output
 * too large for one message goes in parts, `<id>:inferred:<digest of their event ids>`).
 */
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
    laneSubject: (n, lane) => n.subjects.unclassified(lane),
    decode: decodeEventEnvelope,
  })
  async handle(batch: Delivery<EventEnvelope>[]): Promise<void> {
    // One durable per lane: a batch is of one lane (live, should one ever come here, wins).
    const lane = batch.some((delivery) => delivery.data.lane === 'live') ? 'live' : 'bulk';
    const inferred = await this.inference.inferEnvelopes(batch.map((delivery) => delivery.data.events), lane);
    // Ack (by returning) only once every output is stored in its stream.
    await Promise.all(
      batch.map(async (delivery, i) => {
        const envelope = delivery.data;
        const events = inferred[i];
        // One message keeps its historical id; parts of a larger output are named by their events.
        const idOf = (part: ClassifiedEvent[]) => (part === events ? outputEnvelopeId(envelope.id, 'inferred') : splitEnvelopeId(envelope.id, 'inferred', part));
        await this.publisher.publishEnvelopes(this.nats.names.subjects.classified(envelope.lane), envelope.lane, events, idOf, delivery.forwardedHeaders());
        this.metrics.eventsTotal.inc({ stage: 'inference' }, events.length);
      }),
    );
  }
}
