export * from './app-config';
export * from './config.module';
export * from './fail-fast-connect';
export * from './stack-env';
