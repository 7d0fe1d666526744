import { Injectable, Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType, StreamConfig, nanos } from 'nats';
import { AppConfig } from '@lib/config';
import { DEAD_LETTER_HEADROOM_BYTES } from './dead-letter.publisher';
import { isJetStreamError, JetStreamErrorCode } from './jetstream-errors';
import { NatsConnectionService } from './nats-connection.service';

/** Room for the entries of ~400,000 dead-lettered event ids. */
const DEAD_LETTERED_EVENTS_MAX_BYTES = 64 * 1024 * 1024;

export interface ConsumerSpec {
  stream: string;
  durable: string;
  filterSubject: string;
  maxAckPending: number;
}

/**
 * Creates or updates the pipeline's streams and durable consumers from code, idempotently, so
 * every app can start first. Only settings nats-server 2.9 knows are used.
 */
@Injectable()
export class StreamProvisioner {
  private readonly logger = new Logger('StreamProvisioner');
  private provisioned?: Promise<void>;

  constructor(private readonly nats: NatsConnectionService, private readonly config: AppConfig) {}

  ensurePipelineStreams(): Promise<void> {
    this.provisioned ??= this.provisionStreams();
    return this.provisioned;
  }

  private async provisionStreams(): Promise<void> {
    const { streams, subjects, streamSubjects } = this.nats.names;
    const maxAge = nanos(this.config.STREAM_MAX_AGE_HOURS * 3600 * 1000);
    const common: Partial<StreamConfig> = {
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      num_replicas: this.config.STREAM_REPLICAS,
      duplicate_window: nanos(this.config.DUPLICATE_WINDOW_SEC * 1000),
      max_age: maxAge,
    };
    // A message a stage reads must leave room for its dead letter's headers, or it could never be
    // dead-lettered (nak'ed forever instead); a larger publish is refused at once.
    const work = { ...common, max_msg_size: this.nats.maxPayload - DEAD_LETTER_HEADROOM_BYTES };
    await this.ensureStream({ ...work, name: streams.events, subjects: [...streamSubjects.events] });
    await this.ensureStream({ ...work, name: streams.unclassified, subjects: [...streamSubjects.unclassified] });
    await this.ensureStream({ ...work, name: streams.classified, subjects: [...streamSubjects.classified] });
    await this.ensureStream({ ...work, name: streams.imports, subjects: [...streamSubjects.imports] });
    // Dead letters stay until an operator replays or discards them.
    await this.ensureStream({ ...common, name: streams.deadLetter, subjects: [subjects.deadLetterAll], max_age: 0 });
    // One entry per dead-lettered event id (the last letter holding it), ~150 bytes each; past the
    // bound the oldest go, and a lookup of such an event answers as for one never dead-lettered.
    await this.ensureStream({
      ...common,
      name: streams.deadLetteredEvents,
      subjects: [subjects.deadLetteredEventsAll],
      max_age: 0,
      max_msgs_per_subject: 1,
      max_bytes: DEAD_LETTERED_EVENTS_MAX_BYTES,
    });
  }

  private async ensureStream(config: Partial<StreamConfig> & { name: string }): Promise<void> {
    try {
      return await this.updateStream(config);
    } catch (error) {
      if (!isJetStreamError(error, JetStreamErrorCode.STREAM_NOT_FOUND)) throw error;
    }
    try {
      // Adding a stream that exists with the same configuration succeeds: another instance
      // creating it at the same moment is no error.
      await this.nats.jsm.streams.add(config);
      this.logger.log({ msg: 'stream created', stream: config.name });
    } catch (error) {
      // Created meanwhile with another configuration (an older version of the apps): update it.
      if (!isJetStreamError(error, JetStreamErrorCode.STREAM_NAME_EXISTS)) throw error;
      await this.updateStream(config);
    }
  }

  /** Our settings over the stream's own (those we do not set stay as they are). */
  private async updateStream(config: Partial<StreamConfig> & { name: string }): Promise<void> {
    const existing = await this.nats.jsm.streams.info(config.name);
    await this.nats.jsm.streams.update(config.name, { ...existing.config, ...config });
  }

  async ensureConsumer(spec: ConsumerSpec): Promise<void> {
    const config = {
      durable_name: spec.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: spec.filterSubject,
      ack_wait: nanos(this.config.ACK_WAIT_SEC * 1000),
      max_ack_pending: spec.maxAckPending,
      // Unlimited: the consumer loop itself dead-letters at MAX_DELIVERIES, with the reason.
      max_deliver: -1,
    };
    const jsm = this.nats.jsm;
    try {
      await jsm.consumers.info(spec.stream, spec.durable);
      const { durable_name: _durable, deliver_policy: _policy, ...mutable } = config;
      await jsm.consumers.update(spec.stream, spec.durable, mutable);
    } catch (error) {
      if (!isJetStreamError(error, JetStreamErrorCode.CONSUMER_NOT_FOUND)) throw error;
      await jsm.consumers.add(spec.stream, config);
    }
  }
}

