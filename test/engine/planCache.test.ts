import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { executeQuery } from '../../src/engine';
import * as kql from '../../src/kql';
import { cachedPlan } from '../../src/engine/planCache';
import { Table } from '../../src/engine/table';
import { smallDatabase, ticks } from './helpers';

function rows(r: ReturnType<typeof executeQuery>): unknown[][] {
  const t = r.tables[0]!.table;
  return Array.from({ length: t.rowCount }, (_, i) => t.columns.map((c) => c.column.get(i)));
}

describe('plan cache', () => {
  test('a second run of the same text reuses the plan and gives the same rows', () => {
    const db = smallDatabase();
    const text =
      'T | where BytesSent > 60 | summarize n = count(), total = sum(BytesSent) by Computer | order by Computer asc';
    const first = executeQuery(text, db);
    const prepared = cachedPlan(db, text);
    assert.ok(prepared, 'the valid query was remembered');
    const second = executeQuery(text, db);
    assert.equal(cachedPlan(db, text), prepared, 'the same plan object served the second run');
    assert.deepEqual(rows(second), rows(first));
    assert.deepEqual(rows(first), [
      ['db01', 2, 500],
      ['web01', 1, 100],
    ]);
  });

  test('values of a run are not baked into the plan: now(), ago() and the time range come with each run', () => {
    const db = smallDatabase();
    const text = 'T | where TimeGenerated > ago(1h) | summarize c = count(), at = max(now())';
    const early = executeQuery(text, db, { now: ticks('2024-01-01T01:00:00Z') });
    const late = executeQuery(text, db, { now: ticks('2024-01-01T03:00:00Z') });
    assert.deepEqual(rows(early), [[5, ticks('2024-01-01T01:00:00Z')]]);
    assert.deepEqual(rows(late), [[1, ticks('2024-01-01T03:00:00Z')]]);
    const ranged = executeQuery(text, db, {
      now: ticks('2024-01-01T01:00:00Z'),
      timeRange: { start: ticks('2024-01-01T00:15:00Z'), end: ticks('2024-01-01T01:00:00Z') },
    });
    assert.deepEqual(rows(ranged), [[1, ticks('2024-01-01T01:00:00Z')]]);
  });

  test('a re-run reads the stored table as it is then: with or without a time range, and after it is replaced', () => {
    const db = smallDatabase();
    // Narrowed by the optimizer to BytesSent: the read of one column is what a re-run reuses.
    const text = 'T | summarize total = sum(BytesSent), n = count()';
    const range = { start: ticks('2024-01-01T01:00:00Z'), end: ticks('2024-01-01T02:00:00Z') };
    assert.deepEqual(rows(executeQuery(text, db)), [[650, 5]]);
    assert.deepEqual(rows(executeQuery(text, db, { timeRange: range })), [[300, 2]]);
    assert.deepEqual(rows(executeQuery(text, db)), [[650, 5]]);
    const schema = db.schemas.find((s) => s.name === 'T')!;
    const replacement = Table.fromRows(
      db.table('T')!.schema,
      [[ticks('2024-01-01T01:10:00Z'), 'app01', 7, 'inbound', null]],
      'T',
    );
    db.replace('T', { name: 'T', schema, build: () => replacement });
    assert.deepEqual(rows(executeQuery(text, db)), [[7, 1]]);
    assert.deepEqual(rows(executeQuery(text, db, { timeRange: range })), [[7, 1]]);
    assert.deepEqual(rows(executeQuery(`${text} | extend again = toscalar(${text} | project total)`, db)), [[7, 1, 7]]);
  });

  test('plans are per database, invalid queries are not remembered, and the cache can be bypassed', () => {
    const a = smallDatabase();
    const b = smallDatabase();
    executeQuery('T | count', a);
    assert.ok(cachedPlan(a, 'T | count'));
    assert.equal(cachedPlan(b, 'T | count'), undefined);
    assert.throws(
      () => executeQuery('T | where NoSuchColumn > 1', a),
      (e: Error) => /NoSuchColumn/.test(e.message),
    );
    assert.equal(cachedPlan(a, 'T | where NoSuchColumn > 1'), undefined);
    executeQuery('T | take 1', a, { planCache: false });
    assert.equal(cachedPlan(a, 'T | take 1'), undefined);
  });

  test('a cached run does not parse again', () => {
    const db = smallDatabase();
    const text = 'T | project Computer, BytesSent | take 2';
    executeQuery(text, db);
    const original = kql.kusto().KustoCode.ParseAndAnalyze;
    let parses = 0;
    kql.kusto().KustoCode.ParseAndAnalyze = function (this: unknown, ...args: unknown[]) {
      parses++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      executeQuery(text, db);
      assert.equal(parses, 0);
      executeQuery(`${text} | count`, db);
      assert.equal(parses, 1, 'a different text is analysed');
    } finally {
      kql.kusto().KustoCode.ParseAndAnalyze = original;
    }
  });
});
