/**
 * JTS (the `jsts` package), ~290 KB minified that cost tens of ms to load: loaded the first time a query
 * calls a geo function that clips, unions or buffers shapes (lazyLibrary.ts). The build bundles
 * geometryLibraryEntry.ts on its own as dist/geometry.js beside the other bundles; in development the
 * entry comes from the source.
 */
import * as path from 'node:path';
import type { GeometryLibrary } from './geometryLibraryTypes';
import { lazyLibrary } from './lazyLibrary';

const library = lazyLibrary<GeometryLibrary>(
  'geometry.js',
  path.join(__dirname, 'geometryLibraryEntry'),
  (module) => (module as { library: GeometryLibrary }).library,
);

/** The geometry library, loaded on first use. */
export const geometryLibrary = (): GeometryLibrary => library.get();

/** Whether the library has been loaded in this process. */
export const geometryLibraryLoaded = (): boolean => library.loaded;
