// geo_azimuth, geo_angle and geo_geohash_neighbors: the Kusto reference's examples with the outputs it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printed } from './helpers';

function near(actual: unknown, expected: number): void {
  // The reference prints 15 significant digits.
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-13 * Math.abs(expected), `${actual}`);
}

test('geo_azimuth: the reference example, in radians and in degrees', () => {
  const r = printed('print r = geo_azimuth(5, 10, 10, -40), d = degrees(geo_azimuth(5, 10, 10, -40))');
  near(r.r, 3.05459939796449);
  near(r.d, 175.015653606568);
});

test('geo_azimuth: due north is 0, due east π/2 on the equator, equal points and bad coordinates null', () => {
  assert.equal(printed('print r = geo_azimuth(0, 0, 0, 10)').r, 0);
  near(printed('print r = geo_azimuth(0, 0, 10, 0)').r, Math.PI / 2);
  assert.equal(printed('print r = isnull(geo_azimuth(5, 10, 5, 10))').r, true);
  assert.equal(printed('print r = isnull(geo_azimuth(500, 10, 5, 10))').r, true);
});

test('geo_angle: the reference example, clockwise from [p1, p2] to [p2, p3]; equal points null', () => {
  const r = printed('print r = geo_angle(0, 10, 0, 5, 3, -10), d = degrees(geo_angle(0, 10, 0, 5, 3, -10))');
  near(r.r, 2.94493843406882);
  near(r.d, 168.732543198009);
  assert.equal(printed('print r = isnull(geo_angle(0, 10, 0, 10, 3, -10))').r, true);
});

test('geo_geohash_neighbors: the reference example, in its order; an invalid geohash gives null', () => {
  assert.deepEqual(printed("print r = geo_geohash_neighbors('sunny')").r, [
    'sunnt',
    'sunpj',
    'sunnx',
    'sunpn',
    'sunnv',
    'sunpp',
    'sunnz',
    'sunnw',
  ]);
  assert.equal(printed("print r = isnull(geo_geohash_neighbors('a'))").r, true);
});

test('geo_geohash_neighbors: each neighbour touches the cell; none past a pole, longitude wraps', () => {
  // 'b' is the cell at the north-west corner of the world's geohash grid (lon −180…−135, lat 45…90).
  const top = printed("print r = geo_geohash_neighbors('b')").r as string[];
  assert.equal(top.length, 5);
  assert.ok(top.includes('z'), 'the cell across the antimeridian');
  for (const n of printed("print r = geo_geohash_neighbors('sunny')").r as string[]) {
    const d = printed(`print d = geo_distance_2points(42.47314453125, 23.70849609375,
      todouble(geo_geohash_to_central_point('${n}').coordinates[0]), todouble(geo_geohash_to_central_point('${n}').coordinates[1]))`).d;
    assert.ok((d as number) < 7000, `${n} is ${d} m away`);
  }
});
