/** geo_line_simplify, geo_polygon_simplify and geo_simplify_polygons_array against the Kusto reference's examples. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { printed } from './helpers';
import { P1, P2, P3 } from './manhattanPolygons';

test('geo_line_simplify: the Manhattan line to its two ends; invalid lines, tolerances and vanishing lines are null', () => {
  const line =
    '{"type":"LineString","coordinates":[[-73.97033169865608,40.789063020152824],[-73.97039607167244,40.78897975920816],[-73.9704617857933,40.78888837512432],[-73.97052884101868,40.7887949601531],[-73.9706052839756,40.788698498903564],[-73.97065222263336,40.78862640672032],[-73.97072866559029,40.78852791445617],[-73.97079303860664,40.788434498977836]]}';
  assert.deepEqual(printed(`print r = geo_line_simplify(dynamic(${line}), 10)`).r, {
    type: 'LineString',
    coordinates: [
      [-73.97033169865608, 40.789063020152824],
      [-73.97079303860664, 40.788434498977836],
    ],
  });
  // Tolerance 0 keeps every vertex off the geodesics between its neighbours.
  assert.equal(
    (printed(`print r = geo_line_simplify(dynamic(${line}), 0)`).r as { coordinates: unknown[] }).coordinates.length,
    8,
  );
  const r = printed(`print
    a = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1]]}))),
    b = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1],[2,2]]}), -1)),
    c = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1.1, 1.1],[1.2,1.2]]}), 100000))`);
  assert.deepEqual(r, { a: true, b: true, c: true });
});

test('geo_line_simplify: a bend farther than the tolerance stays; a MultiLineString keeps the lines that remain', () => {
  const bent = '{"type":"LineString","coordinates":[[0,0],[0.5,0.01],[1,0]]}'; // the bend is 1.1 km off the chord
  assert.equal(
    (printed(`print r = geo_line_simplify(dynamic(${bent}), 1000)`).r as { coordinates: unknown[] }).coordinates.length,
    3,
  );
  assert.equal(
    (printed(`print r = geo_line_simplify(dynamic(${bent}), 1200)`).r as { coordinates: unknown[] }).coordinates.length,
    2,
  );
  assert.deepEqual(
    printed(
      'print r = geo_line_simplify(dynamic({"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[5,5],[5.00001,5]]]}), 100)',
    ).r,
    {
      type: 'LineString',
      coordinates: [
        [0, 0],
        [1, 0],
      ],
    },
  );
});

test('geo_line_simplify: a MultiLineString is simplified as the union of its lines, so a line drawn twice counts once', () => {
  // Two copies of a bent line, and its continuation: united, they are one line of four vertices, whose
  // bend 1.1 km off the chord stays at 1000 m; simplified apart, the result would keep two lines.
  const multi =
    '{"type":"MultiLineString","coordinates":[[[0,0],[0.5,0.01],[1,0]],[[0,0],[0.5,0.01],[1,0]],[[1,0],[1.5,0]]]}';
  assert.deepEqual(printed(`print r = geo_line_simplify(dynamic(${multi}), 1000)`).r, {
    type: 'LineString',
    coordinates: [
      [0, 0],
      [0.5, 0.01],
      [1.5, 0],
    ],
  });
});

test('geo_polygon_simplify: the 10-vertex polygon to a triangle of its own vertices; invalid input is null', () => {
  const polygon =
    '{"type":"Polygon","coordinates":[[[-73.94885122776031,40.79673476355657],[-73.94885927438736,40.79692258628347],[-73.94887939095497,40.79692055577034],[-73.9488673210144,40.79693476936093],[-73.94888743758202,40.79693476936093],[-73.9488834142685,40.796959135509105],[-73.94890084862709,40.79695304397289],[-73.94906312227248,40.79710736271788],[-73.94923612475395,40.7968708081794],[-73.94885122776031,40.79673476355657]]]}';
  // The reference prints 17 digits of the same doubles: -73.948851227760315 is -73.94885122776031.
  assert.deepEqual(printed(`print r = geo_polygon_simplify(dynamic(${polygon}))`).r, {
    type: 'Polygon',
    coordinates: [
      [
        [-73.948851227760315, 40.796734763556572],
        [-73.949063122272477, 40.797107362717881],
        [-73.949236124753952, 40.7968708081794],
        [-73.948851227760315, 40.796734763556572],
      ],
    ],
  });
  const square = '{"type":"Polygon","coordinates":[[[5,48],[0,50],[0,47],[4,47],[5,48]]]}';
  const r = printed(`print
    a = isnull(geo_polygon_simplify(dynamic({"type":"Polygon","coordinates":[[[5,48],[5,48]]]}))),
    b = isnull(geo_polygon_simplify(dynamic(${square}), -0.1)),
    c = isnull(geo_polygon_simplify(dynamic(${square}), 1000000))`);
  assert.deepEqual(r, { a: true, b: true, c: true });
});

test('geo_simplify_polygons_array: polygons united then simplified; an invalid polygon, tolerance or vanishing polygons give null', () => {
  const united = printed(
    `print r = geo_simplify_polygons_array(pack_array(dynamic(${P1}), dynamic(${P2}), dynamic(${P3})), 100)`,
  ).r as { type: string; coordinates: number[][][] };
  assert.equal(united.type, 'Polygon');
  // The union has 13 vertices (geoUnions.test.ts); 100 m merges none of them away but the nearly straight ones.
  assert.ok(united.coordinates[0]!.length <= 14 && united.coordinates[0]!.length >= 8, JSON.stringify(united));
  const r = printed(`print
    a = isnull(geo_simplify_polygons_array(pack_array(dynamic(${P1}), dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249]]]})))),
    b = isnull(geo_simplify_polygons_array(pack_array(dynamic(${P1}), dynamic(${P2}), dynamic(${P3})), -1)),
    c = isnull(geo_simplify_polygons_array(pack_array(dynamic(${P1}), dynamic(${P2}), dynamic(${P3})), 10000))`);
  assert.deepEqual(r, { a: true, b: true, c: true });
});
