/**
 * Writes a one-line summary of each jest run to .tmp/<name>.json, so that CI (.ci/run) can refuse a
 * green run in which nothing was tested, without baking CI flags into the npm scripts.
 */
const fs = require("fs");
const path = require("path");

class SummaryReporter {
  constructor(globalConfig, options) {
    this.file = path.join(globalConfig.rootDir, ".tmp", `${options.name}.json`);
  }

  onRunComplete(_contexts, results) {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const { numPassedTests, numFailedTests, numTotalTests, numFailedTestSuites, numRuntimeErrorTestSuites } =
      results;
    // results.success is only settled after the reporters have run, so it is computed here.
    const success =
      numFailedTests === 0 &&
      numFailedTestSuites === 0 &&
      numRuntimeErrorTestSuites === 0 &&
      !results.snapshot.failure;
    fs.writeFileSync(this.file, JSON.stringify({ numPassedTests, numFailedTests, numTotalTests, success }));
  }
}

module.exports = SummaryReporter;
