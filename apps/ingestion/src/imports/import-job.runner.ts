import { Injectable, Logger } from '@nestjs/common';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { ImportRejection, IngestResult, MAX_EVENTS_PER_BATCH, MAX_UPLOAD_BYTES, WHOLE_EVENT } from '@lib/contracts';
import { clientSafeReason, HandedBack } from '@lib/messaging';
import { ImportJob, ImportJobRepository } from '@lib/persistence';
import { IngestionService } from '../ingestion.service';
import { checkExportDensity, convertActivityWatchExport, ExportFormatError } from './activitywatch-export';
import {
  checkCsvHeader,
  csvColumnsOf,
  csvDelimiterOf,
  csvRowRejection,
  csvRowToEvent,
  isRepeatedHeader,
  NOT_UTF8_REASON,
  REPEATED_HEADER_REASON,
  UNNAMED_VALUE_REASON,
  Utf8Check,
  valueInUnnamedColumn,
} from './csv-rows';
import { ImportInputError } from './import-input.error';
import { ImportUploadReader } from './import-upload.reader';
import { BulkLaneBackpressure } from './bulk-lane-backpressure';

/** Envelopes stay far below NATS's 1 MiB max payload. */
const CHUNK_BYTES = 512 * 1024;
/** Rejected rows stored per job; the count goes on, `rejectedTruncated` says the list stopped. */
export const REJECTIONS_KEPT = 1000;
/** An export is one JSON document (AFK and web buckets can come after the window bucket): parsed whole. */
const MAX_EXPORT_BYTES = MAX_UPLOAD_BYTES.activitywatch;
/**
 * A row of events is a few KiB at most (title 2,048, url 4,096 characters). The parser holds a
 * row whole until it ends: a cell opened by an unclosed quote took the rest of the file (200 MB
 * of cell: 604 MB of heap; 4 GiB, the CSV limit, a few MiB gzipped, ended ingestion).
 */
const MAX_CSV_ROW_CHARS = 65_536;
/** How much of a CSV is read for its header row (which tells the separator) when no line end comes sooner. */
const HEADER_PEEK_BYTES = 64 * 1024;

interface ChunkItem {
  event: Record<string, unknown>;
  /** CSV row number (header = 1). */
  row?: number;
  /** Where an export event was. */
  location?: string;
}

/** At most MAX_EVENTS_PER_BATCH events: one ingestion call, one envelope, one committed step. */
interface Chunk {
  items: ChunkItem[];
  /** Rejections found before ingestion (unparseable rows, bad export events). */
  early: ImportRejection[];
  /** Input rows this chunk accounts for (progress). */
  rows: number;
}

/** Another worker committed this job's next chunk first: it carries on, this run stops. */
class JobTakenOver extends Error {}

/**
 * How a run ended. 'taken over': another run of the same message (redelivered while this one was
 * slow) committed the job's next chunk first and carries it on, so the message is its to ack or hand back.
 */
export type ImportRunOutcome = 'ended' | 'taken over';

/** What this run has committed so far (starting from what earlier runs of the job committed). */
class RunState {
  committed: number;
  storedRejections: number;
  chunkIndex = 0;

  /** `stopping`: the app stops; the run ends after the chunk it is committing (HandedBack) and resumes elsewhere. */
  constructor(readonly job: ImportJob, readonly stopping: AbortSignal) {
    this.committed = job.chunksCommitted;
    this.storedRejections = job.rejected?.length ?? 0;
  }
}

/**
 * Runs one import job: reads the upload from the imports stream, turns it into events, and sends
 * them in chunks through the same normalization and publish path as POST /v1/events, on the bulk
 * lane. Progress is committed per chunk; a resumed job skips the chunks it already counted.
 */
@Injectable()
export class ImportJobRunner {
  private readonly logger = new Logger(ImportJobRunner.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly uploads: ImportUploadReader,
    private readonly ingestion: IngestionService,
    private readonly backpressure: BulkLaneBackpressure,
  ) {}

