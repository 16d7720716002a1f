/**
 * End-to-end tests (docs/architecture.md §7): playwright-core drives Debian's Chromium against the preview,
 * built once by the global setup and served by each test file from node:http. Run by
 * `npm run test:e2e`, after the unit tests in `npm test`. One file at a time: each starts Chromium.
 */
module.exports = {
  testEnvironment: "node",
  reporters: ["default", ["<rootDir>/tests/support/summaryReporter.js", { name: "jest-e2e-results" }]],
  roots: ["<rootDir>/tests/e2e"],
  testMatch: ["**/*.e2e.test.ts"],
  globalSetup: "<rootDir>/tests/e2e/support/globalSetup.ts",
  globalTeardown: "<rootDir>/tests/e2e/support/globalTeardown.ts",
  maxWorkers: 1,
  testTimeout: 120000,
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json" }],
  },
};
