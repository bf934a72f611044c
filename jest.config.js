// The jest configuration of every project: `nx run <project>:test` runs `jest <projectRoot>` with it,
// and `npm test` runs every project's in turn inside one test session (see test-env.cli.ts `run`),
// so the real test environment (Redis namespace, private sshd, FRR) is started once for the whole
// suite; a jest started on its own starts one in its global setup. Three tiers:
//   *.spec.ts      unit, next to the code, boundaries stubbed
//   *.int-spec.ts  integration against real Redis / sshd / the device simulator
//   *.e2e-spec.ts  end to end through the REST API of the real apps
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.base.json' }],
  },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  globalSetup: '<rootDir>/tools/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/tools/testing/src/jest/global-teardown.ts',
  setupFiles: ['<rootDir>/tools/testing/src/jest/setup-env.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tools/testing/summary.reporter.js'],
};
