// @ownProcess: this checks what a process that has loaded nothing else loads (scripts/test-plan.mjs).
/**
 * GeographicLib is loaded by the first query that measures on the spheroid, and by nothing before it
 * (this file runs in a process of its own, so no other test has loaded it).
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { geodesicLibraryLoaded } from '../../../src/engine/functions/geodesicLibrary';
import { printed } from './helpers';

test('GeographicLib is loaded on the first use_spheroid = true, not before', () => {
  const line = `dynamic({"type":"LineString","coordinates":[[0,0],[0,10]]})`;
  assert.equal(geodesicLibraryLoaded(), false);
  printed(`print a = geo_line_locate_point(${line}, 0, 5), b = geo_line_locate_point(${line}, 0, 5, false)`);
  assert.equal(geodesicLibraryLoaded(), false, 'a sphere measurement loaded the library');
  printed(`print a = geo_line_locate_point(${line}, 0, 5, true)`);
  assert.equal(geodesicLibraryLoaded(), true);
});
