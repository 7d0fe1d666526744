import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { emptyHistogram, HistogramSnapshot, StageStatsSnapshot } from './stage-stats';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** From an HTTP request to the board: milliseconds when healthy, minutes when a stage is down. */
const END_TO_END_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const LLM_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];

/** The Prometheus series every app exposes at /metrics (one registry per process). */
@Injectable()
export class PipelineMetrics {
  readonly registry = new Registry();

  readonly messagesTotal = new Counter({
    name: 'ap_stage_messages_total',
    help: 'JetStream messages handled per stage and outcome (ack, retry, dead_letter)',
    labelNames: ['stage', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventsTotal = new Counter({
    name: 'ap_stage_events_total',
    help: 'Events processed per stage',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly handlerSeconds = new Histogram({
    name: 'ap_stage_handler_seconds',
    help: 'Time to handle one batch of messages, per stage',
    labelNames: ['stage'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'ap_stage_batch_messages',
    help: 'Messages per handled batch, per stage',
    labelNames: ['stage'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
    registers: [this.registry],
  });

  readonly redeliveries = new Counter({
    name: 'ap_stage_redeliveries_total',
    help: 'Messages received with a delivery count above 1, per stage',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'ap_dead_letters_total',
    help: 'Messages sent to the dead-letter stream, per stage and reason class',
    labelNames: ['stage', 'kind'] as const,
    registers: [this.registry],
  });

  readonly consumerPending = new Gauge({
    name: 'ap_consumer_pending_messages',
    help: 'Messages in the stream not yet delivered to the durable consumer (lag)',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  readonly consumerOldestUnackedAge = new Gauge({
    name: 'ap_consumer_oldest_unacked_age_seconds',
    help: 'Age of the oldest message the durable consumer has not acknowledged (0 when none), reported by the gateway for every consumer (running or not); the stream deletes it at ap_stream_max_age_seconds, handled or not',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  readonly streamMaxAge = new Gauge({
    name: 'ap_stream_max_age_seconds',
    help: 'Retention of the event streams (STREAM_MAX_AGE_HOURS): older messages are deleted whether or not every stage handled them',
    registers: [this.registry],
  });

  readonly consumerAckPending = new Gauge({
    name: 'ap_consumer_ack_pending_messages',
    help: 'Messages delivered to the durable consumer and not yet acknowledged',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  readonly storeSeconds = new Histogram({
    name: 'ap_store_operation_seconds',
    help: 'Latency of Mongo and Redis operations',
    labelNames: ['store', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpEventsTotal = new Counter({
    name: 'ap_http_events_total',
    help: 'Events received over HTTP by outcome (accepted, duplicate, rejected)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly httpConnectionsRefused = new Counter({
    name: 'ap_http_connections_refused_total',
    help: 'Connections closed at once because HTTP_MAX_CONNECTIONS were open, by listener (api, activitywatch) (gateway)',
    labelNames: ['listener'] as const,
    registers: [this.registry],
  });

  readonly deadLettersPending = new Gauge({
    name: 'ap_dead_letters_pending',
    help: 'Messages waiting in the dead-letter stream, per stage (reported by the gateway)',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly importUploadsSwept = new Counter({
    name: 'ap_import_uploads_swept_total',
    help: 'Import uploads a stopped gateway left unfinished, by outcome: failed (no data for IMPORT_UPLOAD_STALL_SEC) or queued (stored whole, not queued) (gateway)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly ingestToLeaderboardSeconds = new Histogram({
    name: 'ap_ingest_to_leaderboard_seconds',
    help: 'From the envelope published by ingestion to its leaderboard write, per message',
    buckets: END_TO_END_BUCKETS,
    registers: [this.registry],
  });

  readonly modelInferenceSeconds = new Histogram({
    name: 'ap_model_inference_seconds',
    help: 'One run of the text model over a batch of events',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly llmRequestSeconds = new Histogram({
    name: 'ap_llm_request_seconds',
    help: 'One LLM request (one attempt)',
    buckets: LLM_BUCKETS,
    registers: [this.registry],
  });

  readonly llmCallsTotal = new Counter({
    name: 'ap_llm_calls_total',
    help: 'LLM questions by outcome (ok, error, timeout, invalid_output, circuit_open, deadline: still queued when its batch stopped waiting)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly llmCircuitOpen = new Gauge({
    name: 'ap_llm_circuit_open',
    help: '1 while the LLM circuit breaker is open or half-open (questions skip the LLM), 0 when closed; only where an LLM is configured, labelled with LLM_MODEL',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  readonly rulesLeftOut = new Gauge({
    name: 'ap_ruleset_rules_left_out',
    help: 'Stored rules the active ruleset classifies without, because the engine refuses them (GET /v1/rules lists them)',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly llmTokensTotal = new Counter({
    name: 'ap_llm_tokens_total',
    help: 'LLM tokens used, by kind (prompt, completion)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  /** Identifies this app instance in published stats (several apps may share a process in tests). */
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly startedAt = Date.now();

  constructor() {
    // prom-client samples event-loop delay every 10 ms by default: 100 timer wake-ups a second in
    // every app, ~0.7 % of a core each at rest (measured). Every 100 ms still shows any stall
    // that matters here (a batch is tens of ms) in nodejs_eventloop_lag_p99_seconds.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
  }

  /** Observes now − `ap-ingested-at` (ms epoch header) for each written message that carries one. */
  observeSinceIngest(ingestedAtHeaders: Array<string | undefined>, nowMs = Date.now()): void {
    for (const header of ingestedAtHeaders) {
      const ingestedAt = Number(header);
      if (header && Number.isFinite(ingestedAt)) this.ingestToLeaderboardSeconds.observe(Math.max(0, nowMs - ingestedAt) / 1000);
    }
  }

  /** This instance's cumulative counters for one stage, as published on `<prefix>.stats.<stage>`. */
  async stageSnapshot(stage: string, nowMs = Date.now()): Promise<StageStatsSnapshot> {
    const ofStage = (labels: Record<string, unknown>) => labels.stage === stage;
    const events = (await this.eventsTotal.get()).values.filter((v) => ofStage(v.labels)).reduce((n, v) => n + v.value, 0);
    const messages: Record<string, number> = {};
    for (const v of (await this.messagesTotal.get()).values) {
      if (ofStage(v.labels)) messages[String(v.labels.outcome)] = (messages[String(v.labels.outcome)] ?? 0) + v.value;
    }
    const snapshot: StageStatsSnapshot = {
      instance: this.instance,
      stage,
      at: nowMs,
      startedAt: this.startedAt,
      events,
      messages,
      handlerSeconds: await histogramSnapshot(this.handlerSeconds, LATENCY_BUCKETS, ofStage),
    };
    const endToEnd = await histogramSnapshot(this.ingestToLeaderboardSeconds, END_TO_END_BUCKETS, () => true);
    if (endToEnd.count > 0) snapshot.ingestToLeaderboardSeconds = endToEnd;
    const llmCalls = (await this.llmCallsTotal.get()).values;
    if (llmCalls.length > 0) snapshot.llmCalls = Object.fromEntries(llmCalls.map((v) => [String(v.labels.outcome), v.value]));
    const circuit = (await this.llmCircuitOpen.get()).values[0];
    if (circuit) snapshot.llmCircuitOpen = circuit.value === 1;
    const leftOut = (await this.rulesLeftOut.get()).values.find((v) => ofStage(v.labels));
    if (leftOut) snapshot.rulesLeftOut = leftOut.value;
    return snapshot;
  }

  /** Times an async store operation into ap_store_operation_seconds. */
  async timeStore<T>(store: 'mongo' | 'redis', operation: string, run: () => Promise<T>): Promise<T> {
    const end = this.storeSeconds.startTimer({ store, operation });
    try {
      return await run();
    } finally {
      end();
    }
  }
}

async function histogramSnapshot(histogram: Histogram<string>, le: number[], matches: (labels: Record<string, unknown>) => boolean): Promise<HistogramSnapshot> {
  const snapshot = emptyHistogram(le);
  for (const v of (await histogram.get()).values) {
    if (!matches(v.labels)) continue;
    if (v.metricName?.endsWith('_bucket')) {
      const i = le.indexOf(Number(v.labels.le));
      if (i >= 0) snapshot.counts[i] += v.value;
    } else if (v.metricName?.endsWith('_count')) snapshot.count += v.value;
    else if (v.metricName?.endsWith('_sum')) snapshot.sum += v.value;
  }
  return snapshot;
}
