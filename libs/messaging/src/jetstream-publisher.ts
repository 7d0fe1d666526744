import { Injectable } from '@nestjs/common';
import { headers as natsHeaders, MsgHdrs, PubAck } from 'nats';
import { Envelope, envelopeParts, Lane, MAX_ENVELOPE_BYTES } from '@lib/contracts';
import { NatsConnectionService } from './nats-connection.service';

export interface PublishOptions {
  /** Nats-Msg-Id: JetStream drops a second message with the same id inside the duplicate window. */
  msgId: string;
  headers?: Record<string, string>;
}

const RETRYABLE = /timeout|no responders|503|disconnect|connection/i;
const MAX_ATTEMPTS = 5;

/** Publishes and returns only once the stream has stored the message (or reported it a duplicate). */
@Injectable()
export class JetStreamPublisher {
  constructor(private readonly nats: NatsConnectionService) {}

  async publishJson(subject: string, payload: unknown, options: PublishOptions): Promise<PubAck> {
    return this.publishRaw(subject, Buffer.from(JSON.stringify(payload)), options.msgId, toHeaders(options.headers));
  }

  /**
   * Publishes events as one envelope, or, when that is larger than MAX_ENVELOPE_BYTES, as
   * consecutive envelopes that each fit: a stage's output outgrows its input (classification adds
   * boards and a category to every event), and NATS refuses a message over its max_payload.
   * `idOf` names an envelope (and its Nats-Msg-Id) from the events it carries, so a redelivery
   * that splits alike republishes the same ids.
   */
  async publishEnvelopes<T>(subject: string, lane: Lane, events: T[], idOf: (part: T[]) => string, headers?: Record<string, string>): Promise<void> {
    const whole: Envelope<T> = { id: idOf(events), lane, events };
    const data = Buffer.from(JSON.stringify(whole));
    if (data.length <= MAX_ENVELOPE_BYTES) {
      await this.publishRaw(subject, data, whole.id, toHeaders(headers));
      return;
    }
    const parts = envelopeParts(events).map((part): Envelope<T> => ({ id: idOf(part), lane, events: part }));
    await Promise.all(parts.map((part) => this.publishJson(subject, part, { msgId: part.id, headers })));
  }

  /** Retries transient failures (a reconnecting server) with backoff; the msgId makes a retry harmless. */
  async publishRaw(subject: string, data: Uint8Array, msgId: string, headers?: MsgHdrs): Promise<PubAck> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.nats.js.publish(subject, data, { msgID: msgId, headers });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }
}

export function toHeaders(values?: Record<string, string | undefined>): MsgHdrs | undefined {
  const defined = Object.entries(values ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (defined.length === 0) return undefined;
  const h = natsHeaders();
  for (const [key, value] of defined) h.set(key, value);
  return h;
}
