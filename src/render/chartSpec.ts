/**
 * The `render` operator → a Vega-Lite spec, following Kusto's visualization rules: timechart puts the
 * first datetime column on x; barchart is horizontal and columnchart vertical; piechart takes the first
 * string column as category and the first numeric as value; card shows one value; table draws nothing.
 * A result without `render` still gets a default chart when its columns allow one.
 */
import type { RenderInfo, ResultTable } from '../results/queryResult';
import { pieSlices } from './pieSlices';
import {
  chartRows,
  columnRoles,
  lonePoints as chartLonePoints,
  NUMERIC_TYPES,
  toNumber,
  type ChartData,
  type ColumnRoles,
} from './chartData';

/** A Vega-Lite spec as plain JSON; tests compile every one with vega-lite to prove it is valid. */
export type VegaLiteSpec = Record<string, unknown>;

export type ChartPlan =
  | {
      readonly kind: 'chart';
      readonly visualization: string;
      readonly spec: VegaLiteSpec;
      /** True when the query had no `render` and the chart is our guess. */
      readonly isDefault: boolean;
      readonly recordsDrawn: number;
      readonly recordsTotal: number;
    }
  | { readonly kind: 'table' }
  | { readonly kind: 'none'; readonly reason: string };

export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v5.json';

type Layout = 'line' | 'area' | 'bar' | 'column' | 'scatter';
const LAYOUTS: Record<string, { layout: Layout; datetimeX: boolean; defaultStack: Stack }> = {
  timechart: { layout: 'line', datetimeX: true, defaultStack: 'none' },
  // Kusto draws an anomaly chart as a time chart with the anomalies marked; the lines are what matter here.
  anomalychart: { layout: 'line', datetimeX: true, defaultStack: 'none' },
  linechart: { layout: 'line', datetimeX: false, defaultStack: 'none' },
  areachart: { layout: 'area', datetimeX: false, defaultStack: 'none' },
  stackedareachart: { layout: 'area', datetimeX: false, defaultStack: 'stacked' },
  barchart: { layout: 'bar', datetimeX: false, defaultStack: 'none' },
  columnchart: { layout: 'column', datetimeX: false, defaultStack: 'none' },
  scatterchart: { layout: 'scatter', datetimeX: false, defaultStack: 'none' },
};

type Stack = 'none' | 'stacked' | 'stacked100';

function stackOf(kind: string | undefined, fallback: Stack): Stack {
  switch ((kind ?? 'default').toLowerCase()) {
    case 'stacked':
      return 'stacked';
    case 'stacked100':
      return 'stacked100';
    case 'unstacked':
      return 'none';
    default:
      return fallback;
  }
}

/** Over this span a midnight tick on the 1st is labelled with its month (or year, on January 1st). */
const MONTH_LABELS_FROM = 60 * 86_400_000;

/**
 * Time axis labels as Kusto and the Azure portal write them: 24-hour and in UTC, each tick at the level
 * it falls on — `HH:mm` within a day, the date at midnight, seconds or milliseconds only on ticks between
 * whole minutes or seconds (spans that short), month and year names over spans of months. Vega's own
 * multi-format is 12-hour without AM/PM ("12:30, 01:30") and in the browser's zone. A Vega expression,
 * as Vega-Lite drops an object `format` (Vega's multi-format specifier) unless a custom format type is
 * set; `spanMs` is the span of the x values.
 */
export function utcTimeLabelExpr(spanMs: number): string {
  const v = 'datum.value';
  const midnight =
    spanMs >= MONTH_LABELS_FROM
      ? `utcdate(${v}) !== 1 ? utcFormat(${v}, '%b %d') : utcmonth(${v}) !== 0 ? utcFormat(${v}, '%b') : utcFormat(${v}, '%Y')`
      : `utcFormat(${v}, '%b %d')`;
  return (
    `utcmilliseconds(${v}) ? utcFormat(${v}, '%H:%M:%S.%L') : ` +
    `utcseconds(${v}) ? utcFormat(${v}, '%H:%M:%S') : ` +
    `utcminutes(${v}) || utchours(${v}) ? utcFormat(${v}, '%H:%M') : ${midnight}`
  );
}

