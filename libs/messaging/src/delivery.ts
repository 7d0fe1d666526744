import { JsMsg } from 'nats';
import { HEADERS } from '@lib/contracts';

/** One received JetStream message with its decoded payload, as a handler sees it. */
export class Delivery<T> {
  private rejection?: string;

  constructor(readonly msg: JsMsg, readonly data: T) {}

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
}

/** Thrown by a handler when retrying can never help (bad data): the batch goes to dead letters at once. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}
