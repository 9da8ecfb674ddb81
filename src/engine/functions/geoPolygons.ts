/**
 * Polygons on Earth: a point in a polygon, the distance from a point to one, a polygon's area and
 * perimeter. Edges are great-circle arcs on Kusto's sphere and a ring stands for the smaller region it
 * bounds, as the reference defines them; holes are taken out of their shell, and a MultiPolygon's area
 * and perimeter are those of the union of its parts (geoUnions.ts), as the reference takes them. A
 * polygon given as a constant is read once per call site, not once per row.
 */
import type { Value } from '../values';
import { num, scalar } from './define';
import { validPoint } from './geoFunctions';
import { type Polygon, polygonsOf } from './geoShapes';
import {
  angleToChain,
  chainLength,
  EARTH_RADIUS_METERS,
  ringArea,
  ringContains,
  type Vec,
  vecOf,
} from './sphereGeometry';
import type { ScalarFunction } from './types';
import { unitedPolygonsOf } from './geoUnions';

/** The polygons of argument `i`: read once when it is a constant, else per row. */
function polygonsArg(
  constArgs: readonly (Value | undefined)[],
  i: number,
  read: (v: Value) => Polygon[] | undefined = polygonsOf,
): (args: readonly Value[]) => Polygon[] | undefined {
  const constant = constArgs[i];
  if (constant !== undefined) {
    const parsed = read(constant);
    return () => parsed;
  }
  return (args) => read(args[i] ?? null);
}

function pointArg(args: readonly Value[]): Vec | undefined {
  const longitude = num(args[0] ?? null);
  const latitude = num(args[1] ?? null);
  return validPoint(longitude, latitude) ? vecOf(longitude!, latitude!) : undefined;
}

function polygonContains(polygon: Polygon, p: Vec): boolean {
  return ringContains(polygon[0]!, p) && !polygon.slice(1).some((hole) => ringContains(hole, p));
}

function containsPoint(polygons: readonly Polygon[], p: Vec): boolean {
  return polygons.some((polygon) => polygonContains(polygon, p));
}

export const geoPolygons: ScalarFunction[] = [
  scalar('geo_point_in_polygon', (_types, _result, _ctx, constArgs) => {
    const polygons = polygonsArg(constArgs, 2);
    return (args) => {
      const p = pointArg(args);
      const shapes = polygons(args);
      return p && shapes ? containsPoint(shapes, p) : null;
    };
  }),

  scalar('geo_distance_point_to_polygon', (_types, _result, _ctx, constArgs) => {
    const polygons = polygonsArg(constArgs, 2);
    return (args) => {
      const p = pointArg(args);
      const shapes = polygons(args);
      if (!p || !shapes) {
        return null;
      }
      if (containsPoint(shapes, p)) {
        return 0;
      }
      let best = Number.POSITIVE_INFINITY;
      for (const polygon of shapes) {
        for (const ring of polygon) {
          best = Math.min(best, angleToChain(p, ring));
        }
      }
      return best * EARTH_RADIUS_METERS;
    };
  }),

  scalar('geo_polygon_area', (_types, _result, _ctx, constArgs) => {
    const polygons = polygonsArg(constArgs, 0, unitedPolygonsOf);
    return (args) => {
      const shapes = polygons(args);
      if (!shapes) {
        return null;
      }
      let steradians = 0;
      for (const [shell, ...holes] of shapes) {
        steradians += ringArea(shell!) - holes.reduce((sum, hole) => sum + ringArea(hole), 0);
      }
      return Math.max(0, steradians) * EARTH_RADIUS_METERS * EARTH_RADIUS_METERS;
    };
  }),

  scalar('geo_polygon_perimeter', (_types, _result, _ctx, constArgs) => {
    const polygons = polygonsArg(constArgs, 0, unitedPolygonsOf);
    return (args) => {
      const shapes = polygons(args);
      if (!shapes) {
        return null;
      }
      let radians = 0;
      for (const polygon of shapes) {
        for (const ring of polygon) {
          radians += chainLength(ring);
        }
      }
      return radians * EARTH_RADIUS_METERS;
    };
  }),
];
