import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoHealthIndicator, MongoPersistenceModule } from '@lib/persistence';
import { jsonLogging } from '@lib/platform';
import { ApiKeyGuard } from './auth/api-key.guard';
import { EventsController } from './events/events.controller';
import { IngestClient } from './events/ingest.client';
import { PipelineResolver } from './graphql/pipeline.resolver';
import { LeaderboardsController } from './leaderboards/leaderboards.controller';
import { RpcErrorFilter } from './rpc-error.filter';

@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        jsonLogging('gateway'),
        MessagingModule,
        MongoPersistenceModule,
        ObservabilityModule.forApp([NatsHealthIndicator, MongoHealthIndicator]),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          playground: false,
          introspection: true,
          context: ({ req }: { req: unknown }) => ({ req }),
        }),
      ],
      controllers: [EventsController, LeaderboardsController],
      providers: [IngestClient, ApiKeyGuard, PipelineResolver, { provide: APP_FILTER, useClass: RpcErrorFilter }],
    };
  }
}
