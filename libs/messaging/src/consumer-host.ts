import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AppConfig } from '@lib/config';
import { PipelineMetrics } from '@lib/observability';
import { ConsumerLoop } from './consumer-loop';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { Delivery } from './delivery';
import { JETSTREAM_CONSUMER, JetStreamConsumerOptions } from './messaging.decorators';
import { NatsConnectionService } from './nats-connection.service';
import { StreamProvisioner } from './stream-provisioner';

/** Finds every @JetStreamConsumer method of the app and runs a ConsumerLoop for it. */
@Injectable()
export class ConsumerHost implements OnModuleDestroy {
  private readonly logger = new Logger('ConsumerHost');
  private readonly loops: ConsumerLoop<unknown>[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly nats: NatsConnectionService,
    private readonly provisioner: StreamProvisioner,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: PipelineMetrics,
    private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const methodName of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[methodName] as (batch: Delivery<unknown>[]) => Promise<void>;
        const options = this.reflector.get<JetStreamConsumerOptions | undefined>(JETSTREAM_CONSUMER, method);
        if (!options) continue;
        const names = this.nats.names;
        if ('laneSubject' in options) {
          await this.startLoop(options, names.durable(options.durable, 'live'), options.laneSubject(names, 'live'), options, method.bind(instance));
          const bulk = { batchSize: options.bulkBatchSize ?? options.batchSize, concurrency: this.config.BULK_CONCURRENCY };
          await this.startLoop(options, names.durable(options.durable, 'bulk'), options.laneSubject(names, 'bulk'), bulk, method.bind(instance));
        } else {
          await this.startLoop(options, names.durable(options.durable), options.filterSubject(names), options, method.bind(instance));
        }
      }
    }
  }

  private async startLoop(
    options: JetStreamConsumerOptions,
    durable: string,
    filterSubject: string,
    sizing: { batchSize?: number; concurrency?: number },
    handler: (batch: Delivery<unknown>[]) => Promise<void>,
  ): Promise<void> {
    const batchSize = sizing.batchSize ?? this.config.CONSUMER_BATCH_SIZE;
    const concurrency = sizing.concurrency ?? this.config.CONSUMER_CONCURRENCY;
    const stream = options.stream(this.nats.names);
    await this.provisioner.ensureConsumer({
      stream,
      durable,
      filterSubject,
      // Shared by all instances of the consumer: room for many instances' batches in flight.
      maxAckPending: Math.max(1000, batchSize * concurrency * 16),
    });
    const loop = new ConsumerLoop(options, {
      stream,
      durable,
      batchSize,
      batchBytes: Math.min(options.batchBytes ?? Infinity, this.config.CONSUMER_BATCH_BYTES),
      concurrency,
      maxWaitMs: options.maxWaitMs ?? this.config.CONSUMER_BATCH_WAIT_MS,
      maxDeliveries: this.config.MAX_DELIVERIES,
      retryBaseMs: this.config.RETRY_BASE_MS,
      retryMaxMs: this.config.RETRY_MAX_MS,
      ackWaitMs: this.config.ACK_WAIT_SEC * 1000,
    }, handler, this.nats, this.deadLetters, this.metrics);
    await loop.start();
    this.loops.push(loop as ConsumerLoop<unknown>);
    this.logger.log({ msg: 'consuming', stream, durable, batchSize, concurrency });
  }

  /** Nest calls this before closing connections: in-flight batches finish and ack first. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.loops.map((l) => l.stop()));
  }
}
