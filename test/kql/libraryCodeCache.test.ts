import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  type CodeCacheConfig,
  type CodeCacheRuntime,
  codeCacheKey,
  type LibraryScript,
  ScriptsWithCodeCache,
  writeAtomically,
} from '../../src/kql/libraryCodeCache';
import { CODE_CACHE_DIR_ENV, CODE_CACHE_NAME_ENV, CODE_CACHE_TAG_ENV } from '../../src/protocol/codeCache';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kql-code-cache-test-'));
}

const runtime = (
  over: Partial<Omit<CodeCacheRuntime, 'versions'>> = {},
  versions: Record<string, string> = {},
): CodeCacheRuntime => ({
  versions: { node: '20.20.2', v8: '11.3.244.8', ...versions } as unknown as NodeJS.ProcessVersions,
  platform: 'linux',
  arch: 'x64',
  flags: [],
  ...over,
});
const script = (over: Partial<LibraryScript> = {}): LibraryScript => ({
  file: '/lib/bridge.min.js',
  bytes: Buffer.from('var a = 1;'),
  size: 10,
  mtimeMs: 1000,
  ...over,
});
const config = (over: Partial<CodeCacheConfig> = {}): CodeCacheConfig => ({
  dir: '/cache',
  name: 'server',
  tag: '0.1.0',
  ...over,
});

test('a code cache key changes with every part it depends on, and only then', () => {
  const base = codeCacheKey(config(), runtime(), [script()]);
  assert.equal(codeCacheKey(config(), runtime(), [script()]), base, 'equal parts, equal key');
  assert.match(base, /^server-[0-9a-f]{16}$/);
  const variants = [
    codeCacheKey(config(), runtime({}, { node: '20.20.3' }), [script()]),
    codeCacheKey(config(), runtime({}, { v8: '11.3.244.9' }), [script()]),
    codeCacheKey(config(), runtime({}, { electron: '30.1.2' }), [script()]),
    codeCacheKey(config(), runtime({ flags: ['--max-old-space-size=4096'] }), [script()]),
    codeCacheKey(config(), runtime({ arch: 'arm64' }), [script()]),
    codeCacheKey(config({ tag: '0.1.1' }), runtime(), [script()]),
    codeCacheKey(config(), runtime(), [script({ size: 11 })]),
    codeCacheKey(config(), runtime(), [script({ mtimeMs: 1001 })]),
    codeCacheKey(config(), runtime(), [script({ bytes: Buffer.from('var a = 2;') })]),
    codeCacheKey(config(), runtime(), [script({ file: '/lib/bridge.js' })]),
    codeCacheKey(config(), runtime(), [script(), script({ file: '/lib/Kusto.Language.Bridge.min.js' })]),
  ];
  for (const [i, key] of variants.entries()) assert.notEqual(key, base, `variant ${i} must change the key`);
  assert.equal(new Set(variants).size, variants.length);
  assert.match(codeCacheKey(config({ name: 'engine' }), runtime(), [script()]), /^engine-/);
  // The folder is where the cache lives, not what it is: moving global storage keeps the cache.
  assert.equal(codeCacheKey(config({ dir: '/elsewhere' }), runtime(), [script()]), base);
});

/** Two scripts as the library's are: the first defines a global the second uses, loaded as CommonJS. */
function writeLibrary(dir: string): string[] {
  const first = path.join(dir, 'first.js');
  const second = path.join(dir, 'second.js');
  fs.writeFileSync(
    first,
    `(function (n) { n.__codeCacheTest = { base: 40, moduleSeen: typeof module !== 'undefined' && !!module.exports,
      ownDir: __dirname, canRequire: typeof require('node:path').join === 'function' }; })(global);`,
  );
  fs.writeFileSync(second, 'global.__codeCacheTest.answer = function () { return global.__codeCacheTest.base + 2; };');
  return [first, second];
}

interface Seen {
  base: number;
  moduleSeen: boolean;
  ownDir: string;
  canRequire: boolean;
  answer(): number;
}
const seen = () => (globalThis as unknown as { __codeCacheTest: Seen }).__codeCacheTest;
const cacheFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

/**
 * Loads `files` with the cache in a new process and saves: within one process V8's own compilation cache
 * answers a second compile of the same text, and the cache on disk would never be read.
 */
function loadInChild(files: string[], cacheDir: string): { uses: string[]; answer: number; written: number } {
  const program = `
    const { ScriptsWithCodeCache } = require(${JSON.stringify(path.resolve(__dirname, '../../src/kql/libraryCodeCache'))});
    const loaded = ScriptsWithCodeCache.run(${JSON.stringify(files)}, { dir: ${JSON.stringify(cacheDir)}, name: 'server', tag: 'test' });
    const answer = global.__codeCacheTest.answer();
    console.log(JSON.stringify({ uses: loaded.uses, answer, written: loaded.save() }));`;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '-e', program], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout.trim().split('\n').pop()!);
}

