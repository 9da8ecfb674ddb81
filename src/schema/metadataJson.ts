/**
 * Reads the Log Analytics metadata API's JSON (`GET|POST {endpoint}/workspaces/{id}/metadata`) into a
 * WorkspaceSchema: tables with columns, saved functions with parameters and bodies, and the category
 * or solution each table belongs to (through the `related` id lists, from either side). The same shape
 * is the format of `kql check --schema FILE` and the `kql.schemaFile` setting.
 *
 * Bad input throws a SchemaFileError naming the JSON path of the first thing wrong.
 */
import type { ColumnSchema, KqlType, TableSchema } from './types';
import type { FunctionSchema, SchemaSource, WorkspaceSchema } from './workspaceSchema';

export class SchemaFileError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'SchemaFileError';
  }
}

const TYPE_NAMES: Readonly<Record<string, KqlType>> = {
  bool: 'bool',
  boolean: 'bool',
  'system.boolean': 'bool',
  sbyte: 'bool',
  'system.sbyte': 'bool',
  int: 'int',
  int32: 'int',
  'system.int32': 'int',
  long: 'long',
  int64: 'long',
  'system.int64': 'long',
  real: 'real',
  double: 'real',
  'system.double': 'real',
  float: 'real',
  decimal: 'decimal',
  'system.data.sqltypes.sqldecimal': 'decimal',
  string: 'string',
  'system.string': 'string',
  datetime: 'datetime',
  date: 'datetime',
  'system.datetime': 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  'system.timespan': 'timespan',
  guid: 'guid',
  uniqueid: 'guid',
  'system.guid': 'guid',
  dynamic: 'dynamic',
  object: 'dynamic',
  'system.object': 'dynamic',
};

/** The KQL type of a metadata column type name; unknown names are `dynamic` (binds, never a false error). */
export function metadataType(name: unknown): KqlType {
  return (typeof name === 'string' && TYPE_NAMES[name.toLowerCase()]) || 'dynamic';
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(doc: Json, key: string, where: string): Json[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new SchemaFileError(`${where}.${key}`, 'expected an array');
  return v.map((item, i) => {
    if (!isObject(item)) throw new SchemaFileError(`${where}.${key}[${i}]`, 'expected an object');
    return item;
  });
}

function text(item: Json, key: string, where: string, required = false): string {
  const v = item[key];
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) {
    if (required) throw new SchemaFileError(`${where}.${key}`, 'missing; expected a string');
    return '';
  }
  throw new SchemaFileError(`${where}.${key}`, `expected a string, found ${JSON.stringify(v).slice(0, 40)}`);
}

