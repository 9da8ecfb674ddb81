/**
 * Lines on Earth: a LineString's or MultiLineString's length, and the shortest distance from a point to
 * one. Edges are great-circle arcs on Kusto's sphere: the reference's examples (4922.48016992081 m,
 * 8262.24339753741 m, 3797.88887253334 m) come out to eleven digits or more. A line given as a constant
 * is read once per call site.
 */
import type { Value } from '../values';
import { num, scalar } from './define';
import { validPoint } from './geoFunctions';
import { linesOf } from './geoShapes';
import { angleToChain, chainLength, EARTH_RADIUS_METERS, type Vec, vecOf } from './sphereGeometry';
import type { ScalarFunction } from './types';

function linesArg(
  constArgs: readonly (Value | undefined)[],
  i: number,
): (args: readonly Value[]) => Vec[][] | undefined {
  const constant = constArgs[i];
  if (constant !== undefined) {
    const parsed = linesOf(constant);
    return () => parsed;
  }
  return (args) => linesOf(args[i] ?? null);
}

export const geoLines: ScalarFunction[] = [
  scalar('geo_line_length', (_types, _result, _ctx, constArgs) => {
    const lines = linesArg(constArgs, 0);
    return (args) => {
      const shapes = lines(args);
      return shapes ? shapes.reduce((sum, line) => sum + chainLength(line), 0) * EARTH_RADIUS_METERS : null;
    };
  }),

  scalar('geo_distance_point_to_line', (_types, _result, _ctx, constArgs) => {
    const lines = linesArg(constArgs, 2);
    return (args) => {
      const longitude = num(args[0] ?? null);
      const latitude = num(args[1] ?? null);
      const shapes = lines(args);
      if (!validPoint(longitude, latitude) || !shapes) {
        return null;
      }
      const p = vecOf(longitude!, latitude!);
      return Math.min(...shapes.map((line) => angleToChain(p, line))) * EARTH_RADIUS_METERS;
    };
  }),
];
