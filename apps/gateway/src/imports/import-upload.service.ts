import { BadRequestException, HttpException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ImportFormat, MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES, UPLOAD_END_HEADER } from '@lib/contracts';
import { JetStreamPublisher, NatsConnectionService, toHeaders } from '@lib/messaging';
import { ImportJobRepository } from '@lib/persistence';

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
  constructor(private readonly jobs: ImportJobRepository, private readonly publisher: JetStreamPublisher, private readonly nats: NatsConnectionService) {}

  async receive(source: AsyncIterable<Buffer | string>, request: UploadRequest): Promise<string> {
    const jobId = `imp_${randomBytes(12).toString('hex')}`;
    const { streams, subjects } = this.nats.names;
    await this.jobs.create({ id: jobId, format: request.format, keyId: request.keyId, userId: request.userId, boundUserId: request.boundUserId, fileName: request.fileName, bytesTotal: request.declaredBytes });
    const subject = subjects.importUpload(jobId);
    const limit = MAX_UPLOAD_BYTES[request.format];
    let bytes = 0;
    let seq = 0;
    try {
      for await (const chunk of rechunk(source, UPLOAD_CHUNK_BYTES)) {
        bytes += chunk.length;
        if (bytes > limit) throw new PayloadTooLargeException(`the file is larger than ${limit / 1024 / 1024} MiB, the limit for ${request.format} imports`);
        await this.publisher.publishRaw(subject, chunk, `${jobId}:${seq++}`);
      }
      if (bytes === 0) throw new BadRequestException('the upload is empty');
      await this.publisher.publishRaw(subject, new Uint8Array(0), `${jobId}:end`, toHeaders({ [UPLOAD_END_HEADER]: String(bytes) }));
      await this.jobs.markUploaded(jobId, bytes);
      await this.publisher.publishJson(subjects.importJobs, { jobId }, { msgId: `run:${jobId}` });
      return jobId;
    } catch (error) {
      const reason = error instanceof HttpException ? error.message : `the upload failed after ${bytes} bytes: ${(error as Error).message}`;
      await this.jobs.fail(jobId, reason).catch(() => undefined);
      await this.nats.jsm.streams.purge(streams.imports, { filter: subject }).catch(() => undefined);
      if (error instanceof HttpException) throw new HttpException({ statusCode: error.getStatus(), message: error.message, jobId }, error.getStatus());
      throw error;
    }
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
