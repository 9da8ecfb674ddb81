/**
 * Turns a workspace schema into Kusto symbols, so the parser/binder knows the workspace's tables,
 * columns, their types and descriptions (which the library shows in quick info and completion), its
 * saved functions (bound, completed and hovered with their bodies), and the cross-resource functions
 * `workspace()`, `app()` and `resource()` of Azure Monitor, which plain Kusto does not know.
 *
 * Symbols are built once per schema object (a new schema from the backend is a new object) and the
 * state is shared by every analysis until the schema changes.
 */
import { CATALOGUE } from '../schema/catalogue';
import type { KqlType, TableSchema } from '../schema/types';
import { CATALOGUE_SCHEMA, type FunctionSchema, type WorkspaceSchema } from '../schema/workspaceSchema';
import { bridgeItems, kusto } from './kustoLibrary';
import { withAggregateFixes, withPluginFixes, withSignatureFixes } from './signatureFixes';

export const DATABASE_NAME = 'VMInsights';

/** Azure Monitor's cross-resource functions; each names another workspace, app or resource. */
export const CROSS_RESOURCE_FUNCTIONS = ['workspace', 'app', 'resource'] as const;

function scalarType(type: KqlType): Kusto.Language.Symbols.ScalarSymbol {
  const T = kusto().Symbols.ScalarTypes;
  switch (type) {
    case 'bool':
      return T.Bool!;
    case 'int':
      return T.Int!;
    case 'long':
      return T.Long!;
    case 'real':
      return T.Real!;
    case 'decimal':
      return T.Decimal!;
    case 'string':
      return T.String!;
    case 'datetime':
      return T.DateTime!;
    case 'timespan':
      return T.TimeSpan!;
    case 'guid':
      return T.Guid!;
    case 'dynamic':
      return T.Dynamic!;
  }
}

export function tableSymbol(table: TableSchema): Kusto.Language.Symbols.TableSymbol {
  const S = kusto().Symbols;
  const cols = table.columns.map(
    (c) => new S.ColumnSymbol(c.name, scalarType(c.type), c.description, null, null, null),
  );
  return new S.TableSymbol.$ctor6(table.name, cols as never, table.description);
}

/** A saved workspace function as Kusto declares one: `name(params) { body }`. */
export function functionSymbol(fn: FunctionSchema): Kusto.Language.Symbols.FunctionSymbol {
  const body = fn.body.trim();
  const braced = body.startsWith('{') && body.endsWith('}') ? body : `{\n${body}\n}`;
  return new (kusto().Symbols.FunctionSymbol.$ctor16)(fn.name, `(${fn.parameters})`, braced, fn.description || null);
}

/**
 * `workspace("x")`, `app("x")`, `resource("x")`: the other resource's tables are unknown here, so each
 * returns an open database holding this workspace's tables. A table this workspace also has binds with
 * its columns (workspaces of one fleet share their tables); any other name is accepted unbound, never
 * an error, and the query runs as written on Log Analytics.
 */
function crossResourceFunctions(
  tables: readonly Kusto.Language.Symbols.Symbol[],
): Kusto.Language.Symbols.FunctionSymbol[] {
  const K = kusto();
  const S = K.Symbols;
  return CROSS_RESOURCE_FUNCTIONS.map((name) => {
    const other = new S.DatabaseSymbol.$ctor3(name, null, tables as never, true);
    return new S.FunctionSymbol.ctor(name, () => other, S.Tabularity.Tabular, [
      new S.Parameter.$ctor2('name', S.ScalarTypes.String),
    ] as never);
  });
}

interface CachedGlobals {
  /** The library's state for these tables, without a binding cache. */
  readonly base: Kusto.Language.GlobalState;
  /** `base` with a binding cache, renewed every RENEW_AFTER uses. */
  withCache: Kusto.Language.GlobalState;
  uses: number;
}

/**
 * The binder keeps what it learns across analyses in the globals' cache (call-site expansions,
 * unified union schemas): analysing with one cached state is about 20% faster than the library's
 * default of a new cache per call. Union schemas are keyed by table symbols, which every analysis of
 * a query with `let` makes anew, so the cache is renewed now and then to stay small.
 */
const RENEW_AFTER = 500;
const byTables = new WeakMap<readonly TableSchema[], CachedGlobals>();
const bySchema = new WeakMap<WorkspaceSchema, CachedGlobals>();
const NO_FUNCTIONS: readonly FunctionSchema[] = [];

