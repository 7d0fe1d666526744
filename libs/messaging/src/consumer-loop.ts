import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Consumer, ConsumerMessages, JsMsg } from 'nats';
import { PartlyValid } from '@lib/contracts';
import { PipelineMetrics } from '@lib/observability';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { Delivery, HandedBack, PermanentError } from './delivery';
import { JetStreamConsumerOptions } from './messaging.decorators';
import { NatsConnectionService } from './nats-connection.service';

export type BatchHandler<T> = (batch: Delivery<T>[]) => Promise<void>;

/** How long a pull of a consumer without prefetch waits for a message (also how long its stop may wait for that pull). */
const IDLE_PULL_MS = 1000;

export interface ConsumerLoopSettings {
  stream: string;
  durable: string;
  batchSize: number;
  /** Payload bytes per batch; a message larger than this alone is a batch of one. */
  batchBytes: number;
  maxWaitMs: number;
  concurrency: number;
  maxDeliveries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  ackWaitMs: number;
}

/**
 * Pulls from one durable consumer, groups messages into batches (up to batchSize messages and
 * batchBytes of payload, or maxWaitMs after the first), runs up to `concurrency` batches at
 * once, and settles every message: ack after the handler resolved; nak with exponential delay
 * when it threw; dead letter + term for bad payloads, rejected messages and the last allowed
 * delivery.
 */
export class ConsumerLoop<T> {
  private readonly logger: Logger;
  private messages?: ConsumerMessages;
  private pending: JsMsg[] = [];
  private pendingBytes = 0;
  private readonly ready: JsMsg[][] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private flushTimer?: NodeJS.Timeout;
  private lagTimer?: NodeJS.Timeout;
  private loop?: Promise<void>;
  private slotWaiter?: () => void;
  private stopping = false;
  /** Tells the handlers in flight that the consumer stops (Delivery.consumerStopping). */
  private readonly stopSignal = new AbortController();

  constructor(
    private readonly options: JetStreamConsumerOptions<T>,
    private readonly settings: ConsumerLoopSettings,
    private readonly handler: BatchHandler<T>,
    private readonly nats: NatsConnectionService,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: PipelineMetrics,
  ) {
    this.logger = new Logger(`Consumer:${settings.durable}`);
  }

  async start(): Promise<void> {
    const consumer = await this.nats.js.consumers.get(this.settings.stream, this.settings.durable);
    if (this.options.prefetch === false) {
      this.loop = this.receiveWhenIdle(consumer);
    } else {
      this.messages = await consumer.consume(this.pullBuffer());
      this.loop = this.receive(this.messages);
    }
    this.lagTimer = setInterval(() => void this.reportLag(), 5000).unref();
  }

  /**
   * Room for a batch per slot and one filling, bounded by whichever of the two limits is tighter
   * at worst: in messages (a stage with few per batch, like the leaderboard) or in bytes (the
   * server ends a pull there; never below two of the largest messages it accepts, so one fits).
   */
  private pullBuffer(): { max_messages: number } | { max_bytes: number } {
    const room = this.settings.concurrency + 1;
    const maxPayload = this.nats.maxPayload;
    const maxBytes = Math.max(this.settings.batchBytes * room, 2 * maxPayload);
    return this.settings.batchSize * room * maxPayload <= maxBytes ? { max_messages: this.settings.batchSize * room } : { max_bytes: maxBytes };
  }

