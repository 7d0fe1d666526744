export * from './local-servers';
export * from './app-process';