function build(tables: readonly TableSchema[], functions: readonly FunctionSchema[]): CachedGlobals {
  const K = kusto();
  const tableSymbols = tables.map(tableSymbol);
  const fnSymbols = functions.map(functionSymbol);
  const db = new K.Symbols.DatabaseSymbol.$ctor2(DATABASE_NAME, null, [...tableSymbols, ...fnSymbols] as never);
  const defaults = K.GlobalState.Default!;
  const builtIns = withSignatureFixes(
    bridgeItems<Kusto.Language.Symbols.FunctionSymbol>(defaults.Functions, K.Symbols.FunctionSymbol),
  );
  if (builtIns.length === 0)
    throw new Error('Kusto.Language lists no built-in functions: this library version differs');
  const aggregates = withAggregateFixes(
    bridgeItems<Kusto.Language.Symbols.FunctionSymbol>(defaults.Aggregates, K.Symbols.FunctionSymbol),
  );
  const base = defaults
    .WithFunctions([...builtIns, ...crossResourceFunctions(tableSymbols)] as never)!
    .WithAggregates(aggregates as never)!
    .WithPlugIns(
      withPluginFixes(
        bridgeItems<Kusto.Language.Symbols.FunctionSymbol>(defaults.PlugIns, K.Symbols.FunctionSymbol),
      ) as never,
    )!
    .WithDatabase(db)!;
  return { base, withCache: base.WithCache()!, uses: 0 };
}

function use(entry: CachedGlobals): Kusto.Language.GlobalState {
  if (++entry.uses >= RENEW_AFTER) {
    entry.withCache = entry.base.WithCache()!;
    entry.uses = 0;
  }
  return entry.withCache;
}

let active: WorkspaceSchema = CATALOGUE_SCHEMA;

/** The schema the editor binds against when no tables are given (the language server sets it). */
export function setActiveSchema(schema: WorkspaceSchema): void {
  active = schema;
}

export function activeSchema(): WorkspaceSchema {
  return active;
}

/** Globals for a whole workspace schema: its tables and functions. Built once per schema object. */
export function globalsForSchema(schema: WorkspaceSchema): Kusto.Language.GlobalState {
  let entry = bySchema.get(schema);
  if (!entry) {
    entry = build(schema.tables, schema.functions);
    bySchema.set(schema, entry);
    return entry.withCache;
  }
  return use(entry);
}

/**
 * The global state the binder resolves names against: Kusto's built-in functions plus one database
 * holding the given tables (and stored functions), or, without tables, the active schema (the
 * catalogue until a backend says otherwise). Cached per tables array or schema object; with
 * functions, by content.
 */
export function globalsFor(
  tables?: readonly TableSchema[],
  functions: readonly FunctionSchema[] = NO_FUNCTIONS,
): Kusto.Language.GlobalState {
  if (!tables) return globalsForSchema(active);
  let entry = functions.length === 0 ? byTables.get(tables) : undefined;
  if (!entry) {
    const key = contentKey(tables, functions);
    entry = byContent.get(key);
    if (!entry) {
      entry = build(tables, functions);
      byContent.set(key, entry);
      if (byContent.size > MAX_BY_CONTENT) byContent.delete(byContent.keys().next().value!);
    }
    if (functions.length === 0) byTables.set(tables, entry);
    return entry.withCache;
  }
  return use(entry);
}

/**
 * Equal tables in a new array (a database opened again, the sample workspace generated again) reuse
 * the symbols built for the first: building them is a good part of a first analysis, and `kql`'s
 * startup snapshot holds them for the sample workspace, so `kql 'print 1'` does not build them at all.
 */
const byContent = new Map<string, CachedGlobals>();
const MAX_BY_CONTENT = 8;

function contentKey(tables: readonly TableSchema[], functions: readonly FunctionSchema[]): string {
  return JSON.stringify([
    tables.map((t) => [t.name, t.description, t.columns.map((c) => [c.name, c.type, c.description])]),
    ...(functions.length ? [functions.map((f) => [f.name, f.parameters, f.body])] : []),
  ]);
}

/** Globals for the active schema with extra ambient symbols (in scope around the query), with their own cache. */
export function globalsWithAmbient(symbols: readonly Kusto.Language.Symbols.Symbol[]): Kusto.Language.GlobalState {
  globalsForSchema(active);
  const entry = bySchema.get(active)!;
  return entry.base.WithAmbientSymbols(symbols as never)!.WithCache()!;
}

/** The base state (no binding cache) of the active schema, e.g. to derive globals with another database. */
export function activeBaseGlobals(): Kusto.Language.GlobalState {
  globalsForSchema(active);
  return bySchema.get(active)!.base;
}

/** The catalogue's tables, for callers that bind against exactly them. */
export const CATALOGUE_TABLES: readonly TableSchema[] = CATALOGUE;

/** Maps a Kusto type symbol (as found on a bound expression) back to our type names. */
export function kqlTypeOf(symbol: Kusto.Language.Symbols.TypeSymbol | null | undefined): KqlType {
  const name = symbol?.Name ?? 'dynamic';
  switch (name) {
    case 'bool':
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
    case 'string':
    case 'datetime':
    case 'timespan':
    case 'guid':
    case 'dynamic':
      return name;
    default:
      return 'dynamic';
  }
}
