// Runs several unit test files in this one process (scripts/test-plan.mjs says which may): each inside a
// suite named by its path, so its top-level tests and hooks (before, after) stay its own, and the
// reporters name the file of each test. `require` loads a file synchronously, so every test it declares
// at its top level is declared inside that suite. Each file has the time a file of its own process has
// (`fileTimeoutMs`, the suite's limit, which its tests inherit): the runner's own limit is per process, so
// a group's is longer (scripts/run-tests.mjs).
const { describe } = require('node:test');
const path = require('node:path');

module.exports = function runShared(files, { fileTimeoutMs } = {}) {
  for (const file of files) {
    describe(path.relative(process.cwd(), file), { timeout: fileTimeoutMs }, () => {
      require(file);
    });
  }
};
