export * from './observability.module';
export * from './pipeline-metrics';
export * from './readiness-check';
export * from './stage-stats';
export * from './service-lifecycle';
