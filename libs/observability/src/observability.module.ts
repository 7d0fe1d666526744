import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { PipelineMetrics } from './pipeline-metrics';
import { DEGRADED_CHECKS, READINESS_CHECKS, ReadinessCheck } from './readiness-check';
import { ServiceLifecycle } from './service-lifecycle';

/**
 * /metrics and /health/{live,ready} for an app; `checks` are the readiness checks of the servers it
 * cannot serve without, `degraded` those of servers it serves without in part (reported, not 503).
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forApp(checks: Type<ReadinessCheck>[], degraded: Type<ReadinessCheck>[] = []): DynamicModule {
    const readiness: Provider = {
      provide: READINESS_CHECKS,
      useFactory: (...instances: ReadinessCheck[]) => instances,
      inject: checks,
    };
    const degradedReadiness: Provider = {
      provide: DEGRADED_CHECKS,
      useFactory: (...instances: ReadinessCheck[]) => instances,
      inject: degraded,
    };
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [PipelineMetrics, ServiceLifecycle, readiness, degradedReadiness],
      exports: [PipelineMetrics, ServiceLifecycle],
    };
  }
}
