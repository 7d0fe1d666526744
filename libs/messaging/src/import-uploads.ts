import { NatsConnectionService } from './nats-connection.service';

/**
 * Removes an import's stored file (its chunks and end marker on `<prefix>.imports.upload.<jobId>`)
 * from the imports stream. The gateway does it for uploads that fail or stall, ingestion when a
 * job ends.
 */
export async function discardImportUpload(nats: NatsConnectionService, jobId: string): Promise<void> {
  const { streams, subjects } = nats.names;
  await nats.jsm.streams.purge(streams.imports, { filter: subjects.importUpload(jobId) });
}
