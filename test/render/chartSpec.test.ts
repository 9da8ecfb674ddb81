import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from 'vega-lite';
import type { RenderInfo, ResultTable } from '../../src/results/queryResult';
import { chartPlan, defaultVisualization, type ChartPlan, type VegaLiteSpec } from '../../src/render/chartSpec';

const hours = ['2024-05-01T00:00:00Z', '2024-05-01T01:00:00Z', '2024-05-01T02:00:00Z'];
/** The shape of the seed query "sum(BytesSent), sum(BytesReceived) by bin(TimeGenerated,1hr), Computer". */
const traffic: ResultTable = {
  name: 'PrimaryResult',
  columns: [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'Computer', type: 'string' },
    { name: 'sum_BytesSent', type: 'long' },
    { name: 'sum_BytesReceived', type: 'long' },
  ],
  rows: hours.flatMap((h, i) => [
    [h, 'web-01', 100 * (i + 1), 10 * (i + 1)],
    [h, 'db-01', 200 * (i + 1), 20 * (i + 1)],
  ]),
};
const byComputer: ResultTable = {
  name: 'PrimaryResult',
  columns: [
    { name: 'Computer', type: 'string' },
    { name: 'Failed', type: 'long' },
    { name: 'Established', type: 'long' },
  ],
  rows: [
    ['web-01', 3, 30],
    ['db-01', 1, 50],
    [null, 0, 5],
  ],
};

function chart(p: ChartPlan): Extract<ChartPlan, { kind: 'chart' }> {
  assert.equal(p.kind, 'chart', p.kind === 'none' ? p.reason : p.kind);
  return p as Extract<ChartPlan, { kind: 'chart' }>;
}
function values(spec: VegaLiteSpec): Array<{ x: unknown; series: string; y: number | null }> {
  return (spec.data as { values: Array<{ x: unknown; series: string; y: number | null }> }).values;
}
/** Vega-Lite must accept the spec: compiling it throws on invalid specs. */
function compiles(spec: VegaLiteSpec): void {
  const out = compile(spec as never);
  assert.ok(out.spec.marks || out.spec.data, 'compiled to a Vega spec');
}
function render(visualization: string, props: Partial<RenderInfo> = {}): RenderInfo {
  return { visualization, ...props };
}

