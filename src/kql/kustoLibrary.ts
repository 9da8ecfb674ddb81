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

export type KustoLanguage = typeof Kusto.Language;

let loaded: KustoLanguage | undefined;

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
    // A dynamic path keeps bundlers from inlining 16 MB of library into every bundle.
    const load = (file: string) => require(path.join(dir, file)) as unknown;
    load(fs.existsSync(path.join(dir, 'bridge.min.js')) ? 'bridge.min.js' : 'bridge.js');
    load('Kusto.Language.Bridge.min.js');
    const g = globalThis as unknown as { Kusto?: { Language: KustoLanguage } };
    if (!g.Kusto) {
      throw new Error(`Kusto.Language did not load from ${dir}`);
    }
    loaded = g.Kusto.Language;
  }
  return loaded;
}

/** The library's own cancellation token (it does not accept System.Threading tokens). */
export function cancellationToken(isCancelled?: () => boolean): Kusto.Language.Utils.CancellationToken {
  const K = kusto();
  return isCancelled ? new K.Utils.CancellationToken.$ctor1(isCancelled) : new K.Utils.CancellationToken.ctor();
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
