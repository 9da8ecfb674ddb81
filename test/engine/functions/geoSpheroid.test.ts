/** geo_line_locate_point with use_spheroid = true: lengths along geodesics of the WGS-84 ellipsoid. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Geodesic } from 'geographiclib-geodesic';
import { printed } from './helpers';

const g = Geodesic.WGS84;
const meters = (a: [number, number], b: [number, number]) => g.Inverse(a[1], a[0], b[1], b[0]).s12!;

test('use_spheroid = true: at a middle vertex, the first edge’s ellipsoidal share of the line', () => {
  const line = `dynamic({"type":"LineString","coordinates":[[0,0],[0,10],[10,10]]})`;
  const r = printed(
    `print e = geo_line_locate_point(${line}, 0, 10, true), s = geo_line_locate_point(${line}, 0, 10), d = geo_line_locate_point(${line}, 0, 10, false)`,
  );
  const first = meters([0, 0], [0, 10]);
  const expected = first / (first + meters([0, 10], [10, 10]));
  assert.ok(Math.abs((r.e as number) - expected) < 1e-12, `${r.e} against ${expected}`);
  // The sphere's answer differs (meridian degrees are longer than the sphere's near the poles only).
  assert.ok(Math.abs((r.e as number) - (r.s as number)) > 1e-4);
  assert.equal(r.s, r.d);
});

test('use_spheroid = true: the reference example lands near the sphere’s answer, at the foot of the perpendicular', () => {
  const line = `dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]})`;
  const r = printed(
    `print e = geo_line_locate_point(${line}, -73.965, 40.792, true), s = geo_line_locate_point(${line}, -73.965, 40.792)`,
  );
  assert.ok(Math.abs((r.s as number) - 0.25560135100307552) < 1e-13);
  const e = r.e as number;
  assert.ok(Math.abs(e - 0.2556) < 0.002, String(e));
  // Nearer the point than the positions a meter either way along the edge.
  const edge = g.InverseLine(40.80042, -73.95796, 40.764486, -73.97317);
  const from = (s: number) => {
    const x = edge.Position(s);
    return g.Inverse(40.792, -73.965, x.lat2!, x.lon2!).s12!;
  };
  const at = e * edge.s13;
  assert.ok(from(at) <= from(at - 1) && from(at) <= from(at + 1));
});

test('use_spheroid: null gives null; a non-constant flag is read per row', () => {
  const line = `dynamic({"type":"LineString","coordinates":[[0,0],[0,10],[10,10]]})`;
  assert.equal(printed(`print e = geo_line_locate_point(${line}, 0, 10, bool(null))`).e, null);
  const r = printed(
    `print a = toscalar(range i from 0 to 1 step 1 | extend f = geo_line_locate_point(${line}, 0, 10, i == 1) | summarize make_list(f))`,
  );
  const [sphere, spheroid] = r.a as number[];
  assert.ok(Math.abs(sphere! - spheroid!) > 1e-4);
});

test('geo_distance_2points with use_spheroid = true: the WGS-84 distance, not the sphere’s', () => {
  const r = printed(
    'print s = geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056), e = geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056, true), f = geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056, false), bad = isnull(geo_distance_2points(300, 1, 1, 1, true))',
  );
  assert.ok(Math.abs((r.s as number) - 1546754.35197381) < 1e-6);
  assert.equal(r.f, r.s);
  const expected = meters([-122.407628, 47.578557], [-118.275287, 34.019056]);
  assert.ok(Math.abs((r.e as number) - expected) < 1e-6, `${r.e} against ${expected}`);
  assert.ok(Math.abs((r.e as number) - (r.s as number)) > 100, 'the spheroid distance is the sphere’s');
  assert.equal(r.bad, true);
});
