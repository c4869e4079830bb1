// One `npm test` runs every project: unit tests beside the code, integration tests against DynamoDB Local,
// CDK template assertions, and end-to-end tests in headless Chromium on the H5 build.
// Node 20 is supported here; the AWS SDK's notice about its 2027 minimum only clutters test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Every item read through its entity declaration is checked against the declared schema (functions/commons/entity.ts).
process.env.VALIDATE_ITEMS = '1';

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  // ESM-only packages are compiled to CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/shared/**/*.test.ts', '<rootDir>/functions/**/*.test.ts', '<rootDir>/local/**/*.test.ts', '<rootDir>/miniapp/src/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'], globalSetup: '<rootDir>/tests/support/global-setup.ts', globalTeardown: '<rootDir>/tests/support/global-teardown.ts' },
    // The staff console's forms and tables, rendered in jsdom with React Testing Library.
    {
      ...common,
      displayName: 'console',
      testEnvironment: 'jsdom',
      // The app imports antd by component from its ES build (smaller bundles); jest takes the CommonJS build of the same.
      moduleNameMapper: { ...common.moduleNameMapper, '^antd/es/(.*)$': 'antd/lib/$1' },
      testMatch: ['<rootDir>/console/src/**/*.test.ts', '<rootDir>/console/src/**/*.test.tsx'],
      setupFiles: ['<rootDir>/console/test-setup.ts'],
    },
    { ...common, displayName: 'cdk', testMatch: ['<rootDir>/infra/**/*.test.ts'] },
    { ...common, displayName: 'typecheck', testMatch: ['<rootDir>/tests/typecheck.test.ts', '<rootDir>/tests/import-cycles.test.ts', '<rootDir>/tests/bundles.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'], globalSetup: '<rootDir>/tests/support/e2e-global-setup.ts', globalTeardown: '<rootDir>/tests/support/global-teardown.ts' },
  ],
  testTimeout: 60000,
};