/** The span in ms of the x values that parse as times (0 when fewer than two do). */
function timeSpan(xs: readonly unknown[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    const t = typeof x === 'string' ? Date.parse(x) : Number.NaN;
    if (Number.isFinite(t)) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
  }
  return hi > lo ? hi - lo : 0;
}

/**
 * A temporal axis in UTC: datetimes in Kusto are UTC, and a time scale would place ticks at round
 * times of the browser's zone (on the half hour in UTC+05:30) and shift every label by its offset.
 */
function utcTime(channel: VegaLiteSpec, spanMs: number): VegaLiteSpec {
  return {
    ...channel,
    scale: { ...(channel.scale as VegaLiteSpec | undefined), type: 'utc' },
    axis: {
      ...(channel.axis as VegaLiteSpec | undefined),
      labelExpr: utcTimeLabelExpr(spanMs),
      // A tick per 80 px, not Vega-Lite's 40: 6 hours got a tick (and label) every 15 minutes.
      tickCount: { expr: 'ceil(width / 80)' },
    },
  };
}

/** A facet's pane is `child_width` wide (there is no `width` signal in it): the time axis counts ticks by it. */
function paneEncoding(encoding: VegaLiteSpec): VegaLiteSpec {
  const x = encoding.x as VegaLiteSpec;
  const axis = x.axis as VegaLiteSpec | undefined;
  if (x.type !== 'temporal' || !axis?.tickCount) {
    return encoding;
  }
  return { ...encoding, x: { ...x, axis: { ...axis, tickCount: { expr: 'ceil(child_width / 80)' } } } };
}

function vlType(type: string): 'temporal' | 'quantitative' | 'nominal' {
  if (type === 'datetime') {
    return 'temporal';
  }
  return NUMERIC_TYPES.has(type as never) ? 'quantitative' : 'nominal';
}

function topLevel(render: RenderInfo, data: ChartData, body: VegaLiteSpec): VegaLiteSpec {
  const spec: VegaLiteSpec = {
    $schema: SCHEMA_URL,
    ...(render.title ? { title: render.title } : {}),
    data: { values: data.rows },
    ...body,
  };
  // Faceted specs size each pane, not the whole; the container fills the panel otherwise.
  if (!('facet' in body)) {
    spec.width = 'container';
    spec.height = 'container';
    spec.autosize = { type: 'fit', contains: 'padding' };
  }
  return spec;
}

function colorChannel(render: RenderInfo, roles: ColumnRoles): VegaLiteSpec {
  const title = roles.series.length ? roles.series.map((s) => s.name).join(', ') : null;
  return {
    field: 'series',
    type: 'nominal',
    title,
    sort: null,
    ...(render.legend?.toLowerCase() === 'hidden' ? { legend: null } : {}),
  };
}

/** The Other slice of a pie (pieSlices.ts): a mid grey, seen on light, dark and high-contrast backgrounds. */
const OTHER_GREY = '#8a8a8a';

/** Series past this many get a palette of their own: the theme's category range has ten colours. */
const THEMED_SERIES = 10;

/**
 * `n` colours told apart by hue and lightness (golden-angle hues, three lightness bands), readable on
 * light, dark and high-contrast backgrounds, for charts with more series than the theme has colours.
 */
export function manyColours(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const hue = Math.round((i * 137.508) % 360);
    const light = [55, 42, 68][i % 3];
    return `hsl(${hue}, 70%, ${light}%)`;
  });
}

