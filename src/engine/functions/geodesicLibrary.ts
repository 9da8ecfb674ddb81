/**
 * GeographicLib's geodesics on the WGS-84 ellipsoid (the `geographiclib-geodesic` package, Karney's
 * algorithms, accurate to nanometers), loaded the first time a query measures on the spheroid
 * (use_spheroid = true) and never before: 32 KB of code that costs some 15–25 ms to load, which the
 * language server, the CLI and every other query must not pay. The build copies it to dist/geodesic.js
 * beside the bundles, as it does the H3 library (see h3Library.ts for why createRequire).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type GeographicLib = typeof import('geographiclib-geodesic');

let loaded: GeographicLib | undefined;

/** The library, loaded on first use. */
export function geodesicLibrary(): GeographicLib {
  if (!loaded) {
    const { createRequire } = require('node:module') as typeof import('node:module');
    const load = createRequire(__filename);
    const bundled = path.join(__dirname, 'geodesic.js');
    loaded = (fs.existsSync(bundled) ? load(bundled) : load(PACKAGE)) as GeographicLib;
  }
  return loaded;
}

/** Whether the library has been loaded in this process (for the test that it is not loaded eagerly). */
export function geodesicLibraryLoaded(): boolean {
  return loaded !== undefined;
}

const PACKAGE = 'geographiclib-geodesic';
