export * from './logging';
export * from './service-bootstrap';
