/**
 * A report part whose column the workspace lacks (an export without BytesSent, say) is left out with
 * a note naming the column, and Run All goes on; before, the part failed with the engine's error and
 * Run All stopped there, so Traffic comparison showed one error and two parts never run.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { cannotRunColumnsNote, missingColumns, REPORTS, readNotebook, reportFile, scopeCell } from '../../src/notebook';
import { CATALOGUE } from '../../src/schema/catalogue';

const root = path.resolve(__dirname, '../..');

/** The catalogue with some columns taken out of a table, as an export that left them out. */
function without(table: string, ...columns: string[]) {
  return CATALOGUE.map((t) =>
    t.name === table ? { ...t, columns: t.columns.filter((c) => !columns.includes(c.name)) } : t,
  );
}

/** For each report, the titles of the parts (the markdown heading above each) that would be left out. */
function partsLeftOut(tables: ReturnType<typeof without>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const report of REPORTS) {
    const cells = readNotebook(fs.readFileSync(reportFile(root, report), 'utf8')).cells;
    const code = cells.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'code');
    const sources = code.map(({ c }) => c.source);
    const left = code
      .filter((_, k) => missingColumns(scopeCell(sources, k).text, tables).length > 0)
      .map(({ i }) => /^#+\s*(.*)$/m.exec(cells[i - 1]?.source ?? '')?.[1] ?? `cell ${i + 1}`);
    if (left.length) out[report.id] = left;
  }
  return out;
}

test('on the full catalogue no part of any report is left out', () => {
  assert.deepEqual(partsLeftOut(CATALOGUE.slice()), {});
});

test('without BytesSent the traffic parts are left out, and only they', () => {
  assert.deepEqual(partsLeftOut(without('VMConnection', 'BytesSent')), {
    'connections-overview': ['Top processes'],
    'tcp-traffic': ['Machines by traffic', 'Traffic over time', 'Traffic of the five busiest machines'],
    'traffic-comparison': [
      'Total bytes per machine over time',
      'Sent and received per machine',
      'First half against second half',
    ],
  });
});

test('a column read in a comment, a string or column_ifexists, or only made by the query, is no use of it', () => {
  const tables = without('VMConnection', 'BytesSent', 'LinksFailed');
  assert.deepEqual(
    missingColumns(
      [
        '// BytesSent is not in every export',
        'VMConnection',
        '| extend Sent = column_ifexists("BytesSent", long(0)), Note = "LinksFailed"',
        '| extend LinksFailed = 0',
        '| summarize sum(Sent), sum(LinksFailed) by Computer',
      ].join('\n'),
      tables,
    ),
    [],
  );
  assert.deepEqual(missingColumns('VMConnection | summarize BytesSent = sum(BytesSent) by Computer', tables), [
    { table: 'VMConnection', column: 'BytesSent' },
  ]);
  // In the catalogue's column order (LinksFailed before BytesSent), each once.
  assert.deepEqual(
    missingColumns('VMConnection | where BytesSent >= 1 or LinksFailed == 0 or BytesSent < 9', tables).map(
      (m) => m.column,
    ),
    ['LinksFailed', 'BytesSent'],
  );
});

test('a join that takes the column from a table that has it is not left out', () => {
  // VMBoundPort has BytesSent: a part joining it with a VMConnection export without it may read it there.
  const tables = without('VMConnection', 'BytesSent');
  assert.deepEqual(
    missingColumns('VMBoundPort | join (VMConnection) on Machine | summarize sum(BytesSent)', tables),
    [],
  );
});

test('the note names each missing column with its table', () => {
  assert.equal(
    cannotRunColumnsNote([{ table: 'VMConnection', column: 'BytesSent' }]),
    "This part cannot run on this workspace: it reads BytesSent of VMConnection, which the workspace's table does not have (an export that left that column out, say).",
  );
  assert.match(
    cannotRunColumnsNote([
      { table: 'VMConnection', column: 'BytesSent' },
      { table: 'VMBoundPort', column: 'PortId' },
    ]),
    /reads BytesSent of VMConnection and PortId of VMBoundPort, which the workspace's tables do not have \(an export that left those columns out, say\)/,
  );
});
