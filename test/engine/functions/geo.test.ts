/** The geospatial functions, against the Kusto reference's own examples. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed, rows } from './helpers';

test('geo_distance_2points: Seattle to Los Angeles as the reference prints it', () => {
  const r = printed('print d = geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056)');
  assert.equal(Number((r.d as number).toPrecision(15)), 1546754.35197381);
});

test('geo_distance_2points: an invalid coordinate gives null, not a number', () => {
  assert.equal(printed('print d = geo_distance_2points(300, 1, 1, 1)').d, null);
  assert.equal(printed('print d = geo_distance_2points(1, 91, 1, 1)').d, null);
  assert.equal(printed('print d = geo_distance_2points(real(null), 1, 1, 1)').d, null);
});

test('geo_distance_2points: a point is 0 m from itself and antipodes are half the sphere apart', () => {
  assert.equal(printed('print d = geo_distance_2points(10, 20, 10, 20)').d, 0);
  const half = printed('print d = geo_distance_2points(0, 0, 180, 0)').d as number;
  assert.ok(Math.abs(half - Math.PI * 6_371_010) < 1e-6);
});

test('geo_point_in_circle: inside, outside, and invalid input', () => {
  // Seattle is about 1,546.75 km from Los Angeles.
  assert.equal(
    printed('print b = geo_point_in_circle(-122.407628, 47.578557, -118.275287, 34.019056, 1547000)').b,
    true,
  );
  assert.equal(
    printed('print b = geo_point_in_circle(-122.407628, 47.578557, -118.275287, 34.019056, 1546000)').b,
    false,
  );
  assert.equal(printed('print b = geo_point_in_circle(200, 0, 0, 0, 10)').b, null);
});

test('geo_point_to_geohash: default accuracy 5, explicit accuracy, invalid input is empty', () => {
  // The reference's central-point example: "sunny" is the 5-character cell around (42.473, 23.708).
  assert.equal(printed('print h = geo_point_to_geohash(42.47314453125, 23.70849609375)').h, 'sunny');
  assert.equal(printed('print h = geo_point_to_geohash(42.47314453125, 23.70849609375, 3)').h, 'sun');
  assert.equal(printed('print h = geo_point_to_geohash(-122.4261475, 37.77374268, 12)').h, '9q8yyhebpbpb');
  assert.equal(printed('print h = geo_point_to_geohash(200, 0)').h, '');
  assert.equal(printed('print h = geo_point_to_geohash(0, 0, 19)').h, '');
});

test('geo_geohash_to_central_point: the reference example, and null for an invalid geohash', () => {
  const r = rows(
    'print point = geo_geohash_to_central_point("sunny") | extend lon = todouble(point.coordinates[0]), lat = todouble(point.coordinates[1])',
  );
  assert.deepEqual(r[0]![0], { type: 'Point', coordinates: [42.47314453125, 23.70849609375] });
  assert.deepEqual(r[0]!.slice(1), [42.47314453125, 23.70849609375]);
  assert.equal(printed('print p = geo_geohash_to_central_point("a")').p, null);
  assert.equal(printed('print p = geo_geohash_to_central_point("")').p, null);
});

test('geo_geohash_to_polygon: a closed ring around the cell that holds its central point', () => {
  const poly = printed('print p = geo_geohash_to_polygon("sunny")').p as { type: string; coordinates: number[][][] };
  assert.equal(poly.type, 'Polygon');
  const ring = poly.coordinates[0]!;
  assert.equal(ring.length, 5);
  assert.deepEqual(ring[0], ring[4]);
  const lons = ring.map((p) => p[0]!),
    lats = ring.map((p) => p[1]!);
  assert.ok(Math.min(...lons) < 42.47314453125 && 42.47314453125 < Math.max(...lons));
  assert.ok(Math.min(...lats) < 23.70849609375 && 23.70849609375 < Math.max(...lats));
});

test('regex_quote: escapes RE2 metacharacters so the text matches itself', () => {
  assert.equal(printed('print q = regex_quote("(so$me.Te^xt)")').q, '\\(so\\$me\\.Te\\^xt\\)');
  assert.equal(
    printed('print m = "a.b*c" matches regex regex_quote("a.b*c"), n = "axbbc" matches regex regex_quote("a.b*c")').m,
    true,
  );
  assert.equal(printed('print n = "axbbc" matches regex regex_quote("a.b*c")').n, false);
  assert.equal(printed('print q = regex_quote("naïve_1")').q, 'naïve_1');
});
