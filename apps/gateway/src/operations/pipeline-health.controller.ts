import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireScope } from '../auth/scopes.decorator';
import { PipelineHealth, PipelineHealthService } from './pipeline-health.service';

@ApiTags('operations')
@ApiSecurity('api-key')
@ApiBearerAuth('bearer')
@UseGuards(ApiKeyGuard)
@RequireScope('read')
@Controller('v1/ops')
export class PipelineHealthController {
  constructor(private readonly health: PipelineHealthService) {}

  @Get('pipeline')
  @ApiOperation({
    summary: 'Pipeline health: per-stage events/s, success rate and handler latency (last 60 s), ingest-to-leaderboard percentiles, consumer lag, dead letters',
  })
  pipeline(): Promise<PipelineHealth> {
    return this.health.pipeline();
  }
}
