/** Centroids of lines and polygons on Earth, against the Kusto reference's examples. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed } from './helpers';

type Point = { type: string; coordinates: number[] };

function near(actual: number, expected: number, tolerance: number): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);
}

test('geo_line_centroid: the reference examples to the digits it prints', () => {
  const c = printed(
    "print c = geo_line_centroid(dynamic({'type':'LineString','coordinates':[[-73.95796, 40.80042], [-73.97317, 40.764486]]}))",
  ).c as Point;
  assert.equal(c.type, 'Point');
  near(c.coordinates[0]!, -73.965567057230942, 1e-12);
  near(c.coordinates[1]!, 40.782453249627416, 1e-12);
  const lng = printed(
    "print c = geo_line_centroid(dynamic({'type':'LineString','coordinates':[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]})) | project lng = todouble(c.coordinates[0])",
  ).lng as number;
  near(lng, -73.9660675626837, 1e-12);
  assert.equal(printed("print c = geo_line_centroid(dynamic({'type':'LineString','coordinates':[[1, 1]]}))").c, null);
});

test("geo_polygon_centroid: the reference's Central Park example to the digits it prints", () => {
  const c = printed(
    "print c = geo_polygon_centroid(dynamic({'type':'Polygon','coordinates':[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]}))",
  ).c as Point;
  near(c.coordinates[0]!, -73.965735689907618, 1e-12);
  near(c.coordinates[1]!, 40.782550538057723, 1e-12);
});

test("geo_polygon_centroid of a MultiPolygon is its parts' union's (the reference's example)", () => {
  // Central Park and a quadrilateral overlapping it: the reference prints [-73.968569587829577, 40.776310752555119];
  // the union's new vertices come from the gnomonic plane, so the digits agree to ~1e-11°.
  const c = printed(
    "print c = geo_polygon_centroid(dynamic({'type':'MultiPolygon','coordinates':[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]}))",
  ).c as Point;
  near(c.coordinates[0]!, -73.968569587829577, 1e-10);
  near(c.coordinates[1]!, 40.776310752555119, 1e-10);
  // A part repeated counts once: the square's own centroid.
  const twice = printed(
    "print c = geo_polygon_centroid(dynamic({'type':'MultiPolygon','coordinates':[[[[0,0],[2,0],[2,1],[0,1],[0,0]]],[[[0,0],[2,0],[2,1],[0,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,1],[0,0]]]]}))",
  ).c as Point;
  const once = printed(
    "print c = geo_polygon_centroid(dynamic({'type':'Polygon','coordinates':[[[0,0],[2,0],[2,1],[0,1],[0,0]]]}))",
  ).c as Point;
  near(twice.coordinates[0]!, once.coordinates[0]!, 1e-9);
  near(twice.coordinates[1]!, once.coordinates[1]!, 1e-9);
});

test('geo_polygon_centroid: a square centred on the equator, either way round; a hole shifts it; invalid is null', () => {
  const square = "dynamic({'type':'Polygon','coordinates':[[[-1,-1],[1,-1],[1,1],[-1,1],[-1,-1]]]})";
  const c = printed(`print c = geo_polygon_centroid(${square})`).c as Point;
  near(c.coordinates[0]!, 0, 1e-12);
  near(c.coordinates[1]!, 0, 1e-12);
  const clockwise = printed(
    "print c = geo_polygon_centroid(dynamic({'type':'Polygon','coordinates':[[[10,10],[10,12],[12,12],[12,10],[10,10]]]}))",
  ).c as Point;
  near(clockwise.coordinates[0]!, 11, 1e-9);
  assert.ok(clockwise.coordinates[1]! > 11 && clockwise.coordinates[1]! < 11.01, String(clockwise.coordinates[1]));
  // A hole in the east half moves the centroid west.
  const holed = printed(
    "print c = geo_polygon_centroid(dynamic({'type':'Polygon','coordinates':[[[-1,-1],[1,-1],[1,1],[-1,1],[-1,-1]],[[0.2,-0.5],[0.2,0.5],[0.8,0.5],[0.8,-0.5],[0.2,-0.5]]]}))",
  ).c as Point;
  assert.ok(holed.coordinates[0]! < -0.05, String(holed.coordinates[0]));
  near(holed.coordinates[1]!, 0, 1e-9);
  assert.equal(
    printed("print c = geo_polygon_centroid(dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[0,0]]]}))").c,
    null,
  );
});
