import { NotFoundException } from '@nestjs/common';
import { ImportJobView } from '@lib/contracts';
import { ImportJob, ImportJobRepository } from '@lib/persistence';

/** A job the caller may see (keys bound to a user see that user's jobs only), else 404. */
export async function findVisibleJob(jobs: ImportJobRepository, id: string, boundUserId: string | undefined): Promise<ImportJob> {
  const job = await jobs.findById(id);
  if (!job || (boundUserId !== undefined && job.userId !== boundUserId)) throw new NotFoundException({ message: `import job "${id}" not found`, field: 'id' });
  return job;
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
    error: job.error,
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
