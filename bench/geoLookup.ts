/**
 * geo_polygon_lookup over an S2 cell index: 100,000 points against 1,000 polygons must not cost
 * points × polygons tests. Printed against references measured in the same run:
 *  - one geo_point_in_polygon per point (a scan of the points against a single polygon), the least any
 *    lookup can cost; the lookup's figure in these units says how many polygons it effectively tests;
 *  - the quadratic way (every point against every polygon: a cross join and geo_point_in_polygon),
 *    on 1,000 of the points, scaled by 100 to the full table.
 * Also how the lookup scales: with 100 and 1,000 polygons, and with 10,000 and 100,000 points.
 *
 *   node --import tsx bench/geoLookup.ts      (BENCH_RUNS=n sets the runs per figure; default 5)
 */
import { Database, Table } from '../src/engine';
import { timeInTurns } from './queriesInTurns';

const runs = Number(process.env.BENCH_RUNS ?? 5);

/** A deterministic pseudo-random sequence (xorshift), so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** `count` small quadrilaterals on a grid over Europe (about 0.3° across), each a little skewed. */
function polygons(count: number): Table {
  const next = random(7);
  const side = Math.ceil(Math.sqrt(count));
  const rows: unknown[][] = [];
  for (let k = 0; k < count; k++) {
    const x = -10 + (30 * (k % side)) / side;
    const y = 36 + (30 * Math.floor(k / side)) / side;
    const w = 0.2 + 0.2 * next();
    const ring = [
      [x, y],
      [x + w, y + 0.05 * next()],
      [x + w, y + w],
      [x + 0.05 * next(), y + w],
      [x, y],
    ];
    rows.push([`p${k}`, { type: 'Polygon', coordinates: [ring] }]);
  }
  return Table.fromRows(
    [
      { name: 'name', type: 'string' },
      { name: 'polygon', type: 'dynamic' },
    ],
    rows as never,
    count === 1000 ? 'Polygons' : `Polygons${count}`,
  );
}

function points(count: number, name: string): Table {
  const next = random(11);
  const rows: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    rows.push([i, -10 + 30 * next(), 36 + 30 * next()]);
  }
  return Table.fromRows(
    [
      { name: 'id', type: 'long' },
      { name: 'lon', type: 'real' },
      { name: 'lat', type: 'real' },
    ],
    rows as never,
    name,
  );
}

const db = new Database([
  polygons(1000),
  polygons(100),
  points(100_000, 'Points'),
  points(10_000, 'Points10k'),
  points(1_000, 'Points1k'),
]);

const one = `dynamic({"type":"Polygon","coordinates":[[[0,40],[0.3,40],[0.3,40.3],[0,40.3],[0,40]]]})`;
const cases: [string, string, number][] = [
  ['one polygon test per point (reference)', `Points | where geo_point_in_polygon(lon, lat, ${one}) | count`, 1],
  [
    'quadratic: 1,000 points × 1,000 polygons, × 100',
    `Points1k | extend k = 1 | join kind=inner (Polygons | extend k = 1) on k | where geo_point_in_polygon(lon, lat, polygon) | count`,
    100,
  ],
  [
    'lookup: 100,000 points, 1,000 polygons',
    'Points | evaluate geo_polygon_lookup(Polygons, polygon, lon, lat) | count',
    1,
  ],
  [
    'lookup: 100,000 points, 100 polygons',
    'Points | evaluate geo_polygon_lookup(Polygons100, polygon, lon, lat) | count',
    1,
  ],
  [
    'lookup: 10,000 points, 1,000 polygons',
    'Points10k | evaluate geo_polygon_lookup(Polygons, polygon, lon, lat) | count',
    1,
  ],
];

const timed = timeInTurns(
  db,
  cases.map(([, query]) => query),
  runs,
);
// A case run on a part of the points is scaled to the full table (the quadratic one: 1,000 of 100,000).
const medians = timed.medians.map((ms, k) => ms * cases[k]![2]);
const answers = timed.answers;
const reference = medians[0]!;
console.log(`geo_polygon_lookup against one polygon test per point (median of ${runs}, in turns):`);
cases.forEach(([label], k) => {
  const ms = medians[k]!;
  console.log(
    `  ${label.padEnd(48)} ${(ms / reference).toFixed(1).padStart(7)}×  (${ms.toFixed(0)} ms, count ${String(answers[k])})`,
  );
});
