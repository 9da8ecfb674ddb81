/**
 * The tables a query can read, by name, with their schemas (catalogue tables keep the catalogue's
 * descriptions; tables loaded from user files that the catalogue does not know get inferred schemas).
 *
 * A table may also be given as a factory, built on its first `table(name)`: the engine asks only for the
 * tables a query references, so a query that reads one small table never pays for generating the others.
 * The schemas of such tables are known without building them.
 */
import { findTable } from '../schema/catalogue';
import type { ColumnSchema, TableSchema } from '../schema/types';
import type { FunctionSchema } from '../schema/workspaceSchema';
import type { Column } from './column';
import { Table } from './table';

/** What a table being built on first use may poll: `check` throws to stop it (the query was cancelled or timed out). */
export interface BuildControl {
  readonly check?: () => void;
}

export interface LazyTableEntry {
  readonly name: string;
  /** Builds the table; called on the table's first use, again only if a build was stopped or failed. */
  readonly build: (control?: BuildControl) => Table;
  /**
   * Builds only the columns named (a table of them alone, with every row the full table would have):
   * given for tables whose loading can skip columns, so a query reading three columns of forty loads three.
   */
  readonly buildColumns?: (columns: readonly string[], control?: BuildControl) => Table;
  /**
   * Columns beyond the schema that the table's loads of some columns found (JSON Lines keys first seen
   * past the records the columns were read from), loaded only when asked for: `widen` makes them part of
   * the schema, and `buildColumns` then loads them as it does the others.
   */
  readonly laterColumns?: () => readonly { readonly name: string; readonly type: ColumnSchema['type'] }[];
  /** The table's schema; may be left out only for a table the catalogue knows (it then gives the schema). */
  readonly schema?: TableSchema;
}

function schemaOf(table: Table): TableSchema {
  return schemaOfColumns(
    table.name!,
    table.columns.map((c) => ({ name: c.name, type: c.column.type })),
  );
}

function schemaOfColumns(
  name: string,
  columns: readonly { readonly name: string; readonly type: ColumnSchema['type'] }[],
): TableSchema {
  const known = findTable(name);
  return {
    name,
    group: known?.group ?? 'Loaded from files',
    description: known?.description ?? '',
    columns: columns.map((c) => ({
      name: c.name,
      type: c.type,
      description: known?.columns.find((k) => k.name === c.name)?.description ?? '',
    })),
  };
}

function lazySchemaOf(entry: LazyTableEntry): TableSchema {
  if (entry.schema) {
    return { ...entry.schema, name: entry.name };
  }
  const known = findTable(entry.name);
  if (!known) {
    throw new Error(`Table ${entry.name} is not in the catalogue: a lazy table needs its schema`);
  }
  return {
    name: entry.name,
    group: known.group,
    description: known.description,
    columns: known.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
  };
}

/** A table of some columns must have them, with the types the schema promised, in the schema's order. */
function checkColumns(schema: TableSchema, table: Table, names: readonly string[]): void {
  const want = schema.columns.filter((c) => names.includes(c.name)).map((c) => `${c.name}:${c.type}`);
  const got = table.columns.map((c) => `${c.name}:${c.column.type}`);
  if (got.join(', ') !== want.join(', ')) {
    throw new Error(`Table ${schema.name} was loaded with columns (${got.join(', ')}), not (${want.join(', ')})`);
  }
}

/**
 * A built table must have the columns its schema promised, or queries analyzed against it would
 * misbehave; it may have more after them (columns its files showed only when read whole).
 */
function checkBuilt(schema: TableSchema, table: Table): void {
  const got = table.columns
    .slice(0, schema.columns.length)
    .map((c) => `${c.name}:${c.column.type}`)
    .join(', ');
  const want = schema.columns.map((c) => `${c.name}:${c.type}`).join(', ');
  if (table.name !== schema.name || got !== want) {
    throw new Error(
      `Table ${schema.name} was built as ${table.name ?? '(unnamed)'} (${got}), not as its schema says (${want})`,
    );
  }
}

/** The columns of a table loaded so far, for tables loaded a few columns at a time. */
interface PartTable {
  readonly columns: Map<string, Column>;
  rowCount: number;
}

