/** geo_union_lines_array and geo_union_polygons_array against the Kusto reference's examples. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNear, assertSameRing } from './geoShapeAssert';
import { printed } from './helpers';
import { P1, P2, P3 } from './manhattanPolygons';

type Shape = { type: string; coordinates: never };

const L1 =
  '{"type":"LineString","coordinates":[[-73.95683884620665,40.80502891480884],[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]}';
const L2 =
  '{"type":"LineString","coordinates":[[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311],[-73.95537436008453,40.804413741624515]]}';
const L3 =
  '{"type":"LineString","coordinates":[[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]}';

test('geo_union_lines_array: overlapping lines join into one line; an invalid line gives null', () => {
  const expected = [
    [-73.956838846206651, 40.805028914808844],
    [-73.95633727312088, 40.8057171711177],
    [-73.954891562461853, 40.80510200431312],
    [-73.955374360084534, 40.804413741624522],
  ];
  for (const q of [
    `datatable(lines:dynamic) [dynamic(${L1}), dynamic(${L2}), dynamic(${L3})] | summarize a = make_list(lines) | project r = geo_union_lines_array(a)`,
    `print r = geo_union_lines_array(pack_array(dynamic(${L1}), dynamic(${L2})))`,
  ]) {
    const r = printed(q).r as unknown as Shape;
    assert.equal(r.type, 'LineString');
    const cs = r.coordinates as number[][];
    assert.equal(cs.length, 4);
    cs.forEach((p, i) => assertNear(p, expected[i]!));
  }
  assert.equal(
    printed(
      `print r = isnull(geo_union_lines_array(pack_array(dynamic(${L1}), dynamic({"type":"LineString","coordinates":[[1, 1]]}))))`,
    ).r,
    true,
  );
  assert.equal(printed('print r = isnull(geo_union_lines_array(dynamic([])))').r, true);
});

test('geo_union_polygons_array: three Central Park polygons become one, their crossings to 1e-12°', () => {
  const r = printed(`print r = geo_union_polygons_array(pack_array(dynamic(${P1}), dynamic(${P2}), dynamic(${P3})))`)
    .r as unknown as Shape;
  assert.equal(r.type, 'Polygon');
  assertSameRing((r.coordinates as never[])[0]!, [
    [-73.972599326729608, 40.765330371902991],
    [-73.960302383706178, 40.782140794645024],
    [-73.9577, 40.7789],
    [-73.94622, 40.79249],
    [-73.9526593223173, 40.792584227716468],
    [-73.9495, 40.7969],
    [-73.95807, 40.80068],
    [-73.9639277517478, 40.792748258673875],
    [-73.96888, 40.792819999999992],
    [-73.9662719791645, 40.7895734224338],
    [-73.9803360309571, 40.770518810606404],
    [-73.9936, 40.7663],
    [-73.97171, 40.756550000000004],
    [-73.972599326729608, 40.765330371902991],
  ]);
  const two = printed(`print r = geo_union_polygons_array(pack_array(dynamic(${P1}), dynamic(${P2})))`)
    .r as unknown as Shape;
  assert.equal((two.coordinates as never[][])[0]!.length, 12);
  assert.equal(
    printed(
      `print r = isnull(geo_union_polygons_array(pack_array(dynamic(${P1}), dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249]]]}))))`,
    ).r,
    true,
  );
});

test('geo_union_polygons_array: apart polygons stay apart as a MultiPolygon, shells counterclockwise', () => {
  const r = printed(
    'print r = geo_union_polygons_array(dynamic([{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]},{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,6],[5,5]]]}]))',
  ).r as unknown as { type: string; coordinates: number[][][][] };
  assert.equal(r.type, 'MultiPolygon');
  for (const [shell] of r.coordinates) {
    let twice = 0;
    for (let i = 1; i < shell!.length; i++) {
      twice += shell![i - 1]![0]! * shell![i]![1]! - shell![i]![0]! * shell![i - 1]![1]!;
    }
    assert.ok(twice > 0, `shell ${JSON.stringify(shell)} runs clockwise`);
  }
});
