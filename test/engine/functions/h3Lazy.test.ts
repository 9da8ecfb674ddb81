// @ownProcess: this checks what a process that has loaded nothing else loads (scripts/test-plan.mjs).
/**
 * The H3 library is loaded by the first query that calls an H3 function, and by nothing before it:
 * not by loading the engine and its function table, not by other geo functions (this file runs in a
 * process of its own, so no other test has loaded it).
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { h3Loaded } from '../../../src/engine/functions/h3Library';
import { printed } from './helpers';

test('H3 is loaded on the first H3 call, not before', () => {
  assert.equal(h3Loaded(), false);
  printed(
    'print s = geo_point_to_s2cell(-122.3, 47.6), d = geo_distance_2points(0, 0, 1, 1), g = geo_point_to_geohash(1, 1)',
  );
  assert.equal(h3Loaded(), false, 'a query without H3 functions loaded the library');
  assert.equal(printed('print h = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974)').h, '862a1072fffffff');
  assert.equal(h3Loaded(), true);
});
