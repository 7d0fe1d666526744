import { Injectable } from '@nestjs/common';
import { setTimeout } from 'node:timers/promises';
import { AckPolicy, DeliverPolicy, JsMsg, nanos } from 'nats';
import { UPLOAD_END_HEADER } from '@lib/contracts';
import { discardImportUpload, isJetStreamError, JetStreamErrorCode, NatsConnectionService } from '@lib/messaging';
import { ImportInputError } from './import-input.error';

/** A reader left behind by a crashed process is removed by the server after this idle time. */
const READER_IDLE_MS = 5 * 60 * 1000;
/** Chunks pulled ahead of the parser: memory stays a few chunks whatever the file's size. */
const CHUNKS_AHEAD = 8;
/** How long a reader waits for its next chunk before it asks whether the upload is still stored. */
const UPLOAD_IDLE_CHECK_MS = 5_000;
const NO_LONGER_STORED = 'the uploaded file is no longer stored (expired or already processed); upload it again';

interface UploadReader {
  name: string;
  /** Stream sequence of the next chunk to read (where a new reader goes on). */
  nextSeq: number;
  /** The next message; undefined when none came for UPLOAD_IDLE_CHECK_MS. */
  next: () => Promise<IteratorResult<JsMsg> | undefined>;
  close: () => Promise<void>;
}

/**
 * Reads an upload the gateway stored in the imports stream (`<prefix>.imports.upload.<jobId>`,
 * chunks then an end marker). Any ingestion instance on any machine can run any job.
 */
@Injectable()
export class ImportUploadReader {
  constructor(private readonly nats: NatsConnectionService) {}

  async *chunks(jobId: string): AsyncGenerator<Buffer> {
    let reader = await this.open(jobId, 1);
    let bytes = 0;
    try {
      for (;;) {
        const next = await reader.next();
        if (next === undefined) {
          const left = await this.nats.jsm.consumers.info(this.nats.names.streams.imports, reader.name).then(
            (info) => info.num_pending,
            (error: unknown) => {
              if (isJetStreamError(error, JetStreamErrorCode.CONSUMER_NOT_FOUND)) return undefined;
              throw error;
            },
          );
          // Removed by the server: the run pulled nothing for READER_IDLE_MS (it waited that long for
          // room in the bulk lane, its chunks ahead still unread). A new reader goes on from the next chunk.
          if (left === undefined) {
            await reader.close();
            reader = await this.open(jobId, reader.nextSeq);
            continue;
          }
          // The whole file was stored before the job was queued, so a chunk that does not come was
          // purged: another run of the job's message (redelivered while this one was slow) finished
          // it, or the upload expired. Waiting on would hold this instance's import slot for good.
          if (left === 0) throw new ImportInputError(NO_LONGER_STORED);
          continue;
        }
        if (next.done) return;
        const msg = next.value;
        reader.nextSeq = msg.seq + 1;
        const end = msg.headers?.get(UPLOAD_END_HEADER);
        if (end) {
          if (Number(end) !== bytes) throw new ImportInputError(`the stored upload is incomplete (${bytes} of ${end} bytes); upload the file again`);
          return;
        }
        bytes += msg.data.length;
        yield Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
      }
    } finally {
      await reader.close();
    }
  }

  /** An ephemeral consumer of the upload's chunks from stream sequence `fromSeq` on. */
  private async open(jobId: string, fromSeq: number): Promise<UploadReader> {
    const { streams, subjects } = this.nats.names;
    const info = await this.nats.jsm.consumers.add(streams.imports, {
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: fromSeq,
      filter_subject: subjects.importUpload(jobId),
      inactive_threshold: nanos(READER_IDLE_MS),
      mem_storage: true,
    });
    const remove = () => this.nats.jsm.consumers.delete(streams.imports, info.name).catch(() => undefined);
    if (info.num_pending === 0) {
      await remove();
      throw new ImportInputError(NO_LONGER_STORED);
    }
    const messages = await (await this.nats.js.consumers.get(streams.imports, info.name)).consume({ max_messages: CHUNKS_AHEAD });
    return {
      name: info.name,
      nextSeq: fromSeq,
      next: resultsWithin(messages[Symbol.asyncIterator](), UPLOAD_IDLE_CHECK_MS),
      close: async () => {
        messages.stop();
        await remove();
      },
    };
  }

  /** Frees the stream of a finished job's upload. */
  discard(jobId: string): Promise<void> {
    return discardImportUpload(this.nats, jobId);
  }
}

/** Reads `iterator` one result at a time: undefined when none came within `ms` (that read goes on, and is awaited again by the next call). */
function resultsWithin<T>(iterator: AsyncIterator<T>, ms: number): () => Promise<IteratorResult<T> | undefined> {
  let pending: Promise<IteratorResult<T>> | undefined;
  return async () => {
    pending ??= iterator.next();
    const timer = new AbortController();
    const result = await Promise.race([pending, setTimeout(ms, undefined, { signal: timer.signal }).catch(() => undefined)]);
    timer.abort();
    if (result !== undefined) pending = undefined;
    return result;
  };
}