function related(item: Json, key: string): string[] {
  const r = item.related;
  const v = isObject(r) ? r[key] : undefined;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A display name per category/solution id, and the group of each table/function id named in `related`. */
function groupsById(doc: Json): { names: Map<string, string>; of: Map<string, string> } {
  const names = new Map<string, string>();
  const of = new Map<string, string>();
  for (const key of ['categories', 'solutions'] as const) {
    list(doc, key, '$').forEach((g, i) => {
      const id = text(g, 'id', `$.${key}[${i}]`) || text(g, 'name', `$.${key}[${i}]`);
      const name = text(g, 'displayName', `$.${key}[${i}]`) || text(g, 'name', `$.${key}[${i}]`) || id;
      if (!id) return;
      names.set(id, name);
      for (const member of [...related(g, 'tables'), ...related(g, 'functions')]) {
        if (!of.has(member)) of.set(member, name);
      }
    });
  }
  return { names, of };
}

function groupOf(item: Json, id: string, groups: ReturnType<typeof groupsById>): string {
  for (const g of [...related(item, 'categories'), ...related(item, 'solutions')]) {
    const name = groups.names.get(g);
    if (name) return name;
  }
  return groups.of.get(id) ?? groups.of.get(text(item, 'name', '')) ?? 'Other';
}

function readTable(t: Json, where: string, groups: ReturnType<typeof groupsById>): TableSchema {
  const name = text(t, 'name', where, true);
  const seen = new Set<string>();
  const columns: ColumnSchema[] = [];
  list(t, 'columns', where).forEach((c, j) => {
    const at = `${where}.columns[${j}]`;
    const column = text(c, 'name', at, true);
    if (seen.has(column)) return;
    seen.add(column);
    columns.push({ name: column, type: metadataType(c.type), description: text(c, 'description', at) });
  });
  return { name, description: text(t, 'description', where), group: groupOf(t, text(t, 'id', where), groups), columns };
}

function readFunction(f: Json, where: string, groups: ReturnType<typeof groupsById>): FunctionSchema {
  const parameters = text(f, 'parameters', where)
    .trim()
    .replace(/^\((.*)\)$/s, '$1');
  return {
    name: text(f, 'name', where, true),
    parameters,
    body: text(f, 'body', where, true),
    description: text(f, 'description', where) || text(f, 'displayName', where),
    group: groupOf(f, text(f, 'id', where), groups),
  };
}

export interface MetadataReadOptions {
  /**
   * Leave out a table or function whose entry cannot be read, naming it in the source's note, instead of
   * failing the whole document: the service's answer, where one broken entry of 600 must not cost the
   * editor every table. A file the user wrote (`kql.schemaFile`) stays strict, so its mistake is shown.
   */
  readonly skipUnreadable?: boolean;
}

/** The name an unreadable entry gives itself, else its place. */
function entryName(item: unknown, where: string): string {
  const name = isObject(item) ? item.name : undefined;
  return typeof name === 'string' && name ? name : where;
}

/** The schema in a metadata API document (already parsed from JSON). */
export function schemaFromMetadata(
  doc: unknown,
  source: SchemaSource,
  options: MetadataReadOptions = {},
): WorkspaceSchema {
  if (!isObject(doc))
    throw new SchemaFileError('$', 'expected a JSON object with "tables" (the Log Analytics metadata API shape)');
  if (!Array.isArray(doc.tables)) throw new SchemaFileError('$.tables', 'missing; expected an array of tables');
  const groups = groupsById(doc);
  const unread: { kind: 'table' | 'function'; name: string; why: string }[] = [];
  const each = <T>(key: 'tables' | 'functions', read: (item: Json, where: string) => T, keep: (value: T) => void) => {
    const items = doc[key];
    if (!options.skipUnreadable || !Array.isArray(items)) {
      list(doc, key, '$').forEach((item, i) => keep(read(item, `$.${key}[${i}]`)));
      return;
    }
    items.forEach((item: unknown, i) => {
      const where = `$.${key}[${i}]`;
      try {
        if (!isObject(item)) throw new SchemaFileError(where, 'expected an object');
        keep(read(item, where));
      } catch (e) {
        if (!(e instanceof SchemaFileError)) throw e;
        unread.push({ kind: key === 'tables' ? 'table' : 'function', name: entryName(item, where), why: e.message });
      }
    });
  };
  const tables = new Map<string, TableSchema>();
  each(
    'tables',
    (t, where) => readTable(t, where, groups),
    (table) => {
      if (!tables.has(table.name)) tables.set(table.name, table);
    },
  );
  const functions = new Map<string, FunctionSchema>();
  each(
    'functions',
    (f, where) => readFunction(f, where, groups),
    (fn) => {
      if (!functions.has(fn.name)) functions.set(fn.name, fn);
    },
  );
  return {
    source: unread.length ? withUnread(source, unread) : source,
    tables: [...tables.values()],
    functions: [...functions.values()],
  };
}

/** The source, its note saying which entries were left out and why (the first few reasons, for the log). */
function withUnread(
  source: SchemaSource,
  unread: readonly { kind: 'table' | 'function'; name: string; why: string }[],
): SchemaSource {
  const tables = unread.filter((u) => u.kind === 'table').map((u) => u.name);
  const fns = unread.filter((u) => u.kind === 'function').map((u) => u.name);
  const counted = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const parts = [
    tables.length ? counted(tables.length, 'table') : '',
    fns.length ? counted(fns.length, 'function') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const shown = unread.slice(0, 5).map((u) => `${u.name} (${u.why})`);
  const more = unread.length > shown.length ? `, and ${unread.length - shown.length} more` : '';
  const note = `${parts} left out: their metadata could not be read: ${shown.join('; ')}${more}.`;
  return {
    ...source,
    note: source.note ? `${source.note}\n${note}` : note,
    ...(tables.length ? { unreadTables: tables } : {}),
  };
}

/** Parses metadata JSON text; a syntax error is a SchemaFileError naming the file. */
export function parseMetadataJson(json: string, source: SchemaSource): WorkspaceSchema {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new SchemaFileError(source.label, `not valid JSON (${(e as Error).message})`);
  }
  try {
    return schemaFromMetadata(doc, source);
  } catch (e) {
    if (e instanceof SchemaFileError)
      throw new SchemaFileError(`${source.label} ${e.where}`, e.message.slice(e.where.length + 2));
    throw e;
  }
}

/** The schema as metadata API JSON: what the disk cache stores and `kql check --schema` reads back. */
export function schemaToMetadata(schema: WorkspaceSchema): unknown {
  const groupIds = new Map<string, string>();
  for (const g of [...schema.tables.map((t) => t.group), ...schema.functions.map((f) => f.group)]) {
    if (!groupIds.has(g)) groupIds.set(g, `category-${groupIds.size}`);
  }
  return {
    categories: [...groupIds].map(([displayName, id]) => ({ id, displayName })),
    tables: schema.tables.map((t) => ({
      id: `table-${t.name}`,
      name: t.name,
      description: t.description,
      related: { categories: [groupIds.get(t.group)] },
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
    })),
    functions: schema.functions.map((f) => ({
      id: `function-${f.name}`,
      name: f.name,
      parameters: f.parameters,
      body: f.body,
      description: f.description,
      related: { categories: [groupIds.get(f.group)] },
    })),
  };
}
