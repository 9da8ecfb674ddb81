/**
 * The time axis as Vega draws it (headless, in Node) in a zone half an hour off UTC: tick labels are
 * 24-hour UTC times at round UTC times, dates at day boundaries, seconds only on short spans; and a line
 * chart's legend keeps line symbols when a layer of lone points is added.
 */
// Before Vega reads any date: Kolkata is UTC+05:30, so a time scale's ticks land on the half hour.
process.env.TZ = 'Asia/Kolkata';

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { chartPlan, type VegaLiteSpec } from '../../src/render/chartSpec';
import type { ResultTable, WireValue } from '../../src/results/queryResult';

const START = Date.UTC(2026, 10, 23, 0, 0, 0);

function timeTable(points: number, stepMs: number, value: (i: number) => number | null = (i) => i): ResultTable {
  const rows: WireValue[][] = [];
  for (let i = 0; i < points; i++) {
    rows.push([new Date(START + i * stepMs).toISOString(), 'acme-web01', value(i)]);
  }
  return {
    name: 'PrimaryResult',
    columns: [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
      { name: 'Ports', type: 'long' },
    ],
    rows,
  };
}

function specOf(table: ResultTable, visualization = 'timechart'): VegaLiteSpec {
  const plan = chartPlan(table, { visualization }, 10_000);
  assert.equal(plan.kind, 'chart');
  return (plan as { spec: VegaLiteSpec }).spec;
}

