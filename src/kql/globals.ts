/**
 * Turns schema-catalogue tables into Kusto symbols, so the parser/binder knows our tables, columns,
 * their types and descriptions (which the library shows in quick info and completion).
 */
import { CATALOGUE } from '../schema/catalogue';
import type { KqlType, TableSchema } from '../schema/types';
import { kusto } from './kustoLibrary';

export const DATABASE_NAME = 'VMInsights';

function scalarType(type: KqlType): Kusto.Language.Symbols.ScalarSymbol {
  const T = kusto().Symbols.ScalarTypes;
  switch (type) {
    case 'bool': return T.Bool!;
    case 'int': return T.Int!;
    case 'long': return T.Long!;
    case 'real': return T.Real!;
    case 'decimal': return T.Decimal!;
    case 'string': return T.String!;
    case 'datetime': return T.DateTime!;
    case 'timespan': return T.TimeSpan!;
    case 'guid': return T.Guid!;
    case 'dynamic': return T.Dynamic!;
  }
}

export function tableSymbol(table: TableSchema): Kusto.Language.Symbols.TableSymbol {
  const S = kusto().Symbols;
  const cols = table.columns.map(
    (c) => new S.ColumnSymbol(c.name, scalarType(c.type), c.description, null, null, null),
  );
  return new S.TableSymbol.$ctor6(table.name, cols as never, table.description);
}

const cache = new WeakMap<readonly TableSchema[], Kusto.Language.GlobalState>();

/**
 * The global state the binder resolves names against: Kusto's built-in functions plus one database
 * holding the given tables (by default the catalogue). Cached per tables array.
 */
export function globalsFor(tables: readonly TableSchema[] = CATALOGUE): Kusto.Language.GlobalState {
  let globals = cache.get(tables);
  if (!globals) {
    const K = kusto();
    const db = new K.Symbols.DatabaseSymbol.$ctor2(DATABASE_NAME, null, tables.map(tableSymbol));
    globals = K.GlobalState.Default!.WithDatabase(db)!;
    cache.set(tables, globals);
  }
  return globals;
}

/** Maps a Kusto type symbol (as found on a bound expression) back to our type names. */
export function kqlTypeOf(symbol: Kusto.Language.Symbols.TypeSymbol | null | undefined): KqlType {
  const name = symbol?.Name ?? 'dynamic';
  switch (name) {
    case 'bool': case 'int': case 'long': case 'real': case 'decimal': case 'string':
    case 'datetime': case 'timespan': case 'guid': case 'dynamic':
      return name;
    default:
      return 'dynamic';
  }
}
