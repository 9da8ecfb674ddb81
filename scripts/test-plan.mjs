// How the unit test files are run: which share a Node process, in which groups, in which order.
//
// A file of its own process pays Node's start, tsx's loader and the imports of src/ (Kusto.Language's 16 MB
// among them) every time: about 1.5 s of CPU for an engine test whose own tests take 0.2 s. Files that
// touch nothing of the process's own state are therefore run several to a process, each inside a suite
// named by its path (scripts/test-batch.cjs), so its top-level hooks and tests stay its own. A file keeps a
// process of its own when it, or a test helper it imports, changes what other files would see: the
// environment, globals, mocks, child processes or workers (their waits would hold up the files after them),
// the module cache, the process's exit; or when its comment says `@ownProcess` (a test of what a fresh
// process has or has not loaded). `KQL_TEST_ISOLATE=1` gives every file its own process, as before.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What in a file's source (or a test helper's it imports) keeps it in a process of its own. */
export const OWN_PROCESS_REASONS = [
  ['@ownProcess', /@ownProcess\b/],
  // Reading the environment is harmless; setting it is not.
  [
    'environment',
    /process\.env(\.\w+|\[[^\]]+\])?\s*(\?\?|\|\||&&)?=[^=]|delete process\.env|Object\.assign\(process\.env/,
  ],
  ['globals', /\bglobalThis\b|\bglobal\./],
  ['mocks', /\bmock\b/],
  ['children', /\bspawn|\bfork\(|\bexecFile|\bexecSync|\bexec\(|child_process|worker_threads|new Worker\b/],
  ['module cache', /require\.cache|Module\._/],
  [
    'process',
    /process\.(exitCode|exit\(|chdir|umask|on\(|once\(|off\(|removeAllListeners|setUncaughtExceptionCaptureCallback)/,
  ],
];

/** The test/ files a source imports by a relative path (not src/: those are the subjects, shared on purpose). */
function testHelperImports(file, source, read) {
  const testRoot = `${path.resolve('test')}${path.sep}`;
  const out = [];
  for (const m of source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = path.resolve(path.dirname(file), m[1]);
    if (!base.startsWith(testRoot)) continue;
    for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
      const text = /\.tsx?$/.test(candidate) ? read(candidate) : undefined;
      if (text !== undefined) {
        out.push([candidate, text]);
        break;
      }
    }
  }
  return out;
}

const readIfFile = (f) => {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Why `file` needs a process of its own (the first reason found in it or a test helper it imports,
 * transitively), or undefined when it can share one. `read` gives a file's text, undefined when there is none (a test passes its own).
 */
export function ownProcessReason(file, read = readIfFile) {
  const seen = new Set();
  const queue = [[path.resolve(file), read(path.resolve(file)) ?? '']];
  while (queue.length) {
    const [f, source] = queue.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    for (const [reason, pattern] of OWN_PROCESS_REASONS) {
      if (pattern.test(source)) {
        return f === path.resolve(file) ? reason : `${reason} (${path.relative(process.cwd(), f)})`;
      }
    }
    queue.push(...testHelperImports(f, source, read));
  }
  return undefined;
}

/**
 * The runner's units, heaviest first: each a file of its own process, or a group of files sharing one.
 * `weights` are the seconds each file took last time (scripts/slowest-test-files.mjs records them); an
 * unknown file counts as `unknownWeight`. A shared group is filled up to `groupSeconds` of weight (or
 * `groupFiles` files), so the two runner slots end near each other: the heaviest start first, and the
 * light ones fill the end.
 */
export function planUnits(files, { isolate, weights = {}, unknownWeight = 5, groupSeconds = 60, groupFiles = 15 }) {
  const weight = (f) => weights[f] ?? unknownWeight;
  const own = [];
  const shared = [];
  for (const f of files) {
    (isolate(f) ? own : shared).push(f);
  }
  const groups = [];
  let current = { files: [], weight: 0 };
  for (const f of [...shared].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    if (current.files.length && (current.weight + weight(f) > groupSeconds || current.files.length >= groupFiles)) {
      groups.push(current);
      current = { files: [], weight: 0 };
    }
    current.files.push(f);
    current.weight += weight(f);
  }
  if (current.files.length) groups.push(current);
  const units = [
    ...own.map((f) => ({ files: [f], weight: weight(f), shared: false })),
    ...groups.map((g) => ({ ...g, shared: true })),
  ];
  return units.sort((a, b) => b.weight - a.weight || a.files[0].localeCompare(b.files[0]));
}
