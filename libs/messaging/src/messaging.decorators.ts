import { SetMetadata } from '@nestjs/common';
import { Lane, PartlyValid, PipelineNames } from '@lib/contracts';

export const JETSTREAM_CONSUMER = Symbol('JETSTREAM_CONSUMER');
export const RPC_HANDLER = Symbol('RPC_HANDLER');

interface ConsumerOptionsBase<T> {
  /** Stage name: metrics label and dead-letter subject (`<prefix>.dlq.<stage>`). */
  stage: string;
  stream: (names: PipelineNames) => string;
  durable: string;
  /**
   * Validates and types the JSON payload; a throw dead-letters the message with the message as reason.
   * PartlyValid: its invalid part is dead-lettered with its reason, its valid part handled.
   */
  decode: (data: unknown) => T | PartlyValid<T>;
  /** Messages per handler call (default CONSUMER_BATCH_SIZE). */
  batchSize?: number;
  /** Payload bytes per handler call, if the stage wants less than CONSUMER_BATCH_BYTES (the smaller applies). */
  batchBytes?: number;
  /** Longest wait for a batch to fill once its first message arrived (default CONSUMER_BATCH_WAIT_MS). */
  maxWaitMs?: number;
  /** Batches handled at once by this instance (default CONSUMER_CONCURRENCY). */
  concurrency?: number;
  /**
   * false: a message is pulled only when a slot is free, one at a time, for handlers that run for
   * minutes (imports). A message pulled ahead waits unstarted, not kept in progress, so each ack
   * wait redelivered it (to an idle instance, while this one still held a copy to run later).
   * Default true: the next batches are pulled while the slots are busy.
   */
  prefetch?: boolean;
}

/** One durable consumer on one subject. */
export interface SingleConsumerOptions<T> extends ConsumerOptionsBase<T> {
  filterSubject: (names: PipelineNames) => string;
}

/**
 * One durable per lane, `<durable>-live` and `<durable>-bulk`, each on its lane's subject, so a
 * bulk backlog never delays live messages. The bulk one runs BULK_CONCURRENCY batches at once.
 */
export interface PerLaneConsumerOptions<T> extends ConsumerOptionsBase<T> {
  laneSubject: (names: PipelineNames, lane: Lane) => string;
  /** Messages per handler call on the bulk lane (default: batchSize). */
  bulkBatchSize?: number;
}

export type JetStreamConsumerOptions<T = unknown> = SingleConsumerOptions<T> | PerLaneConsumerOptions<T>;

/**
 * Declares a batch handler `(batch: Delivery<T>[]) => Promise<void>` on a durable pull consumer.
 * Messages are acked only after the handler resolved; see ConsumerHost for failures.
 */
export const JetStreamConsumer = <T>(options: JetStreamConsumerOptions<T>) => SetMetadata(JETSTREAM_CONSUMER, options);

export interface RpcHandlerOptions {
  subject: (names: PipelineNames) => string;
  /** The handler gets the request's bytes as sent (no JSON parse); options travel in its headers. */
  rawPayload?: boolean;
  /**
   * The server a read-only handler waits on (`the database`): when it has not answered within
   * RPC_ANSWER_SHARE of RPC_TIMEOUT_MS, the caller gets 503 "<waitsOn> is unreachable" while it
   * still listens, not a 504 naming this app once it gives up (the driver waits 10 s to select a
   * server, and for ever on one that hangs). Not for writes: one answered so may still complete.
   */
  waitsOn?: string;
}

/** Declares a NATS request/reply handler `(payload, context) => Promise<result>` in a queue group. */
export const RpcHandler = (subject: (names: PipelineNames) => string, options: Omit<RpcHandlerOptions, 'subject'> = {}) =>
  SetMetadata(RPC_HANDLER, { subject, ...options } satisfies RpcHandlerOptions);
