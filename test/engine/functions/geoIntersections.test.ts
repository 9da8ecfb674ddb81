/**
 * geo_intersection_2lines, geo_intersection_2polygons and geo_intersection_line_with_polygon against
 * the Kusto reference's examples, to the digits it prints (the computed vertices to 1e-12°).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed } from './helpers';
import { assertNear, assertSameRing } from './geoShapeAssert';

type Shape = { type: string; coordinates: never; geometries?: Shape[] };
const one = (q: string) => printed(q).r as unknown as Shape;

const LINE1 = '{"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]}';
const LINE2 = '{"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]}';

test('geo_intersection_2lines: crossing lines meet in a point, a line with itself is itself, apart lines in nothing', () => {
  const point = one(`print r = geo_intersection_2lines(dynamic(${LINE1}), dynamic(${LINE2}))`);
  assert.equal(point.type, 'Point');
  assertNear(point.coordinates, [-73.979837116670978, 40.783989289772165]);
  assert.deepEqual(one(`print r = geo_intersection_2lines(dynamic(${LINE1}), dynamic(${LINE1}))`), {
    type: 'LineString',
    coordinates: [
      [-73.978929, 40.785155],
      [-73.980903, 40.782621],
    ],
  });
  assert.deepEqual(
    one(
      'print r = geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), dynamic({"type":"LineString","coordinates":[[3, 3],[4, 4]]}))',
    ),
    { type: 'GeometryCollection', geometries: [] },
  );
  assert.equal(
    printed(
      'print r = isnull(geo_intersection_2lines(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}), dynamic({"type":"LineString","coordinates":[[3, 3]]})))',
    ).r,
    true,
  );
});

test('geo_intersection_2polygons: a polygon, a point, a collection of both, nothing, and null for an invalid polygon', () => {
  const polygon = one(`print r = geo_intersection_2polygons(
    dynamic({"type":"Polygon","coordinates":[[[-73.9630937576294,40.77498840732385],[-73.963565826416,40.774383111780914],[-73.96205306053162,40.773745311181585],[-73.96160781383514,40.7743912365898],[-73.9630937576294,40.77498840732385]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.96213352680206,40.775045280447145],[-73.9631313085556,40.774578106920345],[-73.96207988262177,40.77416780398293],[-73.96213352680206,40.775045280447145]]]}))`);
  assert.equal(polygon.type, 'Polygon');
  assertSameRing((polygon.coordinates as never[])[0]!, [
    [-73.962105776437156, 40.774591360999679],
    [-73.962642403166868, 40.774807020251778],
    [-73.9631313085556, 40.774578106920352],
    [-73.962079882621765, 40.774167803982927],
    [-73.962105776437156, 40.774591360999679],
  ]);
  const A = '{"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]}';
  assert.deepEqual(
    one(
      `print r = geo_intersection_2polygons(dynamic(${A}), dynamic({"type":"Polygon","coordinates":[[[3,44],[2,45],[2,43],[3,44]]]}))`,
    ),
    { type: 'Point', coordinates: [2, 45] },
  );
  const collection = one(`print r = geo_intersection_2polygons(dynamic(${A}),
    dynamic({"type":"MultiPolygon","coordinates":[[[[3,44],[2,45],[2,43],[3,44]]],[[[1.192,45.265],[1.005,44.943],[1.356,44.937],[1.192,45.265]]]]}))`);
  assert.equal(collection.type, 'GeometryCollection');
  assert.deepEqual(collection.geometries![0], { type: 'Point', coordinates: [2, 45] });
  assert.equal(collection.geometries![1]!.type, 'Polygon');
  assertSameRing((collection.geometries![1]!.coordinates as never[])[0]!, [
    [1.3227075526410679, 45.003909145068739],
    [1.0404565374899824, 45.004356403066552],
    [1.005, 44.943],
    [1.356, 44.937],
    [1.3227075526410679, 45.003909145068739],
  ]);
  assert.deepEqual(
    one(
      `print r = geo_intersection_2polygons(dynamic(${A}), dynamic({"type":"Polygon","coordinates":[[[3,44],[3,45],[2,43],[3,44]]]}))`,
    ),
    { type: 'GeometryCollection', geometries: [] },
  );
  assert.equal(
    printed(`print r = isnull(geo_intersection_2polygons(dynamic({"type":"Polygon"}), dynamic(${A})))`).r,
    true,
  );
});

test('geo_intersection_line_with_polygon: a line, a multiline across a hole, nothing, and null for invalid shapes', () => {
  const line = one(`print r = geo_intersection_line_with_polygon(dynamic(${LINE2}),
    dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]}))`);
  assert.equal(line.type, 'LineString');
  const [a, b] = line.coordinates as [number[], number[]];
  assertNear(a, [-73.975611956578192, 40.78060906714618]);
  assert.deepEqual(b, [-73.974552, 40.779761]);
  const multi = one(`print r = geo_intersection_line_with_polygon(
    dynamic({"type":"LineString","coordinates":[[-110.522, 39.198],[-91.428, 40.880]]}),
    dynamic({"type":"Polygon","coordinates":[[[-90.263,36.738],[-102.041,45.274],[-109.335,36.527],[-90.263,36.738]],[[-100.393,41.705],[-103.139,38.925],[-97.558,39.113],[-100.393,41.705]]]}))`);
  assert.equal(multi.type, 'MultiLineString');
  const expected = [
    [
      [-106.89353655881905, 39.769226209776306],
      [-101.74448553679453, 40.373506008712525],
    ],
    [
      [-99.136499431328858, 40.589336512699994],
      [-95.284527737311791, 40.799060242246348],
    ],
  ];
  (multi.coordinates as number[][][]).forEach((l, i) => l.forEach((p, j) => assertNear(p, expected[i]![j]!)));
  assert.deepEqual(
    one(`print r = geo_intersection_line_with_polygon(dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]}),
      dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]}))`),
    { type: 'GeometryCollection', geometries: [] },
  );
  assert.equal(
    printed(
      `print r = isnull(geo_intersection_line_with_polygon(dynamic(${LINE1}), dynamic({"type":"Polygon","coordinates":[]})))`,
    ).r,
    true,
  );
});

test('crossing rings are invalid, as the reference says: null, never an error', () => {
  const bowTie = '{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}';
  const triangle = '{"type":"Polygon","coordinates":[[[0.5,0],[2,0],[2,2],[0.5,0]]]}';
  const r = printed(`print
    a = isnull(geo_intersection_2polygons(dynamic(${bowTie}), dynamic(${triangle}))),
    b = isnull(geo_union_polygons_array(pack_array(dynamic(${bowTie}), dynamic(${triangle})))),
    c = isnull(geo_polygon_buffer(dynamic(${bowTie}), 1000))`);
  assert.deepEqual(r, { a: true, b: true, c: true });
});

test('across the antimeridian: two boxes meet in the box they share, its longitudes within [-180, 180]', () => {
  const r = printed(`print r = geo_intersection_2polygons(
    dynamic({"type":"Polygon","coordinates":[[[179,0],[-179,0],[-179,2],[179,2],[179,0]]]}),
    dynamic({"type":"Polygon","coordinates":[[[179.5,1],[-178,1],[-178,3],[179.5,3],[179.5,1]]]}))`).r as unknown as {
    type: string;
    coordinates: number[][][];
  };
  assert.equal(r.type, 'Polygon');
  const ring = r.coordinates[0]!;
  assert.equal(ring.length, 5);
  assert.ok(
    ring.every(([x]) => x! === 179.5 || x! === -179),
    JSON.stringify(ring),
  );
});
