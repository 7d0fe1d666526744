export * from './local-servers';
export * from './app-process';
export * from './discard-on-interrupt';
export * from './tied-spawn';
