/**
 * A library the engine loads the first time a query needs it, never before: the language server, the
 * CLI and every query that does not call it must not pay its load. The build puts it beside the bundles
 * as its own file (kept out of them, so no bundle grows); in development it comes from node_modules or
 * the source. `createRequire` is used because a bundler leaves its calls alone, and because it works in
 * a process started from a startup snapshot, where the bundle's own `require` does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LazyLibrary<T> {
  /** The library, loaded on first use. */
  get(): T;
  /** Whether it has been loaded in this process (for the tests that it is not loaded eagerly). */
  readonly loaded: boolean;
}

/**
 * `bundled` is the file's name beside the bundles; `development` what to require when it is absent (a
 * package name, or a path relative to this folder); `pick` takes the library out of the module.
 */
export function lazyLibrary<T>(
  bundled: string,
  development: string,
  pick: (module: unknown) => T = (module) => module as T,
): LazyLibrary<T> {
  let library: T | undefined;
  return {
    get() {
      if (library === undefined) {
        // node:module is taken here, not imported: Node warns when a startup snapshot's builder loads it.
        const { createRequire } = require('node:module') as typeof import('node:module');
        const load = createRequire(__filename);
        const file = path.join(__dirname, bundled);
        library = pick(load(fs.existsSync(file) ? file : development));
      }
      return library;
    },
    get loaded() {
      return library !== undefined;
    },
  };
}
