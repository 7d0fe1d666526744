import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoHealthIndicator, MongoPersistenceModule } from '@lib/persistence';
import { jsonLogging } from '@lib/platform';
import { ImportJobConsumer } from './imports/import-job.consumer';
import { BulkLaneBackpressure } from './imports/bulk-lane-backpressure';
import { ImportJobRunner } from './imports/import-job.runner';
import { ImportUploadReader } from './imports/import-upload.reader';
import { WatcherController } from './imports/watcher.controller';
import { WatcherService } from './imports/watcher.service';
import { IngestionController } from './ingestion.controller';
import { IngestionService } from './ingestion.service';

@Module({})
export class IngestionModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: IngestionModule,
      imports: [
        ConfigModule.forRoot(config),
        jsonLogging('ingestion'),
        MessagingModule,
        // Import jobs and the watcher API's state live in Mongo.
        MongoPersistenceModule,
        ObservabilityModule.forApp([NatsHealthIndicator, MongoHealthIndicator]),
      ],
      providers: [IngestionService, IngestionController, ImportUploadReader, BulkLaneBackpressure, ImportJobRunner, ImportJobConsumer, WatcherService, WatcherController],
    };
  }
}
