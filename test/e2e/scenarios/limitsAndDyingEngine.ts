/**
 * Scenario 65: the local engine's limits and a dying engine, in a VS Code whose settings make each limit
 * small enough to meet (a second code-server: the memory and result limits are machine settings).
 *  - a query past its time limit: while it runs the editor stays responsive (completion answers), then
 *    the panel says "Timed out" and names kql.local.timeoutSeconds;
 *  - memory, rows, result size: each message names its limit and its setting;
 *  - the engine's process killed with kill -9 mid-query: that query's error says so, the next Run works
 *    on a new engine, and the language server and the Machines view still answer.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { CodeServer } from '../codeServer';
import { inOwnWorkspace } from '../ownWorkspace';
import { backToEditor, runBlock } from '../queryFile';
import { crashNotices, readError, readGrid, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { viewTreeRows } from '../treeView';
import { type Workbench, waitFor } from '../workbench';
import { expectSuggestion } from './completion';
import { showMachinesViewAlone } from './machines';

const FILE = 'limits.kql';
// The long query below needs some 25 s of CPU (two SHA-256 a row, in the 80 MB its range takes).
const TIMEOUT_S = 20;

const QUERIES = `// Runs past its time limit
range x from 1 to 10000000 step 1
| where hash_sha256(hash_sha256(tostring(x))) startswith "000"
| count

// Grows past the memory limit
range x from 1 to 20000000 step 1
| extend s = strcat("k", tostring(x))
| summarize make_list(s)

// More rows than the row limit
range i from 1 to 5000 step 1

// Larger than the result size limit
range i from 1 to 900 step 1
| extend s = strcat(strrep("x", 1000), strrep("x", 1000))

// A long query whose engine is killed
range x from 1 to 10000000 step 1
| where hash_sha256(hash_sha256(tostring(x))) startswith "000"
| count

// Counts the connections
VMConnection
| summarize Links = count()
`;

function limitsWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-limits-'));
  fs.writeFileSync(path.join(dir, FILE), QUERIES);
  return dir;
}

async function errorShown(frame: Frame, heading: string): Promise<string> {
  return waitFor(
    `the panel saying "${heading}"`,
    async () => {
      const h = await frame
        .locator('.error-box h3')
        .textContent({ timeout: 1_000 })
        .catch(() => null);
      return h === heading ? ((await readError(frame))?.text ?? '') : undefined;
    },
    60_000,
  );
}

export async function runningShown(frame: Frame): Promise<void> {
  await waitFor('the panel saying the query is running', async () =>
    /Running/.test(
      (await frame
        .locator('.status')
        .textContent({ timeout: 1_000 })
        .catch(() => null)) ?? '',
    )
      ? true
      : undefined,
  );
}

async function warningsShown(frame: Frame, what: RegExp): Promise<string> {
  return waitFor(`a warning matching ${what}`, async () => {
    const all = await frame.locator('.warnings .warning').allTextContents();
    return all.find((w) => what.test(w));
  });
}

/** The engine's own process among the server's (the server runs in a process group of its own). */
function engineProcesses(server: CodeServer): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === server.pid && /engineWorker\.js/.test(m[3]!))
    .map((m) => Number(m[1]));
}

/** Clock ticks a second, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The CPU time (user and system) a process has used, in ms; undefined once it is gone. */
function cpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name, in parentheses, may hold spaces: the fields are counted from its end (utime is 14th).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}

/**
 * The one engine process once it has started and then idled for a second: its start from the snapshot,
 * the sample's load and its background warm-up done, so that nothing but a query can keep it busy. A
 * process killed before it says it is ready has begun no query: the queries sent to it run again on the
 * next engine (CI run 30 killed one still starting, and the query then ran out its time limit there).
 */
async function idleEngine(server: CodeServer): Promise<number> {
  let last: { pid: number; cpu: number; at: number } | undefined;
  return waitFor(
    'the engine process started and idle',
    async () => {
      const pids = engineProcesses(server);
      const cpu = pids.length === 1 ? cpuMs(pids[0]!) : undefined;
      if (cpu === undefined) {
        last = undefined;
        return undefined;
      }
      const pid = pids[0]!;
      const now = Date.now();
      if (last?.pid !== pid) {
        last = { pid, cpu, at: now };
        return undefined;
      }
      if (now - last.at < 1_000) return undefined;
      // A busy process gets tens of ms a second even on a loaded machine; an idle one none.
      const idle = cpu - last.cpu <= 20;
      last = { pid, cpu, at: now };
      return idle ? pid : undefined;
    },
    120_000,
  );
}

