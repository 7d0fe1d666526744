import { Global, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { Connection, ConnectionStates } from 'mongoose';
import { AppConfig, cannotReach, FailFastConnect, maskedUrl } from '@lib/config';
import { ARCHIVE_PERSISTENCE } from './archive';
import { CATEGORIES_PERSISTENCE } from './categories';
import { IMPORTS_PERSISTENCE } from './imports';
import { describeMongoConnectError } from './mongo-connect-error';
import { MongoIndexesService, MongoServerCapabilities } from './mongo-indexes';
import { MongoHealthIndicator } from './mongo.health';
import { RULES_PERSISTENCE } from './rules';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { AppliedEnvelopeRepository } from './repositories/applied-envelope.repository';
import { StartedEnvelopeRepository } from './repositories/started-envelope.repository';
import { UsageLogRepository } from './repositories/usage-log.repository';
import { ApiKey, ApiKeySchema } from './schemas/api-key.schema';
import { AppliedEnvelope, AppliedEnvelopeSchema } from './schemas/applied-envelope.schema';
import { StartedEnvelope, StartedEnvelopeSchema } from './schemas/started-envelope.schema';
import { UsageLog, UsageLogSchema } from './schemas/usage-log.schema';
import { DURABLE_WRITES } from './write-concern';

const features = [CATEGORIES_PERSISTENCE, RULES_PERSISTENCE, IMPORTS_PERSISTENCE, ARCHIVE_PERSISTENCE];
const repositories = [UsageLogRepository, StartedEnvelopeRepository, AppliedEnvelopeRepository, ApiKeyRepository, ...features.flatMap((f) => f.repositories)];

/** The shared data-access layer: one connection, every schema, one repository per collection. */
@Global()
@Module({
  imports: [
    TerminusModule,
    MongooseModule.forRootAsync({
      inject: [AppConfig, { token: FailFastConnect, optional: true }],
      useFactory: (config: AppConfig, failFast?: FailFastConnect) => {
        const serverSelectionTimeoutMS = failFast?.timeoutMs ?? 10000;
        return {
          uri: config.MONGO_URL,
          dbName: config.MONGO_DB,
          serverSelectionTimeoutMS,
          writeConcern: DURABLE_WRITES,
          autoIndex: false, // MongoIndexesService creates them, only where they serve queries
          // A command-line tool: one attempt, one line. An app keeps Nest's retries (nine, 3 s apart),
          // each logged naming MONGO_URL and saying what answers there (describeMongoConnectError):
          // it said "Unable to connect to the database. Message: Server selection timed out after
          // 10000 ms. Retrying (1)..." without the variable, where a Redis listened.
          lazyConnection: true,
          connectionFactory: async (connection: Connection) => {
            try {
              return await connection.asPromise();
            } catch (error) {
              await connection.close().catch(() => undefined); // the next attempt opens its own
              throw cannotReach('MONGO_URL', config.MONGO_URL, describeMongoConnectError(error, serverSelectionTimeoutMS));
            }
          },
          ...(failFast ? { retryAttempts: 0 } : { verboseRetryLog: true }),
        };
      },
    }),
    MongooseModule.forFeature([
      { name: UsageLog.name, schema: UsageLogSchema },
      { name: StartedEnvelope.name, schema: StartedEnvelopeSchema },
      { name: AppliedEnvelope.name, schema: AppliedEnvelopeSchema },
      { name: ApiKey.name, schema: ApiKeySchema },
      ...features.flatMap((f) => f.models),
    ]),
  ],
  providers: [...repositories, MongoHealthIndicator, MongoIndexesService, MongoServerCapabilities],
  exports: [...repositories, MongoHealthIndicator, MongoServerCapabilities, MongooseModule],
})
export class MongoPersistenceModule implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection, private readonly config: AppConfig) {}

  /**
   * Said as NATS and Redis say it, naming MONGO_URL as configured (password masked): an app told
   * of each failed attempt, and of nothing once one worked. Here rather than as it connects, when
   * only warnings reach the log (BootLogger).
   */
  onModuleInit(): void {
    if (this.connection.readyState === ConnectionStates.connected) {
      new Logger('Mongo').log({ msg: 'connected to MongoDB', MONGO_URL: maskedUrl(this.config.MONGO_URL), MONGO_DB: this.config.MONGO_DB });
    }
  }
}
