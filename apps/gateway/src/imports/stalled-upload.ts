/**
 * What the stalled-upload sweeper does with one PENDING import job whose run message it has not
 * re-sent yet. Pure: the sweeper reads the job and the last piece of its upload in the imports
 * stream, this decides.
 */

/** A job as the sweeper sees it. */
export interface UnqueuedJob {
  createdAt: Date;
  /** Set once the gateway stored the whole file (the run message is sent right after). */
  uploadedAt?: Date;
  bytesTotal?: number;
}

/** The last piece of the upload in the stream: a chunk, or the end marker with the file's size. */
export interface LastUploadPiece {
  time: Date;
  endBytes?: number;
}

export type StalledUploadAction =
  | { kind: 'wait' }
  /** The file is stored whole: record it (when not yet) and send the run message. */
  | { kind: 'queue'; bytes: number }
  /** No data for the stall timeout: the upload will not complete. */
  | { kind: 'fail'; reason: string };

/**
 * Time the gateway gets between storing the end marker and sending the run message before the
 * sweeper does it: far above the two writes it takes, far below the duplicate window
 * (DUPLICATE_WINDOW_SEC, at least 120 s), so a run message the gateway did send is dropped by
 * JetStream as a duplicate.
 */
export const QUEUE_GRACE_MS = 60_000;

const WAIT: StalledUploadAction = { kind: 'wait' };

export function stalledUploadAction(job: UnqueuedJob, last: LastUploadPiece | undefined, now: Date, stallMs: number): StalledUploadAction {
  const since = (time: Date) => now.getTime() - time.getTime();
  if (job.uploadedAt) return since(job.uploadedAt) >= QUEUE_GRACE_MS ? { kind: 'queue', bytes: job.bytesTotal ?? 0 } : WAIT;
  if (last?.endBytes !== undefined) return since(last.time) >= QUEUE_GRACE_MS ? { kind: 'queue', bytes: last.endBytes } : WAIT;
  const idleMs = since(last?.time ?? job.createdAt);
  if (idleMs < stallMs) return WAIT;
  const received = last ? 'the upload stopped before its end' : 'no data of the file arrived';
  return { kind: 'fail', reason: `${received} and nothing more came for ${Math.round(idleMs / 1000)} s (the connection or the gateway that received it stopped); upload the file again` };
}