export class Database {
  private readonly byName = new Map<string, Table>();
  private readonly parts = new Map<string, PartTable>();
  /** Tables built with more columns than their schemas, until `widen`. */
  private readonly wider = new Map<string, Table>();
  private readonly pending = new Map<string, { readonly entry: LazyTableEntry; readonly schema: TableSchema }>();
  // Replaced, never edited, once queries have read it: the binder caches its symbols per schemas array.
  private schemaList: TableSchema[] = [];
  private ownFunctions: readonly FunctionSchema[] = [];
  private givenFunctions: readonly FunctionSchema[] = [];
  private functionList: readonly FunctionSchema[] = [];

  constructor(tables: readonly Table[]) {
    for (const t of tables) {
      if (!t.name) {
        throw new Error('Database tables must be named');
      }
      this.byName.set(t.name, t);
      this.schemaList.push(schemaOf(t));
    }
  }

  /** A database whose tables are built on first use, in the order given for `tableNames` and `schemas`. */
  static lazy(entries: readonly LazyTableEntry[]): Database {
    const db = new Database([]);
    for (const entry of entries) {
      if (!entry.name) {
        throw new Error('Database tables must be named');
      }
      const schema = lazySchemaOf(entry);
      db.pending.set(entry.name, { entry, schema });
      db.schemaList.push(schema);
    }
    return db;
  }

  get schemas(): readonly TableSchema[] {
    return this.schemaList;
  }

  /**
   * The workspace's stored functions (name, parameters, body), which queries call like `let`
   * functions: the database's own (a data folder's function files), then those given from elsewhere
   * (an exported workspace schema) that it does not define itself.
   */
  get functions(): readonly FunctionSchema[] {
    return this.functionList;
  }

  /** Replaces the database's own stored functions (a new list: plans bound against the old ones are not reused). */
  setFunctions(functions: readonly FunctionSchema[]): void {
    this.ownFunctions = [...functions];
    this.mergeFunctions();
  }

  /** Replaces the functions given from elsewhere (the editor's `kql.schemaFile`). */
  setGivenFunctions(functions: readonly FunctionSchema[]): void {
    this.givenFunctions = [...functions];
    this.mergeFunctions();
  }

  private mergeFunctions(): void {
    const own = new Set(this.ownFunctions.map((f) => f.name));
    this.functionList = [...this.ownFunctions, ...this.givenFunctions.filter((f) => !own.has(f.name))];
  }

  /**
   * The table; with `columns`, a table that has at least those columns (only those when the table can
   * be loaded a few columns at a time and is not fully loaded yet).
   */
  table(name: string, control?: BuildControl, columns?: readonly string[]): Table | undefined {
    const built = this.byName.get(name);
    if (built) {
      return built;
    }
    const lazy = this.pending.get(name);
    if (!lazy) {
      return undefined;
    }
    if (columns && lazy.entry.buildColumns) {
      return this.columnsOf(name, lazy, columns, control);
    }
    const whole = lazy.entry.build(control);
    checkBuilt(lazy.schema, whole);
    // Columns the schema lacked join the table between queries (`widen`): the query that loaded it was
    // analyzed against the schema, and reads the table as the schema says.
    const table =
      whole.columns.length > lazy.schema.columns.length
        ? new Table(whole.columns.slice(0, lazy.schema.columns.length), whole.rowCount, name)
        : whole;
    if (table !== whole) {
      this.wider.set(name, whole);
    }
    this.pending.delete(name);
    this.parts.delete(name);
    this.byName.set(name, table);
    return table;
  }

