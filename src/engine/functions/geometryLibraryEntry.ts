/**
 * The entry of dist/geometry.js: the parts of JTS (the `jsts` package, a port of the Java Topology
 * Suite) the geo functions use for clipping, unions and buffers. Only this file imports jsts; the
 * engine reaches it through geometryLibrary.ts, which loads it on a query's first call, so the
 * bundles that start the language server, the CLI and the engine worker never contain it.
 */
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import Coordinate from 'jsts/org/locationtech/jts/geom/Coordinate.js';
import BufferOp from 'jsts/org/locationtech/jts/operation/buffer/BufferOp.js';
import BufferParameters from 'jsts/org/locationtech/jts/operation/buffer/BufferParameters.js';
import OverlayOp from 'jsts/org/locationtech/jts/operation/overlay/OverlayOp.js';
import UnaryUnionOp from 'jsts/org/locationtech/jts/operation/union/UnaryUnionOp.js';
import LineMerger from 'jsts/org/locationtech/jts/operation/linemerge/LineMerger.js';
import IsValidOp from 'jsts/org/locationtech/jts/operation/valid/IsValidOp.js';
import type { GeometryLibrary, JtsGeometry } from './geometryLibraryTypes';

const factory = new GeometryFactory();

function coordinates(points: readonly (readonly [number, number])[]): Coordinate[] {
  return points.map(([x, y]) => new Coordinate(x, y));
}

export const library: GeometryLibrary = {
  point: (p) => factory.createPoint(new Coordinate(p[0], p[1])),
  line: (points) => factory.createLineString(coordinates(points)),
  polygon: (rings) =>
    factory.createPolygon(
      factory.createLinearRing(coordinates(rings[0]!)),
      rings.slice(1).map((r) => factory.createLinearRing(coordinates(r))),
    ),
  collection: (parts) => factory.createGeometryCollection(parts as JtsGeometry[]) as unknown as JtsGeometry,
  union: (parts) => UnaryUnionOp.union(factory.createGeometryCollection(parts as JtsGeometry[])),
  intersection: (a, b) => OverlayOp.intersection(a, b),
  isValid: (g) => new IsValidOp(g).isValid(),
  buffer: (g, distance, quadrantSegments) => {
    const params = new BufferParameters(quadrantSegments, BufferParameters.CAP_ROUND, BufferParameters.JOIN_ROUND, 5);
    return BufferOp.bufferOp(g, distance, params);
  },
  mergeLines: (g) => {
    const merger = new LineMerger();
    merger.add(g);
    return [...(merger.getMergedLineStrings() as unknown as Iterable<JtsGeometry>)];
  },
};
