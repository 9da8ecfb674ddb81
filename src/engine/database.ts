/**
 * The tables a query can read, by name, with their schemas (catalogue tables keep the catalogue's
 * descriptions; tables loaded from user files that the catalogue does not know get inferred schemas).
 */
import { findTable } from '../schema/catalogue';
import type { TableSchema } from '../schema/types';
import type { Table } from './table';

export class Database {
  private readonly byName = new Map<string, Table>();
  readonly schemas: readonly TableSchema[];

  constructor(tables: readonly Table[]) {
    const schemas: TableSchema[] = [];
    for (const t of tables) {
      if (!t.name) {
        throw new Error('Database tables must be named');
      }
      this.byName.set(t.name, t);
      const known = findTable(t.name);
      schemas.push({
        name: t.name,
        group: known?.group ?? 'Loaded from files',
        description: known?.description ?? '',
        columns: t.columns.map((c) => ({
          name: c.name,
          type: c.column.type,
          description: known?.columns.find((k) => k.name === c.name)?.description ?? '',
        })),
      });
    }
    this.schemas = schemas;
  }

  table(name: string): Table | undefined {
    return this.byName.get(name);
  }

  get tableNames(): string[] {
    return [...this.byName.keys()];
  }
}