/** The x axis labels Vega draws for the spec at 900×300. */
async function xLabels(spec: VegaLiteSpec): Promise<string[]> {
  const sized = 'facet' in spec ? spec : { ...spec, width: 900, height: 300, autosize: undefined };
  const view = new View(parse(compile(sized as never).spec), { renderer: 'none' });
  await view.runAsync();
  const labels: string[] = [];
  const walk = (node: { role?: string; items?: unknown[]; text?: unknown; orient?: string }, inX: boolean): void => {
    const x = inX || (node.role === 'axis' && (node.items?.[0] as { orient?: string })?.orient === 'bottom');
    if (x && node.role === 'axis-label') {
      for (const item of (node.items ?? []) as { text: string; opacity?: number }[]) {
        if (item.opacity !== 0) labels.push(item.text);
      }
    }
    for (const child of node.items ?? []) walk(child as never, x);
  };
  walk((view.scenegraph() as unknown as { root: never }).root, false);
  view.finalize();
  return labels;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('time axis labels in a non-UTC zone', () => {
  test('the zone is not UTC (else these tests prove nothing)', () => {
    assert.equal(new Date(START).getTimezoneOffset(), -330);
  });

  test('6 hours: 24-hour UTC times on the hour, no AM/PM, not shifted', async () => {
    const labels = await xLabels(specOf(timeTable(37, 10 * 60_000)));
    assert.ok(labels.length >= 4, labels.join(', '));
    assert.equal(labels[0], 'Nov 23', `midnight UTC is labelled with its date: ${labels.join(', ')}`);
    for (const l of labels.slice(1)) assert.match(l, /^(0[0-6]):(00|30)$/, labels.join(', '));
    assert.ok(labels.includes('06:00'), labels.join(', '));
  });

  test('an afternoon span reads 13:00…, not 01:00 or 06:30', async () => {
    const table = timeTable(7, HOUR);
    const late = {
      ...table,
      rows: table.rows.map((r) => [new Date(Date.parse(String(r[0])) + 13 * HOUR).toISOString(), r[1]!, r[2]!]),
    };
    const labels = await xLabels(specOf(late));
    assert.equal(labels[0], '13:00', labels.join(', '));
    assert.ok(labels.includes('19:00'), labels.join(', '));
    for (const l of labels) assert.match(l, /^1[3-9]:(00|30)$/, labels.join(', '));
  });

  test('3 days: the date at each midnight, HH:mm between', async () => {
    const labels = await xLabels(specOf(timeTable(73, HOUR)));
    for (const d of ['Nov 23', 'Nov 24', 'Nov 25', 'Nov 26']) assert.ok(labels.includes(d), labels.join(', '));
    assert.ok(labels.includes('12:00'), labels.join(', '));
    assert.ok(
      labels.every((l) => /^(Nov \d\d|\d\d:\d\d)$/.test(l)),
      labels.join(', '),
    );
  });

  test('90 seconds: seconds appear; 2 seconds: milliseconds appear', async () => {
    const secs = await xLabels(specOf(timeTable(10, 10_000)));
    assert.ok(
      secs.some((l) => /^00:00:\d\d$/.test(l)),
      secs.join(', '),
    );
    const ms = await xLabels(specOf(timeTable(20, 100)));
    assert.ok(
      ms.some((l) => /^00:00:0\d\.\d00$/.test(l)),
      ms.join(', '),
    );
  });

  test('two years: month names and the year at January', async () => {
    const labels = await xLabels(specOf(timeTable(25, 30 * DAY)));
    assert.ok(labels.includes('2027'), labels.join(', '));
    assert.ok(
      labels.some((l) => /^[A-Z][a-z]{2}$/.test(l)),
      labels.join(', '),
    );
    assert.ok(!labels.some((l) => /AM|PM/.test(l)), labels.join(', '));
  });

  test('ysplit=panels and axes label their time axis too (a pane has no width signal)', async () => {
    const two = timeTable(7, HOUR);
    const table = { ...two, rows: [...two.rows, ...two.rows.map((r) => [r[0]!, 'acme-sql01', r[2]!])] };
    for (const ysplit of ['panels', 'axes']) {
      const plan = chartPlan(table, { visualization: 'timechart', ysplit }, 1000) as { spec: VegaLiteSpec };
      const { width: _w, height: _h, autosize: _a, ...spec } = plan.spec;
      const labels = await xLabels(spec);
      assert.ok(labels.includes('Nov 23') && labels.includes('06:00'), `${ysplit}: ${labels.join(', ')}`);
    }
  });

  test('a columnchart over time gets the same UTC axis', async () => {
    const labels = await xLabels(specOf(timeTable(7, HOUR), 'columnchart'));
    assert.ok(labels.includes('03:00'), labels.join(', '));
  });
});

describe('time axis spec', () => {
  test('the x scale is UTC and the tooltip shows the datetime as the grid does', () => {
    const spec = specOf(timeTable(3, HOUR));
    const enc = spec.encoding as Record<string, VegaLiteSpec>;
    assert.equal((enc.x!.scale as VegaLiteSpec).type, 'utc');
    assert.match(String((enc.x!.axis as VegaLiteSpec).labelExpr), /utcFormat/);
    const x = (enc.tooltip as unknown as VegaLiteSpec[]).find((t) => t.field === 'x')!;
    // The raw text (as the grid): no local-zone re-format that shifts or cuts it.
    assert.equal(x.type, 'nominal');
    assert.equal(x.format, undefined);
  });

  test('hostile x values (not a date, empty, far future) and a single time still draw', async () => {
    const base = timeTable(4, HOUR);
    const odd = ['not a date', '', '9999-12-31T23:59:59.9999999Z'];
    const table = { ...base, rows: base.rows.map((r, i) => (i === 0 ? r : [odd[i - 1]!, r[1]!, r[2]!])) };
    const labels = await xLabels(specOf(table));
    assert.ok(labels.length > 0);
    const one = await xLabels(specOf(timeTable(1, HOUR)));
    assert.ok(one.length > 0);
  });
});

describe('legend of a line with lone points', () => {
  const gappy = timeTable(7, HOUR, (i) => (i === 2 || i === 4 ? null : i));
  const twoSeries: ResultTable = {
    ...gappy,
    rows: [...gappy.rows, ...timeTable(7, HOUR).rows.map((r) => [r[0]!, 'acme-sql01', r[2]!])],
  };

  async function legendSymbols(spec: VegaLiteSpec): Promise<string[]> {
    const view = new View(parse(compile({ ...spec, width: 600, height: 300, autosize: undefined } as never).spec), {
      renderer: 'none',
    });
    await view.runAsync();
    const shapes: string[] = [];
    const walk = (node: { role?: string; items?: unknown[]; shape?: string }): void => {
      if (node.role === 'legend-symbol') {
        for (const item of (node.items ?? []) as { shape: string }[]) shapes.push(item.shape);
      }
      for (const child of node.items ?? []) walk(child as never);
    };
    walk((view.scenegraph() as unknown as { root: never }).root);
    view.finalize();
    return shapes;
  }

  test('the legend shows lines, with the point layer there', async () => {
    const spec = specOf(twoSeries);
    assert.equal((spec.layer as unknown[] | undefined)?.length, 2, 'the lone point layer is there');
    assert.deepEqual(await legendSymbols(spec), ['stroke', 'stroke']);
  });

  test('a hidden legend stays hidden', async () => {
    const plan = chartPlan(twoSeries, { visualization: 'timechart', legend: 'hidden' }, 1000);
    assert.deepEqual(await legendSymbols((plan as { spec: VegaLiteSpec }).spec), []);
  });
});
