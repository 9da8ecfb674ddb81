/**
 * A generated workspace of 1,000 tables × 60 columns (the catalogue's six among them, so the sample
 * queries still bind), in the metadata API's shape, for the language server's scale benchmark.
 */
import { CATALOGUE } from '../src/schema/catalogue';

const TYPES = ['string', 'long', 'real', 'datetime', 'bool', 'dynamic', 'int', 'guid', 'timespan'];

export function largeMetadata(tables = 1000, columns = 60): { tables: unknown[]; functions: unknown[] } {
  const out: unknown[] = CATALOGUE.map((t) => ({
    name: t.name,
    description: t.description,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
  }));
  for (let i = out.length; i < tables; i++) {
    const cols = [
      { name: 'TimeGenerated', type: 'datetime', description: 'When the record was generated.' },
      { name: 'Computer', type: 'string', description: 'The machine.' },
    ];
    for (let j = cols.length; j < columns; j++)
      cols.push({
        name: `Field${j}_${TYPES[j % TYPES.length]}`,
        type: TYPES[j % TYPES.length]!,
        description: `Field ${j} of table ${i}.`,
      });
    out.push({
      name: `Generated${String(i).padStart(4, '0')}_CL`,
      description: `Generated table ${i}.`,
      columns: cols,
    });
  }
  return { tables: out, functions: [] };
}