  /**
   * `runSeq`: the stream sequence of the run message. A job runs under one message: a crashed run
   * resumes when that message is redelivered, and another run message for it (the sweeper's,
   * past the duplicate window) leaves it alone, so two runners never commit one job's chunks at
   * once (FerretDB does not apply their compare-and-set atomically). `finalAttempt`: the last
   * delivery of the message, so a transient failure now fails the job.
   */
  async run(jobId: string, runSeq: number, finalAttempt: boolean, stopping: AbortSignal): Promise<ImportRunOutcome> {
    const job = await this.jobs.findById(jobId);
    if (!job || job.status === 'DONE' || job.status === 'FAILED') return 'ended';
    if (job.status === 'PROCESSING' && job.runSeq !== undefined && job.runSeq !== runSeq) {
      this.logger.warn({ msg: 'import already running under another run message: left to it', jobId, runSeq, runningSeq: job.runSeq });
      return 'ended';
    }
    const startedAt = job.startedAt ?? new Date();
    await this.jobs.markProcessing(jobId, startedAt, runSeq);
    const state = new RunState(job, stopping);
    try {
      const rows = job.format === 'csv' ? await this.runCsv(state) : await this.runActivityWatch(state);
      const finishedAt = new Date();
      const seconds = Math.max(0.001, (finishedAt.getTime() - startedAt.getTime()) / 1000);
      await this.jobs.finish(jobId, { rowsTotal: rows, finishedAt, rowsPerSec: Math.round(rows / seconds) });
      await this.uploads.discard(jobId);
      this.logger.log({ msg: 'import done', jobId, rows, seconds });
      return 'ended';
    } catch (error) {
      if (error instanceof JobTakenOver) {
        this.logger.log({ msg: 'import taken over by another run of its message: this run stops', jobId });
        return 'taken over';
      }
      // A stop is no failure, even on the last delivery: the job resumes where it was.
      if (error instanceof HandedBack) throw error;
      const inputError = error instanceof ImportInputError;
      if (inputError || finalAttempt) {
        const failed = await this.jobs.fail(jobId, clientSafeReason(inputError ? error.message : `gave up after repeated failures: ${(error as Error).message}`));
        await this.uploads.discard(jobId).catch(() => undefined);
        // Not failed: another run of the job's message (redelivered while this one was slow) ended it first, freeing its upload.
        if (failed) this.logger.warn({ msg: 'import failed', jobId, err: String(error) });
        else this.logger.log({ msg: 'import ended under another run of its message: this run stops', jobId, err: String(error) });
        if (inputError) return 'ended';
      }
      throw error;
    }
  }

