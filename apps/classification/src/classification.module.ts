import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { jsonLogging } from '@lib/platform';
import { ClassificationConsumer } from './classification.consumer';
import { ClassificationService } from './classification.service';

@Module({})
export class ClassificationModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ClassificationModule,
      imports: [ConfigModule.forRoot(config), jsonLogging('classification'), MessagingModule, ObservabilityModule.forApp([NatsHealthIndicator])],
      providers: [ClassificationService, ClassificationConsumer],
    };
  }
}
