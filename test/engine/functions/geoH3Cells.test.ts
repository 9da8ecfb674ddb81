/** The H3 cell functions, against the Kusto reference's own examples. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { printed } from './helpers';

test('geo_point_to_h3cell: the reference example; default resolution 6; invalid input is empty', () => {
  assert.equal(
    printed('print h = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6)').h,
    '862a1072fffffff',
  );
  assert.equal(printed('print h = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974)').h, '862a1072fffffff');
  assert.equal(printed('print h = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 16)').h, '');
  assert.equal(printed('print h = geo_point_to_h3cell(200, 40, 6)').h, '');
});

test('geo_h3cell_to_central_point: the reference example to the digits it prints, null for "1"', () => {
  const p = printed('print p = geo_h3cell_to_central_point("862a1072fffffff")').p as { coordinates: number[] };
  assert.equal(Number(p.coordinates[0]!.toPrecision(15)), -74.0160084797924);
  assert.equal(Number(p.coordinates[1]!.toPrecision(15)), 40.7041679083504);
  assert.equal(printed('print p = geo_h3cell_to_central_point("1")').p, null);
});

test('geo_h3cell_to_polygon: the reference hexagon, longitude first, closed', () => {
  const p = printed('print p = geo_h3cell_to_polygon("862a1072fffffff")').p as {
    type: string;
    coordinates: number[][][];
  };
  assert.equal(p.type, 'Polygon');
  const expected = [
    [-74.0022744646159, 40.735376026215022],
    [-74.046908029686236, 40.727986222489115],
    [-74.060610712223664, 40.696775140349033],
    [-74.029724408156682, 40.672970047595463],
    [-73.985140983708192, 40.680349049267583],
    [-73.971393761028622, 40.711543935439333],
    [-74.0022744646159, 40.735376026215022],
  ];
  assert.equal(p.coordinates[0]!.length, expected.length);
  p.coordinates[0]!.forEach((c, i) => {
    assert.ok(Math.abs(c[0]! - expected[i]![0]!) < 1e-12 && Math.abs(c[1]! - expected[i]![1]!) < 1e-12, `vertex ${i}`);
  });
});

test('geo_h3cell_neighbors and geo_h3cell_rings: the reference lists, in its order', () => {
  assert.deepEqual(printed("print n = geo_h3cell_neighbors('862a1072fffffff')").n, [
    '862a10727ffffff',
    '862a10707ffffff',
    '862a1070fffffff',
    '862a10777ffffff',
    '862a100dfffffff',
    '862a100d7ffffff',
  ]);
  assert.deepEqual(printed("print r = geo_h3cell_rings('861f8894fffffff', 2)").r, [
    ['861f8894fffffff'],
    ['861f88947ffffff', '861f8895fffffff', '861f88867ffffff', '861f8d497ffffff', '861f8d4b7ffffff', '861f8896fffffff'],
    [
      '861f88967ffffff',
      '861f88977ffffff',
      '861f88957ffffff',
      '861f8882fffffff',
      '861f88877ffffff',
      '861f88847ffffff',
      '861f8886fffffff',
      '861f8d49fffffff',
      '861f8d487ffffff',
      '861f8d4a7ffffff',
      '861f8d59fffffff',
      '861f8d597ffffff',
    ],
  ]);
  assert.equal(printed("print r = geo_h3cell_rings('861f8894fffffff', 143)").r, null);
  assert.equal(printed("print n = geo_h3cell_neighbors('abc')").n, null);
});

test('geo_h3cell_parent, geo_h3cell_children, geo_h3cell_level: the reference examples and their limits', () => {
  assert.equal(printed("print p = geo_h3cell_parent('862a1072fffffff')").p, '852a1073fffffff');
  assert.equal(printed("print p = geo_h3cell_parent('862a1072fffffff', 7)").p, '');
  assert.equal(printed("print l = geo_h3cell_level('862a1072fffffff')").l, 6);
  assert.equal(printed("print l = geo_h3cell_level('abc')").l, null);
  assert.deepEqual(printed("print c = geo_h3cell_children('862a1072fffffff')").c, [
    '872a10728ffffff',
    '872a10729ffffff',
    '872a1072affffff',
    '872a1072bffffff',
    '872a1072cffffff',
    '872a1072dffffff',
    '872a1072effffff',
  ]);
  assert.equal(
    printed(
      "let h3_cell = '862a1072fffffff'; print n = array_length(geo_h3cell_children(h3_cell, geo_h3cell_level(h3_cell) + 3))",
    ).n,
    343,
  );
  assert.equal(printed("print b = isnull(geo_h3cell_children('862a1072fffffff', 12))").b, true);
  assert.equal(printed("print b = isnull(geo_h3cell_children('abc'))").b, true);
});
