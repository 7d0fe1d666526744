import { Injectable } from '@nestjs/common';
import { headers as natsHeaders, JsMsg } from 'nats';
import { DLQ_HEADERS } from './dead-letter-headers';
import { clientSafeReason } from './failure-reason';
import { DeadLetteredEvents } from './dead-lettered-events';
import { JetStreamPublisher } from './jetstream-publisher';
import { NatsConnectionService } from './nats-connection.service';

/**
 * Room a dead letter needs beyond its message: the `ap-dlq-*` headers (a reason of up to 1,000
 * characters and a few short ones). The work streams refuse messages that leave less than this
 * below the server's max_payload, since such a message could never be dead-lettered.
 */
export const DEAD_LETTER_HEADROOM_BYTES = 16 * 1024;

@Injectable()
export class DeadLetterPublisher {
  constructor(private readonly nats: NatsConnectionService, private readonly publisher: JetStreamPublisher, private readonly deadLetteredEvents: DeadLetteredEvents) {}

  /**
   * Copies the message, with why it failed and where it came from, to `<prefix>.dlq.<stage>`.
   * The id derives from the source position, so a crash before `term` cannot dead-letter it twice.
   * `refusedPart`: the letter holds these bytes (the invalid events of a message whose others go on)
   * instead of the whole message, under an id of its own (the message may still fail as a whole).
   * Its events are recorded as dead-lettered before it returns, so a lookup of one says why it is
   * not stored; a failure there throws, and a retry publishes the letter once (same msg id).
   */
  async deadLetter(stage: string, msg: JsMsg, reason: string, refusedPart?: Uint8Array): Promise<void> {
    const h = natsHeaders();
    if (msg.headers) {
      for (const [key, values] of msg.headers) {
        if (key.startsWith('ap-dlq-') || key.toLowerCase() === 'nats-msg-id') continue;
        for (const value of values) h.append(key, value);
      }
    }
    h.set(DLQ_HEADERS.reason, clientSafeReason(reason));
    h.set(DLQ_HEADERS.stage, stage);
    h.set(DLQ_HEADERS.subject, msg.subject);
    h.set(DLQ_HEADERS.stream, msg.info.stream);
    h.set(DLQ_HEADERS.streamSequence, String(msg.info.streamSequence));
    h.set(DLQ_HEADERS.deliveries, String(msg.info.redeliveryCount));
    h.set(DLQ_HEADERS.failedAt, new Date().toISOString());
    const msgId = `dlq:${msg.info.stream}:${msg.info.streamSequence}${refusedPart ? ':refused' : ''}`;
    const letter = refusedPart ?? msg.data;
    const ack = await this.publisher.publishRaw(this.nats.names.subjects.deadLetter(stage), letter, msgId, h);
    await this.deadLetteredEvents.record(ack.seq, letter);
  }
}
