/**
 * geo_point_buffer, geo_line_buffer and geo_polygon_buffer: the region within `radius` meters of a
 * shape, as a polygon whose edges stay within `tolerance` meters of the ideal circle (default 10; a
 * tolerance under 0.0001% of the radius is invalid, one above it is lowered to just under it, as the
 * reference says). A point's buffer is exact on the sphere: n vertices on the geodesic circle, n the
 * fewest whose geodesic edges sag no more than the tolerance inside it. Lines and polygons are
 * buffered by JTS (geometryLibrary.ts, loaded on the first call) with round caps and joins in the
 * azimuthal equidistant plane at the shape's centre (geoProjection.ts), so the radius is true at the
 * centre and within a factor (extent/R)² of it elsewhere. Invalid shapes, radii or tolerances, and a
 * radius of a quarter of the Earth's circumference or more, give null.
 */
import { recordOf } from '../../results/jsonData';
import { type DynamicValue, realInDynamic, type Value } from '../values';
import { num, scalar } from './define';
import { geometryLibrary } from './geometryLibrary';
import { linePositions, PlaneShapes, planarOrNull, type Position, polygonPositions } from './geoPlanarShapes';
import { equidistantFor, lonLatOf } from './geoProjection';
import { cross, dot, EARTH_RADIUS_METERS, vecOf } from './sphereGeometry';
import type { ScalarFunction } from './types';

const DEFAULT_TOLERANCE = 10;
const MIN_RELATIVE_TOLERANCE = 1e-6;

/** The radius and tolerance in radians of arc, or undefined when either is invalid. */
function bufferSize(
  radiusArg: Value,
  toleranceArg: Value | undefined,
): { radius: number; tolerance: number } | undefined {
  const radius = num(radiusArg ?? null);
  const given = toleranceArg === undefined || toleranceArg === null ? DEFAULT_TOLERANCE : num(toleranceArg);
  if (radius === null || given === null || !(radius > 0) || !(given > 0) || !Number.isFinite(given)) {
    return undefined;
  }
  const rho = radius / EARTH_RADIUS_METERS;
  if (!(rho < Math.PI / 2) || given < radius * MIN_RELATIVE_TOLERANCE) {
    return undefined;
  }
  return { radius: rho, tolerance: Math.min(given, radius * (1 - 1e-9)) / EARTH_RADIUS_METERS };
}

/** The fewest vertices on a circle of angular radius rho whose geodesic edges sag at most tolerance. */
function circleVertices(rho: number, tolerance: number): number {
  // A chord between neighbours n apart comes closest to the centre at its middle, at atan(tan ρ cos(π/n)).
  const ratio = Math.tan(rho - tolerance) / Math.tan(rho);
  return Math.max(3, Math.ceil(Math.PI / Math.acos(Math.min(1, ratio))));
}

function pointBuffer(args: readonly Value[]): Value {
  const lon = num(args[0] ?? null);
  const lat = num(args[1] ?? null);
  const size = bufferSize(args[2] ?? null, args[3]);
  if (lon === null || lat === null || !(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90) || !size) {
    return null;
  }
  const c = vecOf(lon, lat);
  const up = cross([0, 0, 1], c);
  const east = dot(up, up) > 1e-24 ? scale(up, 1 / Math.sqrt(dot(up, up))) : ([0, 1, 0] as const);
  const north = cross(c, east);
  const n = circleVertices(size.radius, size.tolerance);
  const ring: DynamicValue[] = [];
  for (let k = 0; k < n; k++) {
    // Counterclockwise from east, as a shell runs.
    const a = (2 * Math.PI * k) / n;
    const d = [
      east[0] * Math.cos(a) + north[0] * Math.sin(a),
      east[1] * Math.cos(a) + north[1] * Math.sin(a),
      east[2] * Math.cos(a) + north[2] * Math.sin(a),
    ] as const;
    const [x, y] = lonLatOf([
      c[0] * Math.cos(size.radius) + d[0] * Math.sin(size.radius),
      c[1] * Math.cos(size.radius) + d[1] * Math.sin(size.radius),
      c[2] * Math.cos(size.radius) + d[2] * Math.sin(size.radius),
    ]);
    ring.push([realInDynamic(x), realInDynamic(y)]);
  }
  ring.push(ring[0]!);
  return recordOf<DynamicValue>({ type: 'Polygon', coordinates: [ring] });
}

function scale(v: readonly [number, number, number], k: number): [number, number, number] {
  return [v[0] * k, v[1] * k, v[2] * k];
}

/** JTS's pieces per quarter circle for the tolerance: each piece's chord sags at most tolerance. */
function quadrantSegments(rho: number, tolerance: number): number {
  const step = 2 * Math.acos(Math.max(-1, 1 - tolerance / rho));
  return Math.max(1, Math.ceil(Math.PI / 2 / step));
}

function shapeBuffer(read: (v: Value) => { positions: Position[]; build: (s: PlaneShapes) => unknown } | undefined) {
  return () => (args: readonly Value[]) => {
    const shape = read(args[0] ?? null);
    const size = bufferSize(args[1] ?? null, args[2]);
    const projection = shape && equidistantFor(shape.positions);
    if (!shape || !size || !projection) {
      return null;
    }
    const shapes = new PlaneShapes(geometryLibrary(), projection);
    return planarOrNull(() =>
      shapes.geoJson(
        shapes.lib.buffer(
          shape.build(shapes) as ReturnType<PlaneShapes['line']>,
          size.radius,
          quadrantSegments(size.radius, size.tolerance),
        ),
      ),
    );
  };
}

export const geoBuffers: ScalarFunction[] = [
  scalar('geo_point_buffer', () => pointBuffer),
  scalar(
    'geo_line_buffer',
    shapeBuffer((v) => {
      const lines = linePositions(v);
      return lines && { positions: lines.flat(), build: (s) => s.lib.collection(s.lines(lines)) };
    }),
  ),
  scalar(
    'geo_polygon_buffer',
    shapeBuffer((v) => {
      const polygons = polygonPositions(v);
      return polygons && { positions: polygons.flat(2), build: (s) => s.lib.collection(s.polygons(polygons)) };
    }),
  ),
];
