/** Points along a line on Earth, against the Kusto reference's examples. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed } from './helpers';

type Point = { type: string; coordinates: number[] };

function near(actual: number, expected: number, tolerance: number): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);
}

const SHORT = "dynamic({'type':'LineString','coordinates':[[-73.95796, 40.80042], [-73.97317, 40.764486]]})";
const FIVE =
  "dynamic({'type':'LineString','coordinates':[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]})";

test('geo_line_interpolate_point: the reference examples; the ends; invalid fraction or line is null', () => {
  const p = printed(`print p = geo_line_interpolate_point(${SHORT}, 0.25)`).p as Point;
  near(p.coordinates[0]!, -73.961764043218281, 1e-12);
  near(p.coordinates[1]!, 40.791436687257232, 1e-12);
  const lng = printed(`print p = geo_line_interpolate_point(${FIVE}, 0.9) | project lng = todouble(p.coordinates[0])`)
    .lng as number;
  assert.ok(String(lng).startsWith('-73.9655654583'), String(lng));
  const end = printed(`print p = geo_line_interpolate_point(${SHORT}, 1)`).p as Point;
  near(end.coordinates[0]!, -73.97317, 1e-12);
  near(end.coordinates[1]!, 40.764486, 1e-12);
  assert.equal(printed(`print p = geo_line_interpolate_point(${SHORT}, 1.5)`).p, null);
  assert.equal(
    printed("print p = geo_line_interpolate_point(dynamic({'type':'LineString','coordinates':[[1, 1]]}), 0.5)").p,
    null,
  );
});

test('geo_line_locate_point: the reference example; a point past the end is at 1; spheroid elsewhere', () => {
  near(printed(`print f = geo_line_locate_point(${SHORT}, -73.965, 40.792)`).f as number, 0.25560135100307552, 1e-12);
  near(printed(`print f = geo_line_locate_point(${SHORT}, -73.98, 40.75)`).f as number, 1, 1e-12);
  // interpolate then locate round-trips.
  near(
    printed(
      `let p = geo_line_interpolate_point(${FIVE}, 0.6); print f = geo_line_locate_point(${FIVE}, todouble(p.coordinates[0]), todouble(p.coordinates[1]))`,
    ).f as number,
    0.6,
    1e-9,
  );
  assert.equal(
    printed("print b = isnull(geo_line_locate_point(dynamic({'type':'LineString','coordinates':[[1, 1]]}), 1, 1))").b,
    true,
  );
  // use_spheroid = true runs on the ellipsoid: see geoSpheroid.test.ts.
});

test('geo_closest_point_on_line: on an edge, at a vertex, across a MultiLineString', () => {
  const p = printed(
    "print p = geo_closest_point_on_line(0.5, 1, dynamic({'type':'LineString','coordinates':[[0, 0],[1, 0]]}))",
  ).p as Point;
  near(p.coordinates[0]!, 0.5, 1e-9);
  near(p.coordinates[1]!, 0, 1e-12);
  const v = printed(
    "print p = geo_closest_point_on_line(3, 1, dynamic({'type':'MultiLineString','coordinates':[[[0, 0],[1, 0]],[[2, 0],[2.5, 0]]]}))",
  ).p as Point;
  near(v.coordinates[0]!, 2.5, 1e-12);
  near(v.coordinates[1]!, 0, 1e-12);
  assert.equal(
    printed("print p = geo_closest_point_on_line(3, 91, dynamic({'type':'LineString','coordinates':[[0, 0],[1, 0]]}))")
      .p,
    null,
  );
});

test('geo_closest_point_on_polygon: the point itself inside; the nearest edge point outside; a hole counts as outside', () => {
  const holed =
    "dynamic({'type':'Polygon','coordinates':[[[0,0],[2,0],[2,2],[0,2],[0,0]],[[0.5,0.5],[0.5,1.5],[1.5,1.5],[1.5,0.5],[0.5,0.5]]]})";
  assert.deepEqual(
    (printed(`print p = geo_closest_point_on_polygon(0.25, 0.3, ${holed})`).p as Point).coordinates,
    [0.25, 0.3],
  );
  const east = printed(`print p = geo_closest_point_on_polygon(3, 1, ${holed})`).p as Point;
  near(east.coordinates[0]!, 2, 1e-12);
  near(east.coordinates[1]!, 1, 1e-3);
  const inHole = printed(`print p = geo_closest_point_on_polygon(1, 1.4, ${holed})`).p as Point;
  near(inHole.coordinates[1]!, 1.5, 1e-3);
  assert.equal(printed(`print p = geo_closest_point_on_polygon(1, 100, ${holed})`).p, null);
});
