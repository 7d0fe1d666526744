// Two projects: `unit` (pure logic next to the code, no servers) and `integration` (real
// nats-server, redis-server and FerretDB started once by the global setup).
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];
const moduleNameMapper = {
  '^@lib/infra$': '<rootDir>/tools/infra/src',
  '^@lib/(.*)$': '<rootDir>/libs/$1/src',
};
const common = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  testTimeout: 60000,
  projects: [
    // test/ops: checks of the repository's operations files (alert rules) against the apps' metrics.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts', '<rootDir>/test/ops/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      // Every pipeline test runs the inference app, whose onnxruntime needs the shared typed arrays.
      testEnvironment: '<rootDir>/libs/text-model/test/onnx-jest-environment.js',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
  ],
};
