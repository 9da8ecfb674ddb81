/**
 * Snapshots of `explain`: the plan as lowered and after each rule, for queries that exercise every
 * rule. A changed rewrite shows up as a diff here. After checking that a change is right, refresh
 * the files with UPDATE_SNAPSHOTS=1 npm test -- test/engine/optimize/explain.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainQuery } from '../../../src/engine';
import { smallDatabase } from '../helpers';

const QUERIES: Record<string, string> = {
  'filters-and-extends': `T
    | extend h = hourofday(TimeGenerated), unused = strcat("a", "b")
    | where Computer in ("web01", "db01")
    | where BytesSent > 10 * 5
    | project Computer, h, BytesSent`,
  'summarize-over-join': `T
    | join kind=leftouter (Machines) on Computer
    | summarize total = sum(BytesSent), n = count() by Computer, OS`,
  'let-and-toscalar': `let big = toscalar(T | summarize max(BytesSent));
    let recent = T | where TimeGenerated > ago(1h) | extend x = 1;
    recent | where BytesSent == big | project Computer`,
  'subquery-in-filter': `T
    | where Computer in ((T
      | extend unused = strcat("a", "b")
      | where "*" in (dynamic(["*"])) or Direction in (dynamic(["*"]))
      | where BytesSent > 10 * 5
      | project Computer, unused))`,
  'subquery-in-make-series': `T
    | make-series n = count() default=0 on TimeGenerated
      from toscalar(T | where 1 == 1 or Computer == "web01" | summarize min(TimeGenerated)) to now() step 1h
      by Computer
    | mv-expand n to typeof(long)`,
  'row-numbers-stay': `T
    | serialize
    | extend n = row_number()
    | where Direction == "outbound"
    | where n > 1`,
};

const dir = path.join(__dirname, 'snapshots');

for (const [name, query] of Object.entries(QUERIES)) {
  test(`explain: ${name}`, () => {
    const text = `${explainQuery(query, smallDatabase())}\n`;
    const file = path.join(dir, `${name}.txt`);
    if (process.env.UPDATE_SNAPSHOTS === '1') {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, text);
    }
    assert.equal(text, fs.readFileSync(file, 'utf8'));
  });
}