describe('chartPlan: timechart', () => {
  test('puts the first datetime column on x, numerics on y, strings as series, folded into long form', () => {
    const p = chart(chartPlan(traffic, render('timechart'), 1000));
    compiles(p.spec);
    const enc = p.spec.encoding as Record<string, Record<string, unknown>>;
    assert.equal((p.spec.mark as { type: string }).type, 'line');
    assert.deepEqual([enc.x!.field, enc.x!.type, enc.x!.title], ['x', 'temporal', 'TimeGenerated']);
    assert.equal(enc.y!.type, 'quantitative');
    assert.equal(enc.color!.field, 'series');
    const v = values(p.spec);
    assert.equal(v.length, 12);
    assert.deepEqual(v[0], { x: '2024-05-01T00:00:00Z', series: 'web-01:sum_BytesSent', y: 100 });
    assert.deepEqual(v[1], { x: '2024-05-01T00:00:00Z', series: 'web-01:sum_BytesReceived', y: 10 });
    assert.equal(new Set(v.map((r) => r.series)).size, 4);
  });

  test('finds the datetime column even when it is not first, and names a lone y column as the series', () => {
    const t: ResultTable = {
      name: 't',
      columns: [
        { name: 'Connections', type: 'long' },
        { name: 'TimeGenerated', type: 'datetime' },
      ],
      rows: [
        [5, hours[0]!],
        [7, hours[1]!],
      ],
    };
    const p = chart(chartPlan(t, render('timechart'), 1000));
    assert.deepEqual(values(p.spec), [
      { x: hours[0], series: 'Connections', y: 5 },
      { x: hours[1], series: 'Connections', y: 7 },
    ]);
  });

  test('honours xcolumn, ycolumns, series, titles, legend, ymin and ymax', () => {
    const p = chart(
      chartPlan(
        traffic,
        render('timechart', {
          xcolumn: 'TimeGenerated',
          ycolumns: ['sum_BytesReceived'],
          series: ['Computer'],
          title: 'Traffic',
          xtitle: 'Hour',
          ytitle: 'Bytes',
          legend: 'hidden',
          ymin: 5,
          ymax: 90,
        }),
        1000,
      ),
    );
    compiles(p.spec);
    const enc = p.spec.encoding as Record<string, Record<string, unknown>>;
    assert.equal(p.spec.title, 'Traffic');
    assert.equal(enc.x!.title, 'Hour');
    assert.equal(enc.y!.title, 'Bytes');
    assert.deepEqual(enc.y!.scale, { domainMin: 5, zero: false, domainMax: 90 });
    assert.equal(enc.color!.legend, null);
    assert.deepEqual(values(p.spec).slice(0, 2), [
      { x: hours[0], series: 'web-01', y: 10 },
      { x: hours[0], series: 'db-01', y: 20 },
    ]);
  });

  test('reports a named column that does not exist instead of drawing', () => {
    const p = chartPlan(traffic, render('timechart', { ycolumns: ['Nope'] }), 1000);
    assert.deepEqual(p, { kind: 'none', reason: 'The y column "Nope" is not in the result.' });
    const q = chartPlan(traffic, render('timechart', { xcolumn: 'Missing' }), 1000);
    assert.equal(q.kind, 'none');
  });

  test('caps points at maxChartPoints, dropping whole records', () => {
    const p = chart(chartPlan(traffic, render('timechart'), 5));
    assert.equal(values(p.spec).length, 4);
    assert.equal(p.recordsDrawn, 2);
    assert.equal(p.recordsTotal, 6);
  });

  test('ysplit=panels draws one pane per series with independent y scales', () => {
    const p = chart(
      chartPlan(
        traffic,
        render('timechart', { ysplit: 'panels', series: ['Computer'], ycolumns: ['sum_BytesSent'] }),
        1000,
      ),
    );
    compiles(p.spec);
    assert.deepEqual((p.spec.facet as { row: { field: string } }).row.field, 'series');
    assert.deepEqual(p.spec.resolve, { scale: { y: 'independent' } });
  });

  test('ysplit=axes gives two series their own y axes', () => {
    const t: ResultTable = { ...traffic, rows: traffic.rows.filter((r) => r[1] === 'web-01') };
    const p = chart(chartPlan(t, render('timechart', { ysplit: 'axes' }), 1000));
    compiles(p.spec);
    assert.equal((p.spec.layer as unknown[]).length, 2);
    assert.deepEqual(p.spec.resolve, { scale: { y: 'independent' } });
  });

  test('accumulate adds each value to its predecessors per series', () => {
    const p = chart(chartPlan(traffic, render('timechart', { accumulate: true, ycolumns: ['sum_BytesSent'] }), 1000));
    const web = values(p.spec)
      .filter((r) => r.series === 'web-01')
      .map((r) => r.y);
    assert.deepEqual(web, [100, 300, 600]);
  });
});

