/**
 * Whether two shapes on Earth meet: geo_intersects_2lines, geo_intersects_line_with_polygon and
 * geo_intersects_2polygons. Shapes meet when an edge of one crosses or touches an edge of the other,
 * or when one lies inside a polygon of the other; edges are great-circle arcs and rings the smaller
 * region they bound, as in geoPolygons.ts. Invalid shapes give null. A constant shape is read once.
 */
import type { Value } from '../values';
import { scalar } from './define';
import { linesOf, type Polygon, polygonsOf } from './geoShapes';
import { angleToArc, arcsCross, ringContains, type Vec } from './sphereGeometry';
import type { ScalarFunction } from './types';

/** Closer than this (radians, about 6 µm on Earth) a vertex touches an edge. */
const TOUCH = 1e-12;

function constantOr<T>(
  constArgs: readonly (Value | undefined)[],
  i: number,
  parse: (v: Value) => T | undefined,
): (args: readonly Value[]) => T | undefined {
  const constant = constArgs[i];
  if (constant !== undefined) {
    const parsed = parse(constant);
    return () => parsed;
  }
  return (args) => parse(args[i] ?? null);
}

function touches(v: Vec, chain: readonly Vec[]): boolean {
  for (let i = 1; i < chain.length; i++) {
    if (angleToArc(v, chain[i - 1]!, chain[i]!) <= TOUCH) {
      return true;
    }
  }
  return false;
}

/** Whether two chains of edges cross or touch. */
function chainsMeet(a: readonly Vec[], b: readonly Vec[]): boolean {
  for (let i = 1; i < a.length; i++) {
    for (let j = 1; j < b.length; j++) {
      if (arcsCross(a[i - 1]!, a[i]!, b[j - 1]!, b[j]!)) {
        return true;
      }
    }
  }
  return a.some((v) => touches(v, b)) || b.some((v) => touches(v, a));
}

function polygonContains(polygon: Polygon, p: Vec): boolean {
  return ringContains(polygon[0]!, p) && !polygon.slice(1).some((hole) => ringContains(hole, p));
}

/** Whether a chain meets a polygon: crosses or touches one of its rings, or lies inside it. */
function chainMeetsPolygon(chain: readonly Vec[], polygon: Polygon): boolean {
  return polygon.some((ring) => chainsMeet(chain, ring)) || polygonContains(polygon, chain[0]!);
}

/** Whether two polygons meet: each shell against the other's rings (holes too), and containment. */
function polygonsMeet(a: Polygon, b: Polygon): boolean {
  return chainMeetsPolygon(a[0]!, b) || chainMeetsPolygon(b[0]!, a);
}

export const geoIntersects: ScalarFunction[] = [
  scalar('geo_intersects_2lines', (_types, _result, _ctx, constArgs) => {
    const first = constantOr(constArgs, 0, linesOf);
    const second = constantOr(constArgs, 1, linesOf);
    return (args) => {
      const a = first(args);
      const b = second(args);
      return a && b ? a.some((x) => b.some((y) => chainsMeet(x, y))) : null;
    };
  }),

  scalar('geo_intersects_line_with_polygon', (_types, _result, _ctx, constArgs) => {
    const lines = constantOr(constArgs, 0, linesOf);
    const polygons = constantOr(constArgs, 1, polygonsOf);
    return (args) => {
      const a = lines(args);
      const b = polygons(args);
      return a && b ? a.some((line) => b.some((polygon) => chainMeetsPolygon(line, polygon))) : null;
    };
  }),

  scalar('geo_intersects_2polygons', (_types, _result, _ctx, constArgs) => {
    const first = constantOr(constArgs, 0, polygonsOf);
    const second = constantOr(constArgs, 1, polygonsOf);
    return (args) => {
      const a = first(args);
      const b = second(args);
      return a && b ? a.some((x) => b.some((y) => polygonsMeet(x, y))) : null;
    };
  }),
];
