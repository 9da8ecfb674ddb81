/**
 * GeoJSON shapes (dynamic values) to JTS geometries in a projected plane and back. Input vertices
 * come back as the very numbers they came in as (a projected point is looked up before it is
 * unprojected), so only the vertices an operation makes are computed. Shells come out
 * counterclockwise and holes clockwise, as the reference defines polygons.
 */
import { recordOf } from '../../results/jsonData';
import { dynamicNumber, type DynamicValue, realInDynamic, type Value } from '../values';
import type { GeometryLibrary, JtsCoordinate, JtsGeometry, PlanePoint } from './geometryLibraryTypes';
import type { Projection } from './geoProjection';
import { linesOf, polygonsOf } from './geoShapes';

export type Position = [number, number];
export type Ring = Position[];
export type PolygonRings = Ring[];

function positionsOf(v: unknown): Position[] {
  return (v as unknown[]).map((p) => {
    const [x, y] = p as unknown[];
    return [dynamicNumber(x)!, dynamicNumber(y)!];
  });
}

/** The lines of a valid LineString or MultiLineString, or undefined. */
export function linePositions(v: Value): Position[][] | undefined {
  if (!linesOf(v)) {
    return undefined;
  }
  const { type, coordinates } = v as { type: string; coordinates: unknown[] };
  return type === 'LineString' ? [positionsOf(coordinates)] : coordinates.map(positionsOf);
}

/** The polygons (shell, then holes) of a valid Polygon or MultiPolygon, or undefined. */
export function polygonPositions(v: Value): PolygonRings[] | undefined {
  if (!polygonsOf(v)) {
    return undefined;
  }
  const { type, coordinates } = v as { type: string; coordinates: unknown[] };
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  return polygons.map((p) => (p as unknown[]).map(positionsOf));
}

/** Every array element read by `read`, or undefined when the value is no non-empty array or one is invalid. */
export function eachOf<T>(v: Value, read: (e: Value) => T[] | undefined): T[] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    return undefined;
  }
  const out: T[] = [];
  for (const e of v) {
    const parts = read(e as Value);
    if (!parts) {
      return undefined;
    }
    out.push(...parts);
  }
  return out;
}

/** A shape the reference calls invalid, found while building its planar form. */
export class InvalidShape extends Error {}

/**
 * Runs a planar computation; an invalid shape, or one JTS cannot node within its robustness limits
 * (it throws its own TopologyException), gives null, as the reference's functions do for invalid input.
 */
export function planarOrNull(compute: () => Value): Value {
  try {
    return compute();
  } catch {
    return null;
  }
}

/** Builds planar geometries and remembers which planar point each input vertex became. */
export class PlaneShapes {
  private readonly exact = new Map<string, Position>();

  constructor(
    readonly lib: GeometryLibrary,
    readonly projection: Projection,
  ) {}

  private point([lon, lat]: Position): PlanePoint {
    const p = this.projection.toPlane(lon, lat);
    this.exact.set(`${p[0]},${p[1]}`, [lon, lat]);
    return p;
  }

  line(points: readonly Position[]): JtsGeometry {
    return this.lib.line(points.map((p) => this.point(p)));
  }

  lines(lines: readonly Position[][]): JtsGeometry[] {
    return lines.map((l) => this.line(l));
  }

  /** A polygon; one whose rings cross (the reference: "LinearRings must not cross") throws InvalidShape. */
  polygon(rings: PolygonRings): JtsGeometry {
    const g = this.lib.polygon(rings.map((r) => r.map((p) => this.point(p))));
    if (!this.lib.isValid(g)) {
      throw new InvalidShape();
    }
    return g;
  }

  polygons(polygons: readonly PolygonRings[]): JtsGeometry[] {
    return polygons.map((p) => this.polygon(p));
  }

  /** A planar point back on the sphere: the input vertex it came from, else unprojected. */
  position(c: JtsCoordinate): Position {
    return this.exact.get(`${c.x},${c.y}`) ?? this.projection.fromPlane([c.x, c.y]);
  }

  /** The geometry as GeoJSON (see geoJsonOf). */
  geoJson(g: JtsGeometry): DynamicValue {
    return geoJsonOf(g, this);
  }
}

function coordinate(p: Position): DynamicValue {
  return [realInDynamic(p[0]), realInDynamic(p[1])];
}

function signedArea(ring: readonly JtsCoordinate[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) {
    s += ring[i - 1]!.x * ring[i]!.y - ring[i]!.x * ring[i - 1]!.y;
  }
  return s / 2;
}

function ringOf(ring: JtsGeometry, counterclockwise: boolean, shapes: PlaneShapes): DynamicValue[] {
  let cs = ring.getCoordinates();
  if (signedArea(cs) > 0 !== counterclockwise) {
    cs = [...cs].reverse();
  }
  return cs.map((c) => coordinate(shapes.position(c)));
}

function polygonOf(p: JtsGeometry, shapes: PlaneShapes): DynamicValue[] {
  const rings = [ringOf(p.getExteriorRing(), true, shapes)];
  for (let i = 0; i < p.getNumInteriorRing(); i++) {
    rings.push(ringOf(p.getInteriorRingN(i), false, shapes));
  }
  return rings;
}

/** The simple parts of a geometry, by dimension. */
function partsOf(g: JtsGeometry, into: { points: JtsGeometry[]; lines: JtsGeometry[]; polygons: JtsGeometry[] }): void {
  const n = g.getNumGeometries();
  const type = g.getGeometryType();
  if (type.startsWith('Multi') || type === 'GeometryCollection') {
    for (let i = 0; i < n; i++) {
      partsOf(g.getGeometryN(i), into);
    }
  } else if (!g.isEmpty()) {
    (type === 'Point' ? into.points : type === 'Polygon' ? into.polygons : into.lines).push(g);
  }
}

function shape(type: string, coordinates: DynamicValue): DynamicValue {
  return recordOf<DynamicValue>({ type, coordinates });
}

/**
 * A JTS result as the reference's functions return shapes: one kind of part as Point/LineString/
 * Polygon or their Multi form (lines joined where they meet end to end), several kinds as a
 * GeometryCollection of one shape per kind, nothing as an empty GeometryCollection.
 */
export function geoJsonOf(g: JtsGeometry, shapes: PlaneShapes): DynamicValue {
  const parts = { points: [] as JtsGeometry[], lines: [] as JtsGeometry[], polygons: [] as JtsGeometry[] };
  partsOf(g, parts);
  const out: DynamicValue[] = [];
  if (parts.points.length > 0) {
    const cs = parts.points.map((p) => coordinate(shapes.position(p.getCoordinates()[0]!)));
    out.push(cs.length === 1 ? shape('Point', cs[0]!) : shape('MultiPoint', cs));
  }
  if (parts.lines.length > 0) {
    const merged = shapes.lib.mergeLines(shapes.lib.collection(parts.lines));
    const ls = merged.map((l) => l.getCoordinates().map((c) => coordinate(shapes.position(c))));
    out.push(ls.length === 1 ? shape('LineString', ls[0]!) : shape('MultiLineString', ls));
  }
  if (parts.polygons.length > 0) {
    const ps = parts.polygons.map((p) => polygonOf(p, shapes));
    out.push(ps.length === 1 ? shape('Polygon', ps[0]!) : shape('MultiPolygon', ps));
  }
  return out.length === 1 ? out[0]! : recordOf<DynamicValue>({ type: 'GeometryCollection', geometries: out });
}
