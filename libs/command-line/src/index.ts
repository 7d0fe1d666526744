export * from './command-line';
export * from './file-arguments';
export * from './interruption';
