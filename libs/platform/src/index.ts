export * from './logging';
export * from './or-after';
export * from './service-bootstrap';
export * from './keyed-mutex';
