import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globalsFor } from '../../src/kql/globals';
import type { TableSchema } from '../../src/schema/types';

const tables = (description: string): TableSchema[] => [
  { name: 'Events', group: 'g', description, columns: [{ name: 'Port', type: 'int', description: '' }] },
];

test('equal tables in a new array reuse the symbols built for the first (the CLI snapshot relies on it)', () => {
  const first = globalsFor(tables('events'));
  assert.equal(globalsFor(tables('events')), first);
  // Anything the library shows differs: new symbols.
  assert.notEqual(globalsFor(tables('other events')), first);
});

test('every global state holds the same fixed count and bag_unpack symbols (the binder asks aggregates by identity)', () => {
  const a = globalsFor(tables('events'));
  const b = globalsFor(tables('other events'));
  assert.notEqual(a, b);
  assert.equal(a.GetAggregate('count'), b.GetAggregate('count'));
  assert.ok(b.IsAggregateFunction(a.GetAggregate('count')));
  assert.equal(a.GetPlugIn('bag_unpack'), b.GetPlugIn('bag_unpack'));
});
