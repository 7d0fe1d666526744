import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { ImportJobView, parseInteger, parseUserId } from '@lib/contracts';
import { clientSafeReason } from '@lib/messaging';
import { ImportJob, ImportJobRepository } from '@lib/persistence';

/** A job the caller may see (keys bound to a user see that user's jobs only), else 404. */
export async function findVisibleJob(jobs: ImportJobRepository, id: string, boundUserId: string | undefined): Promise<ImportJob> {
  const job = await jobs.findById(id);
  if (!job || (boundUserId !== undefined && job.userId !== boundUserId)) throw new NotFoundException({ message: `import job "${id}" not found`, field: 'id' });
  return job;
}

/** What a list of import jobs takes, as the query string (REST) or arguments (GraphQL) give it. */
export interface ImportJobListQuery {
  userId?: string | null;
  limit?: string | number | null;
  offset?: string | number | null;
}

/** Newest first, without the rejected rows, and whether there are more; a key bound to a user lists that user's jobs only. */
export async function listVisibleJobs(jobs: ImportJobRepository, query: ImportJobListQuery, boundUserId: string | undefined): Promise<{ jobs: ImportJobView[]; hasMore: boolean }> {
  const page = { limit: parseInteger(query.limit, 'limit', { min: 1, max: 200, fallback: 50 }), offset: parseInteger(query.offset, 'offset', { min: 0, max: 1_000_000, fallback: 0 }) };
  // A key bound to a user asking for another's jobs is refused, as its upload would be: an empty
  // list (what it got before) reads as "that user imported nothing".
  // One job more than the page says whether there are more (as a leaderboard page's hasMore).
  const found = await jobs.list({ userId: userOf(query.userId ?? undefined, boundUserId, 'list the import jobs'), ...page, limit: page.limit + 1 });
  return { jobs: found.slice(0, page.limit).map((job) => importJobView(job, false)), hasMore: found.length > page.limit };
}

/** The user a request is for: the one asked for, a valid id, and the key's own when it is bound to one (`action` for the 403). */
export function userOf(requested: string | undefined, boundUserId: string | undefined, action: string): string | undefined {
  if (requested !== undefined) parseUserId(requested);
  if (boundUserId === undefined) return requested;
  if (requested !== undefined && requested !== boundUserId) throw new ForbiddenException({ message: `this API key may only ${action} of user ${boundUserId}`, field: 'userId' });
  return boundUserId;
}

/** A stored job as the API shows it; progress from rows when their total is known, else from bytes. */
export function importJobView(job: ImportJob, withRejections: boolean): ImportJobView {
  const view: ImportJobView = {
    id: job._id,
    status: job.status,
    format: job.format,
    userId: job.userId,
    fileName: job.fileName,
    bytesTotal: job.bytesTotal,
    bytesRead: job.bytesRead,
    rowsTotal: job.rowsTotal,
    rowsProcessed: job.rowsProcessed,
    progress: progressOf(job),
    accepted: job.accepted,
    duplicates: job.duplicates,
    rejectedCount: job.rejectedCount,
    rejected: withRejections ? job.rejected : undefined,
    rejectedTruncated: job.rejectedTruncated,
    // A job failed before reasons were stored without servers and credentials reads as one since.
    error: job.error === undefined ? undefined : clientSafeReason(job.error),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString(),
    finishedAt: job.finishedAt?.toISOString(),
    rowsPerSec: job.rowsPerSec,
  };
  for (const key of Object.keys(view) as Array<keyof ImportJobView>) if (view[key] === undefined) delete view[key];
  return view;
}

/** Progress shown until the job is DONE at most: its last chunk is committed before the job ends. */
const BEFORE_DONE = 0.99;

function progressOf(job: ImportJob): number | null {
  if (job.status === 'DONE') return 1;
  const done = job.rowsTotal ? job.rowsProcessed / job.rowsTotal : job.bytesTotal ? job.bytesRead / job.bytesTotal : undefined;
  return done === undefined ? null : Math.min(BEFORE_DONE, done);
}
