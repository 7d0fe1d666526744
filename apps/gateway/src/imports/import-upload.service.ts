import { BadRequestException, HttpException, HttpStatus, Injectable, PayloadTooLargeException, RequestTimeoutException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { PubAck } from 'nats';
import { AppConfig } from '@lib/config';
import { ImportFormat, MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES, UPLOAD_END_HEADER } from '@lib/contracts';
import { clientSafeReason, discardImportUpload, isJetStreamError, JetStreamErrorCode, JetStreamPublisher, NatsConnectionService, toHeaders } from '@lib/messaging';
import { ImportJobRepository } from '@lib/persistence';
import { KeyedMutex } from '@lib/platform';
import { LastUploadPiece } from './stalled-upload';

/** An import job takes a minute or more: when to try again after a refusal for the key's unfinished ones. */
const IMPORT_JOBS_RETRY_AFTER_SEC = 60;

/** 429: the key has IMPORT_JOBS_PER_KEY import jobs whose files wait to be processed. */
export class TooManyImportJobsException extends HttpException {
  readonly retryAfterSec = IMPORT_JOBS_RETRY_AFTER_SEC;
  constructor(limit: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        message: `this API key has ${limit} import jobs whose files wait to be processed (PENDING or PROCESSING), the most IMPORT_JOBS_PER_KEY allows: upload again once one of them is DONE or FAILED (GET /v1/imports)`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

export interface UploadRequest {
  format: ImportFormat;
  keyId: string;
  userId?: string;
  boundUserId?: string;
  fileName?: string;
  /** Content-Length, when the client sent one (progress before the upload ends). */
  declaredBytes?: number;
}

/**
 * Stores an upload in the imports stream as it arrives (chunks of 256 KiB, each acknowledged by
 * JetStream before the next is read, so the gateway holds one chunk, never the file), then queues
 * the job. Any ingestion instance, on any machine, reads it back from the stream.
 */
@Injectable()
export class ImportUploadService {
  /**
   * An upload's completion and the stalled-upload sweeper's decision on the same job run one at
   * a time in this gateway: FerretDB does not apply their conditional updates atomically, so
   * both could "win" (a 202 for a job the sweeper failed and purged).
   */
  private readonly jobLocks = new KeyedMutex();

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly publisher: JetStreamPublisher,
    private readonly nats: NatsConnectionService,
    private readonly config: AppConfig,
  ) {}

  async receive(source: AsyncIterable<Buffer | string>, request: UploadRequest): Promise<string> {
    const jobId = `imp_${randomBytes(12).toString('hex')}`;
    const { subjects } = this.nats.names;
    await this.jobs.create({ id: jobId, format: request.format, keyId: request.keyId, userId: request.userId, boundUserId: request.boundUserId, fileName: request.fileName, bytesTotal: request.declaredBytes });
    await this.admit(jobId, request.keyId);
    const subject = subjects.importUpload(jobId);
    const limit = MAX_UPLOAD_BYTES[request.format];
    let bytes = 0;
    // What arrived, stored or not yet (a piece is stored once 256 KiB are in): what a broken-off upload reports.
    let received = 0;
    const counted = (async function* () {
      for await (const piece of source) {
        received += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
        yield piece;
      }
    })();
    let seq = 0;
    // When the last piece was stored (the job's creation before the first), as the sweeper reads it.
    let storedAt = Date.now();
    try {
      for await (const chunk of rechunk(counted, UPLOAD_CHUNK_BYTES)) {
        bytes += chunk.length;
        if (bytes > limit) throw new PayloadTooLargeException({ message: `the file is larger than ${limit / 1024 / 1024} MiB, the limit for ${request.format} imports`, field: 'body' });
        // After a pause the sweeper may have failed the job, which then no longer counts for its key
        // (IMPORT_JOBS_PER_KEY): the rest of the file, up to 4 GiB, was stored all the same until its end.
        if (Date.now() - storedAt > this.config.IMPORT_UPLOAD_STALL_SEC * 1000 && (await this.jobs.findById(jobId))?.status === 'FAILED') throw this.stalled();
        await this.publisher.publishRaw(subject, chunk, `${jobId}:${seq++}`);
        storedAt = Date.now();
      }
      if (bytes === 0) throw new BadRequestException({ message: 'the upload is empty', field: 'body' });
      await this.publisher.publishRaw(subject, new Uint8Array(0), `${jobId}:end`, toHeaders({ [UPLOAD_END_HEADER]: String(bytes) }));
      // Not recorded: the sweeper failed the job (no uploadedAt), or, after a long stall right here,
      // found the end marker and queued it (uploadedAt set; the run message below is then dropped).
      const recorded = await this.exclusive(jobId, async () => (await this.jobs.markUploaded(jobId, bytes)) || Boolean((await this.jobs.findById(jobId))?.uploadedAt));
      if (!recorded) throw this.stalled();
      await this.sendRunMessage(jobId);
      return jobId;
    } catch (error) {
      const of = request.declaredBytes !== undefined ? ` of ${request.declaredBytes}` : '';
      const reason = error instanceof HttpException ? error.message : `the upload broke off after ${received}${of} bytes (${(error as Error).message}); upload the file again`;
      await this.jobs.fail(jobId, clientSafeReason(reason)).catch(() => undefined);
      await this.discard(jobId).catch(() => undefined);
      if (error instanceof HttpException) {
        const { field } = error.getResponse() as { field?: string };
        throw new HttpException({ statusCode: error.getStatus(), message: error.message, field, jobId }, error.getStatus());
      }
      throw error;
    }
  }

  /** 408: the sweeper failed the job while its client paused. */
  private stalled(): RequestTimeoutException {
    return new RequestTimeoutException(`the upload paused for longer than ${this.config.IMPORT_UPLOAD_STALL_SEC} s (IMPORT_UPLOAD_STALL_SEC) and was cancelled; upload the file again`);
  }

  /**
   * Keeps the new job when its key has at most IMPORT_JOBS_PER_KEY unfinished, else removes it and
   * refuses the upload before a byte is stored: each such job's file stays in the imports stream
   * until the job ends, and one key uploading file after file filled the NATS server's disk (which
   * then turns JetStream off, and with it every POST /v1/events). Counted after the job is
   * created, so two uploads racing for the last place are both refused, never both taken.
   */
  private async admit(jobId: string, keyId: string): Promise<void> {
    const limit = this.config.IMPORT_JOBS_PER_KEY;
    if ((await this.jobs.countUnfinishedOfKey(keyId)) <= limit) return;
    await this.jobs.remove(jobId);
    throw new TooManyImportJobsException(limit);
  }

  /**
   * Queues a job whose file is stored whole, in case its gateway stopped before queueing it. The
   * run message has the id the gateway uses, so JetStream drops it when the gateway did send it;
   * true when this call queued the job.
   */
  async queueStoredUpload(jobId: string, bytes: number): Promise<boolean> {
    await this.jobs.markUploaded(jobId, bytes);
    // Before the run message: once it is sent the job may start at once, and on FerretDB a write
    // of ours racing the runner's could put the job back to PENDING. Not sent: the next sweep tries again.
    await this.jobs.markRequeued(jobId, true);
    try {
      return !(await this.sendRunMessage(jobId)).duplicate;
    } catch (error) {
      await this.jobs.markRequeued(jobId, false);
      throw error;
    }
  }

  /** Runs `work` on a job's upload state after any other such work on it in this gateway. */
  exclusive<T>(jobId: string, work: () => Promise<T>): Promise<T> {
    return this.jobLocks.runExclusive(jobId, work);
  }

  /** The newest piece of a job's upload in the stream (undefined: none is stored). */
  async lastPiece(jobId: string): Promise<LastUploadPiece | undefined> {
    const { streams, subjects } = this.nats.names;
    try {
      const message = await this.nats.reachableJsm.streams.getMessage(streams.imports, { last_by_subj: subjects.importUpload(jobId) });
      const end = message.header?.get(UPLOAD_END_HEADER);
      return { time: message.time, endBytes: end ? Number(end) : undefined };
    } catch (error) {
      if (isJetStreamError(error, JetStreamErrorCode.NO_MESSAGE_FOUND)) return undefined;
      throw error;
    }
  }

  /** Removes a job's upload from the stream. */
  discard(jobId: string): Promise<void> {
    return discardImportUpload(this.nats, jobId);
  }

  private sendRunMessage(jobId: string): Promise<PubAck> {
    return this.publisher.publishJson(this.nats.names.subjects.importJobs, { jobId }, { msgId: `run:${jobId}` });
  }
}

/** Pieces of exactly `size` bytes (the last one shorter), whatever sizes the source delivers. */
export async function* rechunk(source: AsyncIterable<Buffer | string>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const piece of source) {
    let rest = typeof piece === 'string' ? Buffer.from(piece) : piece;
    while (length + rest.length >= size) {
      const take = size - length;
      parts.push(rest.subarray(0, take));
      yield Buffer.concat(parts, size);
      parts = [];
      length = 0;
      rest = rest.subarray(take);
    }
    if (rest.length > 0) {
      parts.push(rest);
      length += rest.length;
    }
  }
  if (length > 0) yield Buffer.concat(parts, length);
}