/** Waits until the idle engine `pid` has spent `ms` of CPU since `from`: it is running the query. */
async function engineBusy(pid: number, from: number, ms: number): Promise<void> {
  await waitFor(`the engine running the query (${ms} ms of its CPU)`, async () => {
    const cpu = cpuMs(pid);
    if (cpu === undefined) throw new Error(`the engine process ${pid} is gone`);
    return cpu - from >= ms ? true : undefined;
  });
}

/** The engine's start-up snapshot is built when its blob and the metadata written after it are there. */
function hasEngineSnapshot(server: CodeServer): boolean {
  const storage = path.join(server.userDataDir, 'User/globalStorage');
  const extensions = fs.existsSync(storage) ? fs.readdirSync(storage) : [];
  return extensions.some((ext) => {
    const dir = path.join(storage, ext, 'startup-snapshot-engine');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    return files.some((f) => f.endsWith('.blob') && files.includes(f.replace(/\.blob$/, '.json')));
  });
}

/**
 * Types a new query under the last one and waits for `expected` among the completions; `whileShown`
 * runs before the list is closed (a screenshot).
 */
export async function completeAtEnd(
  wb: Workbench,
  typed: string,
  expected: string,
  whileShown?: () => Promise<unknown>,
): Promise<void> {
  await backToEditor(wb);
  await wb.page.keyboard.press('Control+End');
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.press('Enter');
  await expectSuggestion(wb, '', typed, expected);
  await whileShown?.();
  await wb.page.keyboard.press('Escape');
}

async function limitsJourney(wb: Workbench, server: CodeServer, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  // The language server's first answer loads Kusto.Language (seconds on a fresh server): not what is measured.
  await completeAtEnd(wb, 'VMConn', 'VMConnection');
  // Time: the query runs; meanwhile the user types a new query and completion answers.
  await runBlock(wb, workspace, FILE, '// Runs past its time limit');
  const frame = await resultsFrame(wb, 90_000);
  await runningShown(frame);
  const typingFrom = Date.now();
  await backToEditor(wb);
  await wb.page.keyboard.press('Control+End');
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.press('Enter');
  await expectSuggestion(wb, '', 'VMComp', 'VMComputer');
  const answeredIn = Date.now() - typingFrom;
  assert.match((await frame.locator('.status').textContent()) ?? '', /Running/, 'the query ended before the typing');
  await wb.screenshot(65, 'typing-while-running');
  await wb.page.keyboard.press('Escape');
  const timedOut = await errorShown(frame, 'Timed out');
  assert.match(timedOut, new RegExp(`did not finish within ${TIMEOUT_S} s\\..*kql\\.local\\.timeoutSeconds`));
  await wb.screenshot(65, 'timed-out');
  console.log(`# 65: completion answered ${answeredIn} ms after typing began, while the query ran`);

  // Memory: the error names the limit and kql.local.memoryLimitMB.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// Grows past the memory limit');
  const memory = await errorShown(frame, 'The query has an error');
  assert.match(memory, /limit of 128 MB for one query\..*kql\.local\.memoryLimitMB/);
  await wb.screenshot(65, 'memory-limit');

  // Rows: 1,000 of 5,000 kept, and the warning says which setting.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// More rows than the row limit');
  const rows = await waitForGrid(
    wb,
    'the grid cut at 1,000 rows',
    (v) => withColumns('i')(v) && /^1,000 rows/.test(v.status),
  );
  assert.match(rows.status, /truncated at the row limit/);
  await warningsShown(
    frame,
    /only the first 1000 are shown \(the row limit\)\. The limit is the setting kql\.local\.rowLimit/,
  );
  await wb.screenshot(65, 'row-limit');

  // Size: 900 rows (under the 1,000-row limit) of about 2 KB of JSON each pass 1 MB (counted as the JSON
  // Log Analytics sends; strrep repeats at most 1,024 times); the rows that fit are kept, the setting named.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// Larger than the result size limit');
  await waitForGrid(
    wb,
    'the grid cut at the size limit',
    (v) => withColumns('i', 's')(v) && /truncated at the size limit/.test(v.status),
  );
  await warningsShown(
    frame,
    /larger than 1 MB; only its first \d+ rows are shown \(the size limit\)\..*kql\.local\.resultLimitMB/,
  );
  await wb.screenshot(65, 'size-limit');
  assert.deepEqual(await crashNotices(wb), []);

  // The engine runs in a process of its own once its start-up snapshot is built (in the background): a
  // reload of the window starts the engine from it, as the user's next VS Code start does.
  if (engineProcesses(server).length === 0) {
    await waitFor(
      'the engine start-up snapshot built',
      async () => (hasEngineSnapshot(server) ? true : undefined),
      180_000,
    );
    await wb.runCommand('Developer: Reload Window', false);
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await wb.page.waitForTimeout(2_000);
    await wb.openFile(FILE);
  }
}

