import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLError, ValidationContext } from 'graphql';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoHealthIndicator, MongoPersistenceModule, RedisHealthIndicator, RedisModule } from '@lib/persistence';
import { jsonLogging } from '@lib/platform';
import { EventsController } from './events/events.controller';
import { GatewayCoreModule } from './gateway-core.module';
import { PipelineResolver } from './graphql/pipeline.resolver';
import { HttpExceptionFilter } from './graphql/http-exception.filter';
import { ImportsModule } from './imports/imports.module';
import { LeaderboardsModule } from './leaderboards/leaderboards.module';
import { OperationsModule } from './operations/operations.module';
import { RulesModule } from './rules/rules.module';
import { RpcErrorFilter } from './rpc-error.filter';

/** graphql-armor throws by default, which Apollo turns into a 500; report a validation error instead. */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/** HTTP requests carry headers; graphql-ws subscriptions carry the key in connectionParams instead. */
function graphqlContext({ req, res, connectionParams }: { req?: unknown; res?: unknown; connectionParams?: Record<string, unknown> }) {
  if (req) return { req, res };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(connectionParams ?? {})) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  return { req: { headers } };
}

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
        ObservabilityModule.forApp([NatsHealthIndicator, MongoHealthIndicator, RedisHealthIndicator]),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          playground: false,
          introspection: true,
          // Our schema has no cycles, but introspection types do: bound what one query can ask.
          validationRules: [maxDepthRule({ n: 12, ...reportAsValidationError }), maxAliasesRule({ n: 20, ...reportAsValidationError })],
          // graphql-ws clients authenticate with connectionParams { "x-api-key": KEY }.
          subscriptions: { 'graphql-ws': { path: '/graphql' } },
          context: graphqlContext,
          // Stacks stay in the logs: Apollo sends them to clients unless NODE_ENV is production.
          includeStacktraceInErrorResponses: false,
        }),
        GatewayCoreModule,
        LeaderboardsModule,
        RulesModule,
        ImportsModule,
        OperationsModule,
      ],
      controllers: [EventsController],
      providers: [PipelineResolver, { provide: APP_FILTER, useClass: RpcErrorFilter }, { provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
