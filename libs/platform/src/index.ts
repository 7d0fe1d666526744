export * from './logging';
export * from './or-after';
export * from './service-bootstrap';
export * from './command-line-context';
export * from './keyed-mutex';
export * from './http-drain';
export * from './repeated-line';
