/**
 * The schema of one workspace as the active backend sees it: tables → columns (type, description),
 * saved functions (parameters, body), grouped by category or solution, with where it came from and
 * when. The language server, the engine, the views and every generated query read this one model; the
 * catalogue is only the fallback and the source of descriptions where names match.
 *
 * Pure data plus small pure queries (`hasTable`, `hasColumn`, …) that other features build queries
 * from, so they never need to know which backend produced the schema.
 */
import { CATALOGUE, findColumn, findTable } from './catalogue';
import type { ColumnSchema, KqlType, TableSchema } from './types';

export interface FunctionSchema {
  readonly name: string;
  /** The parameter list as Kusto writes it, without parentheses: `computer:string, since:timespan = 1d`. */
  readonly parameters: string;
  /** The body, with or without its braces. */
  readonly body: string;
  readonly description: string;
  /** Category or solution the function belongs to, for the Schema view. */
  readonly group: string;
}

export type SchemaSourceKind = 'sample' | 'folder' | 'logAnalytics' | 'logAnalyticsQuery' | 'file' | 'cache';

export interface SchemaSource {
  readonly kind: SchemaSourceKind;
  /** In words, for the Schema view and logs: "Sample workspace", "Log Analytics metadata API", a path. */
  readonly label: string;
  /** When the schema was read from its source (ISO 8601). */
  readonly fetchedAt: string;
  /** Anything the user should know about how complete it is (fallback used, files that failed). */
  readonly note?: string;
  /** Tables the source named but whose entries could not be read (a metadata answer's broken entries). */
  readonly unreadTables?: readonly string[];
}

export interface WorkspaceSchema {
  readonly source: SchemaSource;
  readonly tables: readonly TableSchema[];
  readonly functions: readonly FunctionSchema[];
}

interface SchemaIndex {
  readonly tables: Map<string, { table: TableSchema; columns: Map<string, ColumnSchema> }>;
  readonly functions: Map<string, FunctionSchema>;
}

const indexes = new WeakMap<WorkspaceSchema, SchemaIndex>();

function indexOf(schema: WorkspaceSchema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) {
    index = {
      tables: new Map(
        schema.tables.map((t) => [t.name, { table: t, columns: new Map(t.columns.map((c) => [c.name, c])) }]),
      ),
      functions: new Map(schema.functions.map((f) => [f.name, f])),
    };
    indexes.set(schema, index);
  }
  return index;
}

/** The table of that exact name (KQL names are case-sensitive). */
export function schemaTable(schema: WorkspaceSchema, table: string): TableSchema | undefined {
  return indexOf(schema).tables.get(table)?.table;
}

export function hasTable(schema: WorkspaceSchema, table: string): boolean {
  return indexOf(schema).tables.has(table);
}

export function hasColumn(schema: WorkspaceSchema, table: string, column: string): boolean {
  return indexOf(schema).tables.get(table)?.columns.has(column) ?? false;
}

export function schemaColumn(schema: WorkspaceSchema, table: string, column: string): ColumnSchema | undefined {
  return indexOf(schema).tables.get(table)?.columns.get(column);
}

export function schemaFunction(schema: WorkspaceSchema, name: string): FunctionSchema | undefined {
  return indexOf(schema).functions.get(name);
}

/** Of `columns`, those the table lacks (all of them when the table is absent), in the given order. */
export function missingColumns(schema: WorkspaceSchema, table: string, columns: readonly string[]): string[] {
  return columns.filter((c) => !hasColumn(schema, table, c));
}

/** The bundled sample workspace: exactly the catalogue. */
export function catalogueSchema(fetchedAt = new Date(0).toISOString()): WorkspaceSchema {
  return { source: { kind: 'sample', label: 'Sample workspace', fetchedAt }, tables: CATALOGUE, functions: [] };
}

/** The schema every layer assumes until a backend says otherwise. */
export const CATALOGUE_SCHEMA: WorkspaceSchema = catalogueSchema();

/**
 * A table as loaded from a file, described: the loaded columns in their order and types, with the
 * catalogue's table and column descriptions where the names match (extra columns get none).
 */
export function describeLoadedTable(name: string, columns: readonly { name: string; type: KqlType }[]): TableSchema {
  const known = findTable(name);
  return {
    name,
    description: known?.description ?? '',
    group: known?.group ?? 'Other tables',
    columns: columns.map((c) => ({
      name: c.name,
      type: c.type,
      description: (known && findColumn(known, c.name)?.description) ?? '',
    })),
  };
}

/** Tables and functions sorted by name within their group, groups by name: the Schema view's order. */
export function groupedTables(schema: WorkspaceSchema): { group: string; tables: TableSchema[] }[] {
  const groups = new Map<string, TableSchema[]>();
  for (const t of schema.tables) {
    groups.set(t.group, [...(groups.get(t.group) ?? []), t]);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, tables]) => ({ group, tables: tables.sort((a, b) => a.name.localeCompare(b.name)) }));
}

/** A short fingerprint of what the binder sees, so a re-fetched identical schema is not rebuilt. */
export function schemaFingerprint(schema: WorkspaceSchema): string {
  let h = 0x811c9dc5;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    }
  };
  for (const t of schema.tables) {
    mix(`\u0001${t.name}\u0002${t.description}`);
    for (const c of t.columns) mix(`\u0003${c.name}:${c.type}:${c.description}`);
  }
  for (const f of schema.functions) mix(`\u0004${f.name}(${f.parameters})${f.body}`);
  return `${schema.tables.length}t-${schema.functions.length}f-${h.toString(16)}`;
}
