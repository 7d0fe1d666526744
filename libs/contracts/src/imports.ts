/** Import jobs (PRODUCT.md §7): files uploaded through the gateway, run by ingestion. */
export const IMPORT_FORMATS = ['csv', 'activitywatch'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportJobStatus = 'PENDING' | 'PROCESSING' | 'DONE' | 'FAILED';

/** One rejected input: CSV rows carry their row number (header = 1), export events their location in `field`. */
export interface ImportRejection {
  row?: number;
  field: string;
  reason: string;
}

/** What `GET /v1/imports/:id` answers. */
export interface ImportJobView {
  id: string;
  status: ImportJobStatus;
  format: ImportFormat;
  userId?: string;
  fileName?: string;
  bytesTotal?: number;
  bytesRead: number;
  rowsTotal?: number;
  rowsProcessed: number;
  /** 0..1 when the total is known, else null. */
  progress: number | null;
  accepted: number;
  duplicates: number;
  rejectedCount: number;
  rejected?: ImportRejection[];
  rejectedTruncated: boolean;
  error?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  rowsPerSec?: number;
}

/** Message on `<prefix>.imports.jobs`: the upload of this job is stored, run it. */
export interface ImportDispatch {
  jobId: string;
}

/** Header of the last message of an upload on `<prefix>.imports.upload.<jobId>`: the upload's size in bytes. */
export const UPLOAD_END_HEADER = 'ap-upload-end';

/** Upload chunks stay well under NATS's default 1 MiB max payload. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;

/** CSV is streamed (any size up to this); an export is one JSON document, parsed whole by ingestion. */
export const MAX_UPLOAD_BYTES: Record<ImportFormat, number> = {
  csv: 4 * 1024 * 1024 * 1024,
  activitywatch: 256 * 1024 * 1024,
};

// --- ActivityWatch watcher API: the gateway authenticates, ingestion keeps bucket state ---

/** Who sends: a user-bound API key, or nobody (then the bucket's hostname must be mapped to a user). */
export type WatcherPrincipal = { userId: string } | { keyless: true };

/** RPC operations, as `names.rpcSubject(WATCHER_RPC.x)`. */
export const WATCHER_RPC = {
  createBucket: 'ingestion.aw.create-bucket',
  listBuckets: 'ingestion.aw.list-buckets',
  getBucket: 'ingestion.aw.get-bucket',
  heartbeat: 'ingestion.aw.heartbeat',
  insertEvents: 'ingestion.aw.insert-events',
} as const;

export interface WatcherBucketRequest {
  principal: WatcherPrincipal;
  bucketId: string;
}

export interface CreateBucketRequest extends WatcherBucketRequest {
  /** aw-server's body: `{ client, type, hostname, name? }`, validated by ingestion. */
  body: unknown;
}

export interface HeartbeatRequest extends WatcherBucketRequest {
  /** The `pulsetime` query parameter as sent (seconds). */
  pulsetime: unknown;
  event: unknown;
}

export interface InsertEventsRequest extends WatcherBucketRequest {
  /** One event or a list, as aw-server accepts. */
  events: unknown;
}

/** A bucket in aw-server's JSON shape. */
export interface AwBucketView {
  id: string;
  name: string;
  type: string;
  client: string;
  hostname: string;
  created: string;
}

/** An event in aw-server's JSON shape (duration in seconds). */
export interface AwEventView {
  timestamp: string;
  duration: number;
  data: Record<string, unknown>;
}
