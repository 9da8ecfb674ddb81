/**
 * Kusto.Language builds its combinator grammar (`Parsing.QueryGrammar`) on a process's first parse,
 * although a query is parsed by the hand-written `QueryParser`: `KustoCode.Create` only keeps the
 * grammar's `QueryBlock` on the code, for completion, and commands (`.show …`) build their grammar on it.
 * In a fresh process that grammar is most of the first analysis: measured standalone (Node 20, this
 * library), `ParseAndAnalyze('print 1')` took 1.8 s of CPU with it and 0.2 s without. The engine needs
 * neither completion nor commands, so its first query should not wait for it.
 *
 * `deferQueryGrammar()` puts a stand-in in the library's one-entry grammar cache (`s_currentGrammar`,
 * which `QueryGrammar.From` reads first) that builds the real grammar the first time anything reads a
 * member of it, and from then on is only a pass-through (the cache then holds the real one). Nothing
 * the library computes changes, only when the grammar is built. If the library's internals differ
 * (another version), nothing is installed and the library builds the grammar as before.
 */
import { kusto } from './kustoLibrary';

interface GrammarCache {
  s_currentGrammar: unknown;
  CachedGrammar?: new (grammar: object, options: unknown) => { Grammar: object; Options: unknown };
  new (options: unknown): object;
  prototype: object;
}

let installed = false;
let built = false;
/** Builds the real grammar now (the stand-in's own builder); set while the stand-in is installed. */
let buildNow: (() => void) | undefined;

/**
 * `deferred`: the stand-in is in place and nothing has needed the grammar yet; `built`: something read
 * it, so it was built then; `not installed`: the library builds it as usual. For tests and traces.
 */
export function deferredGrammarState(): 'not installed' | 'deferred' | 'built' {
  return !installed ? 'not installed' : built ? 'built' : 'deferred';
}

/** An object that forwards every use to what `resolve()` returns, resolving it only at the first use. */
function forwarding(resolve: () => object, prototype: object | null, own?: (p: PropertyKey) => unknown): object {
  return new Proxy(
    {},
    {
      get: (_t, p) => {
        const own_ = own?.(p);
        if (own_ !== undefined) return own_;
        const target = resolve();
        const value = Reflect.get(target, p, target) as unknown;
        // Methods run with the real object as `this`, so its own fields are read directly.
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
      set: (_t, p, v) => Reflect.set(resolve(), p, v),
      has: (_t, p) => Reflect.has(resolve(), p),
      getPrototypeOf: () => prototype ?? Reflect.getPrototypeOf(resolve()),
    },
  );
}

/**
 * Installs the stand-in when the library has built no grammar yet in this process; returns whether it
 * did (false: already installed, a grammar already built, or the library's internals differ).
 */
export function deferQueryGrammar(): boolean {
  if (installed) return false;
  const K = kusto();
  const QG = (K.Parsing as unknown as { QueryGrammar?: GrammarCache }).QueryGrammar;
  const options = K.GlobalState.Default?.ParseOptions;
  if (!QG || typeof QG !== 'function' || typeof QG.CachedGrammar !== 'function' || !options) return false;
  if (QG.s_currentGrammar !== null) return false;
  const Cached = QG.CachedGrammar;
  let real: object | undefined;
  let realCache: unknown;
  const grammar = (): object => {
    if (!real) {
      const cached = new Cached(new QG(options), options);
      real = cached.Grammar;
      realCache = cached;
      built = true;
      // Later parses get the real grammar straight from the library's cache.
      if (QG.s_currentGrammar === standInCache) QG.s_currentGrammar = realCache;
    }
    return real;
  };
  let queryBlock: object | undefined;
  const standIn = forwarding(grammar, QG.prototype, (p) => {
    if (p !== 'QueryBlock' || real) return undefined;
    // KustoCode.Create reads QueryBlock on every parse only to keep it: hand out a forwarder instead.
    queryBlock ??= forwarding(() => (grammar() as { QueryBlock: object }).QueryBlock, null);
    return queryBlock;
  });
  const standInCache = new Cached(standIn, options);
  QG.s_currentGrammar = standInCache;
  buildNow = () => void grammar();
  installed = true;
  return true;
}

/**
 * Builds the deferred grammar now, at a moment the caller chose (the language server: after its first
 * document's diagnostics, so a completion does not pay for it); returns whether it was built by this
 * call (false: already built, or never deferred).
 */
export function buildDeferredGrammar(): boolean {
  if (!installed || built || !buildNow) return false;
  buildNow();
  return true;
}
