/**
 * Five projects: unit specs beside the code (no database; test tooling under test/support has its own),
 * integration, end-to-end and security suites under test/ against one embedded PostgreSQL started for the
 * whole run (test/support/global-setup.cjs), and deploy checks of docker/ and the Helm chart in k8s/ (no
 * database). The security suites (issue 10) also leave a report of what they tried (security-reporter).
 * Native ESM: run with NODE_OPTIONS=--experimental-vm-modules (the npm scripts do).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'es6' },
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
  setupFiles: ['<rootDir>/test/support/preload-esm.ts'],
};

export default {
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  maxWorkers: 2,
  reporters: ['<rootDir>/test/support/security-reporter.cjs', '<rootDir>/test/support/summary-reporter.cjs', 'default'],
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', rootDir: '.', roots: ['<rootDir>/src', '<rootDir>/test/support'], testMatch: ['**/*.spec.ts'] },
    { ...common, displayName: 'integration', rootDir: '.', roots: ['<rootDir>/test/integration'], testMatch: ['**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', rootDir: '.', roots: ['<rootDir>/test/e2e'], testMatch: ['**/*.e2e-spec.ts'] },
    { ...common, displayName: 'security', rootDir: '.', roots: ['<rootDir>/test/security'], testMatch: ['**/*.security-spec.ts'] },
    { ...common, displayName: 'deploy', rootDir: '.', roots: ['<rootDir>/test/deploy'], testMatch: ['**/*.deploy-spec.ts'] },
  ],
};
