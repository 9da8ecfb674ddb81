/**
 * Scenario 76: a folder of exports as a user's machine has them, not as the portal writes them on a
 * good day. A second VS Code opens a folder whose `kql.local.dataFolder` holds a Heartbeat.csv saved by
 * Excel (UTF-16 LE with its byte order mark, CRLF, "TimeGenerated [UTC]" in the US locale's
 * "12/5/2026, 9:30:00.000 AM"), an AppEvents_CL.csv with a record of one field too many and one too few,
 * and a Perf_CL.csv.gz cut off part-way (an interrupted download).
 * - The Schema view lists the extra tables with their inferred types (Heartbeat's TimeGenerated a
 *   datetime, AppEvents_CL's Count a long despite the ragged records).
 * - A query on Heartbeat answers with its rows; AppEvents_CL sums its Count; Perf_CL counts the records
 *   before the cut.
 * - The Problems panel lists the ragged lines and the line where the cut-off file ends, as warnings.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { expandSchemaRow, runAt, showSchemaView } from './dataFolder';

/** A time some minutes ago as Excel writes it in the US locale: "12/5/2026, 9:30:00.000 AM" (UTC). */
function usLocale(now: number, minutes: number): string {
  const d = new Date(now - minutes * 60_000);
  const h = d.getUTCHours() % 12 || 12;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.000 ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

/** Rows of Perf_CL before the cut: the file is cut in the middle of its compressed bytes. */
const PERF_ROWS = 4000;

function writeExports(dir: string): { perfRowsKept: number } {
  const now = Date.now();
  const iso = (m: number) => new Date(now - m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  fs.mkdirSync(dir, { recursive: true });
  const heartbeat = [
    'TimeGenerated [UTC],Computer,OSType,ComputerIP',
    `"${usLocale(now, 50)}",web-01,Linux,10.0.0.4`,
    `"${usLocale(now, 40)}",web-01,Linux,10.0.0.4`,
    `"${usLocale(now, 30)}",db-01,Windows,10.0.0.5`,
  ].join('\r\n');
  fs.writeFileSync(
    path.join(dir, 'Heartbeat.csv'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${heartbeat}\r\n`, 'utf16le')]),
  );
  // Line 3 has a field too many, line 5 one too few: both are left out, and Count stays a long.
  fs.writeFileSync(
    path.join(dir, 'AppEvents_CL.csv'),
    [
      'TimeGenerated,Computer,Count',
      `${iso(10)},web-01,3`,
      `${iso(9)},web-01,oops,4`,
      `${iso(8)},db-01,5`,
      `${iso(7)},db-01`,
      `${iso(6)},web-01,7`,
      '',
    ].join('\n'),
  );
  const perf = ['TimeGenerated,Computer,CounterValue'];
  for (let i = 0; i < PERF_ROWS; i++) perf.push(`${iso(20)},web-01,${i}`);
  const gz = zlib.gzipSync(`${perf.join('\n')}\n`);
  const cut = gz.subarray(0, gz.length >> 1);
  fs.writeFileSync(path.join(dir, 'Perf_CL.csv.gz'), cut);
  const held = zlib.gunzipSync(cut, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString();
  return { perfRowsKept: held.slice(0, held.lastIndexOf('\n')).split('\n').length - 1 };
}

const QUERIES = [
  'Heartbeat',
  '| summarize Beats = count() by Computer, OSType',
  '| order by Computer asc',
  '',
  'AppEvents_CL',
  '| summarize Total = sum(Count) by Computer',
  '| order by Computer asc',
  '',
  'Perf_CL',
  '| summarize Rows = count(), Last = max(CounterValue)',
  '',
].join('\n');
const LINE = { heartbeat: 1, appEvents: 5, perf: 9 };

export async function hostileExportsScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-hostile-exports-');
  const { perfRowsKept } = writeExports(exports);
  assert.ok(perfRowsKept > 100 && perfRowsKept < PERF_ROWS, `${perfRowsKept} rows before the cut`);
  fs.writeFileSync(path.join(workspace, 'odd.kql'), QUERIES);
  await inOwnWorkspace(main, 76, workspace, async (wb) => {
    // The Schema view: the extra tables, typed from their own rows.
    await showSchemaView(wb);
    const tables = await waitFor(
      "the folder's extra tables in the Schema view",
      async () => {
        const rows = await expandSchemaRow(wb!, 'Loaded from files', 1, 2_000).catch(() => undefined);
        const names = rows?.filter((r) => r.level === 2).map((r) => r.label);
        return names && names.length === 3 ? names : undefined;
      },
      90_000,
    );
    assert.deepEqual(tables, ['AppEvents_CL', 'Heartbeat', 'Perf_CL']);
    const heartbeat = await expandSchemaRow(wb, 'Heartbeat', 2);
    assert.deepEqual(
      heartbeat.map((r) => [r.label, r.description]),
      [
        ['TimeGenerated', 'datetime'],
        ['Computer', 'string'],
        ['OSType', 'string'],
        ['ComputerIP', 'string'],
      ],
    );
    const appEvents = await expandSchemaRow(wb, 'AppEvents_CL', 2);
    assert.deepEqual(
      appEvents.map((r) => [r.label, r.description]),
      [
        ['TimeGenerated', 'datetime'],
        ['Computer', 'string'],
        ['Count', 'long'],
      ],
    );
    await wb.screenshot(76, 'schema');

    // Each table answers: the UTF-16 file in full, the ragged one without its two bad records, the
    // cut-off one with the records before the cut.
    await wb.openFile('odd.kql');
    await runAt(wb, LINE.heartbeat);
    const beats = await waitForGrid(
      wb,
      'Heartbeat from the UTF-16 file',
      withColumns('Computer', 'OSType', 'Beats'),
      90_000,
    );
    assert.deepEqual(beats.rows, [
      ['db-01', 'Windows', '1'],
      ['web-01', 'Linux', '2'],
    ]);
    await runAt(wb, LINE.appEvents);
    const events = await waitForGrid(wb, 'AppEvents_CL from the ragged CSV', withColumns('Computer', 'Total'), 90_000);
    assert.deepEqual(events.rows, [
      ['db-01', '5'],
      ['web-01', '10'],
    ]);
    await runAt(wb, LINE.perf);
    const perf = await waitForGrid(wb, 'Perf_CL from the cut-off gzip', withColumns('Rows', 'Last'), 90_000);
    assert.deepEqual(perf.rows, [[String(perfRowsKept), String(perfRowsKept - 1)]]);

    // The Problems panel: each skipped line at its line, the cut where the file ends; warnings, since
    // both tables loaded.
    const problems = await waitFor('the ragged lines and the cut in the Problems panel', async () => {
      const rows = await wb!.problems();
      const ragged = rows.filter((r) => /the record has \d fields/.test(r));
      const cut = rows.find((r) => /the compressed file ends early/.test(r));
      return ragged.length === 2 && cut ? { ragged, cut, rows } : undefined;
    });
    assert.match(problems.ragged[0]!, /4 fields; the header has 3 columns.*\[Ln 3, Col 1\]/);
    assert.match(problems.ragged[1]!, /2 fields; the header has 3 columns.*\[Ln 5, Col 1\]/);
    assert.match(problems.cut, new RegExp(`\\[Ln ${perfRowsKept + 2}, Col 1\\]`));
    assert.ok(
      problems.rows.every((r) => !/did not load/.test(r)),
      `every table loaded: ${JSON.stringify(problems.rows)}`,
    );
    await wb.screenshot(76, 'problems');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
