import { Injectable } from '@nestjs/common';
import { DeliverPolicy, JsMsg, MsgHdrs, PubAck, StoredMsg } from 'nats';
import { isJetStreamError, JetStreamErrorCode, jetStreamErrorCode, JetStreamPublisher, NatsConnectionService } from '@lib/messaging';

/** A message of the DEADLETTER stream, as stored: the original payload and headers plus `ap-dlq-*`. */
export interface StoredDeadLetter {
  /** Sequence in the DEADLETTER stream: the dead letter's id. */
  seq: number;
  /** `<prefix>.dlq.<stage>` */
  subject: string;
  storedAt: Date;
  headers: Record<string, string>;
  data: Uint8Array;
}

/** Messages per fetch while scanning: bounds memory, not the scan. */
const SCAN_CHUNK = 256;

/** Dead letters live in JetStream: reads, deletes and republishes go straight to the stream. */
@Injectable()
export class DeadLetterStore {
  constructor(private readonly nats: NatsConnectionService, private readonly publisher: JetStreamPublisher) {}

  private get stream(): string {
    return this.nats.names.streams.deadLetter;
  }

  /** `<prefix>.dlq.` + stage → stage */
  stageOf(subject: string): string {
    return subject.slice(this.nats.names.subjects.deadLetter('').length);
  }

  /** Letters per stage, from the stream's per-subject counts (one request, no scan). */
  async countByStage(): Promise<Record<string, number>> {
    const info = await this.nats.reachableJsm.streams.info(this.stream, { subjects_filter: this.nats.names.subjects.deadLetterAll });
    const counts: Record<string, number> = {};
    for (const [subject, n] of Object.entries(info.state.subjects ?? {})) counts[this.stageOf(subject)] = n;
    return counts;
  }

  async get(seq: number): Promise<StoredDeadLetter | null> {
    let msg: StoredMsg;
    try {
      msg = await this.nats.reachableJsm.streams.getMessage(this.stream, { seq });
    } catch (error) {
      // No such letter, or no dead-letter stream yet (nothing was ever dead-lettered).
      if (isJetStreamError(error, JetStreamErrorCode.NO_MESSAGE_FOUND) || isJetStreamError(error, JetStreamErrorCode.STREAM_NOT_FOUND)) return null;
      throw error;
    }
    return { seq: msg.seq, subject: msg.subject, storedAt: msg.time, headers: headerRecord(msg.header), data: msg.data };
  }

  /**
   * Every letter after `afterSeq` (of one stage, or all), in order, up to the last one stored when
   * the scan began: letters that arrive meanwhile (a replay failing again) are not revisited.
   * An ordered consumer reads them server-side filtered, in chunks.
   */
  async *scan(stage: string | undefined, afterSeq = 0): AsyncGenerator<StoredDeadLetter> {
    const lastSeq = (await this.nats.reachableJsm.streams.info(this.stream)).state.last_seq;
    if (lastSeq <= afterSeq) return;
    const consumer = await this.nats.js.consumers.get(this.stream, {
      filterSubjects: stage ? this.nats.names.subjects.deadLetter(stage) : this.nats.names.subjects.deadLetterAll,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: afterSeq + 1,
    });
    try {
      let pending = (await consumer.info()).num_pending;
      while (pending > 0) {
        const batch = await consumer.fetch({ max_messages: Math.min(pending, SCAN_CHUNK), expires: 2000 });
        let received = 0;
        for await (const msg of batch) {
          received++;
          pending = msg.info.pending;
          if (msg.seq > lastSeq) return;
          yield fromJsMsg(msg);
        }
        // Letters deleted between the count and the fetch: nothing more to read.
        if (received === 0) return;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }

  /** False when no such letter (already replayed or discarded). */
  async delete(seq: number): Promise<boolean> {
    try {
      return await this.nats.reachableJsm.streams.deleteMessage(this.stream, seq, false);
    } catch (error) {
      // nats-server answers a missing sequence with one of several codes and texts (10043
      // "sequence not found"; 10057 "no message found", or "stream store eof" past the last one):
      // whatever its API error, a letter that get cannot find is missing.
      if (jetStreamErrorCode(error) !== undefined && (await this.get(seq)) === null) return false;
      throw error;
    }
  }

  republish(subject: string, data: Uint8Array, msgId: string, headers: MsgHdrs): Promise<PubAck> {
    return this.publisher.publishRaw(subject, data, msgId, headers);
  }
}

function fromJsMsg(msg: JsMsg): StoredDeadLetter {
  return { seq: msg.seq, subject: msg.subject, storedAt: new Date(msg.info.timestampNanos / 1e6), headers: headerRecord(msg.headers), data: msg.data };
}

/** One value per header: the pipeline never repeats a header name. */
function headerRecord(headers: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers) for (const [key, values] of headers) if (values.length > 0) record[key] = values[values.length - 1];
  return record;
}