async function dyingEngineJourney(wb: Workbench, server: CodeServer, workspace: string): Promise<void> {
  // Killed mid-query: the engine must have begun the query, which only it can tell; an idle engine that
  // then spends CPU is spending it on the query.
  const waitFrom = Date.now();
  const pid = await idleEngine(server);
  const idleCpu = cpuMs(pid) ?? 0;
  const idleAfter = Date.now() - waitFrom;
  await runBlock(wb, workspace, FILE, '// A long query whose engine is killed');
  const runFrom = Date.now();
  const frame = await resultsFrame(wb, 90_000);
  await runningShown(frame);
  await engineBusy(pid, idleCpu, 300);
  const queryCpu = Math.round((cpuMs(pid) ?? idleCpu) - idleCpu);
  process.kill(pid, 'SIGKILL');
  console.log(
    `# 65: the engine was idle after ${idleAfter} ms of waiting; killed ${Date.now() - runFrom} ms into the run, after ${queryCpu} ms of its CPU on the query`,
  );
  const died = await errorShown(frame, 'The backend failed');
  assert.match(died, /local engine stopped while running this query \(its process was killed by SIGKILL\)/);
  assert.match(died, /run the query again/);
  await wb.screenshot(65, 'engine-killed');

  // The next Run works on a new engine.
  await backToEditor(wb);
  await runBlock(wb, workspace, FILE, '// Counts the connections');
  const links = await waitForGrid(wb, 'the count after the engine was replaced', withColumns('Links'), 90_000);
  assert.ok(Number(links.rows[0]![0]!.replace(/,/g, '')) > 0, `Links = ${links.rows[0]![0]}`);
  const now = engineProcesses(server);
  assert.equal(now.length, 1, `engine processes: ${now.join(', ')}`);
  assert.notEqual(now[0], pid, 'the killed engine is still listed');

  // The language server still completes, and the Machines view still lists the fleet.
  await completeAtEnd(wb, 'VMBound', 'VMBoundPort');
  await showMachinesViewAlone(wb);
  const machines = await waitFor('machines in the Machines view', async () => {
    const rows = await viewTreeRows(wb, 'Machines');
    return rows.filter((r) => r.level === 1).length > 1 ? rows : undefined;
  });
  assert.ok(machines.length > 1);
  await wb.screenshot(65, 'after-engine-replaced');
  assert.ok((await readGrid(frame))?.rows.length);
  assert.deepEqual(await crashNotices(wb), []);
}

export async function limitsAndDyingEngineScenario(main: Workbench): Promise<void> {
  const workspace = limitsWorkspace();
  await inOwnWorkspace(
    main,
    65,
    workspace,
    async (wb, server) => {
      await limitsJourney(wb, server, workspace);
      await dyingEngineJourney(wb, server, workspace);
    },
    {
      settings: { 'kql.local.timeoutSeconds': TIMEOUT_S, 'kql.local.rowLimit': 1000 },
      machineSettings: { 'kql.local.memoryLimitMB': 128, 'kql.local.resultLimitMB': 1 },
    },
  );
}
