import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator, RulesetBroadcast } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoHealthIndicator, MongoPersistenceModule } from '@lib/persistence';
import { jsonLogging } from '@lib/platform';
import { InferenceConsumer } from './inference.consumer';
import { InferenceService } from './inference.service';
import { LiveTaxonomy } from './live-taxonomy.service';
import { LlmClassifier } from './llm/llm-classifier.service';
import { TextModel } from './text-model.service';

@Module({})
export class InferenceModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InferenceModule,
      imports: [
        ConfigModule.forRoot(config),
        jsonLogging('inference'),
        MessagingModule,
        MongoPersistenceModule,
        ObservabilityModule.forApp([NatsHealthIndicator, MongoHealthIndicator]),
      ],
      providers: [RulesetBroadcast, TextModel, LiveTaxonomy, LlmClassifier, InferenceService, InferenceConsumer],
    };
  }
}