/** The range of the y values (stacked: of each x's sum) when every value is whole, else undefined. */
function wholeExtent(rows: readonly { x: unknown; y: number | null }[], stacked: boolean): number | undefined {
  let lo = 0;
  let hi = 0;
  const sums = new Map<unknown, number>();
  for (const r of rows) {
    if (r.y === null) {
      continue;
    }
    if (!Number.isInteger(r.y)) {
      return undefined;
    }
    const v = stacked ? (sums.get(r.x) ?? 0) + r.y : r.y;
    sums.set(r.x, v);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi - lo;
}

function valueScale(render: RenderInfo): VegaLiteSpec | undefined {
  const scale: VegaLiteSpec = {};
  if (render.ymin !== undefined) {
    scale.domainMin = render.ymin;
    scale.zero = false;
  }
  if (render.ymax !== undefined) {
    scale.domainMax = render.ymax;
  }
  return Object.keys(scale).length ? scale : undefined;
}

function xyChart(visualization: string, render: RenderInfo, table: ResultTable, maxPoints: number): ChartPlan {
  const layout = LAYOUTS[visualization]!;
  const found = columnRoles(table, render, layout.datetimeX);
  if ('problem' in found) {
    return { kind: 'none', reason: found.problem };
  }
  const roles = found.roles;
  let data = chartRows(table, roles, maxPoints, render.accumulate === true);
  const stack = stackOf(render.kind, layout.defaultStack);
  const xName = roles.x.name;
  const yTitle = render.ytitle ?? (roles.ys.length === 1 ? roles.ys[0]!.name : null);
  const categoryType = layout.layout === 'bar' || layout.layout === 'column';
  const xType = categoryType && vlType(roles.x.type) === 'quantitative' ? 'ordinal' : vlType(roles.x.type);

  const category: VegaLiteSpec = {
    field: 'x',
    type: categoryType ? (xType === 'temporal' ? 'temporal' : 'ordinal') : xType,
    title: render.xtitle ?? xName,
  };
  if (category.type === 'ordinal') {
    // Kusto draws categories in the order the query sorted them.
    category.sort = null;
  }
  const xChannel = category.type === 'temporal' ? utcTime(category, timeSpan(data.rows.map((r) => r.x))) : category;
  const value: VegaLiteSpec = { field: 'y', type: 'quantitative', title: yTitle };
  const scale = valueScale(render);
  if (scale) {
    value.scale = scale;
  }
  if (stack === 'stacked') {
    value.stack = 'zero';
  } else if (stack === 'stacked100') {
    value.stack = 'normalize';
    value.axis = { format: '%' };
  } else if (layout.layout !== 'line' && layout.layout !== 'scatter') {
    value.stack = null;
  }
  const color = colorChannel(render, roles);
  const seriesNames = [...new Set(data.rows.map((r) => r.series))];
  if (seriesNames.length > THEMED_SERIES) {
    color.scale = { range: manyColours(seriesNames.length) };
    color.legend = color.legend === null ? null : { symbolLimit: 0, columns: seriesNames.length > 30 ? 2 : 1 };
  }
  if (layout.layout === 'line' && color.legend !== null) {
    // A line's legend shows lines. Vega-Lite merges the legends of the layers that share the colour
    // scale, and a layer of points (lone values, below) turned them into dots; a layer's `legend: null`
    // would drop the merged legend altogether, so the symbol is named here.
    color.legend = { ...(color.legend as VegaLiteSpec | undefined), symbolType: 'stroke' };
  }
  // Counts (every value whole) get whole ticks, no "2.2 ports": Vega-Lite drops tickMinStep, so ask
  // for no more ticks than whole numbers in the range (Vega's nice steps are then 1, 2, 5, …).
  const extent = stack === 'stacked100' ? undefined : wholeExtent(data.rows, stack === 'stacked');
  if (extent !== undefined && extent <= 40) {
    value.axis = {
      ...(value.axis as VegaLiteSpec | undefined),
      tickCount: Math.max(1, Math.min(10, Math.ceil(extent))),
    };
  }
  const tooltip = [
    // A datetime as the grid shows it: the value's own text (UTC, every digit), not re-formatted in
    // the browser's zone and cut to seconds.
    { field: 'x', type: category.type === 'temporal' ? 'nominal' : category.type, title: xName },
    { field: 'series', type: 'nominal', title: 'series' },
    { field: 'y', type: 'quantitative', title: yTitle ?? 'value', format: ',' },
  ];

  // A line through one point draws nothing: series of a single point are drawn as points.
  const perSeries = new Map<string, number>();
  for (const r of data.rows) {
    perSeries.set(r.series, (perSeries.get(r.series) ?? 0) + 1);
  }
  const lonePoints = [...perSeries.values()].some((n) => n === 1);
  // A value between two nulls of its series draws nothing on a line or area (each breaks at a null): a
  // layer of points draws the values marked lone. Not needed when every point is drawn (lonePoints).
  const lone = layout.layout === 'line' || layout.layout === 'area' ? chartLonePoints(data.rows) : new Set<number>();
  const markLone = !lonePoints && lone.size > 0;
  if (markLone) {
    data = { ...data, rows: data.rows.map((r, i) => (lone.has(i) ? { ...r, lone: true } : r)) };
  }
  /** Points at the values marked lone, coloured (and dimmed by the legend's pick) as their line. */
  const loneLayer = (unitEncoding: VegaLiteSpec): VegaLiteSpec => ({
    transform: [{ filter: 'datum.lone' }],
    mark: { type: 'point', filled: true, tooltip: true },
    encoding: unitEncoding,
  });
  /** The unit of `mark` and `encoding`, with the layer of lone points over it when there are any. */
  const withLone = (unit: VegaLiteSpec): VegaLiteSpec =>
    markLone ? { layer: [unit, loneLayer(unit.encoding as VegaLiteSpec)] } : unit;
  let mark: VegaLiteSpec;
  let encoding: VegaLiteSpec;
  switch (layout.layout) {
    case 'line':
      mark = { type: 'line', interpolate: 'linear', tooltip: true, ...(lonePoints ? { point: true } : {}) };
      encoding = { x: xChannel, y: value, color, tooltip };
      break;
    case 'area':
      mark = {
        type: 'area',
        tooltip: true,
        ...(stack === 'none' ? { opacity: 0.5 } : {}),
        ...(lonePoints ? { point: true } : {}),
      };
      encoding = { x: xChannel, y: value, color, tooltip };
      break;
    case 'scatter':
      mark = { type: 'point', filled: true, tooltip: true };
      encoding = {
        x: { ...xChannel, ...(category.type === 'quantitative' ? { scale: { zero: false } } : {}) },
        y: value,
        color,
        tooltip,
      };
      break;
    case 'column':
      mark = { type: 'bar', tooltip: true };
      encoding = {
        x: xChannel,
        y: value,
        color,
        tooltip,
        ...(stack === 'none' ? { xOffset: { field: 'series', sort: null } } : {}),
      };
      break;
    case 'bar':
      mark = { type: 'bar', tooltip: true };
      encoding = {
        y: xChannel,
        x: value,
        color,
        tooltip,
        ...(stack === 'none' ? { yOffset: { field: 'series', sort: null } } : {}),
      };
      break;
  }

  const split = (render.ysplit ?? 'none').toLowerCase();
  let body: VegaLiteSpec;
  if ((split === 'panels' || split === 'panes') && seriesNames.length > 1 && layout.layout !== 'bar') {
    // One chart per series, each with its own y scale (Kusto shows at most five panels).
    body = {
      transform: [{ filter: { field: 'series', oneOf: seriesNames.slice(0, 5) } }],
      facet: { row: { field: 'series', type: 'nominal', title: null, sort: null } },
      spec: { width: 600, height: 120, ...withLone({ mark, encoding: paneEncoding(encoding) }) },
      resolve: { scale: { y: 'independent' } },
    };
  } else if (
    split === 'axes' &&
    seriesNames.length === 2 &&
    (layout.layout === 'line' || layout.layout === 'area' || layout.layout === 'scatter')
  ) {
    // Two series, each on its own y axis (left and right); with more the axes would overlap.
    body = {
      layer: seriesNames.map((s) => ({
        transform: [{ filter: { field: 'series', equal: s } }],
        ...withLone({ mark, encoding: { ...encoding, y: { ...value, title: s } } }),
      })),
      resolve: { scale: { y: 'independent' } },
    };
  } else if (seriesNames.length > 1) {
    // Click a legend entry to isolate its series (shift-click adds more; click empty space to reset).
    const picked = { ...encoding, opacity: { condition: { param: 'pick', value: 1 }, value: 0.12 } };
    const params = [{ name: 'pick', select: { type: 'point', fields: ['series'] }, bind: 'legend' }];
    body = markLone
      ? { layer: [{ params, mark, encoding: picked }, loneLayer(picked)] }
      : { params, mark, encoding: picked };
  } else {
    body = withLone({ mark, encoding });
  }
  return {
    kind: 'chart',
    visualization,
    spec: topLevel(render, data, body),
    isDefault: false,
    recordsDrawn: data.recordsDrawn,
    recordsTotal: data.recordsTotal,
  };
}

function pieChart(render: RenderInfo, table: ResultTable, maxPoints: number): ChartPlan {
  const category = render.xcolumn
    ? table.columns.findIndex((c) => c.name === render.xcolumn)
    : table.columns.findIndex((c) => !NUMERIC_TYPES.has(c.type));
  const valueName = render.ycolumns?.[0];
  const valueIdx = valueName
    ? table.columns.findIndex((c) => c.name === valueName)
    : table.columns.findIndex((c) => NUMERIC_TYPES.has(c.type));
  if (category < 0 || valueIdx < 0) {
    return { kind: 'none', reason: 'A pie chart needs a category column and a numeric column.' };
  }
  const cat = table.columns[category]!;
  const val = table.columns[valueIdx]!;
  const drawn = Math.min(table.rows.length, maxPoints);
  const rows = table.rows.slice(0, drawn).map((r) => ({
    x:
      r[category] === null || r[category] === undefined
        ? '(null)'
        : typeof r[category] === 'object'
          ? JSON.stringify(r[category])
          : String(r[category]),
    series: String(r[category] ?? '(null)'),
    y: toNumber(r[valueIdx] ?? null),
  }));
  // Past PIE_SLICES the smallest share one "Other" slice (pieSlices.ts): every slice drawn has its
  // legend entry and its tooltip.
  const slices = pieSlices(rows, cat.name, val.name);
  const sliceNames = slices.names.length;
  // Past the theme's ten colours each slice gets its own (they repeated: the 1st and 11th slice were
  // the same blue, and the legend could not tell them apart); the Other slice is grey.
  const scale =
    sliceNames > THEMED_SERIES || slices.other !== undefined
      ? {
          scale: {
            domain: slices.names,
            range: [
              ...manyColours(sliceNames - (slices.other === undefined ? 0 : 1)),
              ...(slices.other ? [OTHER_GREY] : []),
            ],
          },
        }
      : {};
  const body: VegaLiteSpec = {
    mark: { type: 'arc', innerRadius: 0, tooltip: true },
    encoding: {
      theta: { field: 'y', type: 'quantitative', stack: true, title: val.name },
      color: {
        field: 'x',
        type: 'nominal',
        title: cat.name,
        sort: null,
        ...scale,
        // Every entry (Vega stops at 30, with a "…n entries" line); long names cut with an ellipsis.
        ...(render.legend?.toLowerCase() === 'hidden' ? { legend: null } : { legend: { symbolLimit: 0 } }),
      },
      // The slice's tooltip, made with its data: its name, value and share (and the Other slice's names).
      tooltip: { field: 'tip', type: 'nominal' },
    },
  };
  return {
    kind: 'chart',
    visualization: 'piechart',
    spec: topLevel(render, { rows: [...slices.rows], recordsDrawn: drawn, recordsTotal: table.rows.length }, body),
    isDefault: false,
    recordsDrawn: drawn,
    recordsTotal: table.rows.length,
  };
}

function cardChart(render: RenderInfo, table: ResultTable): ChartPlan {
  const first = table.rows[0];
  if (!first || table.columns.length === 0) {
    return { kind: 'none', reason: 'A card needs one row to show.' };
  }
  const named = render.ycolumns?.[0] ?? render.xcolumn;
  let idx = named
    ? table.columns.findIndex((c) => c.name === named)
    : table.columns.findIndex((c) => NUMERIC_TYPES.has(c.type));
  if (idx < 0) {
    idx = 0;
  }
  const col = table.columns[idx]!;
  const raw = first[idx] ?? null;
  const num = NUMERIC_TYPES.has(col.type) ? toNumber(raw) : null;
  const text =
    num !== null
      ? num.toLocaleString('en-US')
      : raw === null
        ? ''
        : typeof raw === 'object'
          ? JSON.stringify(raw)
          : String(raw);
  const body: VegaLiteSpec = {
    layer: [
      {
        mark: { type: 'text', fontSize: 48, fontWeight: 'bold', baseline: 'middle' },
        encoding: { text: { field: 'value', type: 'nominal' } },
      },
      {
        mark: { type: 'text', fontSize: 14, dy: 40, baseline: 'top' },
        encoding: { text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
  const spec: VegaLiteSpec = {
    $schema: SCHEMA_URL,
    ...(render.title ? { title: render.title } : {}),
    data: { values: [{ value: text, label: render.ytitle ?? col.name }] },
    width: 'container',
    height: 'container',
    view: { stroke: null },
    ...body,
  };
  return {
    kind: 'chart',
    visualization: 'card',
    spec,
    isDefault: false,
    recordsDrawn: 1,
    recordsTotal: table.rows.length,
  };
}

/**
 * What the results panel and a notebook output say above the grid when the query asked for a chart that
 * its result cannot draw (the reason alone sat on a Chart tab the panel does not open then); undefined
 * when there is a chart, or the query asked for none.
 */
export function noChartNote(render: RenderInfo | undefined, plan: ChartPlan | undefined): string | undefined {
  return render && plan?.kind === 'none' ? `No chart for "render ${render.visualization}": ${plan.reason}` : undefined;
}

/** Our guess for a result without `render`: a time chart, a column chart, or nothing. */
export function defaultVisualization(table: ResultTable): string | undefined {
  const hasNumeric = table.columns.some((c) => NUMERIC_TYPES.has(c.type));
  if (!hasNumeric || table.rows.length === 0) {
    return undefined;
  }
  if (table.columns.some((c) => c.type === 'datetime')) {
    return 'timechart';
  }
  if (table.columns.some((c) => c.type === 'string')) {
    return 'columnchart';
  }
  return undefined;
}

/** The chart for a result's primary table. */
export function chartPlan(
  table: ResultTable | undefined,
  render: RenderInfo | undefined,
  maxPoints: number,
): ChartPlan {
  if (!table || table.columns.length === 0) {
    return { kind: 'none', reason: 'The query returned no table.' };
  }
  if (table.rows.length === 0) {
    return { kind: 'none', reason: 'The query returned no rows to chart.' };
  }
  let visualization = render?.visualization.toLowerCase();
  let isDefault = false;
  if (!visualization) {
    visualization = defaultVisualization(table);
    isDefault = true;
    if (!visualization) {
      return {
        kind: 'none',
        reason: 'No chartable columns: a chart needs a numeric column and a datetime or string column.',
      };
    }
  }
  const info: RenderInfo = render ?? { visualization };
  let plan: ChartPlan;
  if (visualization === 'table') {
    return { kind: 'table' };
  } else if (visualization === 'piechart') {
    plan = pieChart(info, table, maxPoints);
  } else if (visualization === 'card') {
    plan = cardChart(info, table);
  } else if (LAYOUTS[visualization]) {
    plan = xyChart(visualization, info, table, maxPoints);
  } else {
    return {
      kind: 'none',
      reason: `"render ${visualization}" is not drawn by this extension; the table shows the data.`,
    };
  }
  return plan.kind === 'chart' && isDefault ? { ...plan, isDefault } : plan;
}
