import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runLocalQuery } from '../../src/backends/local/runQuery';
import { analyze, firstError } from '../../src/kql';
import { readNotebook, REPORTS, reportFile, scopeCell } from '../../src/notebook';
import { NOW, ws } from '../seed-queries/workspace';

const root = path.resolve(__dirname, '../..');
const machineNames = (() => {
  const r = runLocalQuery(ws.database, 'union VMComputer, VMConnection, VMBoundPort | distinct Computer', {
    nowMs: NOW.getTime(),
  });
  return r.tables[0]!.rows.map((row) => String(row[0]));
})();

test('every report is a notebook file whose first code cell is its one parameter cell', () => {
  assert.equal(REPORTS.length, 7);
  assert.deepEqual(fs.readdirSync(path.join(root, 'reports')).sort(), REPORTS.map((r) => `${r.id}.kqlnb`).sort());
  for (const report of REPORTS) {
    const cells = readNotebook(fs.readFileSync(reportFile(root, report), 'utf8')).cells;
    const code = cells.filter((c) => c.kind === 'code');
    assert.match(code[0]!.source, /^let TimeRange = \S+;\nlet Computers = dynamic\(\["\*"\]\);/, report.id);
    assert.ok(code.length >= 4, `${report.id} has ${code.length - 1} parts`);
    // Each part has a markdown cell above it saying what it answers.
    cells.forEach((c, i) => {
      if (c.kind === 'code') {
        assert.equal(cells[i - 1]?.kind, 'markdown', `${report.id} cell ${i + 1}`);
      }
    });
    assert.ok(
      code.slice(1).some((c) => /\| render \w+/.test(c.source)),
      `${report.id} has a chart`,
    );
    assert.ok(
      code.slice(1).some((c) => !/\| render /.test(c.source)),
      `${report.id} has a grid`,
    );
  }
});

test('no shipped report names a machine of the sample workspace', () => {
  assert.ok(machineNames.length > 20);
  for (const report of REPORTS) {
    const text = fs.readFileSync(reportFile(root, report), 'utf8');
    for (const name of machineNames) {
      assert.ok(!text.includes(name), `${report.id} names ${name}`);
    }
  }
});

test('every report runs on the sample workspace with rows in every part', () => {
  for (const report of REPORTS) {
    const code = readNotebook(fs.readFileSync(reportFile(root, report), 'utf8'))
      .cells.filter((c) => c.kind === 'code')
      .map((c) => c.source);
    code.forEach((_, i) => {
      const scoped = scopeCell(code, i);
      if (scoped.definitionsOnly) {
        assert.equal(firstError(analyze(scoped.text)), undefined, `${report.id} parameters`);
        return;
      }
      const result = runLocalQuery(ws.database, scoped.text, { nowMs: NOW.getTime() });
      assert.ok(result.tables[0]!.rows.length > 0, `${report.id} part ${i} has no rows`);
    });
  }
});

test('a report narrowed to one machine by its parameter cell shows only that machine', () => {
  const code = readNotebook(fs.readFileSync(path.join(root, 'reports/tcp-traffic.kqlnb'), 'utf8'))
    .cells.filter((c) => c.kind === 'code')
    .map((c) => c.source);
  const one = machineNames.find((n) => n.includes('sql'))!;
  code[0] = code[0]!.replace('dynamic(["*"])', `dynamic(["${one}"])`);
  const result = runLocalQuery(ws.database, scopeCell(code, 1).text, { nowMs: NOW.getTime() });
  assert.deepEqual(
    result.tables[0]!.rows.map((r) => r[0]),
    [one],
  );
});
