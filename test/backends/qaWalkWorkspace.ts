/**
 * The workspace of the QA walk of e2e scenarios 110 and 111: scenario 101's production workspace grown to
 * 600 tables, with a custom table whose columns were named freely (`my col`, a quote, non-Latin letters)
 * and two tables whose metadata entries the service sent broken (a column without a name, columns that
 * are not a list), as a metadata answer cut or changed on the way, or a table being re-created, may have.
 */
import type { MetadataFixture } from './metadataFixture';
import { fillerTables, productionMetadata } from './productionWorkspace';

export const QA_TABLE_COUNT = 600;
export const QA_ODD_TABLE = 'Checkout_CL';
export const QA_ODD_COLUMNS: readonly { name: string; type: string }[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'my col', type: 'string' },
  { name: "it's", type: 'long' },
  { name: 'Ünïcode_Straße', type: 'string' },
  { name: 'цена_d', type: 'real' },
];
/** Tables whose entries cannot be read: the rest of the schema must survive them. */
export const BROKEN_TABLES = ['Broken_CL', 'HalfWritten_CL'];

export function qaWalkMetadata(): MetadataFixture {
  const base = productionMetadata();
  const related = { solutions: ['solutions/LogManagement'] };
  const tables: unknown[] = [...base.tables];
  tables.push({
    id: `tables/${QA_ODD_TABLE}`,
    name: QA_ODD_TABLE,
    description: 'Checkouts.',
    columns: [...QA_ODD_COLUMNS],
    related,
  });
  tables.push({
    id: 'tables/Broken_CL',
    name: 'Broken_CL',
    description: 'A column without a name.',
    columns: [{ name: 'TimeGenerated', type: 'datetime' }, { type: 'string' }],
    related,
  });
  tables.push({ id: 'tables/HalfWritten_CL', name: 'HalfWritten_CL', columns: 'unavailable', related });
  tables.push(...fillerTables(QA_TABLE_COUNT - tables.length, 'Audit', ['Actor', 'Action']));
  return { ...base, tables: tables as MetadataFixture['tables'] };
}
