/**
 * geo_line_simplify, geo_polygon_simplify and geo_simplify_polygons_array: chains of short edges
 * replaced by single geodesic edges. The reference leaves the scheme open; this is Douglas-Peucker on
 * the sphere (a vertex stays when it lies farther than the tolerance from the geodesic between the
 * vertices kept around it; a ring is first cut at its first vertex and the vertex farthest from it),
 * then, as the reference promises "no two vertices with distance less than tolerance", a vertex
 * closer than that to the last one kept is dropped (a line keeps its ends). A line left with one
 * vertex or a ring with fewer than three disappears; nothing left, invalid shapes or tolerances give
 * null. Several lines or polygons are first united (geoUnions.ts's way), so shared borders go. Its examples
 * come out exactly: the 8-vertex Manhattan line to its two ends, the 10-vertex polygon to a triangle.
 */
import { recordOf } from '../../results/jsonData';
import { type DynamicValue, realInDynamic, type Value } from '../values';
import { num, scalar } from './define';
import { geometryLibrary } from './geometryLibrary';
import {
  eachOf,
  linePositions,
  PlaneShapes,
  planarOrNull,
  type PolygonRings,
  type Position,
  polygonPositions,
} from './geoPlanarShapes';
import { gnomonicFor } from './geoProjection';
import { angle, angleToArc, EARTH_RADIUS_METERS, type Vec, vecOf } from './sphereGeometry';
import type { ScalarFunction } from './types';

const DEFAULT_TOLERANCE = 10;
/** The reference's upper bound for lines and polygon arrays, "~7,800,000 meters". */
const MAX_TOLERANCE = 7_800_000;

/** The indices Douglas-Peucker keeps between first and last (both kept). */
function douglasPeucker(vs: readonly Vec[], first: number, last: number, tolerance: number, keep: boolean[]): void {
  const stack: [number, number][] = [[first, last]];
  keep[first] = keep[last] = true;
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    let far = -1;
    let farthest = tolerance;
    for (let k = i + 1; k < j; k++) {
      const d = angleToArc(vs[k]!, vs[i]!, vs[j]!);
      if (d > farthest) {
        farthest = d;
        far = k;
      }
    }
    if (far >= 0) {
      keep[far] = true;
      stack.push([i, far], [far, j]);
    }
  }
}

/** A line simplified, or undefined when it shrinks to a point. */
function simplifyLine(line: readonly Position[], tolerance: number): Position[] | undefined {
  const vs = line.map(([x, y]) => vecOf(x, y));
  const keep = new Array<boolean>(vs.length).fill(false);
  douglasPeucker(vs, 0, vs.length - 1, tolerance, keep);
  const out: number[] = [0];
  for (let k = 1; k < vs.length; k++) {
    if (!keep[k]) {
      continue;
    }
    const last = k === vs.length - 1;
    if (angle(vs[k]!, vs[out[out.length - 1]!]!) >= tolerance && (tolerance > 0 || !same(line, k, out))) {
      out.push(k);
    } else if (last && out.length > 1) {
      out[out.length - 1] = k; // the line's end stays; the kept vertex too close to it goes
    }
  }
  return out.length >= 2 ? out.map((k) => line[k]!) : undefined;
}

function same(line: readonly Position[], k: number, out: readonly number[]): boolean {
  const a = line[k]!;
  const b = line[out[out.length - 1]!]!;
  return a[0] === b[0] && a[1] === b[1];
}

/** A closed ring simplified (still closed), or undefined when fewer than three vertices stay. */
function simplifyRing(ring: readonly Position[], tolerance: number): Position[] | undefined {
  const vs = ring.map(([x, y]) => vecOf(x, y));
  const n = vs.length - 1; // the last repeats the first
  let far = 1;
  for (let k = 2; k < n; k++) {
    if (angle(vs[0]!, vs[k]!) > angle(vs[0]!, vs[far]!)) {
      far = k;
    }
  }
  const keep = new Array<boolean>(vs.length).fill(false);
  douglasPeucker(vs, 0, far, tolerance, keep);
  douglasPeucker(vs, far, n, tolerance, keep);
  const out: number[] = [0];
  for (let k = 1; k < n; k++) {
    if (keep[k] && angle(vs[k]!, vs[out[out.length - 1]!]!) >= tolerance && angle(vs[k]!, vs[0]!) >= tolerance) {
      out.push(k);
    }
  }
  return out.length >= 3 ? [...out.map((k) => ring[k]!), ring[0]!] : undefined;
}

