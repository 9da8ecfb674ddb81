/**
 * What the Schema view shows, as plain data (no vscode, tested in plain Node): where the schema came
 * from and how old it is, then tables grouped by category or solution, then columns with type and
 * description. Children are computed on expansion, so a 1,000-table workspace costs only what is open.
 */
import { kqlIdentifier } from '../../kql/literals';
import { failedFileCount } from '../dataFileProblems';
import { findTable } from '../../schema/catalogue';
import type { ColumnSchema, TableSchema } from '../../schema/types';
import { groupedTables, type FunctionSchema, type WorkspaceSchema } from '../../schema/workspaceSchema';

export type SchemaNode =
  | { readonly kind: 'source'; readonly label: string; readonly description: string; readonly tooltip: string }
  /** The last read of the schema failed: the view keeps the schema it had and says why, a click retries. */
  | { readonly kind: 'failure'; readonly label: string; readonly description: string; readonly tooltip: string }
  | {
      readonly kind: 'group';
      readonly label: string;
      readonly tables: readonly TableSchema[];
      readonly functions: readonly FunctionSchema[];
      /** Mark the catalogue columns a loaded table lacks (a partial export), as for a data folder. */
      readonly markMissing?: boolean;
    }
  | {
      readonly kind: 'table';
      readonly table: TableSchema;
      readonly matchingColumns?: readonly ColumnSchema[];
      readonly missing?: readonly ColumnSchema[];
    }
  | { readonly kind: 'missing'; readonly table: string; readonly columns: readonly ColumnSchema[] }
  | { readonly kind: 'column'; readonly table: string; readonly column: ColumnSchema; readonly missing?: true }
  | { readonly kind: 'function'; readonly fn: FunctionSchema };