  /**
   * Makes the columns that tables were built with beyond their schemas (JSON Lines keys first seen
   * past the records the columns were read from) part of those tables and of the schemas; called
   * between queries. Returns the tables that gained columns.
   */
  widen(): string[] {
    const names = [...this.wider.keys()];
    // Tables still loaded a few columns at a time: the columns their loads found join the schema unloaded.
    const found = new Map<string, ColumnSchema[]>();
    for (const [name, lazy] of this.pending) {
      const later = lazy.entry.laterColumns?.() ?? [];
      const more = later.filter((c) => !lazy.schema.columns.some((k) => k.name === c.name));
      if (more.length > 0) {
        found.set(name, [...schemaOfColumns(name, more).columns]);
        names.push(name);
      }
    }
    if (names.length === 0) {
      return names;
    }
    const list = [...this.schemaList];
    const extend = (name: string, more: readonly ColumnSchema[]) => {
      const at = list.findIndex((s) => s.name === name);
      const was = list[at]!;
      list[at] = { ...was, columns: [...was.columns, ...more] };
      return list[at]!;
    };
    for (const [name, table] of this.wider) {
      if (this.byName.has(name)) {
        this.byName.set(name, table);
        const at = list.findIndex((s) => s.name === name);
        extend(name, schemaOf(table).columns.slice(list[at]!.columns.length));
      }
    }
    for (const [name, more] of found) {
      const lazy = this.pending.get(name)!;
      this.pending.set(name, { entry: lazy.entry, schema: extend(name, more) });
    }
    this.wider.clear();
    this.schemaList = list;
    return names;
  }

  /** Loads the columns not loaded yet, then gives the ones asked for; all loaded, the table counts as built. */
  private columnsOf(
    name: string,
    lazy: { readonly entry: LazyTableEntry; readonly schema: TableSchema },
    columns: readonly string[],
    control: BuildControl | undefined,
  ): Table {
    const wanted = lazy.schema.columns.filter((c) => columns.includes(c.name));
    let part = this.parts.get(name);
    const missing = wanted.filter((c) => !part?.columns.has(c.name)).map((c) => c.name);
    if (!part || missing.length > 0) {
      const more = lazy.entry.buildColumns!(part ? missing : wanted.map((c) => c.name), control);
      checkColumns(lazy.schema, more, part ? missing : wanted.map((c) => c.name));
      if (part && more.rowCount !== part.rowCount) {
        // The files changed between two loads: what was loaded before no longer matches.
        this.parts.delete(name);
        return this.columnsOf(name, lazy, columns, control);
      }
      part ??= { columns: new Map(), rowCount: more.rowCount };
      for (const c of more.columns) {
        part.columns.set(c.name, c.column);
      }
      this.parts.set(name, part);
    }
    // Not while its loads found columns the schema does not have yet (`widen` adds them, to be loaded).
    const all =
      lazy.schema.columns.every((c) => part.columns.has(c.name)) &&
      (lazy.entry.laterColumns?.() ?? []).every((c) => lazy.schema.columns.some((k) => k.name === c.name));
    const pick = all ? lazy.schema.columns : wanted;
    const table = new Table(
      pick.map((c) => ({ name: c.name, column: part.columns.get(c.name)! })),
      part.rowCount,
      name,
    );
    if (all) {
      this.pending.delete(name);
      this.parts.delete(name);
      this.byName.set(name, table);
    }
    return table;
  }

  /** The columns of the table loaded so far (all of them once it is built), in the order loaded. */
  loadedColumns(name: string): string[] {
    const built = this.byName.get(name);
    return built ? built.columns.map((c) => c.name) : [...(this.parts.get(name)?.columns.keys() ?? [])];
  }

  /** Whether `table(name)` would return without building anything. */
  isBuilt(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * Replaces one table (its file changed) or drops it (`entry` undefined), leaving every other table,
   * built or not, as it is. The new entry is built on its first use, like any lazy table.
   */
  replace(name: string, entry?: LazyTableEntry): void {
    this.byName.delete(name);
    this.wider.delete(name);
    this.parts.delete(name);
    this.pending.delete(name);
    const list = [...this.schemaList];
    const at = list.findIndex((s) => s.name === name);
    if (at >= 0) list.splice(at, 1);
    if (entry) {
      const schema = lazySchemaOf(entry);
      this.pending.set(name, { entry, schema });
      list.splice(at >= 0 ? at : list.length, 0, schema);
    }
    this.schemaList = list;
  }

  get tableNames(): string[] {
    return [...new Set(this.schemaList.map((s) => s.name))];
  }
}