  /** Graceful stop: no new pulls, unstarted messages go back at once, in-flight batches finish and ack. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal.abort();
    clearInterval(this.lagTimer);
    clearTimeout(this.flushTimer);
    await this.messages?.close().catch(() => undefined);
    await this.loop;
    for (const msg of [...this.takePending(), ...this.ready.flat()]) msg.nak();
    this.ready.length = 0;
    await Promise.all([...this.inFlight]);
  }

  private async receive(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const msg of messages) {
        if (this.stopping) {
          msg.nak();
          continue;
        }
        if (this.pending.length > 0 && this.pendingBytes + msg.data.length > this.settings.batchBytes) this.seal();
        this.pending.push(msg);
        this.pendingBytes += msg.data.length;
        if (this.pending.length >= this.settings.batchSize) this.seal();
        else if (this.pending.length === 1) this.flushTimer = setTimeout(() => this.onBatchWaitOver(), this.settings.maxWaitMs);
        // Backpressure: hold the pull while every slot is busy and a batch already waits.
        while (!this.stopping && this.ready.length > 0 && this.inFlight.size >= this.settings.concurrency) {
          await new Promise<void>((resolve) => (this.slotWaiter = resolve));
        }
      }
    } catch (error) {
      if (!this.stopping) this.logger.error({ msg: 'consumer loop failed', err: error });
    }
  }

  /** Without prefetch: pulls one message whenever a slot is free, so none waits here unstarted. */
  private async receiveWhenIdle(consumer: Consumer): Promise<void> {
    // Logged once per outage (NATS away: a pull fails every second), not once per pull.
    let failing = false;
    while (!this.stopping) {
      while (!this.stopping && this.inFlight.size >= this.settings.concurrency) {
        await new Promise<void>((resolve) => (this.slotWaiter = resolve));
      }
      if (this.stopping) return;
      try {
        const msg = await consumer.next({ expires: IDLE_PULL_MS });
        failing = false;
        if (!msg) continue;
        if (this.stopping) {
          msg.nak();
          return;
        }
        this.pending.push(msg);
        this.seal();
      } catch (error) {
        if (this.stopping) return;
        if (!failing) this.logger.error({ msg: 'consumer pull failed; retrying every second', err: error });
        failing = true;
        await sleep(IDLE_PULL_MS);
      }
    }
  }

  /**
   * The first pending message waited maxWaitMs: the batch goes with the next free slot (now, if
   * one is free). Until then it keeps filling (up to batchSize), so a busy stage handles fewer,
   * bigger batches instead of a queue of small ones, each paying the fixed cost of its writes
   * (an insert, a Redis script, their fsyncs).
   */
  private onBatchWaitOver(): void {
    this.flushTimer = undefined;
    this.pump();
  }

  private seal(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    this.ready.push(this.takePending());
    this.pump();
  }

  /** Fills free slots: sealed batches first, then a pending one whose batch wait ran out. */
  private pump(): void {
    while (this.inFlight.size < this.settings.concurrency) {
      const batch = this.ready.shift() ?? this.takeWaitedBatch();
      if (batch === undefined) return;
      const run = this.handle(batch).finally(() => {
        this.inFlight.delete(run);
        this.pump();
        this.slotWaiter?.();
        this.slotWaiter = undefined;
      });
      this.inFlight.add(run);
    }
  }

  private takeWaitedBatch(): JsMsg[] | undefined {
    if (this.pending.length === 0 || this.flushTimer !== undefined || this.stopping) return undefined;
    return this.takePending();
  }

  /** The filling batch, leaving an empty one. */
  private takePending(): JsMsg[] {
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    return batch;
  }

  private async handle(batch: JsMsg[]): Promise<void> {
    const stage = this.options.stage;
    const endTimer = this.metrics.handlerSeconds.startTimer({ stage });
    this.metrics.batchSize.observe({ stage }, batch.length);
    // Long handlers keep their messages from being redelivered meanwhile.
    const heartbeat = setInterval(() => batch.forEach((m) => m.working()), Math.max(1000, this.settings.ackWaitMs / 3));
    try {
      const deliveries: Delivery<T>[] = [];
      for (const msg of batch) {
        if (msg.info.redeliveryCount > 1) this.metrics.redeliveries.inc({ stage });
        let payload: unknown;
        try {
          // msg.string() decodes the bytes in place; Buffer.from(msg.data) copied every payload first.
          payload = JSON.parse(msg.string());
        } catch (error) {
          await this.deadLetter(msg, `invalid payload: not JSON (${(error as Error).message})`, 'invalid');
          continue;
        }
        let decoded: T | PartlyValid<T>;
        try {
          decoded = this.options.decode(payload);
        } catch (error) {
          await this.deadLetter(msg, `invalid payload: ${(error as Error).message}`, 'invalid');
          continue;
        }
        if (decoded instanceof PartlyValid) {
          // The refused part is recorded before the rest is handled (and the message acked), or nothing is.
          if (!(await this.deadLetterPart(msg, decoded))) continue;
          decoded = decoded.valid;
        }
        deliveries.push(new Delivery(msg, decoded, this.stopSignal.signal));
      }
      if (deliveries.length > 0) await this.dispatch(deliveries);
    } finally {
      clearInterval(heartbeat);
      endTimer();
    }
  }

