import { SetMetadata } from '@nestjs/common';
import { PipelineNames } from '@lib/contracts';

export const JETSTREAM_CONSUMER = Symbol('JETSTREAM_CONSUMER');
export const RPC_HANDLER = Symbol('RPC_HANDLER');

export interface JetStreamConsumerOptions<T = unknown> {
  /** Stage name: metrics label and dead-letter subject (`<prefix>.dlq.<stage>`). */
  stage: string;
  stream: (names: PipelineNames) => string;
  durable: string;
  filterSubject: (names: PipelineNames) => string;
  /** Validates and types the JSON payload; a throw dead-letters the message with the message as reason. */
  decode: (data: unknown) => T;
  /** Messages per handler call (default CONSUMER_BATCH_SIZE). */
  batchSize?: number;
  /** Longest wait for a batch to fill once its first message arrived (default CONSUMER_BATCH_WAIT_MS). */
  maxWaitMs?: number;
  /** Batches handled at once by this instance (default CONSUMER_CONCURRENCY). */
  concurrency?: number;
}

/**
 * Declares a batch handler `(batch: Delivery<T>[]) => Promise<void>` on a durable pull consumer.
 * Messages are acked only after the handler resolved; see ConsumerHost for failures.
 */
export const JetStreamConsumer = <T>(options: JetStreamConsumerOptions<T>) => SetMetadata(JETSTREAM_CONSUMER, options);

/** Declares a NATS request/reply handler `(payload, context) => Promise<result>` in a queue group. */
export const RpcHandler = (subject: (names: PipelineNames) => string) => SetMetadata(RPC_HANDLER, subject);