describe('chartPlan: other kinds', () => {
  test('linechart uses the first column as x even when it is numeric', () => {
    const t: ResultTable = {
      name: 't',
      columns: [
        { name: 'bythehour', type: 'long' },
        { name: 'failCount', type: 'long' },
      ],
      rows: [
        [0, 4],
        [1, 6],
      ],
    };
    const p = chart(chartPlan(t, render('linechart'), 1000));
    compiles(p.spec);
    const enc = p.spec.encoding as Record<string, Record<string, unknown>>;
    assert.equal(enc.x!.type, 'quantitative');
    assert.deepEqual(values(p.spec), [
      { x: 0, series: 'failCount', y: 4 },
      { x: 1, series: 'failCount', y: 6 },
    ]);
  });

  test('timechart over a numeric first column (no datetime) still draws, against that column', () => {
    const t: ResultTable = {
      name: 't',
      columns: [
        { name: 'bythehour', type: 'long' },
        { name: 'failCount', type: 'long' },
      ],
      rows: [
        [0, 4],
        [1, 6],
      ],
    };
    const p = chart(chartPlan(t, render('timechart'), 1000));
    assert.equal((p.spec.encoding as Record<string, Record<string, unknown>>).x!.title, 'bythehour');
  });

  test('areachart layers areas by default; stackedareachart and kind=stacked stack; stacked100 normalizes', () => {
    const enc = (p: ChartPlan) => (chart(p).spec.encoding as Record<string, Record<string, unknown>>).y!;
    const area = chart(chartPlan(traffic, render('areachart'), 1000));
    compiles(area.spec);
    assert.equal((area.spec.mark as { type: string }).type, 'area');
    assert.equal((area.spec.mark as { opacity?: number }).opacity, 0.5);
    assert.equal(enc(area).stack, null);
    assert.equal(enc(chartPlan(traffic, render('stackedareachart'), 1000)).stack, 'zero');
    assert.equal(enc(chartPlan(traffic, render('areachart', { kind: 'stacked' }), 1000)).stack, 'zero');
    assert.equal(enc(chartPlan(traffic, render('stackedareachart', { kind: 'unstacked' }), 1000)).stack, null);
    const s100 = chartPlan(traffic, render('areachart', { kind: 'stacked100' }), 1000);
    compiles(chart(s100).spec);
    assert.equal(enc(s100).stack, 'normalize');
  });

  test('barchart is horizontal: the first column is the category on y, values on x, grouped by default', () => {
    const p = chart(chartPlan(byComputer, render('barchart'), 1000));
    compiles(p.spec);
    const enc = p.spec.encoding as Record<string, Record<string, unknown>>;
    assert.equal((p.spec.mark as { type: string }).type, 'bar');
    assert.deepEqual([enc.y!.field, enc.y!.type, enc.y!.sort], ['x', 'ordinal', null]);
    assert.deepEqual([enc.x!.field, enc.x!.type, enc.x!.stack], ['y', 'quantitative', null]);
    assert.equal(enc.yOffset!.field, 'series');
    assert.deepEqual(values(p.spec)[4], { x: null, series: 'Failed', y: 0 });
  });

  test('columnchart is vertical; kind=stacked stacks and drops the offset', () => {
    const p = chart(chartPlan(byComputer, render('columnchart', { kind: 'stacked' }), 1000));
    compiles(p.spec);
    const enc = p.spec.encoding as Record<string, Record<string, unknown>>;
    assert.deepEqual([enc.x!.field, enc.x!.type], ['x', 'ordinal']);
    assert.equal(enc.y!.stack, 'zero');
    assert.equal(enc.xOffset, undefined);
    const grouped = chart(chartPlan(byComputer, render('columnchart'), 1000));
    compiles(grouped.spec);
    assert.equal((grouped.spec.encoding as Record<string, Record<string, unknown>>).xOffset!.field, 'series');
  });

  test('piechart takes the first string column as category and the first numeric as value', () => {
    const p = chart(chartPlan(byComputer, render('piechart', { legend: 'hidden' }), 1000));
    compiles(p.spec);
    const enc = p.spec.encoding as Record<string, Record<string, unknown>>;
    assert.equal((p.spec.mark as { type: string }).type, 'arc');
    assert.equal(enc.theta!.title, 'Failed');
    assert.equal(enc.color!.title, 'Computer');
    assert.equal(enc.color!.legend, null);
    assert.deepEqual(
      values(p.spec).map((r) => [r.x, r.y]),
      [
        ['web-01', 3],
        ['db-01', 1],
        ['(null)', 0],
      ],
    );
  });

  test('scatterchart draws points', () => {
    const t: ResultTable = {
      name: 't',
      columns: [
        { name: 'BytesSent', type: 'long' },
        { name: 'BytesReceived', type: 'real' },
      ],
      rows: [
        [1, 2.5],
        [3, 4.5],
      ],
    };
    const p = chart(chartPlan(t, render('scatterchart'), 1000));
    compiles(p.spec);
    assert.equal((p.spec.mark as { type: string }).type, 'point');
    assert.deepEqual(values(p.spec)[1], { x: 3, series: 'BytesReceived', y: 4.5 });
  });

  test("card shows the first row's numeric value", () => {
    const t: ResultTable = {
      name: 't',
      columns: [
        { name: 'Label', type: 'string' },
        { name: 'Total', type: 'long' },
      ],
      rows: [['all', 1234567]],
    };
    const p = chart(chartPlan(t, render('card', { title: 'Total links' }), 1000));
    compiles(p.spec);
    assert.deepEqual(p.spec.data, { values: [{ value: '1,234,567', label: 'Total' }] });
    assert.equal(p.spec.title, 'Total links');
  });

  test('table draws no chart; unsupported kinds say why', () => {
    assert.deepEqual(chartPlan(traffic, render('table'), 1000), { kind: 'table' });
    const p = chartPlan(traffic, render('treemap'), 1000);
    assert.equal(p.kind, 'none');
    assert.match(p.kind === 'none' ? p.reason : '', /treemap/);
  });

  test('decimals sent as strings and nulls become numbers and gaps', () => {
    const t: ResultTable = {
      name: 't',
      columns: [
        { name: 'c', type: 'string' },
        { name: 'd', type: 'decimal' },
      ],
      rows: [
        ['a', '1.5'],
        ['b', null],
        ['c', 'NaN'],
      ],
    };
    const p = chart(chartPlan(t, render('columnchart'), 1000));
    assert.deepEqual(
      values(p.spec).map((r) => r.y),
      [1.5, null, null],
    );
  });
});

