/** Unit and integration tests (node). Component tests opt into jsdom with a docblock. */
module.exports = {
  testEnvironment: "node",
  reporters: ["default", ["<rootDir>/tests/support/summaryReporter.js", { name: "jest-results" }]],
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  setupFiles: ["<rootDir>/tests/setup-fast-check.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/tests/e2e/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json" }],
  },
};
