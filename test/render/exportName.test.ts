import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportFileName, sourceTable } from '../../src/render/exportName';

describe('the name an export proposes', () => {
  test('the document and the table the query starts from', () => {
    assert.equal(
      exportFileName('traffic.kql', 'PrimaryResult', 'VMConnection\n| take 10', 'csv'),
      'traffic-VMConnection.csv',
    );
    assert.equal(
      exportFileName('a.kql', 'PrimaryResult', '// ports\nlet x = 1;\nVMBoundPort | where Port == x', 'json'),
      'a-VMBoundPort.json',
    );
  });

  test('a table the result names wins; a query from no table gives "results"', () => {
    assert.equal(exportFileName('a.kql', 'Destinations', 'VMConnection | fork (take 1)', 'csv'), 'a-Destinations.csv');
    assert.equal(exportFileName('a.kql', 'PrimaryResult', 'range i from 1 to 3 step 1', 'csv'), 'a-results.csv');
    assert.equal(exportFileName('a.kql', 'PrimaryResult', 'print 1', 'png'), 'a-results.png');
    assert.equal(exportFileName('Untitled-1', 'Table_0', undefined, 'csv'), 'Untitled-1-results.csv');
  });

  test('unicode stays; characters no file name may hold do not', () => {
    assert.equal(exportFileName('Веркehr ✓.kql', 'a/b:c', undefined, 'csv'), 'Веркehr ✓-a_b_c.csv');
  });

  test('sourceTable reads the last statement and skips operators that make rows', () => {
    assert.equal(sourceTable('declare query_parameters(p:string);\nHeartbeat'), 'Heartbeat');
    assert.equal(sourceTable('datatable(a:long)[1]'), undefined);
    assert.equal(sourceTable('let t = VMConnection;'), undefined);
  });
});
