/**
 * Uber's H3 library (the `h3-js` package, its C core compiled to JavaScript), about 550 KB of code that
 * costs some 50 ms to load: loaded the first time a query calls an H3 function (lazyLibrary.ts), from
 * dist/h3.js beside the bundles.
 */
import { lazyLibrary } from './lazyLibrary';

export type H3 = typeof import('h3-js');

const library = lazyLibrary<H3>('h3.js', 'h3-js');

/** The H3 library, loaded on first use. */
export const h3 = (): H3 => library.get();

/** Whether the library has been loaded in this process. */
export const h3Loaded = (): boolean => library.loaded;
