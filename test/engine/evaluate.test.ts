import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from './helpers';

const fails = (query: string, code: string, message: RegExp) =>
  assert.throws(
    () => run(query),
    (e: Error & { code?: string }) => e.code === code && message.test(e.message),
  );

describe('evaluate plugins', () => {
  test('bag_unpack with an output schema and *: the reference example', () => {
    const r = run(`datatable(d:dynamic, Description: string) [
        dynamic({"Name": "John", "Age":20, "height":180}), "Student",
        dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher",
        dynamic({"Name": "Jasmine", "Age":30, "height":172}), "Student"]
      | evaluate bag_unpack(d) : (*, Name:string, Age:long)`);
    assert.deepEqual(r.columns, ['Description', 'Name', 'Age']);
    assert.deepEqual(r.types, ['string', 'string', 'long']);
    assert.deepEqual(r.rows, [
      ['Student', 'John', 20],
      ['Teacher', 'Dave', 40],
      ['Student', 'Jasmine', 30],
    ]);
  });

  test('bag_unpack with a prefix; a missing slot, or one of another type, is null', () => {
    const r =
      run(`datatable(d:dynamic) [dynamic({"Name": "John", "Age":20}), dynamic({"Name": "Dave", "Height": 170, "Age":"forty"}), dynamic(null)]
      | evaluate bag_unpack(d, 'p_') : (p_Age:long, p_Height:long, p_Name:string)`);
    assert.deepEqual(r.rows, [
      [20, null, 'John'],
      [null, 170, 'Dave'],
      [null, null, ''],
    ]);
  });

  test('bag_unpack: an output column that is also an input column is an error by default, as in Kusto', () => {
    fails(
      `datatable(Name:string, d:dynamic) ['James', dynamic({"Name": "John"})] | evaluate bag_unpack(d) : (*, Name:string)`,
      'KQL-ARGUMENT',
      /'Name' is both an input column and a column of the output schema/,
    );
  });

  test('bag_unpack without an output schema, followed by an operator, says how to write one', () => {
    fails('T | evaluate bag_unpack(Tags) | take 1', 'KQL-UNSUPPORTED', /: \(\*, Name:string, Age:long\)/);
  });

  test('narrow turns each cell into a row of row number, column name and value as text', () => {
    const r = run('T | take 1 | project Computer, BytesSent, Tags | evaluate narrow()');
    assert.deepEqual(r.columns, ['Row', 'Column', 'Value']);
    assert.deepEqual(r.types, ['long', 'string', 'string']);
    assert.deepEqual(r.rows, [
      [0, 'Computer', 'web01'],
      [0, 'BytesSent', '100'],
      [0, 'Tags', '["a","b"]'],
    ]);
  });

  test('pivot with an output schema: counts by default, an aggregation, listed or default key columns', () => {
    const counted = run(
      'T | project Computer, Direction | evaluate pivot(Direction) : (Computer:string, inbound:long, outbound:long)',
    );
    assert.deepEqual(counted.columns, ['Computer', 'inbound', 'outbound']);
    assert.deepEqual(counted.rows, [
      ['web01', 1, 1],
      ['db01', 1, 1],
      ['web02', 0, 1],
    ]);
    // The reference's example with two key columns (its data, cut down).
    const storms = run(`datatable(State:string, EventType:string, DeathsDirect:long, Source:string)
        ["ARKANSAS", "Heat", 3, "News", "ARIZONA", "Flash Flood", 2, "Spotter", "ARIZONA", "Flash Flood", 4, "Spotter"]
      | evaluate pivot(State, sum(DeathsDirect), EventType, Source) : (EventType:string, Source:string, ARKANSAS:long, ARIZONA:long)`);
    assert.deepEqual(storms.rows, [
      ['Heat', 'News', 3, 0],
      ['Flash Flood', 'Spotter', 0, 6],
    ]);
    // A value the schema does not name is left out; an empty cell of max() is null.
    assert.deepEqual(
      run('T | evaluate pivot(Direction, max(BytesSent), Computer) : (Computer:string, outbound:long)').rows,
      [
        ['web01', 100],
        ['db01', 300],
        ['web02', null],
      ],
    );
  });

  test('pivot without an output schema, followed by an operator, says how to write one; other plugins name themselves', () => {
    fails(
      'T | evaluate pivot(Direction) | take 1',
      'KQL-UNSUPPORTED',
      /evaluate pivot without an output schema.*: \(Computer:string, inbound:long, outbound:long\)/,
    );
    fails("T | evaluate http_request('https://example.com')", 'KQL-UNSUPPORTED', /evaluate http_request/);
  });

  test("a plugin that reaches outside the query's data is refused with its reason, not as not yet written", () => {
    fails(
      `T | evaluate http_request('https://example.com')`,
      'KQL-UNSUPPORTED',
      /evaluate http_request reaches outside the query's data \(it calls a web service\).*Log Analytics/,
    );
    fails(
      `T | evaluate python(typeof(*), 'result = df')`,
      'KQL-UNSUPPORTED',
      /evaluate python reaches outside the query's data \(it runs Python in Kusto's sandbox\)/,
    );
  });
});
