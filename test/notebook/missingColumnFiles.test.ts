/**
 * On a data folder, a report part left out for a column the export lacks names the file the table came
 * from, as the results panel's error does ("VMBoundPort.csv was exported without it"): the user knows
 * which export to fix. The Open ports report's wildcard part reads IsWildcardBind.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadData } from '../../src/backends/local/dataSource';
import { cannotRunColumnsNote, missingColumns } from '../../src/notebook';

const WILDCARD =
  'VMBoundPort\n| summarize Ports = dcount(Port) by Bind = iff(IsWildcardBind, "wildcard", "one address")';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-nb-files-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function noteOn(dir: string, query: string): string {
  const tables = loadData({ kind: 'folder', dir }).database.schemas;
  const missing = missingColumns(query, tables);
  assert.ok(missing.length > 0, 'the part is left out');
  return cannotRunColumnsNote(missing);
}

test("the note names the CSV file the table came from, as the results panel's error does", () => {
  const dir = folder({
    'VMBoundPort.csv': 'TimeGenerated,Computer,Ip,Port\n2026-12-05T10:00:00Z,web-01,10.0.0.4,443\n',
  });
  assert.equal(
    noteOn(dir, WILDCARD),
    "This part cannot run on this workspace: it reads IsWildcardBind of VMBoundPort, which the workspace's table does not have: IsWildcardBind is not in VMBoundPort.csv (the export left it out).",
  );
});

test("an export tree's note names its folder; two columns are both named", () => {
  const record = '{"TimeGenerated":"2026-12-05T08:00:00Z","Computer":"web-01","Ip":"10.0.0.4","Port":443}\n';
  const dir = folder({
    'am-VMBoundPort/WorkspaceResourceId=/x/y=2026/m=12/d=05/h=08/m=00/PT1H.json': record,
    'am-VMBoundPort/WorkspaceResourceId=/x/y=2026/m=12/d=05/h=09/m=00/PT1H.json': record,
  });
  assert.match(
    noteOn(dir, `${WILDCARD}, Sent = sum(BytesSent)`),
    /: IsWildcardBind and BytesSent are not in the 2 files under am-VMBoundPort\/ \(the export left them out\)\.$/,
  );
});

test('without files (a Log Analytics workspace, a schema file) the note is as before', () => {
  assert.equal(
    cannotRunColumnsNote([{ table: 'VMBoundPort', column: 'IsWildcardBind' }]),
    "This part cannot run on this workspace: it reads IsWildcardBind of VMBoundPort, which the workspace's table does not have (an export that left that column out, say).",
  );
});
