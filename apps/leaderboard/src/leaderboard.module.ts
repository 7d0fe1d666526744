import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoHealthIndicator, MongoPersistenceModule, RedisHealthIndicator, RedisModule } from '@lib/persistence';
import { jsonLogging } from '@lib/platform';
import { LeaderboardQueryService } from './leaderboard-query.service';
import { LeaderboardWriterService } from './leaderboard-writer.service';
import { LeaderboardController } from './leaderboard.controller';
import { LeaderboardConsumer } from './leaderboard.consumer';
import { LeaderboardStore } from './leaderboard.store';

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
        ObservabilityModule.forApp([NatsHealthIndicator, MongoHealthIndicator, RedisHealthIndicator]),
      ],
      providers: [LeaderboardStore, LeaderboardWriterService, LeaderboardQueryService, LeaderboardConsumer, LeaderboardController],
    };
  }
}
