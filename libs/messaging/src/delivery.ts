import { JsMsg } from 'nats';
import { HEADERS } from '@lib/contracts';

const NEVER_ABORTED = new AbortController().signal;

/** One received JetStream message with its decoded payload, as a handler sees it. */
export class Delivery<T> {
  private rejection?: string;
  private leftToAnother = false;

  /**
   * `consumerStopping` aborts when the consumer stops: a handler that runs long (an import) ends
   * at its next safe point by throwing HandedBack, instead of holding the stop past its grace.
   */
  constructor(readonly msg: JsMsg, readonly data: T, readonly consumerStopping: AbortSignal = NEVER_ABORTED) {}

  get deliveryCount(): number {
    return this.msg.info.redeliveryCount;
  }

  get correlationId(): string | undefined {
    return this.msg.headers?.get(HEADERS.correlationId) || undefined;
  }

  header(name: string): string | undefined {
    return this.msg.headers?.get(name) || undefined;
  }

  /** The pipeline headers an output message of this one carries on (correlation id, lane, schema). */
  forwardedHeaders(): Record<string, string> {
    const forwarded: Record<string, string> = {};
    for (const name of [HEADERS.correlationId, HEADERS.lane, HEADERS.schema, HEADERS.ingestedAt]) {
      const value = this.header(name);
      if (value) forwarded[name] = value;
    }
    return forwarded;
  }

  /** Marks this message as permanently failing: it is dead-lettered with `reason`, the rest of the batch is acked. */
  reject(reason: string): void {
    this.rejection = reason;
  }

  get rejectedReason(): string | undefined {
    return this.rejection;
  }

  /**
   * Another delivery of this message handles it now (redelivered while this handler was slow past
   * its ack wait, and it took the work over): this one neither acks nor naks it. JetStream takes an
   * ack from any delivery, so acking here ended the message under the handler running it: its
   * hand-back or crash then brought nothing back.
   */
  leaveToOtherDelivery(): void {
    this.leftToAnother = true;
  }

  get leftToOtherDelivery(): boolean {
    return this.leftToAnother;
  }
}

/** Thrown by a handler when retrying can never help (bad data): the batch goes to dead letters at once. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/**
 * Thrown by a handler that stopped early because its consumer stops: its messages go back at once
 * (nak without delay) for the next instance to resume, neither counted as a failure nor logged as one.
 */
export class HandedBack extends Error {
  override name = 'HandedBack';
}