/** "just now", "12 min ago", "3 h ago", "2 days ago": how fresh the schema is. */
export function ageText(fetchedAt: string, now = Date.now()): string {
  const ms = now - Date.parse(fetchedAt);
  if (!Number.isFinite(ms)) return 'age unknown';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

function matches(text: string, filter: string): boolean {
  return text.toLowerCase().includes(filter);
}

/** The last segment of "Files: /a/b/data" (either slash), for the source line. */
function folderName(label: string): string {
  const trimmed = label.replace(/^Files: /, '').replace(/[\\/]+$/, '');
  return trimmed.split(/[\\/]/).pop() || trimmed;
}

/** A failure's first clause, short enough for the view's line ("Log Analytics failed (500 …)"). */
function firstClause(message: string): string {
  return (message.split(/: |\. /)[0] ?? message).replace(/\.$/, '').trim();
}

function failureNode(failure: string, schema: WorkspaceSchema): SchemaNode {
  const n = schema.tables.length;
  return {
    kind: 'failure',
    label: 'Could not read the workspace schema',
    description: firstClause(failure),
    tooltip: `${failure}\n\nShowing the schema of ${schema.source.label} (${n} table${n === 1 ? '' : 's'}) until then: click to try again.`,
  };
}

/**
 * The view's top level: the source line, the last read's failure if it failed (`failure`, the schema kept
 * meanwhile), then one node per group that has a match for the filter.
 */
export function schemaRoots(
  schema: WorkspaceSchema,
  filterText = '',
  now = Date.now(),
  failure?: string,
): SchemaNode[] {
  const filter = filterText.trim().toLowerCase();
  const fnGroups = new Map<string, FunctionSchema[]>();
  for (const f of schema.functions) {
    if (!filter || matches(f.name, filter)) fnGroups.set(f.group, [...(fnGroups.get(f.group) ?? []), f]);
  }
  const groups: SchemaNode[] = [];
  const seen = new Set<string>();
  for (const { group, tables } of groupedTables(schema)) {
    const shown = filter
      ? tables.filter((t) => matches(t.name, filter) || t.columns.some((c) => matches(c.name, filter)))
      : tables;
    const functions = fnGroups.get(group) ?? [];
    seen.add(group);
    if (shown.length || functions.length)
      groups.push({
        kind: 'group',
        label: group,
        tables: shown,
        functions,
        markMissing: schema.source.kind === 'folder',
      });
  }
  for (const [group, functions] of fnGroups) {
    if (!seen.has(group)) groups.push({ kind: 'group', label: group, tables: [], functions });
  }
  const failed =
    schema.source.kind === 'folder'
      ? failedFileCount((schema.source.note ?? '').split('\n'), new Set(schema.tables.map((t) => t.name)))
      : 0;
  const counts = `${schema.tables.length} tables${schema.functions.length ? `, ${schema.functions.length} functions` : ''}${failed ? `, ${failed} file${failed > 1 ? 's' : ''} failed` : ''}`;
  const source: SchemaNode = {
    kind: 'source',
    // A data folder's full path would push the counts out of a narrow side bar; the tooltip keeps it.
    label: schema.source.kind === 'folder' ? `Files: ${folderName(schema.source.label)}` : schema.source.label,
    description: `${counts} · ${schema.source.kind === 'sample' ? 'bundled' : ageText(schema.source.fetchedAt, now)}${filter ? ` · filter "${filterText.trim()}"` : ''}`,
    tooltip: [`Schema from ${schema.source.label}`, `Read ${schema.source.fetchedAt}`, schema.source.note ?? '']
      .filter(Boolean)
      .join('\n'),
  };
  const unread = schema.source.unreadTables ?? [];
  // Its own row, not the source line's end, which the side bar's usual width cuts off.
  const unreadNode: SchemaNode[] = unread.length
    ? [
        {
          kind: 'failure',
          label: `${unread.length} table${unread.length === 1 ? '' : 's'} could not be read`,
          description: unread.join(', '),
          tooltip: `${schema.source.note ?? ''}\n\nClick to read the schema again.`,
        },
      ]
    : [];
  return [source, ...(failure ? [failureNode(failure, schema)] : []), ...unreadNode, ...groups];
}

/**
 * The catalogue columns a loaded VM insights or Service Map table lacks, in the catalogue's order: what a
 * partial export left out, so the user sees why a column is an error and what the views do without.
 */
export function missingCatalogueColumns(table: TableSchema): ColumnSchema[] {
  const known = findTable(table.name);
  if (!known) return [];
  const loaded = new Set(table.columns.map((c) => c.name));
  return known.columns.filter((c) => !loaded.has(c.name));
}

/** The table's line in the view: how many columns, and how many the catalogue has that it lacks. */
export function tableDescription(node: Extract<SchemaNode, { kind: 'table' }>): string {
  const n = node.table.columns.length;
  return `${n} columns${node.missing?.length ? ` · ${node.missing.length} missing` : ''}`;
}

export function schemaChildren(node: SchemaNode, filterText = ''): SchemaNode[] {
  const filter = filterText.trim().toLowerCase();
  switch (node.kind) {
    case 'group':
      return [
        ...node.functions.map((fn): SchemaNode => ({ kind: 'function', fn })),
        ...node.tables.map((table): SchemaNode => {
          const missing = node.markMissing ? missingCatalogueColumns(table) : [];
          return {
            kind: 'table',
            table,
            ...(filter && !matches(table.name, filter)
              ? { matchingColumns: table.columns.filter((c) => matches(c.name, filter)) }
              : {}),
            ...(missing.length ? { missing } : {}),
          };
        }),
      ];
    case 'table': {
      const columns = (node.matchingColumns ?? node.table.columns).map(
        (column): SchemaNode => ({ kind: 'column', table: node.table.name, column }),
      );
      // Under a filter the missing columns would only repeat what the filter hid; the count stays in the description.
      return node.missing?.length && !node.matchingColumns
        ? [...columns, { kind: 'missing', table: node.table.name, columns: node.missing }]
        : columns;
    }
    case 'missing':
      return node.columns.map((column): SchemaNode => ({ kind: 'column', table: node.table, column, missing: true }));
    default:
      return [];
  }
}

/**
 * The row's id for VS Code, with the filter in it. VS Code keeps the collapse state of a row it has drawn,
 * whatever the item says, so a filter applied with the view open left the matching groups and tables
 * collapsed (the matches hidden); under a new filter every row is new, and shown as the filter wants.
 */
export function schemaNodeId(node: SchemaNode, filterText = ''): string {
  const filter = filterText.trim().toLowerCase();
  const key = ((): string => {
    switch (node.kind) {
      case 'source':
        return node.kind;
      case 'failure':
        return `failure/${node.label}`;
      case 'group':
        return `group/${node.label}`;
      case 'table':
        return `table/${node.table.name}`;
      case 'missing':
        return `missing/${node.table}`;
      case 'column':
        return `${node.missing ? 'missingColumn' : 'column'}/${node.table}/${node.column.name}`;
      case 'function':
        return `function/${node.fn.name}`;
    }
  })();
  return `${JSON.stringify(filter)}:${key}`;
}

/** The text "Query this table" opens: the table's name and a small sample. */
export function queryThisTable(table: string): string {
  return `${kqlIdentifier(table)}\n| take 100`;
}
