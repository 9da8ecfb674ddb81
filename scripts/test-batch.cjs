// Runs several unit test files in this one process (scripts/test-plan.mjs says which may): each inside a
// suite named by its path, so its top-level tests and hooks (before, after) stay its own, and the
// reporters name the file of each test. `require` loads a file synchronously, so every test it declares
// at its top level is declared inside that suite. The suite has no time limit of its own; each test keeps
// the runner's (--test-timeout), as in a process of its own.
const { describe } = require('node:test');
const path = require('node:path');

module.exports = function runShared(files) {
  for (const file of files) {
    describe(path.relative(process.cwd(), file), { timeout: Number.POSITIVE_INFINITY }, () => {
      require(file);
    });
  }
};
