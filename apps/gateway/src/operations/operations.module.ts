import { Module } from '@nestjs/common';
import { DashboardController } from '../dashboard/dashboard.controller';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { DeadLetterStore } from './dead-letter.store';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';
import { OperationsResolver } from './operations.resolver';
import { PipelineHealthController } from './pipeline-health.controller';
import { PipelineHealthResolver } from './pipeline-health.resolver';
import { PipelineHealthService } from './pipeline-health.service';
import { StageStatsCollector } from './stage-stats.collector';

/** Dead letters, API keys, pipeline health and the dashboard page. */
@Module({
  controllers: [DeadLettersController, ApiKeysController, PipelineHealthController, DashboardController],
  providers: [DeadLetterStore, DeadLettersService, ApiKeysService, StageStatsCollector, PipelineHealthService, OperationsResolver, PipelineHealthResolver],
})
export class OperationsModule {}
