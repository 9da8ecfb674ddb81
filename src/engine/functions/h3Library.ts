/**
 * Uber's H3 library (the `h3-js` package, its C core compiled to JavaScript), loaded the first time a
 * query calls an H3 function and never before: it is about 550 KB of code that costs some 50 ms to load,
 * which the language server, the CLI and every query without H3 must not pay. The build copies it to
 * dist/h3.js beside the bundles (kept out of them, so no bundle grows); in development it comes from
 * node_modules. `createRequire` is used because a bundler leaves its calls alone, and because it works in
 * a process started from the CLI's startup snapshot, where the bundle's own `require` does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type H3 = typeof import('h3-js');

let loaded: H3 | undefined;

/** The H3 library, loaded on first use. */
export function h3(): H3 {
  if (!loaded) {
    // node:module is taken here, not imported: Node warns when a startup snapshot's builder loads it.
    const { createRequire } = require('node:module') as typeof import('node:module');
    const load = createRequire(__filename);
    const bundled = path.join(__dirname, 'h3.js');
    loaded = (fs.existsSync(bundled) ? load(bundled) : load(H3_PACKAGE)) as H3;
  }
  return loaded;
}

/** Whether the library has been loaded in this process (for the test that it is not loaded eagerly). */
export function h3Loaded(): boolean {
  return loaded !== undefined;
}

const H3_PACKAGE = 'h3-js';
