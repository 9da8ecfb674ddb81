/** Densifying planar edges into geodesic chains, against the Kusto reference's examples. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed } from './helpers';

type Shape = { type: string; coordinates: unknown[] };

test('geo_line_densify: a short Manhattan street is unchanged; a 130 km edge becomes eight planar pieces', () => {
  const street = printed(
    "print d = geo_line_densify(dynamic({'type':'LineString','coordinates':[[-73.949247, 40.796860],[-73.973017, 40.764323]]}))",
  ).d as Shape;
  assert.deepEqual(street.coordinates, [
    [-73.949247, 40.79686],
    [-73.973017, 40.764323],
  ]);
  const long = printed("print d = geo_line_densify(dynamic({'type':'LineString','coordinates':[[50, 50], [51, 51]]}))")
    .d as Shape;
  assert.deepEqual(
    long.coordinates,
    [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => [50 + k / 8, 50 + k / 8]),
  );
  // A looser tolerance needs fewer pieces.
  const loose = printed(
    "print d = geo_line_densify(dynamic({'type':'LineString','coordinates':[[50, 50], [51, 51]]}), 100)",
  ).d as Shape;
  assert.ok(loose.coordinates.length < 9 && loose.coordinates.length >= 2);
});

test('geo_line_densify: MultiLineString, the antimeridian kept when asked, and invalid input', () => {
  const multi = printed(
    "print d = geo_line_densify(dynamic({'type':'MultiLineString','coordinates':[[[50, 50], [51, 51]], [[0, 0], [0.001, 0]]]}))",
  ).d as Shape;
  assert.equal(multi.type, 'MultiLineString');
  assert.equal((multi.coordinates[0] as unknown[]).length, 9);
  assert.equal((multi.coordinates[1] as unknown[]).length, 2);
  const crossing = printed(
    "print d = geo_line_densify(dynamic({'type':'LineString','coordinates':[[170, 10],[-170, 10]]}), 10000, true)",
  ).d as Shape;
  assert.ok(
    (crossing.coordinates as number[][]).every(([x]) => Math.abs(x!) >= 170),
    JSON.stringify(crossing),
  );
  assert.equal(
    printed("print d = geo_line_densify(dynamic({'type':'LineString','coordinates':[[1, 1],[2, 2]]}), 0.01)").d,
    null,
  );
  assert.equal(printed("print d = geo_line_densify(dynamic({'type':'LineString','coordinates':[[1, 1]]}))").d, null);
});

test('geo_polygon_densify: each ring densified and still closed; invalid polygons are null', () => {
  const p = printed(
    "print d = geo_polygon_densify(dynamic({'type':'Polygon','coordinates':[[[50,50],[51,50],[51,51],[50,51],[50,50]]]}))",
  ).d as Shape;
  const ring = (p.coordinates[0] as number[][])!;
  assert.ok(ring.length > 5);
  assert.deepEqual(ring[0], ring[ring.length - 1]);
  assert.equal(
    printed("print d = geo_polygon_densify(dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1]]]}))").d,
    null,
  );
});
