/// <reference path="../../node_modules/@kusto/language-service-next/Kusto.Language.Bridge.d.ts" />
/**
 * Loads Microsoft's Kusto.Language (compiled to JavaScript by Bridge.NET) once per process.
 *
 * The library is a pair of global scripts (`bridge.js` defines `Bridge` and `System`, the second defines
 * `Kusto`), not a module, so it cannot be bundled: the build copies the minified files to `dist/kusto/`,
 * and in development they are read from node_modules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_CACHE_DIR_ENV, CODE_CACHE_NAME_ENV, CODE_CACHE_TAG_ENV } from '../protocol/codeCache';
import { type CodeCacheConfig, ScriptsWithCodeCache } from './libraryCodeCache';

export type KustoLanguage = typeof Kusto.Language;

let loaded: KustoLanguage | undefined;
/** The scripts as run with a V8 code cache, when the process was given a cache folder. */
let withCache: ScriptsWithCodeCache | undefined;
/** Why the code cache was not used although asked for (the server logs it). */
let cacheFailure: string | undefined;

function codeCacheConfig(): CodeCacheConfig | undefined {
  const dir = process.env[CODE_CACHE_DIR_ENV];
  if (!dir) return undefined;
  return { dir, name: process.env[CODE_CACHE_NAME_ENV] || 'library', tag: process.env[CODE_CACHE_TAG_ENV] ?? '' };
}

function libraryDir(): string {
  const bundled = path.join(__dirname, 'kusto');
  if (fs.existsSync(path.join(bundled, 'Kusto.Language.Bridge.min.js'))) {
    return bundled;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return path.dirname(require.resolve('@kusto/language-service-next/package.json'));
}

/** Returns the `Kusto.Language` namespace, loading the library on first use (about a second). */
export function kusto(): KustoLanguage {
  // Already there when the process started from the CLI's V8 startup snapshot (src/cli/snapshot.ts).
  loaded ??= (globalThis as unknown as { Kusto?: { Language: KustoLanguage } }).Kusto?.Language;
  if (!loaded) {
    const dir = libraryDir();
    const files = [
      fs.existsSync(path.join(dir, 'bridge.min.js')) ? 'bridge.min.js' : 'bridge.js',
      'Kusto.Language.Bridge.min.js',
    ];
    const g = globalThis as unknown as { Kusto?: { Language: KustoLanguage } };
    const config = codeCacheConfig();
    if (config) {
      try {
        withCache = ScriptsWithCodeCache.run(
          files.map((f) => path.join(dir, f)),
          config,
        );
      } catch (e) {
        // The cache must never cost the library: start as without one (a script that itself failed fails again).
        cacheFailure = e instanceof Error ? e.message : String(e);
        withCache = undefined;
      }
    }
    if (!withCache) {
      // A dynamic path keeps bundlers from inlining 16 MB of library into every bundle.
      for (const file of files) require(path.join(dir, file));
    }
    if (!g.Kusto) {
      throw new Error(`Kusto.Language did not load from ${dir}`);
    }
    loaded = g.Kusto.Language;
  }
  return loaded;
}

/** How the library's code cache served this process's load, for its log; undefined when none was asked for. */
export function libraryCodeCacheState(): string | undefined {
  if (cacheFailure) return `not used (${cacheFailure})`;
  if (!withCache) return undefined;
  // One word when both scripts fared alike (used, absent, rejected, unreadable), else each in order.
  const uses = new Set(withCache.uses);
  return uses.size === 1 ? [...uses][0] : withCache.uses.join(' / ');
}

/**
 * Writes the library's code cache if this process ran without a usable one; call it after the first
 * analysis, off the path of anything a user waits for. Returns the bytes written (0: nothing to do).
 */
export function saveLibraryCodeCache(): number {
  return withCache?.save() ?? 0;
}

/** The library's own cancellation token (it does not accept System.Threading tokens). */
export function cancellationToken(isCancelled?: () => boolean): Kusto.Language.Utils.CancellationToken {
  const K = kusto();
  return isCancelled ? new K.Utils.CancellationToken.$ctor1(isCancelled) : new K.Utils.CancellationToken.ctor();
}

/** True for the library's OperationCanceledException (a Bridge exception, not a JS Error subclass). */
export function isCancellation(e: unknown): boolean {
  const name = (e as { constructor?: { $$name?: string; name?: string } } | null)?.constructor;
  const text = `${name?.$$name ?? ''} ${(e as { Message?: string; message?: string } | null)?.Message ?? (e as Error | null)?.message ?? ''}`;
  return /OperationCanceled|was canceled/i.test(text);
}

/** Iterates a Bridge `IReadOnlyList`/`List` as a JavaScript iterable. */
export function* items<T>(list: { Count: number; getItem(i: number): T } | null | undefined): Generator<T> {
  if (!list) {
    return;
  }
  for (let i = 0; i < list.Count; i++) {
    yield list.getItem(i);
  }
}

/**
 * Items of any .NET list-typed value, whether Bridge made it a JavaScript array or a `List<T>`
 * (values typed as interfaces, like `IReadOnlyList`, can be either), via Bridge's own dispatch.
 */
export function bridgeItems<T>(list: unknown, itemType: unknown): T[] {
  if (list == null) {
    return [];
  }
  const array = (
    System as unknown as {
      Array: { getCount(l: unknown, t: unknown): number; getItem(l: unknown, i: number, t: unknown): unknown };
    }
  ).Array;
  const count = array.getCount(list, itemType);
  return Array.from({ length: count }, (_, i) => array.getItem(list, i, itemType) as T);
}

export function toArray<T>(list: { Count: number; getItem(i: number): T } | null | undefined): T[] {
  return [...items(list)];
}