  /** Streams the CSV (constant memory); returns the number of data rows. */
  private async runCsv(state: RunState): Promise<number> {
    const { job } = state;
    let row = 1;
    let sawHeader = false;
    // The header row the parser could not read (an unclosed quote): the job fails with its reason,
    // not "the file is empty", nor with the next row taken for the header.
    let unreadableHeader: string | undefined;
    const skipped: ImportRejection[] = [];
    const utf8 = new Utf8Check();
    const upload = this.uploads.chunks(job._id);
    const head = await readHeaderChunks(upload);
    const delimiter = csvDelimiterOf(Buffer.concat(head));
    const parser = parse({
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      columns: (header: string[]) => {
        if (unreadableHeader !== undefined) throw new ImportInputError(`CSV header: ${unreadableHeader}`);
        sawHeader = true;
        const columns = csvColumnsOf(header);
        const problem = checkCsvHeader(columns, job.userId !== undefined);
        if (problem) throw new ImportInputError(`CSV header: ${problem}`);
        return columns;
      },
      // Both hooks run in file order, so rows are numbered as they appear (header = 1).
      on_record: (record: Record<string, string>, { bytes }) => {
        const rejection = rowRejection(record);
        if (rejection === undefined) return { row: ++row, record, bytes };
        skipped.push({ row: ++row, ...rejection });
        return null;
      },
      max_record_size: MAX_CSV_ROW_CHARS,
      on_skip: (error) => {
        if (error?.code === 'CSV_MAX_RECORD_SIZE') {
          // Skipping it would go on reading the same cell: the job stops here, naming the row.
          parser.destroy(new ImportInputError(`CSV: row ${row + 1} is longer than ${MAX_CSV_ROW_CHARS} characters, more than a row of events can hold (an unclosed quote?)`));
          return;
        }
        if (!sawHeader) unreadableHeader ??= error?.message ?? 'unreadable row';
        else skipped.push({ row: ++row, field: '(row)', reason: error?.message ?? 'unreadable row' });
      },
    });
    /** What is wrong with a row before its cells are judged as an event, if anything. */
    function rowRejection(record: Record<string, string>): { field: string; reason: string } | undefined {
      const notUtf8 = utf8.invalidColumn(record);
      if (notUtf8 !== undefined) return { field: notUtf8, reason: NOT_UTF8_REASON };
      if (isRepeatedHeader(record)) return { field: '(row)', reason: REPEATED_HEADER_REASON };
      const unnamed = valueInUnnamedColumn(record);
      return unnamed === undefined ? undefined : { field: unnamed, reason: UNNAMED_VALUE_REASON };
    }
    let bytesRead = 0;
    const source = Readable.from(
      (async function* counted(chunks: AsyncGenerator<Buffer>) {
        for await (const chunk of chunks) {
          bytesRead += chunk.length;
          utf8.read(chunk);
          yield chunk;
        }
        utf8.end();
      })(withHead(head, upload)),
      // Little read-ahead: memory stays small and bytesRead follows the parser.
      { highWaterMark: 2 },
    );
    source.on('error', (error) => parser.destroy(error));
    source.pipe(parser);

    // A chunk ends at its last item's row; unparseable rows up to there belong to it, so chunks
    // are the same on every run of the job whatever the parser's read-ahead. Its bytes are the
    // file up to that row's end (progress follows committed rows, not what the parser read).
    let lastRow = 1;
    let lastBytes = 0;
    const close = async (items: ChunkItem[], upToRow: number, upToBytes: number) => {
      const early = takeWhile(skipped, (r) => r.row! <= upToRow);
      await this.send(state, { items, early, rows: upToRow - lastRow }, upToBytes);
      lastRow = upToRow;
      lastBytes = upToBytes;
    };
    let items: ChunkItem[] = [];
    let bytes = 0;
    try {
      for await (const { row: rowNumber, record, bytes: rowEnd } of parser as AsyncIterable<{ row: number; record: Record<string, string>; bytes: number }>) {
        const event = csvRowToEvent(record, job.userId, delimiter);
        items.push({ event, row: rowNumber });
        bytes += Buffer.byteLength(JSON.stringify(event));
        if (items.length >= MAX_EVENTS_PER_BATCH || bytes >= CHUNK_BYTES) {
          await close(items, rowNumber, rowEnd);
          items = [];
          bytes = 0;
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('CSV_')) throw new ImportInputError(`CSV: ${(error as Error).message}`);
      throw error;
    } finally {
      // Ends the upload reader too (its consumer is deleted) when parsing stopped early.
      source.destroy();
    }
    if (unreadableHeader !== undefined) throw new ImportInputError(`CSV header: ${unreadableHeader}`);
    if (!sawHeader) throw new ImportInputError('the file is empty: a header row is required');
    if (items.length > 0 || row > lastRow || lastBytes < bytesRead || state.chunkIndex === 0) await close(items, row, bytesRead);
    return row - 1;
  }

  /** Reads the export whole, converts it; returns the number of export events. */
  private async runActivityWatch(state: RunState): Promise<number> {
    const { job } = state;
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.uploads.chunks(job._id)) {
      size += chunk.length;
      if (size > MAX_EXPORT_BYTES) throw new ImportInputError(`ActivityWatch exports larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MiB are not supported; export a shorter period`);
      parts.push(chunk);
    }
    let exported: unknown;
    const text = Buffer.concat(parts, size);
    parts.length = 0;
    try {
      checkExportDensity(text);
    } catch (error) {
      if (error instanceof ExportFormatError) throw new ImportInputError(error.message);
      throw error;
    }
    try {
      // A byte order mark is no JSON but editors save one; CSV accepts it too.
      exported = JSON.parse(text.toString('utf8').replace(/^\ufeff/, ''));
    } catch (error) {
      throw new ImportInputError(`the file is not valid JSON: ${(error as Error).message}`);
    }
    let conversion;
    try {
      conversion = convertActivityWatchExport(exported, job.userId!);
    } catch (error) {
      if (error instanceof ExportFormatError) throw new ImportInputError(error.message);
      throw error;
    }
    const chunks: ChunkItem[][] = [[]];
    let bytes = 0;
    for (const { event, location } of conversion.events) {
      const size = Buffer.byteLength(JSON.stringify(event));
      if (chunks[chunks.length - 1].length >= MAX_EVENTS_PER_BATCH || bytes + size > CHUNK_BYTES) {
        chunks.push([]);
        bytes = 0;
      }
      chunks[chunks.length - 1].push({ event: { ...event }, location });
      bytes += size;
    }
    // Export events do not map one to one onto activity events: progress advances evenly per chunk.
    const rowsBefore = (i: number) => Math.floor((conversion.rows * i) / chunks.length);
    for (const [i, items] of chunks.entries()) {
      await this.send(state, { items, early: i === 0 ? conversion.rejections : [], rows: rowsBefore(i + 1) - rowsBefore(i) }, size, conversion.rows);
    }
    return conversion.rows;
  }

