import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The Prometheus series every app exposes at /metrics (one registry per process). */
@Injectable()
export class PipelineMetrics {
  readonly registry = new Registry();

  readonly messagesTotal = new Counter({
    name: 'ap_stage_messages_total',
    help: 'JetStream messages handled per stage and outcome (ack, retry, dead_letter)',
    labelNames: ['stage', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventsTotal = new Counter({
    name: 'ap_stage_events_total',
    help: 'Events processed per stage',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly handlerSeconds = new Histogram({
    name: 'ap_stage_handler_seconds',
    help: 'Time to handle one batch of messages, per stage',
    labelNames: ['stage'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'ap_stage_batch_messages',
    help: 'Messages per handled batch, per stage',
    labelNames: ['stage'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
    registers: [this.registry],
  });

  readonly redeliveries = new Counter({
    name: 'ap_stage_redeliveries_total',
    help: 'Messages received with a delivery count above 1, per stage',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'ap_dead_letters_total',
    help: 'Messages sent to the dead-letter stream, per stage and reason class',
    labelNames: ['stage', 'kind'] as const,
    registers: [this.registry],
  });

  readonly consumerPending = new Gauge({
    name: 'ap_consumer_pending_messages',
    help: 'Messages in the stream not yet delivered to the durable consumer (lag)',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  readonly consumerAckPending = new Gauge({
    name: 'ap_consumer_ack_pending_messages',
    help: 'Messages delivered to the durable consumer and not yet acknowledged',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  readonly storeSeconds = new Histogram({
    name: 'ap_store_operation_seconds',
    help: 'Latency of Mongo and Redis operations',
    labelNames: ['store', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpEventsTotal = new Counter({
    name: 'ap_http_events_total',
    help: 'Events received over HTTP by outcome (accepted, duplicate, rejected)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Times an async store operation into ap_store_operation_seconds. */
  async timeStore<T>(store: 'mongo' | 'redis', operation: string, run: () => Promise<T>): Promise<T> {
    const end = this.storeSeconds.startTimer({ store, operation });
    try {
      return await run();
    } finally {
      end();
    }
  }
}
