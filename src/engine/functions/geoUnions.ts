/**
 * geo_union_lines_array and geo_union_polygons_array: the union of an array of (multi)lines or
 * (multi)polygons, computed by JTS (geometryLibrary.ts, loaded on the first call) in the gnomonic
 * plane at the shapes' centre, where geodesic edges are straight (geoProjection.ts). Lines are noded
 * where they cross and joined where they meet end to end. Any invalid element, an empty array or
 * shapes reaching 85° from their centre give null.
 */
import type { Value } from '../values';
import { scalar } from './define';
import { geometryLibrary } from './geometryLibrary';
import { eachOf, linePositions, PlaneShapes, planarOrNull, polygonPositions } from './geoPlanarShapes';
import { gnomonicFor } from './geoProjection';
import { type Polygon, polygonsOf } from './geoShapes';
import { angle, type Vec } from './sphereGeometry';
import type { ScalarFunction } from './types';

function unionOfLines(v: Value): Value {
  const lines = eachOf(v, linePositions);
  const projection = lines && gnomonicFor(lines.flat());
  if (!lines || !projection) {
    return null;
  }
  const shapes = new PlaneShapes(geometryLibrary(), projection);
  return planarOrNull(() => shapes.geoJson(shapes.lib.union(shapes.lines(lines))));
}

function unionOfPolygons(v: Value): Value {
  const polygons = eachOf(v, polygonPositions);
  const projection = polygons && gnomonicFor(polygons.flat(2));
  if (!polygons || !projection) {
    return null;
  }
  const shapes = new PlaneShapes(geometryLibrary(), projection);
  return planarOrNull(() => shapes.geoJson(shapes.lib.union(shapes.polygons(polygons))));
}

/** A cap holding a polygon: its shell's vertices' mean direction and the angle to the farthest vertex. */
function capOf(polygon: Polygon): { centre: Vec; radius: number } | undefined {
  const shell = polygon[0]!;
  let x = 0,
    y = 0,
    z = 0;
  for (const v of shell) {
    x += v[0];
    y += v[1];
    z += v[2];
  }
  const norm = Math.hypot(x, y, z);
  if (norm === 0) {
    return undefined;
  }
  const centre: Vec = [x / norm, y / norm, z / norm];
  const radius = Math.max(...shell.map((v) => angle(centre, v)));
  // A cap narrower than a hemisphere is convex: the arcs between its vertices, and the smaller region
  // they bound, stay inside it. A wider one proves nothing.
  return radius < Math.PI / 2 - 1e-9 ? { centre, radius } : undefined;
}

/** False when the parts lie in pairwise disjoint caps, so no two can overlap or touch. */
function partsMayOverlap(parts: readonly Polygon[]): boolean {
  const caps = parts.map(capOf);
  for (let i = 0; i < caps.length; i++) {
    const a = caps[i];
    for (let j = i + 1; j < caps.length; j++) {
      const b = caps[j];
      // 1e-12 rad (~6 µm) of margin for rounding: parts that close are united.
      if (!a || !b || angle(a.centre, b.centre) <= a.radius + b.radius + 1e-12) {
        return true;
      }
    }
  }
  return false;
}

/**
 * A shape's polygons, a MultiPolygon's parts first united: the reference measures a MultiPolygon as the
 * union of its parts (geo_polygon_area, _perimeter and _centroid), so overlapping parts count once.
 * Undefined when the shape is invalid; the parts as given when JTS cannot unite them (unionOfPolygons' null).
 */
export function unitedPolygonsOf(v: Value): Polygon[] | undefined {
  const parts = polygonsOf(v);
  // Uniting costs ~1 ms a shape (JTS), ~100 times measuring it: parts far apart are measured as given.
  if (!parts || parts.length < 2 || !partsMayOverlap(parts)) {
    return parts;
  }
  const united = unionOfPolygons([v] as Value);
  return (united !== null && polygonsOf(united)) || parts;
}

export const geoUnions: ScalarFunction[] = [
  scalar('geo_union_lines_array', () => (args) => unionOfLines(args[0] ?? null)),
  scalar('geo_union_polygons_array', () => (args) => unionOfPolygons(args[0] ?? null)),
];