test('scripts run as require runs them, and their cache is written once', () => {
  const libDir = tempDir();
  const cacheDir = path.join(tempDir(), 'code-cache');
  const files = writeLibrary(libDir);
  const first = ScriptsWithCodeCache.run(files, config({ dir: cacheDir }));
  assert.deepEqual(first.uses, ['absent', 'absent']);
  assert.equal(seen().answer(), 42);
  assert.equal(seen().moduleSeen, true);
  assert.equal(seen().ownDir, libDir);
  assert.equal(seen().canRequire, true);
  assert.equal(first.needsSave, true);
  assert.ok(first.save() > 0);
  assert.equal(first.needsSave, false);
  assert.equal(first.save(), 0, 'a second save writes nothing');
  assert.deepEqual(cacheFiles(cacheDir).sort(), [`${first.key}.first.js.v8cache`, `${first.key}.second.js.v8cache`]);
});

test('the next process uses the cache; a rejected one is deleted, the scripts still run, and a good one is written', () => {
  const libDir = tempDir();
  const cacheDir = tempDir();
  const files = writeLibrary(libDir);
  const made = loadInChild(files, cacheDir);
  assert.deepEqual(made.uses, ['absent', 'absent']);
  assert.ok(made.written > 0);
  assert.deepEqual(loadInChild(files, cacheDir), { uses: ['used', 'used'], answer: 42, written: 0 });

  // What V8 sees from another V8 or other flags, or a damaged file: bytes it cannot take.
  const [damaged] = cacheFiles(cacheDir).filter((f) => f.includes('.second.js.'));
  fs.writeFileSync(path.join(cacheDir, damaged!), Buffer.from('not a V8 code cache at all, just bytes'));
  const rejected = loadInChild(files, cacheDir);
  assert.deepEqual(rejected.uses, ['used', 'rejected']);
  assert.equal(rejected.answer, 42);
  assert.ok(rejected.written > 0, 'the rejected cache is made again');
  assert.deepEqual(loadInChild(files, cacheDir).uses, ['used', 'used']);
});

test('an unreadable cache is not an error: the scripts run without it', () => {
  const libDir = tempDir();
  const cacheDir = tempDir();
  const files = writeLibrary(libDir);
  const cfg = config({ dir: cacheDir });
  const key = ScriptsWithCodeCache.run(files, cfg).key;
  fs.mkdirSync(path.join(cacheDir, `${key}.first.js.v8cache`));
  const loaded = ScriptsWithCodeCache.run(files, cfg);
  assert.deepEqual(loaded.uses, ['unreadable', 'absent']);
  assert.equal(seen().answer(), 42);
});

test('a save deletes the caches of the same name made for other keys, and no other', () => {
  const libDir = tempDir();
  const cacheDir = tempDir();
  const files = writeLibrary(libDir);
  for (const stale of ['server-0123456789abcdef.first.js.v8cache', 'engine-0123456789abcdef.first.js.v8cache'])
    fs.writeFileSync(path.join(cacheDir, stale), 'old');
  const loaded = ScriptsWithCodeCache.run(files, config({ dir: cacheDir }));
  loaded.save();
  assert.deepEqual(cacheFiles(cacheDir).sort(), [
    'engine-0123456789abcdef.first.js.v8cache',
    `${loaded.key}.first.js.v8cache`,
    `${loaded.key}.second.js.v8cache`,
  ]);
});

test('an atomic write replaces the file whole, and a failed one leaves neither a partial file nor a temporary', () => {
  const dir = tempDir();
  const target = path.join(dir, 'nested', 'x.v8cache');
  writeAtomically(target, Buffer.from('first'));
  writeAtomically(target, Buffer.from('second'));
  assert.equal(fs.readFileSync(target, 'utf8'), 'second');
  assert.deepEqual(fs.readdirSync(path.dirname(target)), ['x.v8cache']);

  // The rename fails when a directory holds the target's name: the error is thrown, nothing is left behind.
  const blocked = path.join(dir, 'blocked.v8cache');
  fs.mkdirSync(path.join(blocked, 'inside'), { recursive: true });
  assert.throws(() => writeAtomically(blocked, Buffer.from('data')));
  assert.deepEqual(fs.readdirSync(dir).sort(), ['blocked.v8cache', 'nested']);
});

test('Kusto.Language itself loads through the code cache, analyses a query, and uses the cache next time', () => {
  const cacheDir = tempDir();
  const program = `
    const { kusto, libraryCodeCacheState, saveLibraryCodeCache } = require(${JSON.stringify(path.resolve(__dirname, '../../src/kql'))});
    const K = kusto();
    const code = K.KustoCode.ParseAndAnalyze('print x = 1 | extend y = x + 1', K.GlobalState.Default);
    const written = saveLibraryCodeCache();
    console.log(JSON.stringify({ state: libraryCodeCacheState(), diagnostics: code.GetDiagnostics().Count, written }));`;
  const env = {
    ...process.env,
    [CODE_CACHE_DIR_ENV]: cacheDir,
    [CODE_CACHE_TAG_ENV]: 'test',
    [CODE_CACHE_NAME_ENV]: 'engine',
  };
  const run = () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', '-e', program], { env, encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    return JSON.parse(out.stdout.trim().split('\n').pop()!) as { state: string; diagnostics: number; written: number };
  };
  const first = run();
  assert.equal(first.state, 'absent');
  assert.equal(first.diagnostics, 0);
  assert.ok(first.written > 1_000_000, `the library's cache is megabytes, got ${first.written}`);
  const second = run();
  assert.deepEqual(second, { state: 'used', diagnostics: 0, written: 0 });
});
