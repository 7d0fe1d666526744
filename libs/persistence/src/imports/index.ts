import { PersistenceFeature } from '../persistence-feature';
import { ImportJobRepository } from './import-job.repository';
import { ImportJob, ImportJobSchema } from './import-job.schema';
import { WatcherBucketRepository } from './watcher-bucket.repository';
import { WatcherBucket, WatcherBucketSchema } from './watcher-bucket.schema';
import { WatcherHostRepository } from './watcher-host.repository';
import { WatcherHost, WatcherHostSchema } from './watcher-host.schema';
import { WatcherStateRepository } from './watcher-state.repository';
import { WatcherStateDocument, WatcherStateSchema } from './watcher-state.schema';

export * from './import-job.repository';
export * from './import-job.schema';
export * from './watcher-bucket.repository';
export * from './watcher-bucket.schema';
export * from './watcher-host.repository';
export * from './watcher-host.schema';
export * from './watcher-state.repository';
export * from './watcher-state.schema';

/** Import jobs and the ActivityWatch watcher API's buckets, host mappings and heartbeat state. */
export const IMPORTS_PERSISTENCE: PersistenceFeature = {
  models: [
    { name: ImportJob.name, schema: ImportJobSchema },
    { name: WatcherHost.name, schema: WatcherHostSchema },
    { name: WatcherBucket.name, schema: WatcherBucketSchema },
    { name: WatcherStateDocument.name, schema: WatcherStateSchema },
  ],
  repositories: [ImportJobRepository, WatcherHostRepository, WatcherBucketRepository, WatcherStateRepository],
};
