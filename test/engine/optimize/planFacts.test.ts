/**
 * The driver skips a rule whose `mayApply` says the plan has nothing for it: that must never skip a
 * rewrite. Over every seed query and the optimizer tests' own shapes, a rule whose `mayApply` is false
 * returns each output plan as the very same object.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSampleWorkspace } from '../../../src/data/sample';
import type { Database } from '../../../src/engine';
import { RULES, traceOptimization } from '../../../src/engine/optimize';
import { planFacts } from '../../../src/engine/optimize/planFacts';
import { lowerText } from '../../../src/engine/prepare';
import { SAMPLE_QUERIES, sampleQueryText } from '../../../src/schema/sampleQueries';
import { smallDatabase } from '../helpers';

const SHAPES = [
  'T | extend h = hourofday(TimeGenerated) | where Computer == "web01"',
  'T | project Computer, BytesSent | where BytesSent > 10',
  'T | where BytesSent > 60 | where Computer == "db01"',
  'T | join kind=inner (Machines) on Computer | summarize sum(BytesSent) by OS',
  'T | extend unused = 1 | summarize count() by Computer',
  'T | where Computer == "x" | extend y = 1 | where y == 1 | where BytesSent > 0',
  'let s = T | where BytesSent > 1; s | join (s | where Computer == "db01") on Computer',
  'print x = strcat("a", "b")',
  'range i from 1 to 3 step 1 | where i > 1',
];

/** Each rule, on the plan each earlier rule left (as the driver runs them), either may apply or changes nothing. */
function checkSkipsAreSound(query: string, db: Database): number {
  const steps = traceOptimization(lowerText(query, db).plan);
  let skippable = 0;
  RULES.forEach((rule, i) => {
    const before = steps[i]!.plan;
    if (rule.mayApply && !rule.mayApply(planFacts(before.outputs))) {
      skippable++;
      for (const p of before.outputs) {
        assert.equal(rule.rewrite(p), p, `${rule.name} was skipped but rewrites: ${query}`);
      }
    }
  });
  return skippable;
}

test('a rule is skipped only where it would change nothing: the seed queries', () => {
  const db = generateSampleWorkspace({ now: new Date('2026-11-23T12:00:00Z'), scale: 1 }).database;
  let skipped = 0;
  for (const q of SAMPLE_QUERIES) {
    skipped += checkSkipsAreSound(sampleQueryText(q), db);
  }
  // The check means something only if the seeds do skip rules (most have no join, no stacked wheres).
  assert.ok(skipped > SAMPLE_QUERIES.length, `only ${skipped} skips over ${SAMPLE_QUERIES.length} seeds`);
});

test('a rule is skipped only where it would change nothing: shapes each rule rewrites', () => {
  for (const query of SHAPES) {
    checkSkipsAreSound(query, smallDatabase());
  }
});

test('facts name the kinds and the input edges, a shared plan walked once', () => {
  const db = smallDatabase();
  const plan = lowerText('let s = T | where BytesSent > 1; s | join (s) on Computer | take 3', db).plan;
  const facts = planFacts(plan.outputs);
  assert.ok(facts.kinds.has('join') && facts.kinds.has('table') && facts.kinds.has('take'));
  assert.ok(facts.edges.has('take>join') && facts.edges.has('filter>table'));
  assert.ok(!facts.edges.has('filter>filter'));
});
