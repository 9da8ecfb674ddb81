/**
 * Scenario 96: a `.kql` file of hostile one-liners (test/engine/hostileQueryList.ts has more, walked
 * through the CLI by bench/hostileQueries.ts). Run on each shows its message, naming the limit and
 * the place, or a correct answer; while a slow one runs the user types and completion answers; a
 * megabyte on one line runs; the next normal query answers and nothing crashed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { inOwnWorkspace } from '../ownWorkspace';
import { backToEditor, runBlock } from '../queryFile';
import { crashNotices, readError, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { completeAtEnd, runningShown } from './limitsAndDyingEngine';

const FILE = 'hostile.kql';
const TIMEOUT_S = 15;

const QUERIES = `// Runs past its time limit
range x from 1 to 10000000 step 1 | where hash_sha256(hash_sha256(tostring(x))) startswith "000" | count

// Ten thousand nested parentheses
print x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}

// Deep JSON
print d = parse_json(strcat(strrep('[', 1024), strrep(']', 1024)))

// A trillion rows
range x from 1 to 1e12 step 1

// A cross join of two 100,000-row ranges
range x from 1 to 100000 step 1 | extend k = 1 | join kind=inner (range y from 1 to 100000 step 1 | extend k = 1) on k | count

// Catastrophic backtracking
print x = strcat(strrep("a", 50), "b") matches regex "(a+)+$"

// Longs near 2^63
range x from 9223372036854775800 to 9223372036854775807 step 1

// A megabyte on one line
print n = strlen("${'a'.repeat(1_000_000)}")

// Counts the connections
VMConnection | summarize Links = count()
`;

/** Waits until the panel's error message matches `what` (each query's differs, so a stale one never does). */
async function errorMatching(frame: Frame, what: RegExp): Promise<string> {
  return waitFor(
    `the panel's error matching ${what}`,
    async () => {
      const text = (await readError(frame))?.text;
      return text && what.test(text) ? text : undefined;
    },
    90_000,
  );
}

async function runAndExpectError(wb: Workbench, workspace: string, heading: string, what: RegExp): Promise<string> {
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, heading);
  return errorMatching(await resultsFrame(wb, 90_000), what);
}

async function hostileJourney(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  // The language server's first answer loads Kusto.Language (seconds on a fresh server): not what is measured.
  await completeAtEnd(wb, 'VMConn', 'VMConnection');

  // A slow query: while it runs the user types a query and completion answers; then it times out.
  await runBlock(wb, workspace, FILE, '// Runs past its time limit');
  const frame = await resultsFrame(wb, 90_000);
  await runningShown(frame);
  const typingFrom = Date.now();
  let answeredIn = 0;
  await completeAtEnd(wb, 'VMComp', 'VMComputer', async () => {
    answeredIn = Date.now() - typingFrom;
    assert.match((await frame.locator('.status').textContent()) ?? '', /Running/, 'the query ended before the typing');
    await wb.screenshot(96, 'typing-while-running');
  });
  await errorMatching(frame, new RegExp(`did not finish within ${TIMEOUT_S} s\\..*kql\\.local\\.timeoutSeconds`));
  console.log(`# 96: completion answered ${answeredIn} ms after typing began, while the slow query ran`);

  const nested = await runAndExpectError(
    wb,
    workspace,
    '// Ten thousand nested parentheses',
    /Query syntax depth exceeds maximum safe limit.*Brackets nest more than 500 levels deep here/,
  );
  // The place is the parenthesis that opens level 501: line 5 of the file, after `print x = ` and 500 of them.
  assert.match(nested, /5:511/, nested.slice(0, 200));
  await wb.screenshot(96, 'nested-parentheses');
  await runAndExpectError(wb, workspace, '// Deep JSON', /parse_json: the JSON nests more than 1,000 levels deep/);
  await wb.screenshot(96, 'deep-json');
  await runAndExpectError(
    wb,
    workspace,
    '// A trillion rows',
    /range would produce 1000000000000 rows; the embedded engine allows at most 100000000/,
  );
  await runAndExpectError(
    wb,
    workspace,
    '// A cross join of two 100,000-row ranges',
    /The join would produce 10000000000 rows, more than the embedded engine allows/,
  );

  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// Catastrophic backtracking');
  const regex = await waitForGrid(wb, 'the regex answer', withColumns('x'), 90_000);
  assert.equal(regex.rows[0]![0], 'false');

  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// Longs near 2^63');
  const longs = await waitForGrid(wb, 'eight longs up to 2^63 - 1', (v) => withColumns('x')(v) && v.rows.length === 8);
  assert.equal(longs.rows[7]![0]!.replace(/,/g, ''), '9223372036854775807');
  await wb.screenshot(96, 'longs-near-max');

  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// A megabyte on one line');
  const megabyte = await waitForGrid(wb, 'the length of the megabyte', withColumns('n'), 90_000);
  assert.equal(megabyte.rows[0]![0]!.replace(/,/g, ''), '1000000');

  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// Counts the connections');
  const links = await waitForGrid(wb, 'the count after the hostile queries', withColumns('Links'), 90_000);
  assert.ok(Number(links.rows[0]![0]!.replace(/,/g, '')) > 0, `Links = ${links.rows[0]![0]}`);
  await wb.screenshot(96, 'next-query-answers');
  assert.deepEqual(await crashNotices(wb), []);
}

export async function hostileQueriesScenario(main: Workbench): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-hostile-'));
  fs.writeFileSync(path.join(workspace, FILE), QUERIES);
  await inOwnWorkspace(main, 96, workspace, (wb) => hostileJourney(wb, workspace), {
    settings: { 'kql.local.timeoutSeconds': TIMEOUT_S },
  });
}
