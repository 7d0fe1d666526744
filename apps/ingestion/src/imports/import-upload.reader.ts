import { Injectable } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import { UPLOAD_END_HEADER } from '@lib/contracts';
import { discardImportUpload, NatsConnectionService } from '@lib/messaging';
import { ImportInputError } from './import-input.error';

/** A reader left behind by a crashed process is removed by the server after this idle time. */
const READER_IDLE_MS = 5 * 60 * 1000;
/** Chunks pulled ahead of the parser: memory stays a few chunks whatever the file's size. */
const CHUNKS_AHEAD = 8;

/**
 * Reads an upload the gateway stored in the imports stream (`<prefix>.imports.upload.<jobId>`,
 * chunks then an end marker). Any ingestion instance on any machine can run any job.
 */
@Injectable()
export class ImportUploadReader {
  constructor(private readonly nats: NatsConnectionService) {}

  async *chunks(jobId: string): AsyncGenerator<Buffer> {
    const { streams, subjects } = this.nats.names;
    const reader = await this.nats.jsm.consumers.add(streams.imports, {
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      filter_subject: subjects.importUpload(jobId),
      inactive_threshold: nanos(READER_IDLE_MS),
      mem_storage: true,
    });
    try {
      if (reader.num_pending === 0) throw new ImportInputError('the uploaded file is no longer stored (expired or already processed); upload it again');
      const messages = await (await this.nats.js.consumers.get(streams.imports, reader.name)).consume({ max_messages: CHUNKS_AHEAD });
      let bytes = 0;
      try {
        for await (const msg of messages) {
          const end = msg.headers?.get(UPLOAD_END_HEADER);
          if (end) {
            if (Number(end) !== bytes) throw new ImportInputError(`the stored upload is incomplete (${bytes} of ${end} bytes); upload the file again`);
            return;
          }
          bytes += msg.data.length;
          yield Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
        }
      } finally {
        messages.stop();
      }
    } finally {
      await this.nats.jsm.consumers.delete(streams.imports, reader.name).catch(() => undefined);
    }
  }

  /** Frees the stream of a finished job's upload. */
  discard(jobId: string): Promise<void> {
    return discardImportUpload(this.nats, jobId);
  }
}
