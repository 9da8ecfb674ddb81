import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { LocalBackend, parseIsoDuration, timeRangeTicks } from '../../../src/backends/local';
import { ticksFromMs } from '../../../src/engine/values';
import { KqlError } from '../../../src/kql';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../../../src/results/errors';

const WORKER = 'src/backends/local/engineWorker.ts';
const NOW = '2026-11-23T12:00:00Z';
// Seconds of work (tens of millions of joined rows), within the engine's join size limit.
// dcount does not decompose, so the join's pairs are all built (count() would be aggregated before joining).
const HEAVY =
  'VMConnection | join kind=inner (VMConnection | take 5000) on Computer | summarize dcount(RemoteIp1) by Computer';

const sample = new LocalBackend({ source: { kind: 'sample', now: NOW }, workerScript: WORKER });
after(() => sample.dispose());

test('runs a query in the worker and returns wire values with stats', async () => {
  const r = await sample.run(
    'VMConnection | summarize n = count(), earliest = min(TimeGenerated) by Direction | order by Direction asc',
  );
  assert.equal(sample.label, 'Sample workspace');
  assert.equal(r.tables[0]!.name, 'PrimaryResult');
  assert.deepEqual(r.tables[0]!.columns, [
    { name: 'Direction', type: 'string' },
    { name: 'n', type: 'long' },
    { name: 'earliest', type: 'datetime' },
  ]);
  assert.deepEqual(
    r.tables[0]!.rows.map((x) => [x[0], x[2]]),
    [
      ['inbound', '2026-11-22T12:00:00Z'],
      ['outbound', '2026-11-22T12:00:00Z'],
    ],
  );
  assert.equal(r.stats.backend, 'local');
  assert.equal(r.stats.rowCount, 2);
  assert.equal(r.stats.truncated, false);
});

test('a KqlError crosses the worker boundary with its code and range', async () => {
  await assert.rejects(sample.run('VMConnection\n| where Computr == "x"'), (e: unknown) => {
    assert.ok(e instanceof KqlError);
    assert.equal(
      e.describe(),
      "2:9: The name 'Computr' does not refer to any known column, table, variable or function.",
    );
    assert.deepEqual(e.range.start, { line: 1, character: 8 });
    return true;
  });
});

test('render info comes back with the result', async () => {
  const r = await sample.run('VMConnection | summarize count() by bin(TimeGenerated, 1h) | render timechart');
  assert.equal(r.render?.visualization, 'timechart');
  assert.equal(r.tables[0]!.rows.length, 24);
});

test("the run's parameter values reach the engine in the worker, read as their declared types", async () => {
  const query = 'declare query_parameters(n:long, since:datetime); print n * 2, since';
  const r = await sample.run(query, { parameters: { n: '21', since: '2024-05-01' } });
  assert.deepEqual(r.tables[0]!.rows, [[42, '2024-05-01T00:00:00Z']]);
  await assert.rejects(
    sample.run(query, { parameters: { n: '21' } }),
    (e) => e instanceof KqlError && /'since' has no value here/.test(e.message),
  );
});

test('results past the row limit are truncated with a warning', async () => {
  const r = await sample.run('VMConnection | project Computer', { rowLimit: 10 });
  assert.equal(r.tables[0]!.rows.length, 10);
  assert.equal(r.stats.truncated, true);
  assert.match(r.warnings.join('\n'), /row limit/);
});

test('a time range given as an ISO duration restricts TimeGenerated', async () => {
  const r = await sample.run('VMConnection | summarize min(TimeGenerated), max(TimeGenerated)', {
    timeRange: { duration: 'PT1H' },
  });
  assert.deepEqual(r.tables[0]!.rows, [['2026-11-23T11:00:00Z', '2026-11-23T11:59:00Z']]);
});

test('cancelling a running query rejects with QueryCancelledError and the backend keeps working', async () => {
  const ac = new AbortController();
  const run = sample.run(HEAVY, { signal: ac.signal });
  // HEAVY runs for seconds; a second in, it has surely started, even on a loaded machine.
  setTimeout(() => ac.abort(), 1000);
  await assert.rejects(run, QueryCancelledError);
  const r = await sample.run('print 1');
  assert.deepEqual(r.tables[0]!.rows, [[1]]);
});

test('an already-aborted signal rejects at once', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(sample.run('print 1', { signal: ac.signal }), QueryCancelledError);
});

