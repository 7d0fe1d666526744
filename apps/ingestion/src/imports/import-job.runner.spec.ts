import type { IngestResult } from '@lib/contracts';
import { HandedBack } from '@lib/messaging';
import { ChunkProgress, ImportJob, ImportJobRepository, noProgress } from '@lib/persistence';
import type { IngestionService, IngestRequest } from '../ingestion.service';
import type { BulkLaneBackpressure } from './bulk-lane-backpressure';
import { ImportJobRunner } from './import-job.runner';
import type { ImportUploadReader } from './import-upload.reader';

/** The runner against an in-memory job store, recording what each chunk commits. */
function runnerFor(file: Buffer, readSize: number, afterCommit: (index: number) => void = () => undefined) {
  const job: ImportJob = {
    _id: 'imp_0123456789abcdef',
    status: 'PENDING',
    format: 'csv',
    userId: 'alice',
    keyId: 'k',
    bytesTotal: file.length,
    ...noProgress(),
    createdAt: new Date(),
  };
  const commits: ChunkProgress[] = [];
  const jobs = {
    findById: async () => ({ ...job }),
    markProcessing: async () => void (job.status = 'PROCESSING'),
    commitChunk: async (_id: string, index: number, progress: ChunkProgress) => {
      if (job.chunksCommitted !== index) return false;
      job.chunksCommitted = index + 1;
      commits.push(progress);
      afterCommit(index);
      return true;
    },
    finish: async (_id: string, fields: Partial<ImportJob>) => void Object.assign(job, fields, { status: 'DONE' }),
    fail: async (_id: string, error: string) => void Object.assign(job, { status: 'FAILED', error }),
  } as unknown as ImportJobRepository;
  const uploads = {
    chunks: async function* () {
      for (let i = 0; i < file.length; i += readSize) yield file.subarray(i, i + readSize);
    },
    discard: async () => undefined,
  } as unknown as ImportUploadReader;
  const ingestion = {
    ingest: async (request: IngestRequest): Promise<IngestResult> => ({ batchId: 'b', accepted: (request.events as unknown[]).length, duplicates: 0, rejected: [], eventIds: [] }),
  } as unknown as IngestionService;
  const backpressure = { waitForRoom: async () => undefined } as unknown as BulkLaneBackpressure;
  return { runner: new ImportJobRunner(jobs, uploads, ingestion, backpressure), job, commits };
}

describe('ImportJobRunner progress', () => {
  const header = 'app,started_at,duration_sec\n';
  const row = (i: number) => `Code,${1795252800 + i * 60},30\n`;

  it('commits with each CSV chunk the bytes of its rows, not what the parser read ahead', async () => {
    const file = Buffer.from(header + Array.from({ length: 2500 }, (_, i) => row(i)).join(''));
    // The whole file arrives in one read: before, the first chunk already reported every byte.
    const { runner, job, commits } = runnerFor(file, file.length);
    await runner.run(job._id, 1, false, new AbortController().signal);
    expect(job.status).toBe('DONE');
    const bytesThrough = (rows: number) => Buffer.byteLength(header) + Array.from({ length: rows }, (_, i) => Buffer.byteLength(row(i))).reduce((a, b) => a + b, 0);
    expect(commits.map((c) => [c.rows, c.bytesRead])).toEqual([
      [1000, bytesThrough(1000)],
      [1000, bytesThrough(2000)],
      [500, file.length],
    ]);
  });

  it('ends with the whole file read when blank lines follow the last full chunk', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row(i)).join('');
    const file = Buffer.from(`${header}${rows}\n\n`);
    const { runner, job, commits } = runnerFor(file, 4096);
    await runner.run(job._id, 1, false, new AbortController().signal);
    expect(commits.map((c) => [c.rows, c.bytesRead])).toEqual([
      [1000, file.length - 2],
      [0, file.length],
    ]);
  });

  it('hands the job back between two chunks when the app stops, even on its last delivery, and a later run resumes it', async () => {
    const file = Buffer.from(header + Array.from({ length: 2500 }, (_, i) => row(i)).join(''));
    const stop = new AbortController();
    const { runner, job, commits } = runnerFor(file, 4096, (index) => index === 0 && stop.abort());
    // Before: the run went on to the end of the file whatever the stop (and with a full bulk lane waited for good).
    await expect(runner.run(job._id, 1, true, stop.signal)).rejects.toThrow(HandedBack);
    expect(job.status).toBe('PROCESSING');
    expect(commits.map((c) => c.rows)).toEqual([1000]);
    await runner.run(job._id, 1, true, new AbortController().signal);
    expect(job.status).toBe('DONE');
    expect(commits.map((c) => c.rows)).toEqual([1000, 1000, 500]);
  });
});
