/**
 * The H3 cell functions (hexagons of Uber's H3 grid), computed by the H3 library itself, loaded on the
 * first call (h3Library.ts). The reference's examples come out to every digit it prints: '862a1072fffffff'
 * for its point at resolution 6, that cell's centre and hexagon, its neighbours and its parent, children
 * and rings in the order it lists them. Invalid input gives null (the empty string where the result is
 * a string), as the reference says, never an error.
 */

import { recordOf } from '../../results/jsonData';
import { type DynamicValue, realInDynamic, type Value } from '../values';
import { num, scalar } from './define';
import { validPoint } from './geoFunctions';
import { h3 } from './h3Library';
import type { ScalarFunction } from './types';

const DEFAULT_RESOLUTION = 6;
const MAX_RESOLUTION = 15;
/** The reference: a cell's children may be at most 5 levels below it (7^5 = 16,807 of them). */
const MAX_CHILD_LEVELS = 5;
const MAX_RING_DISTANCE = 142;

/** The argument as an H3 cell token the library accepts, or undefined. */
function cellOf(v: Value | undefined): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 16 && h3().isValidCell(v) ? v : undefined;
}

/** An optional whole-number argument: its value, `fallback` when absent, or undefined when not a whole number. */
function wholeArg(args: readonly Value[], i: number, fallback: number): number | undefined {
  if (args.length <= i) {
    return fallback;
  }
  const n = num(args[i] ?? null);
  return n !== null && Number.isInteger(n) ? n : undefined;
}

function point(longitude: number, latitude: number): DynamicValue {
  return recordOf<DynamicValue>({ type: 'Point', coordinates: [realInDynamic(longitude), realInDynamic(latitude)] });
}

export const geoH3Cells: ScalarFunction[] = [
  scalar('geo_point_to_h3cell', () => (args) => {
    const longitude = num(args[0] ?? null);
    const latitude = num(args[1] ?? null);
    const resolution = wholeArg(args, 2, DEFAULT_RESOLUTION);
    if (!validPoint(longitude, latitude) || resolution === undefined || resolution < 0 || resolution > MAX_RESOLUTION) {
      return '';
    }
    return h3().latLngToCell(latitude!, longitude!, resolution);
  }),

  scalar('geo_h3cell_to_central_point', () => (args) => {
    const cell = cellOf(args[0]);
    if (!cell) {
      return null;
    }
    const [latitude, longitude] = h3().cellToLatLng(cell);
    return point(longitude, latitude);
  }),

  scalar('geo_h3cell_to_polygon', () => (args) => {
    const cell = cellOf(args[0]);
    // GeoJSON order: longitude first, the ring counter-clockwise and closed, as the reference prints it.
    return cell
      ? recordOf<DynamicValue>({
          type: 'Polygon',
          coordinates: [
            h3()
              .cellToBoundary(cell, true)
              .map(([x, y]) => [realInDynamic(x!), realInDynamic(y!)]),
          ],
        })
      : null;
  }),

  scalar('geo_h3cell_level', () => (args) => {
    const cell = cellOf(args[0]);
    return cell ? h3().getResolution(cell) : null;
  }),

  scalar('geo_h3cell_parent', () => (args) => {
    const cell = cellOf(args[0]);
    if (!cell) {
      return '';
    }
    const level = h3().getResolution(cell);
    const resolution = wholeArg(args, 1, level - 1);
    if (resolution === undefined || resolution < 0 || resolution > level) {
      return '';
    }
    return h3().cellToParent(cell, resolution);
  }),

  scalar('geo_h3cell_children', () => (args) => {
    const cell = cellOf(args[0]);
    if (!cell) {
      return null;
    }
    const level = h3().getResolution(cell);
    const resolution = wholeArg(args, 1, level + 1);
    if (
      resolution === undefined ||
      resolution < level ||
      resolution > MAX_RESOLUTION ||
      resolution - level > MAX_CHILD_LEVELS
    ) {
      return null;
    }
    return h3().cellToChildren(cell, resolution);
  }),

  scalar('geo_h3cell_neighbors', () => (args) => {
    const cell = cellOf(args[0]);
    // The disk of radius 1 in the library's order, less the cell itself (a pentagon has five).
    return cell
      ? h3()
          .gridDisk(cell, 1)
          .filter((c) => c !== cell)
      : null;
  }),

  scalar('geo_h3cell_rings', () => (args) => {
    const cell = cellOf(args[0]);
    const distance = wholeArg(args, 1, Number.NaN);
    if (!cell || distance === undefined || !(distance >= 0 && distance <= MAX_RING_DISTANCE)) {
      return null;
    }
    return h3().gridDiskDistances(cell, distance);
  }),
];
