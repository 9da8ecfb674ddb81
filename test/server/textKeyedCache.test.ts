import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BlockAnalyzer } from '../../src/server/blockAnalysis';
import { TextKeyedCache } from '../../src/server/textKeyedCache';

test('the least recently used entries go first, past the entry bound', () => {
  const cache = new TextKeyedCache<number>(2, 1000);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1);
  cache.set('c', 3);
  assert.deepEqual([cache.has('a'), cache.has('b'), cache.has('c')], [true, false, true]);
});

test('entries go past the bound on characters of keys and weighed values', () => {
  const cache = new TextKeyedCache<string[]>(100, 20, (v) => v.join('').length);
  cache.set('0123456789', ['ab']);
  cache.set('abcdef', ['xy']);
  assert.equal(cache.totalWeight, 20);
  cache.set('z', []);
  assert.equal(cache.has('0123456789'), false);
  assert.deepEqual([cache.size, cache.totalWeight], [2, 9]);
});

test('a replaced entry is weighed once, and one entry over the bound alone stays', () => {
  const cache = new TextKeyedCache<number>(10, 5, (v) => v);
  cache.set('a', 1);
  cache.set('a', 2);
  assert.deepEqual([cache.size, cache.totalWeight], [1, 3]);
  cache.set('b', 100);
  assert.deepEqual([cache.has('a'), cache.get('b'), cache.totalWeight], [false, 100, 101]);
});

test("the analyzer's kept diagnostics stay within their characters", () => {
  const analyzer = new BlockAnalyzer(() => {}, 3000, 400, 20_000, 2000);
  const query = (i: number) => `VMConnection\n| where nosuchcol${i} > 0 // ${'x'.repeat(300)}`;
  for (let i = 0; i < 20; i++) assert.equal(analyzer.diagnosticsOf(query(i)).length, 1);
  const { entries, chars } = analyzer.keptDiagnostics;
  assert.ok(chars <= 2000 && entries >= 3 && entries < 20, `${entries} entries of ${chars} characters kept`);
  // The newest are those kept: asking again costs no analysis.
  assert.equal(analyzer.hasDiagnostics(query(19)), true);
  assert.equal(analyzer.hasDiagnostics(query(0)), false);
});
