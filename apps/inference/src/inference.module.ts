import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { jsonLogging } from '@lib/platform';
import { InferenceConsumer } from './inference.consumer';
import { InferenceService } from './inference.service';

@Module({})
export class InferenceModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InferenceModule,
      imports: [ConfigModule.forRoot(config), jsonLogging('inference'), MessagingModule, ObservabilityModule.forApp([NatsHealthIndicator])],
      providers: [InferenceService, InferenceConsumer],
    };
  }
}
