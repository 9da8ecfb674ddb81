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

/**
 * A shape's polygons, a MultiPolygon's parts first united: the reference measures a MultiPolygon as the
 * union of its parts (geo_polygon_area, _perimeter and _centroid), so overlapping parts count once.
 * Undefined when the shape is invalid; the parts as given when JTS cannot unite them (unionOfPolygons' null).
 */
export function unitedPolygonsOf(v: Value): Polygon[] | undefined {
  const parts = polygonsOf(v);
  if (!parts || parts.length < 2) {
    return parts;
  }
  const united = unionOfPolygons([v] as Value);
  return (united !== null && polygonsOf(united)) || parts;
}

export const geoUnions: ScalarFunction[] = [
  scalar('geo_union_lines_array', () => (args) => unionOfLines(args[0] ?? null)),
  scalar('geo_union_polygons_array', () => (args) => unionOfPolygons(args[0] ?? null)),
];