test('a worker that does not stop within the grace period is replaced, and queued queries still run', async () => {
  const impatient = new LocalBackend({ source: { kind: 'sample', now: NOW }, workerScript: WORKER, stopGraceMs: 1 });
  try {
    // Reads every table, so the worker's background warm-up has nothing left to build and HEAVY is running
    // (not queued behind a table being generated) when it is cancelled.
    assert.equal(
      (
        await impatient.run(
          'union VMConnection, VMBoundPort, ServiceMapComputer_CL, ServiceMapProcess_CL, VMComputer, VMProcess | count',
        )
      ).tables[0]!.rows.length,
      1,
    );
    const ac = new AbortController();
    const heavy = impatient.run(HEAVY, { signal: ac.signal });
    const queued = impatient.run('print 2');
    // A second in, HEAVY (seconds long) has surely started, even on a loaded machine.
    setTimeout(() => ac.abort(), 1000);
    await assert.rejects(heavy, QueryCancelledError);
    assert.equal(impatient.restarts, 1);
    assert.deepEqual((await queued).tables[0]!.rows, [[2]]);
  } finally {
    impatient.dispose();
  }
});

test('a query past its time limit rejects with QueryTimeoutError', async () => {
  await assert.rejects(sample.run(HEAVY, { timeoutMs: 150 }), (e: unknown) => {
    assert.ok(e instanceof QueryTimeoutError);
    assert.equal(e.timeoutMs, 150);
    return true;
  });
  assert.deepEqual((await sample.run('print 3')).tables[0]!.rows, [[3]]);
});

test('a data folder loads; its broken files come back as warnings with each result', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-local-'));
  fs.writeFileSync(path.join(dir, 'VMBoundPort.csv'), 'Computer,Port\nweb1,80\nweb1,443\n');
  fs.writeFileSync(path.join(dir, 'VMConnection.json'), '[{"Computer": "x",}]');
  const files = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER });
  try {
    assert.equal(files.label, `Files: ${dir}`);
    const progress: string[] = [];
    const r = await files.run('VMBoundPort | summarize sum(Port)', { onProgress: (m) => progress.push(m) });
    assert.deepEqual(r.tables[0]!.rows, [[523]]);
    // The table was loaded by this query, in the worker, which said so.
    assert.ok(progress.includes('Loading VMBoundPort: 2 rows, 0.0 of 0.0 MB'), JSON.stringify(progress));
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0]!, /VMConnection\.json:1:\d+: invalid JSON/);
  } finally {
    files.dispose();
  }
});

test('a folder with nothing loadable rejects with a data BackendError', async () => {
  const empty = new LocalBackend({ source: { kind: 'folder', dir: '/nonexistent/exports' }, workerScript: WORKER });
  try {
    await assert.rejects(
      empty.run('print 1'),
      (e: unknown) => e instanceof BackendError && e.kind === 'data' && /nonexistent/.test(e.message),
    );
  } finally {
    empty.dispose();
  }
});

test('ISO durations and time ranges convert to tick bounds', () => {
  assert.equal(parseIsoDuration('PT24H'), 86_400_000);
  assert.equal(parseIsoDuration('P7D'), 7 * 86_400_000);
  assert.equal(parseIsoDuration('P1DT12H30M'), (36 * 60 + 30) * 60_000);
  assert.equal(parseIsoDuration('PT0.5S'), 500);
  assert.throws(() => parseIsoDuration('24h'), BackendError);
  assert.throws(() => parseIsoDuration('PT'), BackendError);
  const now = Date.parse(NOW);
  assert.deepEqual(timeRangeTicks({ duration: 'PT1H' }, now), {
    start: ticksFromMs(now - 3_600_000),
    end: ticksFromMs(now),
  });
  assert.deepEqual(timeRangeTicks({ start: '2026-11-23T00:00:00Z', duration: 'PT2H' }, now), {
    start: ticksFromMs(Date.parse('2026-11-23T00:00:00Z')),
    end: ticksFromMs(Date.parse('2026-11-23T02:00:00Z')),
  });
  assert.deepEqual(timeRangeTicks({ start: '2026-11-23T00:00:00Z', end: '2026-11-23T06:00:00Z' }, now), {
    start: ticksFromMs(Date.parse('2026-11-23T00:00:00Z')),
    end: ticksFromMs(Date.parse('2026-11-23T06:00:00Z')),
  });
  assert.equal(timeRangeTicks(undefined, now), undefined);
  assert.throws(() => timeRangeTicks({ start: 'soon' }, now), BackendError);
});

test('the sample source generates a table only when a query reads it', async () => {
  const { loadData } = await import('../../../src/backends/local/dataSource');
  const { runLocalQuery } = await import('../../../src/backends/local/runQuery');
  const { database, nowMs } = loadData({ kind: 'sample', now: NOW });
  const built = () => database.tableNames.filter((n) => database.isBuilt(n));
  assert.equal(database.tableNames.length, 6);
  assert.deepEqual(runLocalQuery(database, 'print 1', { nowMs }).tables[0]!.rows, [[1]]);
  assert.deepEqual(built(), []);
  const r = runLocalQuery(database, 'VMComputer | summarize dcount(Computer)', { nowMs });
  assert.ok((r.tables[0]!.rows[0]![0] as number) > 10);
  assert.deepEqual(built(), ['VMComputer']);
});