describe('chartPlan: without render', () => {
  test('datetime and numeric columns default to a time chart', () => {
    const p = chart(chartPlan(traffic, undefined, 1000));
    assert.equal(p.visualization, 'timechart');
    assert.equal(p.isDefault, true);
  });

  test('string and numeric columns default to a column chart', () => {
    assert.equal(defaultVisualization(byComputer), 'columnchart');
    const p = chart(chartPlan(byComputer, undefined, 1000));
    assert.equal(p.visualization, 'columnchart');
  });

  test('no numeric column, or no rows, means no chart with a reason', () => {
    const strings: ResultTable = { name: 't', columns: [{ name: 'a', type: 'string' }], rows: [['x']] };
    const p = chartPlan(strings, undefined, 1000);
    assert.equal(p.kind, 'none');
    assert.match(p.kind === 'none' ? p.reason : '', /No chartable columns/);
    assert.deepEqual(chartPlan({ ...traffic, rows: [] }, undefined, 1000), {
      kind: 'none',
      reason: 'The query returned no rows to chart.',
    });
  });
});

describe('a line with nulls: a point between two gaps is drawn', () => {
  const h = (i: number) => `2024-05-01T${String(i).padStart(2, '0')}:00:00Z`;
  // vm1: a line 0-1, a null at 2, a lone value at 3, a null at 4, a line 5-6. vm2: no gaps.
  const gaps: ResultTable = {
    name: 'PrimaryResult',
    columns: [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
      { name: 'N', type: 'long' },
    ],
    rows: [0, 1, 2, 3, 4, 5, 6].flatMap((i) => [
      // Rows out of time order, as a query without `order by` gives them.
      [h(6 - i), 'vm1', 6 - i === 2 || 6 - i === 4 ? null : 6 - i],
      [h(i), 'vm2', 10 + i],
    ]),
  };

  test('the lone value is marked and a point layer draws the marked rows; the lines are as before', () => {
    const spec = chart(chartPlan(gaps, { visualization: 'timechart' }, 1000)).spec;
    const lone = (spec.data as { values: Array<{ x: string; series: string; lone?: boolean }> }).values.filter(
      (r) => r.lone,
    );
    assert.deepEqual(
      lone.map((r) => [r.series, r.x]),
      [['vm1', h(3)]],
    );
    const layers = spec.layer as VegaLiteSpec[];
    assert.equal(layers.length, 2);
    assert.equal((layers[0]!.mark as VegaLiteSpec).type, 'line');
    assert.equal((layers[1]!.mark as VegaLiteSpec).type, 'point');
    assert.deepEqual(layers[1]!.transform, [{ filter: 'datum.lone' }]);
    // It compiles, and the legend's pick still dims the points with their line.
    compile(spec as never);
    assert.deepEqual((layers[1]!.encoding as VegaLiteSpec).opacity, (layers[0]!.encoding as VegaLiteSpec).opacity);
  });

  test('a series without a lone value keeps the one line mark', () => {
    const full: ResultTable = { ...gaps, rows: gaps.rows.filter((r) => r[1] === 'vm2') };
    const spec = chart(chartPlan(full, { visualization: 'timechart' }, 1000)).spec;
    assert.equal(spec.layer, undefined);
    assert.equal((spec.mark as VegaLiteSpec).type, 'line');
  });

  test('panels and two axes draw the lone point too', () => {
    for (const ysplit of ['panels', 'axes']) {
      const spec = chart(chartPlan(gaps, { visualization: 'timechart', ysplit }, 1000)).spec;
      compile(spec as never);
      assert.match(JSON.stringify(spec), /"filter":"datum.lone"/, ysplit);
    }
  });
});

