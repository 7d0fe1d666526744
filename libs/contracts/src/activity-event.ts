/** What a tracker sends (PRODUCT.md §3). */
export interface ActivityEventInput {
  eventId?: string;
  userId: string;
  app: string;
  title?: string;
  url?: string;
  startedAt: string | number;
  durationSec: number;
  source?: string;
}

/** An accepted event after ingestion: ids assigned, time as epoch ms, strings trimmed. */
export interface NormalizedEvent {
  eventId: string;
  userId: string;
  app: string;
  title?: string;
  url?: string;
  startedAtMs: number;
  durationSec: number;
  source?: string;
}

export type ClassificationSource = 'rule' | 'cache' | 'model' | 'llm' | 'manual' | 'fallback';

export interface Classification {
  categoryId: string;
  source: ClassificationSource;
  confidence: number;
  ruleId?: string;
  rulesetVersion: number;
}

export interface ClassifiedEvent extends NormalizedEvent {
  classification: Classification;
  /** Every board the event counts on: the category, its ancestors, `productive` if so, `total`. */
  boards: string[];
}

export type Lane = 'live' | 'bulk';

/** One JetStream message: a batch of events (DESIGN.md "Messages are batches"). */
export interface Envelope<T> {
  id: string;
  lane: Lane;
  events: T[];
}

export type EventEnvelope = Envelope<NormalizedEvent>;
export type ClassifiedEnvelope = Envelope<ClassifiedEvent>;

export interface Rejection {
  index: number;
  field: string;
  reason: string;
}

export interface IngestResult {
  batchId: string;
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

export const MAX_EVENTS_PER_BATCH = 1000;
export const MAX_DURATION_SEC = 24 * 3600;