  /** Ingests one chunk (unless an earlier run committed it) and commits its counts. */
  private async send(state: RunState, chunk: Chunk, bytesRead: number, rowsTotal?: number): Promise<void> {
    const index = state.chunkIndex++;
    if (index < state.committed) return;
    // Between two chunks: an import of hours no longer holds the app's stop until its grace runs out.
    if (state.stopping.aborted) throw new HandedBack(`the import stopped before its chunk ${index}`);
    const { job } = state;
    if (chunk.items.length > 0) await this.backpressure.waitForRoom(state.stopping);
    const result: IngestResult =
      chunk.items.length > 0
        ? await this.ingestion.ingest({ events: chunk.items.map((i) => i.event), lane: 'bulk', boundUserId: job.boundUserId }, `import:${job._id}`)
        : { batchId: '', accepted: 0, duplicates: 0, rejected: [], eventIds: [] };
    const rejections = [...chunk.early, ...result.rejected.map(({ index: i, field, reason }) => rejectionOf(chunk.items[i], field, reason))].sort(
      (a, b) => (a.row ?? 0) - (b.row ?? 0),
    );
    const kept = rejections.slice(0, Math.max(0, REJECTIONS_KEPT - state.storedRejections));
    const committed = await this.jobs.commitChunk(job._id, index, {
      rows: chunk.rows,
      bytesRead,
      rowsTotal,
      accepted: result.accepted,
      duplicates: result.duplicates,
      rejectedCount: rejections.length,
      rejected: kept,
      rejectedTruncated: kept.length < rejections.length,
    });
    if (!committed) throw new JobTakenOver(`job ${job._id} moved on without this run`);
    state.committed++;
    state.storedRejections += kept.length;
  }
}

function rejectionOf(item: ChunkItem, field: string, reason: string): ImportRejection {
  if (item.row !== undefined) return { row: item.row, ...csvRowRejection(field, reason) };
  return { field: item.location ?? WHOLE_EVENT, reason: `${field} ${reason}` };
}

/** Removes and returns the leading items matching `test` (the list is in row order). */
function takeWhile<T>(list: T[], test: (item: T) => boolean): T[] {
  let n = 0;
  while (n < list.length && test(list[n])) n++;
  return list.splice(0, n);
}

/** The first chunks of an upload, up to its first line end (the CSV header row). */
async function readHeaderChunks(upload: AsyncGenerator<Buffer>): Promise<Buffer[]> {
  const head: Buffer[] = [];
  let bytes = 0;
  while (bytes < HEADER_PEEK_BYTES) {
    const next = await upload.next();
    if (next.done) break;
    head.push(next.value);
    bytes += next.value.length;
    if (next.value.includes(0x0a)) break;
  }
  return head;
}

/** The chunks already read, then the rest; stopping early still ends the upload reader. */
async function* withHead(head: Buffer[], rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* head;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}
