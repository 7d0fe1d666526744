export * from './local-servers';
