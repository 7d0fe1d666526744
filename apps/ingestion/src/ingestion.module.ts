import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@lib/config';
import { MessagingModule, NatsHealthIndicator } from '@lib/messaging';
import { ObservabilityModule } from '@lib/observability';
import { jsonLogging } from '@lib/platform';
import { IngestionController } from './ingestion.controller';
import { IngestionService } from './ingestion.service';

@Module({})
export class IngestionModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: IngestionModule,
      imports: [ConfigModule.forRoot(config), jsonLogging('ingestion'), MessagingModule, ObservabilityModule.forApp([NatsHealthIndicator])],
      providers: [IngestionService, IngestionController],
    };
  }
}