function simplifyPolygon(rings: PolygonRings, tolerance: number): PolygonRings | undefined {
  const shell = simplifyRing(rings[0]!, tolerance);
  if (!shell) {
    return undefined;
  }
  const holes = rings
    .slice(1)
    .map((h) => simplifyRing(h, tolerance))
    .filter((h): h is Position[] => h !== undefined);
  return [shell, ...holes];
}

function coordinatesOf(points: readonly Position[]): DynamicValue[] {
  return points.map(([x, y]) => [realInDynamic(x), realInDynamic(y)]);
}

/** The tolerance in radians, or undefined outside [min, max]. */
function toleranceOf(v: Value | undefined, min: number, max: number, maxIncluded: boolean): number | undefined {
  const t = v === undefined || v === null ? DEFAULT_TOLERANCE : num(v);
  return t !== null && t >= min && (maxIncluded ? t <= max : t < max) ? t / EARTH_RADIUS_METERS : undefined;
}

function lineSimplify(args: readonly Value[]): Value {
  const given = linePositions(args[0] ?? null);
  const tolerance = toleranceOf(args[1], 0, MAX_TOLERANCE, false);
  const lines = given && tolerance !== undefined ? unitedLines(given) : undefined;
  if (!lines || tolerance === undefined) {
    return null;
  }
  const out = lines.flatMap((l) => {
    const s = simplifyLine(l, tolerance);
    return s ? [coordinatesOf(s)] : [];
  });
  if (out.length === 0) {
    return null;
  }
  return out.length === 1
    ? recordOf<DynamicValue>({ type: 'LineString', coordinates: out[0]! })
    : recordOf<DynamicValue>({ type: 'MultiLineString', coordinates: out });
}

/** Lines united when there are several (the reference simplifies "lines union"): noded where they cross, joined end to end. */
function unitedLines(lines: Position[][]): Position[][] | undefined {
  if (lines.length < 2) {
    return lines;
  }
  const projection = gnomonicFor(lines.flat());
  if (!projection) {
    return undefined;
  }
  const shapes = new PlaneShapes(geometryLibrary(), projection);
  const union = planarOrNull(() => shapes.geoJson(shapes.lib.union(shapes.lines(lines))) as Value);
  return union === null ? undefined : linePositions(union);
}

/** Polygons united when there are several, so their shared borders go; undefined past the gnomonic plane. */
function united(polygons: PolygonRings[]): PolygonRings[] | undefined {
  if (polygons.length < 2) {
    return polygons;
  }
  const projection = gnomonicFor(polygons.flat(2));
  if (!projection) {
    return undefined;
  }
  const shapes = new PlaneShapes(geometryLibrary(), projection);
  const union = planarOrNull(() => shapes.geoJson(shapes.lib.union(shapes.polygons(polygons))) as Value);
  return union === null ? undefined : (polygonPositions(union) ?? []);
}

function polygonsSimplify(polygons: PolygonRings[] | undefined, tolerance: number | undefined): Value {
  const all = polygons && tolerance !== undefined ? united(polygons) : undefined;
  if (!all || tolerance === undefined) {
    return null;
  }
  const out = all.flatMap((p) => {
    const s = simplifyPolygon(p, tolerance);
    return s ? [s.map(coordinatesOf) as DynamicValue] : [];
  });
  if (out.length === 0) {
    return null;
  }
  return out.length === 1
    ? recordOf<DynamicValue>({ type: 'Polygon', coordinates: out[0]! })
    : recordOf<DynamicValue>({ type: 'MultiPolygon', coordinates: out });
}

export const geoSimplify: ScalarFunction[] = [
  scalar('geo_line_simplify', () => lineSimplify),
  scalar(
    'geo_polygon_simplify',
    () => (args) => polygonsSimplify(polygonPositions(args[0] ?? null), toleranceOf(args[1], 0.1, 10_000, true)),
  ),
  scalar(
    'geo_simplify_polygons_array',
    () => (args) =>
      polygonsSimplify(eachOf(args[0] ?? null, polygonPositions), toleranceOf(args[1], 0, MAX_TOLERANCE, true)),
  ),
];
