import { ImportJobView } from '@lib/contracts';

const REJECTIONS_SHOWN = 20;

/** "34 ms", "12.3 s": milliseconds under a second, where tenths of a second would read "0.0 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** What `npm run import` prints when the job ended: status, time and rate, counts, the first rejected rows, the error. */
export function summary(job: ImportJobView): string {
  const rows = job.rowsTotal ?? job.rowsProcessed;
  const ms = job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : undefined;
  // rowsPerSec is the job's rows over these same two times.
  const lines = [
    '',
    `job ${job.id}: ${job.status}${ms !== undefined ? ` in ${duration(ms)}` : ''}${job.rowsPerSec !== undefined ? ` (${job.rowsPerSec} rows/s)` : ''}`,
    `rows ${rows}: ${job.accepted} accepted, ${job.duplicates} duplicates, ${job.rejectedCount} rejected`,
  ];
  if (job.error) lines.push(`error: ${job.error}`);
  const rejected = job.rejected ?? [];
  if (rejected.length > 0) {
    lines.push(`rejected (first ${Math.min(REJECTIONS_SHOWN, rejected.length)} of ${job.rejectedCount}):`);
    for (const r of rejected.slice(0, REJECTIONS_SHOWN)) lines.push(`  ${r.row !== undefined ? `row ${r.row} ` : ''}${r.field}: ${r.reason}`);
  }
  // Both kinds: a row repeated in the file (same event id in one chunk) and a re-import within the window.
  if (job.duplicates > 0) lines.push('duplicates: rows repeated in the file, or already imported (the same file within the duplicate window); they count once');
  return `${lines.join('\n')}\n`;
}
