export * from './app-config';
export * from './config.module';
export * from './fail-fast-connect';
export * from './masked-url';
export * from './running-stack';
export * from './stack-env';
export * from './misspelt-variables';
export * from './edit-distance';
