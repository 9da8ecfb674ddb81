/**
 * JTS (the `jsts` package), loaded the first time a query calls a geo function that clips, unions or
 * buffers shapes, never before: its ~290 KB minified cost tens of ms to load, which the language server, the
 * CLI and every other query must not pay. The build bundles geometryLibraryEntry.ts on its own as
 * dist/geometry.js beside the other bundles; in development the entry comes from the source. As with
 * H3 (h3Library.ts), `createRequire` keeps bundlers from inlining it and works from the CLI's
 * startup snapshot.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GeometryLibrary } from './geometryLibraryTypes';

let loaded: GeometryLibrary | undefined;

/** The geometry library, loaded on first use. */
export function geometryLibrary(): GeometryLibrary {
  if (!loaded) {
    // node:module is taken here, not imported: Node warns when a startup snapshot's builder loads it.
    const { createRequire } = require('node:module') as typeof import('node:module');
    const load = createRequire(__filename);
    const bundled = path.join(__dirname, 'geometry.js');
    const entry = fs.existsSync(bundled) ? bundled : path.join(__dirname, ENTRY);
    loaded = (load(entry) as { library: GeometryLibrary }).library;
  }
  return loaded;
}

/** Whether the library has been loaded in this process (for the test that it is not loaded eagerly). */
export function geometryLibraryLoaded(): boolean {
  return loaded !== undefined;
}

const ENTRY = 'geometryLibraryEntry';
