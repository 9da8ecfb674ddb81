/** Lines and polygons on Earth, against the Kusto reference's own examples. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { printed, rows } from './helpers';

/** Equal to `digits` significant digits, as the reference prints them. */
function near(actual: unknown, expected: number, relative = 1e-11): void {
  assert.equal(typeof actual, 'number');
  assert.ok(Math.abs((actual as number) - expected) <= Math.abs(expected) * relative, `${actual} vs ${expected}`);
}

const MIDTOWN =
  "dynamic({'type':'Polygon','coordinates':[[[-74.02,40.70],[-73.93,40.70],[-73.93,40.80],[-74.02,40.80],[-74.02,40.70]]]})";
const CENTRAL_PARK =
  "dynamic({'type':'Polygon','coordinates':[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]})";

test('geo_line_length: the reference LineString and MultiLineString; one position is invalid', () => {
  near(
    printed(
      "print l = geo_line_length(dynamic({'type':'LineString','coordinates':[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334]]}))",
    ).l,
    4922.48016992081,
  );
  near(
    printed(
      "print l = geo_line_length(dynamic({'type':'MultiLineString','coordinates':[[[-73.95798683166502,40.800556090021466],[-73.98193359375,40.76819171855746]],[[-73.94940376281738,40.79691751000055],[-73.97317886352539,40.76435634049001]]]}))",
    ).l,
    8262.24339753741,
  );
  assert.equal(
    printed("print b = isnull(geo_line_length(dynamic({'type':'LineString','coordinates':[[1, 1]]})))").b,
    true,
  );
});

test('geo_distance_point_to_line: North Las Vegas airport to the road, as the reference prints it', () => {
  near(
    printed(
      "print d = geo_distance_point_to_line(-115.199625, 36.210419, dynamic({ 'type':'LineString','coordinates':[[-115.115385,36.229195],[-115.136995,36.200366],[-115.140252,36.192470],[-115.143558,36.188523],[-115.144076,36.181954],[-115.154662,36.174483],[-115.166431,36.176388],[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439],[-115.225355,36.174365]]}))",
    ).d,
    3797.88887253334,
  );
  // A point on the line's great circle but past its end is as far as that end.
  const r = printed(
    "print d = geo_distance_point_to_line(0, 0, dynamic({'type':'LineString','coordinates':[[1, 0],[2, 0]]})), e = geo_distance_2points(0, 0, 1, 0)",
  );
  near(r.d, r.e as number, 1e-12);
  assert.equal(
    printed(
      "print d = geo_distance_point_to_line(200, 0, dynamic({'type':'LineString','coordinates':[[1, 0],[2, 0]]}))",
    ).d,
    null,
  );
  assert.equal(
    printed("print d = geo_distance_point_to_line(0, 0, dynamic({'type':'Point','coordinates':[1, 0]}))").d,
    null,
  );
});

test('geo_point_in_polygon: inside, outside, in a hole, over a whole table; invalid polygons give null', () => {
  const r = rows(
    `datatable(longitude:real, latitude:real, description:string)[-73.985654, 40.748487, 'Empire State Building', -73.874367, 40.777356, 'LaGuardia Airport'] | where geo_point_in_polygon(longitude, latitude, ${MIDTOWN}) | project description`,
  );
  assert.deepEqual(r, [['Empire State Building']]);
  const holed =
    "dynamic({'type':'Polygon','coordinates':[[[-74.02,40.70],[-73.93,40.70],[-73.93,40.80],[-74.02,40.80],[-74.02,40.70]],[[-73.99,40.74],[-73.99,40.76],[-73.98,40.76],[-73.98,40.74],[-73.99,40.74]]]})";
  assert.equal(printed(`print b = geo_point_in_polygon(-73.985654, 40.748487, ${holed})`).b, false);
  assert.equal(printed(`print b = geo_point_in_polygon(-73.95, 40.72, ${holed})`).b, true);
  const multi =
    "dynamic({'type':'MultiPolygon','coordinates':[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]})";
  assert.equal(printed(`print b = geo_point_in_polygon(10.5, 10.5, ${multi})`).b, true);
  assert.equal(printed(`print b = geo_point_in_polygon(5, 5, ${multi})`).b, false);
  // Not closed, and too few positions.
  assert.equal(
    printed(
      "print b = geo_point_in_polygon(0.5, 0.5, dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1]]]}))",
    ).b,
    null,
  );
  assert.equal(
    printed("print b = geo_point_in_polygon(0.5, 0.5, dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[0,0]]]}))")
      .b,
    null,
  );
  assert.equal(printed(`print b = geo_point_in_polygon(0.5, 95, ${multi})`).b, null);
});

test('geo_point_in_polygon: a ring is the smaller region it bounds, whichever way it runs; a polygon may straddle ±180°', () => {
  const clockwise = "dynamic({'type':'Polygon','coordinates':[[[0,0],[0,1],[1,1],[1,0],[0,0]]]})";
  assert.equal(printed(`print b = geo_point_in_polygon(0.5, 0.5, ${clockwise})`).b, true);
  assert.equal(printed(`print b = geo_point_in_polygon(-100, -40, ${clockwise})`).b, false);
  const dateline = "dynamic({'type':'Polygon','coordinates':[[[179,-1],[-179,-1],[-179,1],[179,1],[179,-1]]]})";
  assert.equal(printed(`print b = geo_point_in_polygon(180, 0, ${dateline})`).b, true);
  assert.equal(printed(`print b = geo_point_in_polygon(0, 0, ${dateline})`).b, false);
});

