// @ownProcess: this checks what a process that has loaded nothing else loads (scripts/test-plan.mjs).
/**
 * JTS (geometryLibrary.ts) is loaded by the first query that clips, unions or buffers a line or
 * polygon, and by nothing before it: not by the engine's function table, nor by the geo functions
 * that need no planar geometry (this file runs in a process of its own).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { geometryLibraryLoaded } from '../../../src/engine/functions/geometryLibrary';
import { printed } from './helpers';

test('the geometry library is loaded on the first clipping call, not before', () => {
  assert.equal(geometryLibraryLoaded(), false);
  printed(`print a = geo_point_buffer(1, 1, 100), b = geo_from_wkt("POINT (1 2)"), c = geo_distance_2points(0, 0, 1, 1),
    d = geo_line_simplify(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}))`);
  assert.equal(geometryLibraryLoaded(), false, 'a query without clipping loaded the library');
  printed('print r = geo_union_lines_array(dynamic([{"type":"LineString","coordinates":[[0,0],[1,1]]}]))');
  assert.equal(geometryLibraryLoaded(), true);
});
