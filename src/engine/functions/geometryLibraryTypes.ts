/**
 * The part of JTS's geometry model the geo functions use, as they see it: planar geometries in a
 * projected plane (geoProjection.ts), built, combined and read back through geometryLibrary.ts.
 */

export interface JtsCoordinate {
  readonly x: number;
  readonly y: number;
}

/** A JTS geometry: Point, LineString, Polygon, their Multi forms or a GeometryCollection. */
export interface JtsGeometry {
  getGeometryType(): string;
  getNumGeometries(): number;
  getGeometryN(n: number): JtsGeometry;
  getCoordinates(): JtsCoordinate[];
  isEmpty(): boolean;
  /** Polygons only. */
  getExteriorRing(): JtsGeometry;
  getNumInteriorRing(): number;
  getInteriorRingN(n: number): JtsGeometry;
}

export type PlanePoint = readonly [number, number];

export interface GeometryLibrary {
  point(p: PlanePoint): JtsGeometry;
  line(points: readonly PlanePoint[]): JtsGeometry;
  /** A shell then its holes, each ring closed. */
  polygon(rings: readonly (readonly PlanePoint[])[]): JtsGeometry;
  collection(parts: readonly JtsGeometry[]): JtsGeometry;
  union(parts: readonly JtsGeometry[]): JtsGeometry;
  intersection(a: JtsGeometry, b: JtsGeometry): JtsGeometry;
  /** OGC validity: rings that neither cross themselves nor each other, holes inside their shell. */
  isValid(g: JtsGeometry): boolean;
  /** Round caps and joins; quadrantSegments pieces per quarter circle. */
  buffer(g: JtsGeometry, distance: number, quadrantSegments: number): JtsGeometry;
  /** The lines of g joined end to end where they meet in twos (no branch at the joint). */
  mergeLines(g: JtsGeometry): JtsGeometry[];
}
