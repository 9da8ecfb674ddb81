import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from 'vega-lite';
import { runLocalQuery } from '../../src/backends/local/runQuery';
import { generateSampleWorkspace } from '../../src/data/sample';
import { chartPlan } from '../../src/render/chartSpec';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';

const NOW = new Date('2026-11-23T12:00:00Z');
const ws = generateSampleWorkspace({ now: NOW });
const charted = SAMPLE_QUERIES.filter((q) => /\|\s*render\s+\w+/.test(sampleQueryText(q)));

describe('seed queries with render draw charts of the sample workspace', () => {
  test('there are seed queries that render', () => {
    assert.ok(charted.filter((q) => /render timechart/.test(sampleQueryText(q))).length >= 5);
  });

  for (const q of charted) {
    test(`${q.id} draws its ${/render\s+(\w+)/.exec(sampleQueryText(q))![1]}`, () => {
      const result = runLocalQuery(ws.database, sampleQueryText(q), {
        nowMs: NOW.getTime(),
        timeRange: { duration: 'P7D' },
      });
      assert.ok(result.render, 'the engine reports the render operator');
      const table = result.tables[0]!;
      const plan = chartPlan(table, result.render, 20_000);
      assert.equal(plan.kind, 'chart', plan.kind === 'none' ? plan.reason : plan.kind);
      if (plan.kind !== 'chart') {
        return;
      }
      assert.equal(plan.visualization, result.render.visualization);
      const points = (plan.spec.data as { values: Array<{ y: number | null }> }).values;
      assert.ok(points.length > 0, 'has points');
      assert.ok(
        points.some((p) => typeof p.y === 'number' && p.y > 0),
        'has non-zero values',
      );
      compile(plan.spec as never);
      const x = (plan.spec.encoding as Record<string, { type: string }> | undefined)?.x;
      if (plan.visualization === 'timechart' && table.columns.some((c) => c.type === 'datetime')) {
        assert.equal(x?.type, 'temporal');
      }
    });
  }
});
