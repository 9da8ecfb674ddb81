import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from './helpers';

// T (events: TimeGenerated, Computer, BytesSent, Direction, Tags) and Machines (Computer, OS, Cores).
describe('find', () => {
  test('project-smart: the source, the columns common to the tables, and the rest packed', () => {
    const r = run('find in (T, Machines) where Computer == "db01"');
    assert.deepEqual(r.columns, ['source_', 'Computer', 'pack_']);
    // A datetime packed into a bag has its seven fraction digits, as the reference's find examples print pack_.
    assert.deepEqual(r.rows, [
      [
        'T',
        'db01',
        { TimeGenerated: '2024-01-01T01:05:00.0000000Z', BytesSent: 300, Direction: 'outbound', Tags: null },
      ],
      [
        'T',
        'db01',
        { TimeGenerated: '2024-01-01T02:45:00.0000000Z', BytesSent: 200, Direction: 'inbound', Tags: { k: 1 } },
      ],
      ['Machines', 'db01', { OS: 'Windows', Cores: 8 }],
    ]);
  });

  test('project lists columns (null where a table lacks one, cast to a given type); pack(*) packs every column', () => {
    const r = run(
      'find withsource=Src in (T, Machines) where Computer == "web01" project Computer, Cores, BytesSent:string',
    );
    assert.deepEqual(r.columns, ['Src', 'Computer', 'Cores', 'BytesSent']);
    assert.deepEqual(r.rows, [
      ['T', 'web01', null, '100'],
      ['T', 'web01', null, '50'],
      ['Machines', 'web01', 2, ''],
    ]);
    const packed = run('find in (Machines) where Computer == "web01" project Computer, pack(*)');
    assert.deepEqual(packed.rows, [['Machines', 'web01', { Computer: 'web01', OS: 'Linux', Cores: 2 }]]);
  });

  test('a bare term searches every column of every table; a table pattern picks tables by name', () => {
    assert.deepEqual(
      run('find "Linux"').rows.map((row) => [row[0], row[1]]),
      [
        ['Machines', 'web01'],
        ['Machines', 'app01'],
      ],
    );
    const r = run('find in (M*) where Cores > 2');
    assert.deepEqual(r.columns, ['source_', 'Computer', 'OS', 'Cores']);
    assert.deepEqual(r.rows, [
      ['Machines', 'db01', 'Windows', 8],
      ['Machines', 'app01', 'Linux', 4],
    ]);
  });

  test("a table without the predicate's columns is left out rather than matched with nulls", () => {
    assert.deepEqual(run('find in (T, Machines) where isnull(Cores)').rows, []);
  });
});
