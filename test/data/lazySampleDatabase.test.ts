import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSampleWorkspace, sampleDatabase } from '../../src/data/sample';
import { executeQuery } from '../../src/engine';
import { Database } from '../../src/engine/database';
import { Table } from '../../src/engine/table';
import type { Value } from '../../src/engine/values';
import { ticksFromMs } from '../../src/engine/values';

const now = new Date('2026-11-23T12:00:30Z');
const eager = generateSampleWorkspace({ now });
const names = eager.tables.map((t) => t.name!);

function columnValues(t: Table): Record<string, Value[]> {
  return Object.fromEntries(
    t.columns.map((c) => [c.name, Array.from({ length: t.rowCount }, (_, r) => c.column.get(r))]),
  );
}

describe('the lazy sample database', () => {
  test('knows every table and schema without building any', () => {
    const db = sampleDatabase({ now });
    assert.deepEqual(db.tableNames, eager.database.tableNames);
    assert.deepEqual(db.schemas, eager.database.schemas);
    assert.deepEqual(
      names.filter((n) => db.isBuilt(n)),
      [],
    );
  });

  for (const name of names) {
    test(`${name} built on its own has the eager workspace's rows, and builds no other table`, () => {
      const db = sampleDatabase({ now });
      const t = db.table(name)!;
      assert.equal(t.rowCount, eager.database.table(name)!.rowCount);
      assert.deepEqual(columnValues(t), columnValues(eager.database.table(name)!));
      assert.deepEqual(
        names.filter((n) => db.isBuilt(n)),
        [name],
      );
      assert.equal(db.table(name), t, 'built once');
    });
  }

  test('building the tables in reverse order gives the same rows, also with another seed and scale', () => {
    const options = { now, seed: 7, scale: 2 };
    const reference = generateSampleWorkspace(options);
    const db = sampleDatabase(options);
    for (const name of [...names].reverse()) {
      assert.deepEqual(columnValues(db.table(name)!), columnValues(reference.database.table(name)!), name);
    }
    assert.equal(db.table('VMConnection')!.rowCount, reference.database.table('VMConnection')!.rowCount);
    assert.notEqual(reference.database.table('VMConnection')!.rowCount, eager.database.table('VMConnection')!.rowCount);
  });

  test('the engine builds only the tables a query reads', () => {
    const db = sampleDatabase({ now });
    const ticks = ticksFromMs(now.getTime());
    assert.deepEqual(executeQuery('print x = 1 + 1', db, { now: ticks }).tables[0]!.table.rows(), [[2]]);
    assert.deepEqual(
      names.filter((n) => db.isBuilt(n)),
      [],
    );
    const count = (d: Database) =>
      executeQuery('VMComputer | join kind=inner (VMProcess | distinct Computer) on Computer | count', d, {
        now: ticks,
      }).tables[0]!.table.rows();
    assert.deepEqual(count(db), count(eager.database));
    assert.deepEqual(names.filter((n) => db.isBuilt(n)).sort(), ['VMComputer', 'VMProcess']);
  });
});

describe('Database.lazy', () => {
  const schema = {
    name: 'Events',
    group: 'Test',
    description: 'events',
    columns: [{ name: 'n', type: 'long' as const, description: '' }],
  };

  test('builds a table once, on first use, and knows a non-catalogue table by the schema it is given', () => {
    let builds = 0;
    const db = Database.lazy([
      {
        name: 'Events',
        schema,
        build: () => (builds++, Table.fromRows([{ name: 'n', type: 'long' }], [[1], [2]], 'Events')),
      },
    ]);
    assert.deepEqual(db.schemas, [schema]);
    assert.equal(builds, 0);
    assert.equal(db.table('Events')!.rowCount, 2);
    assert.equal(db.table('Events')!.rowCount, 2);
    assert.equal(builds, 1);
    assert.equal(db.table('Other'), undefined);
  });

  test('refuses a non-catalogue table without a schema, and a build that breaks its schema', () => {
    assert.throws(
      () => Database.lazy([{ name: 'Events', build: () => Table.fromRows([], [], 'Events') }]),
      /Events is not in the catalogue/,
    );
    const db = Database.lazy([
      { name: 'Events', schema, build: () => Table.fromRows([{ name: 'n', type: 'string' }], [], 'Events') },
    ]);
    assert.throws(
      () => db.table('Events'),
      /Table Events was built as Events \(n:string\), not as its schema says \(n:long\)/,
    );
  });
});
