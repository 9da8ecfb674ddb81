/**
 * A V8 code cache of Kusto.Language's two scripts, for processes that start without a startup snapshot
 * (desktop VS Code's Electron always; code-server until its snapshots are built). The scripts are
 * compiled with `vm.Script` and the cache V8 made of them after the first analysis (so the functions it
 * compiled lazily are in it) is read back on the next start. Unlike snapshots and Node 22's
 * `module.enableCompileCache`, `vm.Script`'s `cachedData` works on Node 20 and in Electron.
 *
 * A cache is only valid for the V8 and flags that made it and the exact script text; V8 checks the first
 * two itself and rejects a mismatch (`cachedDataRejected`), so the key holds them too: two processes with
 * other flags keep their own files instead of overwriting each other's. A rejected or unreadable cache is
 * deleted and made again; nothing here ever stops the library from loading.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Where the caches live and whose they are. */
export interface CodeCacheConfig {
  readonly dir: string;
  /** Which process's cache (`server`, `engine`): each makes its own after its own first analysis. */
  readonly name: string;
  /** The extension's version: a new build never reads an old build's cache. */
  readonly tag: string;
}

/** What a cache depends on besides the script text. */
export interface CodeCacheRuntime {
  readonly versions: NodeJS.ProcessVersions;
  readonly platform: string;
  readonly arch: string;
  /** V8 and Node flags the process runs with (execArgv, NODE_OPTIONS). */
  readonly flags: readonly string[];
}

export function currentRuntime(): CodeCacheRuntime {
  return {
    versions: process.versions,
    platform: process.platform,
    arch: process.arch,
    flags: [...process.execArgv, process.env.NODE_OPTIONS ?? ''],
  };
}

/** One library script as read from disk. */
export interface LibraryScript {
  readonly file: string;
  /** The file's bytes (hashed as read: encoding 5 MB of decoded text again would cost more). */
  readonly bytes: Buffer;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The file-name-safe key of a cache: its name, then a digest of the runtime (Node, V8, Electron, platform,
 * flags), the extension's version and every script's name, size, mtime and text.
 */
export function codeCacheKey(config: CodeCacheConfig, runtime: CodeCacheRuntime, scripts: readonly LibraryScript[]) {
  const hash = createHash('sha256');
  const { versions } = runtime;
  hash.update(
    JSON.stringify([
      versions.node,
      versions.v8,
      versions.electron ?? '',
      runtime.platform,
      runtime.arch,
      runtime.flags,
      config.tag,
    ]),
  );
  for (const s of scripts) {
    hash.update(`\0${path.basename(s.file)}\0${s.size}\0${s.mtimeMs}\0`).update(s.bytes);
  }
  return `${config.name.replace(/[^A-Za-z0-9_-]/g, '_')}-${hash.digest('hex').slice(0, 16)}`;
}

const cachePath = (dir: string, key: string, file: string) => path.join(dir, `${key}.${path.basename(file)}.v8cache`);

/** Writes `data` to `target` through a temporary file and a rename: a reader sees all of it or none. */
export function writeAtomically(target: string, data: Uint8Array): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** What the load found, per script, for the log and the tests. */
export type CacheUse = 'used' | 'absent' | 'rejected' | 'unreadable';

interface Compiled {
  readonly script: vm.Script;
  readonly target: string;
  readonly use: CacheUse;
}

/** The library's scripts run through `vm.Script`, and the cache V8 can make of them once they have run. */
export class ScriptsWithCodeCache {
  private saved = false;

  private constructor(
    private readonly compiled: readonly Compiled[],
    readonly key: string,
  ) {}

  /**
   * Compiles and runs `files` in order, each as `require` would (CommonJS wrapper, `module` and `require`
   * of its own folder), with the cache of `key` when there is one. A rejected cache is deleted.
   */
  static run(
    files: readonly string[],
    config: CodeCacheConfig,
    runtime: CodeCacheRuntime = currentRuntime(),
  ): ScriptsWithCodeCache {
    const scripts = files.map((file): LibraryScript => {
      const stat = fs.statSync(file);
      return { file, bytes: fs.readFileSync(file), size: stat.size, mtimeMs: stat.mtimeMs };
    });
    const key = codeCacheKey(config, runtime, scripts);
    const compiled = scripts.map((s) => {
      const target = cachePath(config.dir, key, s.file);
      let cachedData: Buffer | undefined;
      let use: CacheUse = 'absent';
      try {
        cachedData = fs.readFileSync(target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') use = 'unreadable';
      }
      const script = new vm.Script(wrap(s.bytes.toString('utf8')), { filename: s.file, cachedData });
      if (cachedData) {
        use = script.cachedDataRejected ? 'rejected' : 'used';
        if (use === 'rejected') fs.rmSync(target, { force: true });
      }
      const run = script.runInThisContext() as (...args: unknown[]) => void;
      const module = { exports: {}, filename: s.file, id: s.file, loaded: false };
      run.call(module.exports, module.exports, createRequire(s.file), module, s.file, path.dirname(s.file));
      return { script, target, use };
    });
    return new ScriptsWithCodeCache(compiled, key);
  }

  /** Per script, whether its cache was used. */
  get uses(): readonly CacheUse[] {
    return this.compiled.map((c) => c.use);
  }

  /** True when a script ran without a usable cache, so save() has something to write. */
  get needsSave(): boolean {
    return !this.saved && this.compiled.some((c) => c.use !== 'used');
  }

  /**
   * Writes the cache of every script that ran without one (call it after the first analysis: V8 puts in
   * the functions compiled so far) and deletes the caches of other keys of the same name. Returns the
   * bytes written; throws only on a write failure, which costs nothing but the next start's time.
   */
  save(): number {
    if (!this.needsSave) return 0;
    this.saved = true;
    let bytes = 0;
    for (const c of this.compiled) {
      if (c.use === 'used') continue;
      const data = c.script.createCachedData();
      writeAtomically(c.target, data);
      bytes += data.length;
    }
    removeOtherKeys(path.dirname(this.compiled[0]?.target ?? '.'), this.key);
    return bytes;
  }
}

/** Deletes the caches of this name made for other runtimes, builds or library files. */
function removeOtherKeys(dir: string, key: string): void {
  const name = key.slice(0, key.lastIndexOf('-') + 1);
  for (const file of fs.readdirSync(dir)) {
    if (file.startsWith(name) && !file.startsWith(`${key}.`) && !file.endsWith('.tmp')) {
      fs.rmSync(path.join(dir, file), { force: true });
    }
  }
}
