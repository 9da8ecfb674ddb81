/** geo_polygon_to_s2cells, geo_line_to_s2cells and geo_polygon_to_h3cells, against the reference's examples. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { printed, rows } from './helpers';

const TRIANGLE = `dynamic({"type":"Polygon","coordinates":[[[0,0],[0,50],[100,50],[0,0]]]})`;

test('geo_polygon_to_s2cells: the reference counts 286 level-5 cells for its triangle; level 30 is too many (null)', () => {
  assert.equal(printed(`print n = array_length(geo_polygon_to_s2cells(${TRIANGLE}, 5))`).n, 286);
  assert.equal(printed(`print n = isnull(geo_polygon_to_s2cells(${TRIANGLE}, 30))`).n, true);
});

test('geo_polygon_to_s2cells: every cell at the level, in cell id order, each holding part of the polygon', () => {
  const r = printed(
    `let c = geo_polygon_to_s2cells(dynamic({"type":"Polygon","coordinates":[[[-73.99,40.73],[-73.97,40.73],[-73.97,40.75],[-73.99,40.75],[-73.99,40.73]]]}), 14); print c = c, inside = geo_point_to_s2cell(-73.98, 40.74, 14), outside = geo_point_to_s2cell(-73.9, 40.74, 14)`,
  );
  const cells = r.c as string[];
  assert.ok(cells.length > 4 && cells.length < 100, `${cells.length} cells`);
  assert.ok(cells.includes(r.inside as string));
  assert.ok(!cells.includes(r.outside as string));
  assert.ok(
    cells.every((t) => t.length === cells[0]!.length),
    'one level',
  );
  const ids = cells.map((t) => BigInt(`0x${t.padEnd(16, '0')}`));
  assert.deepEqual(
    [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    ids,
  );
  assert.equal(new Set(cells).size, cells.length);
});

test('geo_polygon_to_s2cells: the default level is 11; a radius widens the covering; invalid arguments give null', () => {
  const r = printed(
    `let p = ${TRIANGLE}; print a = array_length(geo_polygon_to_s2cells(p, 4)), b = array_length(geo_polygon_to_s2cells(p, 4, 500000)), d = geo_polygon_to_s2cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[0,0]]]})) == geo_polygon_to_s2cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[0,0]]]}), 11)`,
  );
  assert.ok((r.b as number) > (r.a as number));
  assert.equal(r.d, true);
  for (const bad of [
    `geo_polygon_to_s2cells(${TRIANGLE}, 31)`,
    `geo_polygon_to_s2cells(${TRIANGLE}, 5, -1)`,
    `geo_polygon_to_s2cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,1]]]}))`,
  ]) {
    assert.equal(printed(`print n = isnull(${bad})`).n, true, bad);
  }
});

test('geo_line_to_s2cells: the reference example (streets within 500 m of tube stations) and its invalid line', () => {
  const r = rows(`let radius = 500;
let tube_stations = datatable(tube_station_name:string, lng:real, lat: real)
[
    "St. James' Park",        -0.13451078568013486, 51.49919145858172,
     "London Bridge station", -0.08492752160134387, 51.504876316440914,
];
let streets = datatable(street_name:string, line:dynamic)
[
    "Buckingham Palace", dynamic({"type":"LineString","coordinates":[[-0.1399656708283601,51.50190802248855],[-0.14088438832752104,51.50012082761452]]}),
    "London Bridge",    dynamic({"type":"LineString","coordinates":[[-0.087152,51.509596],[-0.088340,51.506110]]}),
];
let join_level = 14;
let lines = materialize(streets | extend id = new_guid());
let res =
    lines
    | project id, covering = geo_line_to_s2cells(line, join_level, radius)
    | mv-expand covering to typeof(string)
    | join kind=inner hint.strategy=broadcast
    (
        tube_stations
        | extend covering = geo_point_to_s2cell(lng, lat, join_level)
    ) on covering;
res | lookup lines on id
| where geo_distance_point_to_line(lng, lat, line) <= radius
| summarize count = count() by name = street_name
| order by name asc`);
  assert.deepEqual(r, [
    ['Buckingham Palace', 1],
    ['London Bridge', 1],
  ]);
  assert.equal(
    printed(`print n = isnull(geo_line_to_s2cells(dynamic({"type":"LineString","coordinates":[[[0,0],[0,0]]]})))`).n,
    true,
  );
});

test('geo_polygon_to_h3cells: the reference example gives its 13 cells (centre containment); invalid gives null', () => {
  const cells = printed(
    `print h3_cells = geo_polygon_to_h3cells(dynamic({"type":"Polygon","coordinates":[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]]}))`,
  ).h3_cells as string[];
  assert.deepEqual(
    [...cells].sort(),
    [
      '86390cb57ffffff',
      '86390cb0fffffff',
      '86390ca27ffffff',
      '86390cb87ffffff',
      '86390cb07ffffff',
      '86390ca2fffffff',
      '86390ca37ffffff',
      '86390cb17ffffff',
      '86390cb1fffffff',
      '86390cb8fffffff',
      '86390cba7ffffff',
      '86390ca07ffffff',
      '86390cbafffffff',
    ].sort(),
  );
  assert.equal(
    printed(`print is_null = isnull(geo_polygon_to_h3cells(dynamic({"type":"Polygon","coordinates":[[[0,0],[1,1]]]})))`)
      .is_null,
    true,
  );
  assert.equal(printed(`print n = isnull(geo_polygon_to_h3cells(${TRIANGLE}, 15))`).n, true);
  assert.equal(printed(`print n = isnull(geo_polygon_to_h3cells(${TRIANGLE}, 16))`).n, true);
});

test('geo_polygon_to_h3cells: a radius adds the cells whose centres are within it', () => {
  const r = printed(
    `let p = dynamic({"type":"Polygon","coordinates":[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]]}); print a = geo_polygon_to_h3cells(p, 6), b = geo_polygon_to_h3cells(p, 6, 5000)`,
  );
  const a = r.a as string[];
  const b = r.b as string[];
  assert.ok(b.length > a.length);
  assert.ok(a.every((c) => b.includes(c)));
});

test('__geo_length_to_s2cell_level: the level whose cells have about that edge; the covering levels fit the shape', () => {
  for (const length of [10, 1000, 100000]) {
    const r = printed(
      `let level = __geo_length_to_s2cell_level(${length}); print level = level, edge = geo_polygon_perimeter(geo_s2cell_to_polygon(geo_point_to_s2cell(10.5, 45.2, level))) / 4`,
    );
    const edge = r.edge as number;
    assert.ok(edge > length / 2 && edge < length * 2, `${length} m: level ${r.level}, edge ${edge}`);
  }
  assert.equal(printed('print l = __geo_length_to_s2cell_level(1000)').l, 13);
  assert.equal(printed('print l = __geo_length_to_s2cell_level(0)').l, 30);
  assert.equal(printed('print l = isnull(__geo_length_to_s2cell_level(-1))').l, true);
  const r = printed(
    `print big = __geo_polygon_s2cell_covering_level(${TRIANGLE}), small = __geo_polygon_s2cell_covering_level(dynamic({"type":"Polygon","coordinates":[[[0,0],[0,0.01],[0.01,0.01],[0,0]]]})), line = __geo_line_s2cell_covering_level(dynamic({"type":"LineString","coordinates":[[0,0],[0,1]]})), bad = isnull(__geo_line_s2cell_covering_level(dynamic({"type":"LineString","coordinates":[[0,0]]})))`,
  );
  assert.ok((r.big as number) < (r.line as number) && (r.line as number) < (r.small as number), JSON.stringify(r));
  assert.equal(r.bad, true);
});