  private async dispatch(deliveries: Delivery<T>[]): Promise<void> {
    const stage = this.options.stage;
    try {
      await this.handler(deliveries);
    } catch (error) {
      if (error instanceof HandedBack) {
        for (const d of deliveries) d.msg.nak();
        this.logger.log({ msg: 'batch handed back: the consumer stops', stage, reason: error.message, messages: deliveries.length });
        return;
      }
      const permanent = error instanceof PermanentError;
      this.logger.warn({ msg: 'batch failed', stage, permanent, err: String(error), messages: deliveries.length, correlationId: deliveries[0].correlationId });
      for (const d of deliveries) {
        const attempts = d.deliveryCount;
        if (permanent || attempts >= this.settings.maxDeliveries) {
          await this.deadLetter(d.msg, `${permanent ? 'permanent failure' : `failed ${attempts} deliveries`}: ${(error as Error).message}`, permanent ? 'permanent' : 'exhausted');
        } else {
          d.msg.nak(this.backoffMs(attempts));
          this.metrics.messagesTotal.inc({ stage, outcome: 'retry' });
        }
      }
      return;
    }
    for (const d of deliveries) {
      if (d.leftToOtherDelivery) {
        this.logger.log({ msg: 'message left to its other delivery', stage, seq: d.msg.info.streamSequence, deliveries: d.deliveryCount });
      } else if (d.rejectedReason !== undefined) {
        await this.deadLetter(d.msg, d.rejectedReason, 'rejected');
      } else {
        d.msg.ack();
        this.metrics.messagesTotal.inc({ stage, outcome: 'ack' });
      }
    }
    this.logger.debug({ msg: 'batch handled', stage, messages: deliveries.length, correlationIds: [...new Set(deliveries.map((d) => d.correlationId).filter(Boolean))] });
  }

  private async deadLetter(msg: JsMsg, reason: string, kind: string): Promise<void> {
    const stage = this.options.stage;
    try {
      await this.deadLetters.deadLetter(stage, msg, reason);
      msg.term();
      this.metrics.deadLetters.inc({ stage, kind });
      this.metrics.messagesTotal.inc({ stage, outcome: 'dead_letter' });
      this.logger.warn({ msg: 'dead-lettered', stage, reason, subject: msg.subject, seq: msg.info.streamSequence });
    } catch (error) {
      // Could not record it: leave it to a later delivery rather than lose it.
      this.logger.error({ msg: 'dead-letter publish failed', err: String(error) });
      msg.nak(this.backoffMs(msg.info.redeliveryCount));
    }
  }

  /** Dead-letters a message's invalid part; false (the message nak'ed for a later attempt) when that failed. */
  private async deadLetterPart(msg: JsMsg, decoded: PartlyValid<T>): Promise<boolean> {
    const stage = this.options.stage;
    try {
      await this.deadLetters.deadLetter(stage, msg, `invalid payload: ${decoded.reason}`, Buffer.from(JSON.stringify(decoded.invalid)));
      this.metrics.deadLetters.inc({ stage, kind: 'invalid' });
      this.logger.warn({ msg: 'dead-lettered part of a message', stage, reason: decoded.reason, subject: msg.subject, seq: msg.info.streamSequence });
      return true;
    } catch (error) {
      this.logger.error({ msg: 'dead-letter publish failed', err: String(error) });
      msg.nak(this.backoffMs(msg.info.redeliveryCount));
      return false;
    }
  }

  /** 0.5 s, 1 s, 2 s … capped: transient outages get time to heal before the next attempt. */
  private backoffMs(deliveryCount: number): number {
    return Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** Math.max(0, deliveryCount - 1));
  }

  private async reportLag(): Promise<void> {
    try {
      const info = await this.nats.jsm.consumers.info(this.settings.stream, this.settings.durable);
      this.metrics.consumerPending.set({ consumer: this.settings.durable }, info.num_pending);
      this.metrics.consumerAckPending.set({ consumer: this.settings.durable }, info.num_ack_pending);
      // The gateway's pipeline health view aggregates these (rates, latency percentiles).
      const stats = await this.metrics.stageSnapshot(this.options.stage);
      this.nats.nc.publish(this.nats.names.subjects.stats(this.options.stage), Buffer.from(JSON.stringify(stats)));
    } catch {
      // lag and stats are best-effort; the next tick retries
    }
  }
}
