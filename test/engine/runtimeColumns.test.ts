import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from './helpers';

const PEOPLE = `datatable(d:dynamic) [
  dynamic({"Name": "John", "Age":20}), dynamic({"Name": "Dave", "Height": 170, "Age":40}), dynamic({"Name": "Jasmine", "Age":30})]`;

// The bag_unpack and pivot reference pages' examples without an output schema, with their outputs.
describe('evaluate plugins without an output schema', () => {
  test('bag_unpack: a column per slot, sorted by name, typed by its values; missing slots are null', () => {
    const r = run(`${PEOPLE} | evaluate bag_unpack(d)`);
    assert.deepEqual(r.columns, ['Age', 'Height', 'Name']);
    assert.deepEqual(r.types, ['long', 'long', 'string']);
    assert.deepEqual(r.rows, [
      [20, null, 'John'],
      [40, 170, 'Dave'],
      [30, null, 'Jasmine'],
    ]);
  });

  test('bag_unpack: a prefix, and slots whose values differ in type are dynamic', () => {
    assert.deepEqual(run(`${PEOPLE} | evaluate bag_unpack(d, 'Property_')`).columns, [
      'Property_Age',
      'Property_Height',
      'Property_Name',
    ]);
    const mixed = run(`datatable(k:long, d:dynamic) [1, dynamic({"v": 1}), 2, dynamic({"v": "one"}), 3, dynamic(null)]
      | evaluate bag_unpack(d)`);
    assert.deepEqual(mixed.columns, ['k', 'v']);
    assert.deepEqual(mixed.types, ['long', 'dynamic']);
    assert.deepEqual(mixed.rows, [
      [1, 1],
      [2, 'one'],
      [3, null],
    ]);
  });

  test('bag_unpack: a slot named as an input column is an error unless columnsConflict says whose values win', () => {
    const input = `datatable(Name:string, d:dynamic) ['Old_name', dynamic({"Name": "John", "Age":20}),
      'Old_name', dynamic({"Name": "Dave", "Age":40})]`;
    assert.throws(
      () => run(`${input} | evaluate bag_unpack(d)`),
      (e: Error & { code?: string }) => e.code === 'KQL-ARGUMENT' && /columnsConflict/.test(e.message),
    );
    // The input column keeps its place (the reference's examples since their October 2025 revision,
    // re-run on new data, print Name before Age; the earlier revision printed Age, Name).
    const replaced = run(`${input} | evaluate bag_unpack(d, columnsConflict='replace_source')`);
    assert.deepEqual(replaced.columns, ['Name', 'Age']);
    assert.deepEqual(replaced.rows, [
      ['John', 20],
      ['Dave', 40],
    ]);
    const kept = run(`${input} | evaluate bag_unpack(d, columnsConflict='keep_source')`);
    assert.deepEqual(kept.columns, ['Name', 'Age']);
    assert.deepEqual(kept.rows, [
      ['Old_name', 20],
      ['Old_name', 40],
    ]);
  });

  test('pivot: the other columns as keys, then a column per value in order of first appearance', () => {
    const r = run(`datatable(State:string, EventType:string, Deaths:long) [
        'ARKANSAS', 'Heavy Rain', 1, 'ARIZONA', 'Lightning', 1, 'ARIZONA', 'Flash Flood', 2, 'ARIZONA', 'Flash Flood', 4,
        'ARKANSAS', 'Heat', 3]
      | evaluate pivot(State, sum(Deaths))`);
    assert.deepEqual(r.columns, ['EventType', 'ARKANSAS', 'ARIZONA']);
    assert.deepEqual(r.rows, [
      ['Heavy Rain', 1, 0],
      ['Lightning', 0, 1],
      ['Flash Flood', 0, 6],
      ['Heat', 3, 0],
    ]);
    const counted = run(`datatable(State:string, EventType:string) ['ALABAMA', 'Strong Wind', 'ALASKA', 'High Wind',
        'ALABAMA', 'Strong Wind'] | evaluate pivot(State) | render table`);
    assert.deepEqual(counted.columns, ['EventType', 'ALABAMA', 'ALASKA']);
    assert.deepEqual(counted.rows, [
      ['Strong Wind', 2, 0],
      ['High Wind', 0, 1],
    ]);
  });

  test('anywhere but at the end of the query, the error says to write the schema', () => {
    for (const q of [
      `${PEOPLE} | evaluate bag_unpack(d) | where Age > 20`,
      `let x = ${PEOPLE} | evaluate bag_unpack(d); x`,
      `print n = toscalar(${PEOPLE} | evaluate bag_unpack(d) | count)`,
      "datatable(k:string, v:long)['a',1] | evaluate pivot(k) | project a",
    ]) {
      assert.throws(
        () => run(q),
        (e: Error & { code?: string }) =>
          e.code === 'KQL-UNSUPPORTED' &&
          /not supported by the embedded engine except as the last operator of the query's result/.test(e.message),
        q,
      );
    }
  });
});
