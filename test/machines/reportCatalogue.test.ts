import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/kql';
import { sampleQueryText } from '../../src/schema/sampleQueries';
import { builtInReports } from '../../src/ui/machines/reportCatalogue';

test('the six workbooks (and the security part) are reports of valid workbook queries, each with a chart', () => {
  const reports = builtInReports();
  assert.deepEqual(reports.map((r) => r.title), [
    'Connections overview', 'Failed connections', 'TCP traffic', 'Traffic comparison', 'Active ports', 'Open ports', 'Security and audit',
  ]);
  for (const r of reports) {
    for (const q of r.queries) {
      assert.equal(q.source, 'workbook');
      const text = sampleQueryText(q);
      assert.match(text, /\| render \w+/, q.id);
      assert.deepEqual(analyze(text).diagnostics.filter((d) => d.severity === 'error'), [], q.id);
    }
  }
  assert.deepEqual(reports[0]!.queries.map((q) => q.id), ['wb-connections-overview', 'wb-connections-top-remotes']);
});