test('geo_polygon_area and geo_polygon_perimeter: Central Park; holes come off; invalid is null', () => {
  // The reference prints 3475207.28346606 m² for this polygon: the same to nine digits (S2 sums the
  // triangles another way).
  near(printed(`print a = geo_polygon_area(${CENTRAL_PARK})`).a, 3475207.28346606, 1e-8);
  // A 1° × 1° square at the equator, either way round.
  const a1 = printed(
    "print a = geo_polygon_area(dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}))",
  ).a as number;
  const a2 = printed(
    "print a = geo_polygon_area(dynamic({'type':'Polygon','coordinates':[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}))",
  ).a as number;
  near(a1, a2, 1e-12);
  near(a1, 12364036567.09, 1e-9);
  const holed =
    "dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.25,0.25],[0.25,0.75],[0.75,0.75],[0.75,0.25],[0.25,0.25]]]})";
  const withHole = printed(`print a = geo_polygon_area(${holed})`).a as number;
  assert.ok(withHole > a1 * 0.74 && withHole < a1 * 0.76, String(withHole));
  // The perimeter: four edges of the square, each about 111.2 km.
  const p = printed(
    "print p = geo_polygon_perimeter(dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}))",
  ).p as number;
  near(p, 4 * ((Math.PI / 180) * 6_371_010), 1e-4);
  assert.equal(
    printed("print a = geo_polygon_area(dynamic({'type':'LineString','coordinates':[[0,0],[1,1]]}))").a,
    null,
  );
  assert.equal(
    printed("print p = geo_polygon_perimeter(dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[1,1],[0,1]]]}))").p,
    null,
  );
});

/** The reference's MultiPolygon: Central Park and a quadrilateral overlapping its southern half. */
const PARK_AND_OVERLAP =
  "dynamic({'type':'MultiPolygon','coordinates':[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]})";

test("geo_polygon_area and geo_polygon_perimeter of a MultiPolygon measure its parts' union (the reference's examples)", () => {
  // The parts overlap: added up they gave 12875071.57 m²; the reference prints the union's 10889971.5343487.
  near(printed(`print a = geo_polygon_area(${PARK_AND_OVERLAP})`).a, 10889971.5343487, 1e-8);
  near(printed(`print p = geo_polygon_perimeter(${PARK_AND_OVERLAP})`).p, 15943.5384578745);
  // Per row (not a constant argument) the same.
  const perRow = rows(
    `datatable(s:dynamic)[${PARK_AND_OVERLAP}] | project a = geo_polygon_area(s), p = geo_polygon_perimeter(s)`,
  );
  near(perRow[0]![0], 10889971.5343487, 1e-8);
  near(perRow[0]![1], 15943.5384578745);
});

test('a MultiPolygon measured as a union: disjoint parts add up, a repeated or contained part counts once, invalid is null', () => {
  const square = '[[[0,0],[1,0],[1,1],[0,1],[0,0]]]';
  const far = '[[[10,10],[11,10],[11,11],[10,11],[10,10]]]';
  const inner = '[[[0.25,0.25],[0.75,0.25],[0.75,0.75],[0.25,0.75],[0.25,0.25]]]';
  const area = (parts: string[]) =>
    printed(`print a = geo_polygon_area(dynamic({'type':'MultiPolygon','coordinates':[${parts.join(',')}]}))`).a;
  const perimeter = (parts: string[]) =>
    printed(`print p = geo_polygon_perimeter(dynamic({'type':'MultiPolygon','coordinates':[${parts.join(',')}]}))`).p;
  const one = area([square]) as number;
  near(area([square, far]), one + (area([far]) as number), 1e-9);
  near(area([square, square]), one, 1e-9);
  near(area([square, inner]), one, 1e-9);
  near(perimeter([square, square]), perimeter([square]) as number, 1e-9);
  near(perimeter([square, far]), (perimeter([square]) as number) + (perimeter([far]) as number), 1e-9);
  // Squares sharing an edge: one rectangle, the shared edge no longer on the boundary.
  const beside = '[[[1,0],[2,0],[2,1],[1,1],[1,0]]]';
  const rectangle = "dynamic({'type':'Polygon','coordinates':[[[0,0],[1,0],[2,0],[2,1],[1,1],[0,1],[0,0]]]})";
  near(perimeter([square, beside]), printed(`print p = geo_polygon_perimeter(${rectangle})`).p as number, 1e-9);
  near(area([square, beside]), printed(`print a = geo_polygon_area(${rectangle})`).a as number, 1e-9);
  // Parts too far apart for the planar union (85° from their centre) are measured one by one, not null.
  const antipodal = '[[[170,0],[171,0],[171,1],[170,1],[170,0]]]';
  near(area([square, antipodal]), 2 * one, 1e-6);
  assert.equal(area([square, '[[[0,0],[1,0],[1,1],[0,1]]]']), null);
});

test('geo_distance_point_to_polygon: 0 inside, to the nearest edge outside', () => {
  assert.equal(printed(`print d = geo_distance_point_to_polygon(-73.985654, 40.748487, ${MIDTOWN})`).d, 0);
  // LaGuardia is east of the square's east edge (-73.93) at a latitude inside it.
  const r = printed(
    `print d = geo_distance_point_to_polygon(-73.874367, 40.777356, ${MIDTOWN}), e = geo_distance_2points(-73.874367, 40.777356, -73.93, 40.777356)`,
  );
  near(r.d, r.e as number, 1e-4);
  assert.equal(printed(`print d = geo_distance_point_to_polygon(-73.9, 91, ${MIDTOWN})`).d, null);
});
