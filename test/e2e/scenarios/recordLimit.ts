/**
 * Scenario 100: records past the record limit (kql.local.recordLimitMB, set to 1 MB as a machine setting
 * so the files stay small). A second VS Code opens a folder holding a JSON Lines file with a 3 MB line
 * between good ones, a CSV with a 2 MB quoted field (line ends inside it) between good records, and a
 * JSON array holding a 2 MB string.
 * - The good records answer: the skipped ones are left out, the records after them are in.
 * - The Problems panel shows each at its file and line with the limit and its setting: warnings for the
 *   JSON Lines and CSV files (which loaded), an error for the JSON document (refused whole).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { runAt } from './dataFolder';

function writeExports(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const iso = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const event = (m: number, computer: string, count: number) =>
    JSON.stringify({ TimeGenerated: iso(m), Computer: computer, Count: count });
  fs.writeFileSync(
    path.join(dir, 'AppEvents_CL.jsonl'),
    [
      event(10, 'web-01', 3),
      event(9, 'db-01', 5),
      event(8, 'web-01', 7),
      JSON.stringify({ TimeGenerated: iso(7), Computer: 'x'.repeat(3 << 20), Count: 1000 }),
      event(6, 'db-01', 11),
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'Notes_CL.csv'),
    [
      'TimeGenerated,Computer,Note',
      `${iso(5)},web-01,short`,
      `${iso(4)},big-01,"${'a line of a huge note, "quoted"\n'.replaceAll('"quoted"', '""quoted""').repeat(70_000)}"`,
      `${iso(3)},db-01,after`,
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'Blob_CL.json'),
    `[\n${JSON.stringify({ TimeGenerated: iso(2), Computer: 'web-01' })},\n${JSON.stringify({ TimeGenerated: iso(1), Computer: 'y'.repeat(2 << 20) })}\n]\n`,
  );
}

const QUERIES = [
  'AppEvents_CL',
  '| summarize Total = sum(Count) by Computer',
  '| order by Computer asc',
  '',
  'Notes_CL | order by TimeGenerated asc | project Computer, Note',
  '',
].join('\n');

export async function recordLimitScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-record-limit-');
  writeExports(exports);
  fs.writeFileSync(path.join(workspace, 'records.kql'), QUERIES);
  await inOwnWorkspace(
    main,
    100,
    workspace,
    async (wb) => {
      await wb.openFile('records.kql');
      await runAt(wb, 1);
      const events = await waitForGrid(
        wb,
        'AppEvents_CL without its 3 MB line',
        withColumns('Computer', 'Total'),
        90_000,
      );
      // 1000 (the skipped line's Count) is not in db-01's or web-01's total; 11 (the line after it) is.
      assert.deepEqual(events.rows, [
        ['db-01', '16'],
        ['web-01', '10'],
      ]);

      await runAt(wb, 5);
      const notes = await waitForGrid(wb, 'Notes_CL without its 2 MB record', withColumns('Computer', 'Note'), 60_000);
      assert.deepEqual(notes.rows, [
        ['web-01', 'short'],
        ['db-01', 'after'],
      ]);

      const problems = await waitFor(
        'the three long records in the Problems panel',
        async () => {
          const rows = await wb.problems();
          const line = rows.find((r) => /AppEvents_CL: the line is longer than 1 MB/.test(r));
          const record = rows.find((r) => /Notes_CL: the record is longer than 1 MB/.test(r));
          const json = rows.find((r) => /Blob_CL did not load: a string is longer than 1 MB/.test(r));
          return line && record && json ? { line, record, json } : undefined;
        },
        60_000,
      );
      assert.match(problems.line, /kql\.local\.recordLimitMB.*record skipped.*\[Ln 4, Col 1\]/);
      assert.match(problems.record, /kql\.local\.recordLimitMB.*record skipped.*\[Ln 3, Col 1\]/);
      assert.match(
        problems.json,
        /a JSON document cannot be read past one, so the file is not loaded.*\[Ln 3, Col \d+\]/,
      );
      await wb.screenshot(100, 'problems');
      assert.deepEqual(await crashNotices(wb), []);
    },
    { machineSettings: { 'kql.local.recordLimitMB': 1 } },
  );
}
