/**
 * geo_intersection_2lines, geo_intersection_2polygons and geo_intersection_line_with_polygon: the
 * shared part of two shapes, computed by JTS (geometryLibrary.ts, loaded on the first call) in the
 * gnomonic plane at the shapes' centre, where geodesic edges are straight, so crossings are where the
 * geodesics cross (the reference's [-73.979837116670978, 40.783989289772165] to 1e-14°). The result is
 * a Point, line or polygon shape, a GeometryCollection when parts of several kinds meet, and an empty
 * GeometryCollection when nothing does. Invalid shapes, or shapes reaching 85° from their centre, give null.
 */
import type { Value } from '../values';
import { scalar } from './define';
import { geometryLibrary } from './geometryLibrary';
import { linePositions, PlaneShapes, planarOrNull, type Position, polygonPositions } from './geoPlanarShapes';
import { gnomonicFor } from './geoProjection';
import type { JtsGeometry } from './geometryLibraryTypes';
import type { ScalarFunction } from './types';

type Reader = (v: Value) => { positions: Position[]; build: (s: PlaneShapes) => JtsGeometry } | undefined;

const asLines: Reader = (v) => {
  const lines = linePositions(v);
  return lines && { positions: lines.flat(), build: (s) => s.lib.union(s.lines(lines)) };
};

const asPolygons: Reader = (v) => {
  const polygons = polygonPositions(v);
  return polygons && { positions: polygons.flat(2), build: (s) => s.lib.union(s.polygons(polygons)) };
};

function intersection(readA: Reader, readB: Reader) {
  return () => (args: readonly Value[]) => {
    const a = readA(args[0] ?? null);
    const b = readB(args[1] ?? null);
    const projection = a && b && gnomonicFor([...a.positions, ...b.positions]);
    if (!a || !b || !projection) {
      return null;
    }
    const shapes = new PlaneShapes(geometryLibrary(), projection);
    return planarOrNull(() => shapes.geoJson(shapes.lib.intersection(a.build(shapes), b.build(shapes))));
  };
}

export const geoIntersections: ScalarFunction[] = [
  scalar('geo_intersection_2lines', intersection(asLines, asLines)),
  scalar('geo_intersection_2polygons', intersection(asPolygons, asPolygons)),
  scalar('geo_intersection_line_with_polygon', intersection(asLines, asPolygons)),
];
