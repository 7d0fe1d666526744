import { ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoHealthIndicator, MongoPersistenceModule, RedisHealthIndicator, RedisModule } from '@lib/persistence';
import { jsonLogging } from '@lib/platform';
import { EventsController } from './events/events.controller';
import { GatewayCoreModule } from './gateway-core.module';
import { explainedValidationMessage, GRAPHQL_VALIDATION_RULES } from './graphql/graphql-limits';
import { DrainingApolloDriver } from './graphql/draining-apollo.driver';
import { GRAPHQL_PATH, GraphqlSubscriptionsServer } from './graphql/graphql-subscriptions.server';
import { PipelineResolver } from './graphql/pipeline.resolver';
import { refusedRequestStatusPlugin } from './graphql/refused-request-status.plugin';
import { variableErrorsPlugin } from './graphql/variable-errors.plugin';
import { HttpExceptionFilter } from './http-exception.filter';
import { ImportsModule } from './imports/imports.module';
import { KnownQueryParametersGuard } from './known-query-parameters.guard';
import { LeaderboardsModule } from './leaderboards/leaderboards.module';
import { OperationsModule } from './operations/operations.module';
import { RulesModule } from './rules/rules.module';
import { RpcErrorFilter } from './rpc-error.filter';
import { UnreachableDependencyFilter } from './unreachable-dependency.filter';

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
        RedisModule,
        // Mongo and Redis down, the gateway still takes events (cached keys, the in-process rate limit): reported, not 503.
        ObservabilityModule.forApp([NatsHealthIndicator], [MongoHealthIndicator, RedisHealthIndicator]),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: DrainingApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: GRAPHQL_PATH,
          playground: false,
          introspection: true,
          // Apollo refuses a GET query as a possible CSRF unless a header makes browsers preflight it;
          // the API key's headers do (neither is CORS-safelisted, and no CORS is answered), so a GET
          // with a key is no CSRF: it was refused unless it also sent apollo-require-preflight.
          csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'x-api-key', 'authorization'] },
          validationRules: GRAPHQL_VALIDATION_RULES,
          formatError: (formatted) => ({ ...formatted, message: explainedValidationMessage(formatted.message) }),
          // Subscriptions (graphql-ws) are served by GraphqlSubscriptionsServer, with limits of their own.
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          // Stacks stay in the logs: Apollo sends them to clients unless NODE_ENV is production.
          includeStacktraceInErrorResponses: false,
          plugins: [refusedRequestStatusPlugin, variableErrorsPlugin],
        }),
        GatewayCoreModule,
        LeaderboardsModule,
        RulesModule,
        ImportsModule,
        OperationsModule,
      ],
      controllers: [EventsController],
      providers: [
        PipelineResolver,
        GraphqlSubscriptionsServer,
        { provide: APP_GUARD, useClass: KnownQueryParametersGuard },
        // Nest tries the filters registered last first: the catch-all goes first, so it comes last.
        { provide: APP_FILTER, useClass: UnreachableDependencyFilter },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
