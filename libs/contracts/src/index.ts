export * from './activity-event';
export * from './envelope-validation';
export * from './rpc';
export * from './subjects';
export * from './category-boards';
export * from './answer-key';
export * from './classification-rpc';
export * from './imports';