describe('a pie of many slices', () => {
  const slices = (n: number): ResultTable => ({
    name: 'PrimaryResult',
    columns: [
      { name: 'Process', type: 'string' },
      { name: 'Count', type: 'long' },
    ],
    rows: Array.from({ length: n }, (_, i) => [`process-${i}`, 1000 - i]),
  });

  test('past ten slices each slice drawn gets a colour of its own (past 20, the Other slice grey)', () => {
    // The theme's ten colours repeated: process-0 and process-10 were the same blue.
    for (const [n, drawn] of [
      [11, 11],
      [20, 20],
      [500, 20],
    ] as const) {
      const color = (chart(chartPlan(slices(n), { visualization: 'piechart' }, 20_000)).spec.encoding as VegaLiteSpec)
        .color as VegaLiteSpec;
      const { range, domain } = color.scale as { range: string[]; domain: string[] };
      assert.equal(new Set(range).size, drawn, `${n} slices`);
      assert.equal(domain.length, drawn, `${n} slices`);
    }
  });

  test('past 20 slices the smallest share an "Other" slice; every slice drawn has its legend entry (Vega cut at 29)', () => {
    for (const n of [30, 120, 500]) {
      const p = chart(chartPlan(slices(n), { visualization: 'piechart' }, 20_000));
      compiles(p.spec);
      const color = (p.spec.encoding as VegaLiteSpec).color as VegaLiteSpec;
      assert.deepEqual(color.legend, { symbolLimit: 0 }, 'no "…n entries" line');
      const rows = values(p.spec);
      assert.equal(rows.length, 20);
      assert.deepEqual(
        rows.slice(0, 19).map((r) => r.x),
        Array.from({ length: 19 }, (_, i) => `process-${i}`),
      );
      const other = rows.at(-1)! as { x: unknown; tip?: Record<string, string> };
      assert.equal(other.x, `Other (${n - 19} slices)`);
      // The pie's whole is kept: the Other slice is the sum of the slices it holds.
      const total = Array.from({ length: n }, (_, i) => 1000 - i).reduce((a, b) => a + b, 0);
      assert.equal(
        rows.reduce((sum, r) => sum + (r.y as number), 0),
        total,
      );
      const tip = other.tip!;
      assert.equal(tip.Process, other.x);
      assert.ok(tip.Slices!.startsWith('process-19, process-20, '), tip.Slices);
      if (n <= 139) {
        assert.ok(tip.Slices!.endsWith(`process-${n - 1}`), 'every slice it holds is named');
      } else {
        assert.match(tip.Slices!, / and 361 more \(the Results tab lists every row\)$/);
      }
    }
  });

  test('ten slices keep the theme colours', () => {
    const color = (chart(chartPlan(slices(10), { visualization: 'piechart' }, 20_000)).spec.encoding as VegaLiteSpec)
      .color as VegaLiteSpec;
    assert.equal(color.scale, undefined);
  });
});
