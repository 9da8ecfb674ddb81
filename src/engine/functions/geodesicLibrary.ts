/**
 * GeographicLib's geodesics on the WGS-84 ellipsoid (the `geographiclib-geodesic` package, Karney's
 * algorithms, accurate to nanometers), 32 KB of code that costs some 15–25 ms to load: loaded the first
 * time a query measures on the spheroid (use_spheroid = true; lazyLibrary.ts), from dist/geodesic.js
 * beside the bundles.
 */
import { lazyLibrary } from './lazyLibrary';

export type GeographicLib = typeof import('geographiclib-geodesic');

const library = lazyLibrary<GeographicLib>('geodesic.js', 'geographiclib-geodesic');

/** The library, loaded on first use. */
export const geodesicLibrary = (): GeographicLib => library.get();

/** Whether the library has been loaded in this process. */
export const geodesicLibraryLoaded = (): boolean => library.loaded;
