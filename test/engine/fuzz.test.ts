/**
 * Random and mutated queries must fail only with KqlErrors (or a timeout at the deadline), never with
 * another exception, a hang or a crash. Deterministic: a fixed seed drives every choice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Database, executeQuery, Table } from '../../src/engine';
import { QueryTimeoutError } from '../../src/results/errors';
import { KqlError } from '../../src/kql';
import { CATALOGUE } from '../../src/schema/catalogue';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';
import type { KqlType, Value } from '../../src/engine/values';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(Number(process.env.FUZZ_SEED ?? 20240101));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function sampleValue(type: KqlType, row: number): Value {
  switch (type) {
    case 'bool': return row % 3 === 0 ? null : row % 2 === 0;
    case 'int': case 'long': return row % 7 === 0 ? null : (row * 37) % 1000;
    case 'real': case 'decimal': return row % 5 === 0 ? null : row * 1.5;
    case 'datetime': return 17040672000000000 + row * 36_000_000_000;
    case 'timespan': return row * 10_000_000;
    case 'string': return pick(['acme-demo', 'admdemo-appsvr', '10.229.243.232', '127.0.0.1', 'outbound', 'inbound', 'sqlservr', '']);
    case 'guid': return row % 2 ? '7f1b1c6a-1234-4c1b-8a8a-123456789abc' : null;
    case 'dynamic': return pick([null, ['10.0.0.1', '10.0.0.2'], { a: 1 }, [], 'x']);
  }
}

const db = new Database(CATALOGUE.map((schema) => Table.fromRows(
  schema.columns,
  Array.from({ length: 40 }, (_, r) => schema.columns.map((c) => sampleValue(c.type, r))),
  schema.name,
)));

const seeds = SAMPLE_QUERIES.map(sampleQueryText);
const OPERATORS = [
  '| where BytesSent > 1', '| summarize count() by Computer', '| take 3', '| extend x = 1', '| project Computer',
  '| order by TimeGenerated', '| distinct Computer', '| mv-expand RemoteDnsQuestions', '| join (VMComputer) on Computer',
  '| union VMBoundPort', '| top 2 by BytesSent', '| count', '| serialize n = row_number()', '| getschema',
  '| parse Computer with a "-" b', '| make-series count() on TimeGenerated step 1h', '| lookup VMComputer on Computer',
  '| project-away Computer', '| summarize arg_max(TimeGenerated, *) by Machine', '| render timechart', '| as X',
  '| evaluate bag_unpack(x)', '| search "sql"', '| where Computer has_any ("a", "b")', '| extend d = todynamic("[1]")[0]',
];
const TOKENS = ['|', '(', ')', ',', '=', '==', '"', 'let', 'by', 'on', '*', '1h', 'datetime(2024-01-01)', 'dynamic([1])', ';', '$left.', 'kind=inner', 'null', '-1', '0x10'];

function tokens(q: string): string[] {
  return q.split(/(\s+|[|(),=;"])/).filter((t) => t !== '');
}

function mutate(q: string): string {
  const ts = tokens(q);
  const n = 1 + Math.floor(random() * 3);
  for (let k = 0; k < n && ts.length > 0; k++) {
    const i = Math.floor(random() * ts.length);
    switch (Math.floor(random() * 6)) {
      case 0: ts.splice(i, 1); break;
      case 1: ts.splice(i, 0, ts[i]!); break;
      case 2: { const j = Math.floor(random() * ts.length); [ts[i], ts[j]] = [ts[j]!, ts[i]!]; break; }
      case 3: ts.splice(i, 0, ` ${pick(TOKENS)} `); break;
      case 4: ts.splice(i, 0, ` ${pick(OPERATORS)} `); break;
      default: ts.length = i; break;
    }
  }
  return ts.join('');
}

function generated(): string {
  const table = pick(CATALOGUE).name;
  let q = random() < 0.2 ? `print x = ${pick(['1', '"a"', 'now()', 'dynamic({"a":1})'])}` : table;
  const ops = Math.floor(random() * 6);
  for (let i = 0; i < ops; i++) {
    q += `\n${pick(OPERATORS)}`;
  }
  if (random() < 0.1) {
    const depth = 10 + Math.floor(random() * 60);
    q = `print x = ${'('.repeat(depth)}1${')'.repeat(depth)}`;
  }
  if (random() < 0.1) {
    q = `let a = ${table} | take 5;\n${Array.from({ length: 1 + Math.floor(random() * 6) }, () => 'a | union (a)').join(' | union (')}`;
  }
  return q;
}

test('random and mutated queries only ever fail with KqlErrors', () => {
  // Loading Kusto.Language takes seconds; it is not what this test measures.
  executeQuery('print 1', db);
  const started = Date.now();
  let runs = 0;
  let failures = 0;
  const budgetMs = 25_000;
  while (runs < 2000 && Date.now() - started < budgetMs) {
    const query = random() < 0.6 ? mutate(pick(seeds)) : generated();
    runs++;
    const t0 = Date.now();
    try {
      const result = executeQuery(query, db, { now: 17040672000000000, deadline: Date.now() + 2000, rowLimit: 1000 });
      assert.equal(result.tables[0]?.name, 'PrimaryResult', `no primary result for ${JSON.stringify(query)}`);
      assert.ok(result.tables[0]!.table.rowCount <= 1000, 'the row limit was not applied');
    } catch (e) {
      failures++;
      if (!(e instanceof KqlError) && !(e instanceof QueryTimeoutError)) {
        assert.fail(`query ${JSON.stringify(query)} threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
      }
      if (e instanceof KqlError) {
        assert.ok(e.message.length > 0 && e.range.start.line >= 0, `error without message or place for ${JSON.stringify(query)}`);
      }
    } finally {
      if (process.env.FUZZ_SLOW && Date.now() - t0 > Number(process.env.FUZZ_SLOW)) {
        console.log(Date.now() - t0, JSON.stringify(query).slice(0, 300));
      }
    }
  }
  assert.ok(runs >= 100, `only ${runs} queries ran in the time budget`);
  assert.ok(failures > 0 && failures < runs, `${failures} of ${runs} failed`);
});
