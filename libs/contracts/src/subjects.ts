import { Lane, LANES } from './activity-event';

/**
 * Every subject and stream name derives from one prefix so several deployments (or test
 * suites) share a NATS server without colliding.
 */
export function pipelineNames(prefix: string) {
  const streamPrefix = prefix.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const streams = {
    events: `${streamPrefix}_EVENTS`,
    unclassified: `${streamPrefix}_UNCLASSIFIED`,
    classified: `${streamPrefix}_CLASSIFIED`,
    deadLetter: `${streamPrefix}_DEADLETTER`,
    /** Per dead-lettered event id, the dead letter holding it: what the event lookup tells a client. */
    deadLetteredEvents: `${streamPrefix}_DEADLETTERED_EVENTS`,
    /** Uploaded import files (chunked) and the import jobs to run. */
    imports: `${streamPrefix}_IMPORTS`,
  };
  const importUpload = (jobId: string) => `${prefix}.imports.upload.${jobId}`;
  const importJobs = `${prefix}.imports.jobs`;
  const events = (lane: Lane) => `${prefix}.events.${lane}`;
  // Every stage after ingestion keeps the lanes apart (subject per lane, a durable per lane),
  // so an import's backlog never sits in front of live events anywhere in the pipeline.
  const unclassified = (lane: Lane) => `${prefix}.unclassified.${lane}`;
  const classified = (lane: Lane) => `${prefix}.classified.${lane}`;
  const durable = (name: string, lane?: Lane) => `${prefix}-${name}${lane ? `-${lane}` : ''}`;
  return {
    streams,
    subjects: {
      importUpload,
      importJobs,
      events,
      unclassified,
      classified,
      deadLetter: (stage: string) => `${prefix}.dlq.${stage}`,
      deadLetterAll: `${prefix}.dlq.>`,
      /** `digest`: of the event id (ids hold characters a subject cannot). */
      deadLetteredEvent: (digest: string) => `${prefix}.dlq-events.${digest}`,
      deadLetteredEventsAll: `${prefix}.dlq-events.*`,
      /** Core NATS (not a stream): each stage instance's metrics snapshot every few seconds. */
      stats: (stage: string) => `${prefix}.stats.${stage}`,
      statsAll: `${prefix}.stats.>`,
      /** Core NATS: the id of an API key just revoked, so every gateway drops its cached copy at once. */
      apiKeyRevoked: `${prefix}.apikeys.revoked`,
    },
    /**
     * The subjects each work stream takes: only those a stage reads, so JetStream refuses a publish
     * on any other (`events.other`) instead of storing a message nothing would ever handle.
     */
    streamSubjects: {
      events: LANES.map(events),
      unclassified: LANES.map(unclassified),
      classified: LANES.map(classified),
      imports: [importUpload('*'), importJobs],
    },
    /** A durable consumer's name: `<prefix>-<durable>`, and `-<lane>` for the per-lane ones. */
    durable,
    /** The stage consumers a lane's events pass through, in order: where its backlog is. */
    laneConsumers: (lane: Lane): Array<{ stream: string; durable: string }> => [
      { stream: streams.events, durable: durable('classification', lane) },
      { stream: streams.unclassified, durable: durable('inference', lane) },
      { stream: streams.classified, durable: durable('leaderboard', lane) },
    ],
    /** Request/reply subject `<prefix>.rpc.<app>.<operation>` for handlers added by feature modules. */
    rpcSubject: (appAndOperation: string) => `${prefix}.rpc.${appAndOperation}`,
    rpc: {
      ingest: `${prefix}.rpc.ingestion.events`,
      /** POST /v1/events bodies as the client sent them (JSON text); options in HEADERS. */
      ingestBody: `${prefix}.rpc.ingestion.body`,
      getEvent: `${prefix}.rpc.leaderboard.event`,
      leaderboard: `${prefix}.rpc.leaderboard.board`,
      userRank: `${prefix}.rpc.leaderboard.user-rank`,
    },
  } as const;
}

export type PipelineNames = ReturnType<typeof pipelineNames>;

/** NATS headers the pipeline carries from the HTTP request to the last write. */
export const HEADERS = {
  correlationId: 'ap-correlation-id',
  lane: 'ap-lane',
  schema: 'ap-schema',
  /** ms epoch when ingestion published the envelope: end-to-end latency at the leaderboard. */
  ingestedAt: 'ap-ingested-at',
  /** On `rpc.ingestBody`: the client's idempotency key, already scoped to its API key. */
  idempotencyKey: 'ap-idempotency-key',
  /** On `rpc.ingestBody`: the user an API key is bound to (events of others are refused). */
  boundUserId: 'ap-bound-user-id',
  /**
   * On an envelope published under a client's idempotency key: a digest of its events (every field),
   * so a later request under the same key can be told apart as the same or other events.
   */
  contentId: 'ap-content-id',
} as const;

export const ENVELOPE_SCHEMA_VERSION = '1';
