import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoHealthIndicator, MongoPersistenceModule, RedisHealthIndicator, RedisModule } from '@lib/persistence';
import { jsonLogging } from '@lib/platform';
import { BoardCatalog } from './boards/board-catalog.service';
import { BoardKeys } from './boards/board-keys';
import { BoardMaintenanceStore } from './boards/board-maintenance.store';
import { BoardReader } from './boards/board-reader.service';
import { BoardsHealthIndicator, BoardsHealthModule } from './boards/boards.health';
import { CountedEnvelopes } from './boards/counted-envelopes.service';
import { BoardTimeZone } from './boards/board-time-zone.store';
import { LeaderboardStore } from './boards/leaderboard.store';
import { RedisDataLossMonitor } from './boards/redis-data-loss.monitor';
import { RedisDurabilityCheck } from './boards/redis-durability.check';
import { LeaderboardQueryService } from './leaderboard-query.service';
import { LeaderboardWriterService } from './leaderboard-writer.service';
import { LeaderboardController } from './leaderboard.controller';
import { LeaderboardConsumer } from './leaderboard.consumer';
import { BoardChangesPublisher } from './live/board-changes.publisher';
import { BoardArchiveService } from './maintenance/board-archive.service';
import { BoardRecomputeService } from './maintenance/board-recompute.service';
import { LeaseService } from './maintenance/lease.service';
import { MaintenanceJobsService } from './maintenance/maintenance-jobs.service';

/** Boards in Redis and the archive, and the maintenance on them: shared by the app and its CLI. */
export const BOARD_MAINTENANCE_PROVIDERS = [
  BoardKeys,
  LeaderboardStore,
  BoardMaintenanceStore,
  BoardReader,
  CountedEnvelopes,
  BoardTimeZone,
  BoardArchiveService,
  BoardRecomputeService,
  BoardChangesPublisher,
  LeaseService,
];

@Module({})
export class LeaderboardModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LeaderboardModule,
      imports: [
        ConfigModule.forRoot(config),
        jsonLogging('leaderboard'),
        MessagingModule,
        MongoPersistenceModule,
        RedisModule,
        BoardsHealthModule,
        ObservabilityModule.forApp([NatsHealthIndicator, MongoHealthIndicator, RedisHealthIndicator], [BoardsHealthIndicator]),
      ],
      providers: [
        ...BOARD_MAINTENANCE_PROVIDERS,
        BoardCatalog,
        LeaderboardWriterService,
        LeaderboardQueryService,
        LeaderboardConsumer,
        LeaderboardController,
        MaintenanceJobsService,
        RedisDurabilityCheck,
        RedisDataLossMonitor,
      ],
    };
  }
}
