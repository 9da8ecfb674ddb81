/**
 * What the extension tells the processes it starts (the language server, the engine's worker thread)
 * about Kusto.Language's V8 code cache (src/kql/libraryCodeCache.ts): where it lives and the extension
 * build it belongs to. Without the folder the library loads by `require`, as it always did.
 */

/** The folder of the caches (under the extension's global storage). */
export const CODE_CACHE_DIR_ENV = 'KQL_CODE_CACHE_DIR';
/** The extension's version, part of every cache's key. */
export const CODE_CACHE_TAG_ENV = 'KQL_CODE_CACHE_TAG';
/** Which process's cache this is (`server`, `engine`). */
export const CODE_CACHE_NAME_ENV = 'KQL_CODE_CACHE_NAME';
