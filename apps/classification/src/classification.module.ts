import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator, RulesetBroadcast } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { MongoHealthIndicator, MongoPersistenceModule } from '@lib/persistence';
import { jsonLogging } from '@lib/platform';
import { AnswerCache } from './answer-cache';
import { CategoriesService } from './categories.service';
import { ClassificationConsumer } from './classification.consumer';
import { ClassificationController } from './classification.controller';
import { ClassificationMetrics } from './classification.metrics';
import { ClassificationService } from './classification.service';
import { CorrectionsService } from './corrections.service';
import { LiveRuleset } from './live-ruleset.service';
import { RulesetImportService } from './ruleset-import.service';
import { RulesetStore } from './ruleset.store';
import { RulesService } from './rules.service';

@Module({})
export class ClassificationModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ClassificationModule,
      imports: [
        ConfigModule.forRoot(config),
        jsonLogging('classification'),
        MessagingModule,
        MongoPersistenceModule,
        ObservabilityModule.forApp([NatsHealthIndicator, MongoHealthIndicator]),
      ],
      providers: [
        ClassificationMetrics,
        RulesetBroadcast,
        RulesetStore,
        LiveRuleset,
        AnswerCache,
        ClassificationService,
        ClassificationConsumer,
        RulesService,
        CategoriesService,
        RulesetImportService,
        CorrectionsService,
        ClassificationController,
      ],
    };
  }
}
