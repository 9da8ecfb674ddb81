/**
 * geo_line_densify and geo_polygon_densify: planar edges (straight in longitude/latitude, as GeoJSON
 * draws them) turned into chains of short edges whose geodesics stay within `tolerance` meters of the
 * planar line. The reference leaves the scheme open; each edge is cut into the fewest 2^k equal planar
 * pieces whose midpoints lie within the tolerance of the geodesic between their ends, which gives its
 * examples (a Manhattan street unchanged, [50,50]→[51,51] in eight pieces at 10 m). Invalid shapes,
 * a tolerance outside [0.1, 10000] or more than 10,485,760 points give null, as documented.
 */
import { dynamicNumber, type DynamicValue, realInDynamic, type Value } from '../values';
import { recordOf } from '../../results/jsonData';
import { num, scalar } from './define';
import { linesOf, polygonsOf } from './geoShapes';
import { angleToArc, EARTH_RADIUS_METERS, vecOf } from './sphereGeometry';
import type { ScalarFunction } from './types';

const DEFAULT_TOLERANCE = 10;
const MAX_POINTS = 10_485_760;
/** 2^20 pieces an edge at most: past that the point limit is reached anyway. */
const MAX_HALVINGS = 20;

type Position = [number, number];

/** The planar point a fraction t of the way from a to b (b's longitude already unwrapped). */
function lerp(a: Position, b: Position, t: number): Position {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

function wrapLongitude(x: number): number {
  return x > 180 ? x - 360 : x < -180 ? x + 360 : x;
}

/** The number of equal planar pieces an edge needs for the tolerance (radians). */
function piecesFor(a: Position, b: Position, tolerance: number): number {
  for (let k = 0; k <= MAX_HALVINGS; k++) {
    const n = 2 ** k;
    let within = true;
    for (let i = 0; i < n && within; i++) {
      const p0 = lerp(a, b, i / n);
      const p1 = lerp(a, b, (i + 1) / n);
      const mid = lerp(p0, p1, 0.5);
      const gap = angleToArc(
        vecOf(wrapLongitude(mid[0]), mid[1]),
        vecOf(wrapLongitude(p0[0]), p0[1]),
        vecOf(wrapLongitude(p1[0]), p1[1]),
      );
      within = gap <= tolerance;
    }
    if (within) {
      return n;
    }
  }
  return 2 ** MAX_HALVINGS;
}

function positions(v: unknown): Position[] {
  return (v as unknown[]).map((p) => {
    const [x, y] = p as unknown[];
    return [dynamicNumber(x)!, dynamicNumber(y)!];
  });
}

/** A chain densified, or undefined past the point limit; `budget` counts the points left. */
function densifyChain(
  chain: Position[],
  tolerance: number,
  crossing: boolean,
  budget: { left: number },
): DynamicValue[] | undefined {
  const out: DynamicValue[] = [];
  const push = (p: Position) => {
    out.push([realInDynamic(wrapLongitude(p[0])), realInDynamic(p[1])]);
    return --budget.left >= 0;
  };
  if (!push(chain[0]!)) {
    return undefined;
  }
  for (let i = 1; i < chain.length; i++) {
    const a = chain[i - 1]!;
    let b = chain[i]!;
    if (crossing && Math.abs(b[0] - a[0]) > 180) {
      // Keep the edge across the antimeridian: unwrap b's longitude to a's side.
      b = [b[0] + (b[0] < a[0] ? 360 : -360), b[1]];
    }
    const n = piecesFor(a, b, tolerance);
    for (let k = 1; k < n; k++) {
      if (!push(lerp(a, b, k / n))) {
        return undefined;
      }
    }
    if (!push(chain[i]!)) {
      return undefined;
    }
  }
  return out;
}

function options(args: readonly Value[]): { tolerance: number; crossing: boolean } | undefined {
  const meters = args.length > 1 && args[1] !== null ? num(args[1]!) : DEFAULT_TOLERANCE;
  if (meters === null || !(meters >= 0.1 && meters <= 10_000)) {
    return undefined;
  }
  return { tolerance: meters / EARTH_RADIUS_METERS, crossing: args[2] === true };
}

export const geoDensify: ScalarFunction[] = [
  scalar('geo_line_densify', () => (args) => {
    const shape = args[0] ?? null;
    const opts = options(args);
    if (!opts || !linesOf(shape)) {
      return null;
    }
    const { type, coordinates } = shape as { type: string; coordinates: unknown[] };
    const budget = { left: MAX_POINTS };
    const chains = type === 'LineString' ? [coordinates] : coordinates;
    const out: DynamicValue[] = [];
    for (const c of chains) {
      const dense = densifyChain(positions(c), opts.tolerance, opts.crossing, budget);
      if (!dense) {
        return null;
      }
      out.push(dense);
    }
    return recordOf<DynamicValue>({ type, coordinates: type === 'LineString' ? out[0]! : out });
  }),

  scalar('geo_polygon_densify', () => (args) => {
    const shape = args[0] ?? null;
    const opts = options(args);
    if (!opts || !polygonsOf(shape)) {
      return null;
    }
    const { type, coordinates } = shape as { type: string; coordinates: unknown[] };
    const budget = { left: MAX_POINTS };
    const polygons = type === 'Polygon' ? [coordinates] : coordinates;
    const out: DynamicValue[] = [];
    for (const polygon of polygons) {
      const rings: DynamicValue[] = [];
      for (const ring of polygon as unknown[]) {
        const dense = densifyChain(positions(ring), opts.tolerance, opts.crossing, budget);
        if (!dense) {
          return null;
        }
        rings.push(dense);
      }
      out.push(rings);
    }
    return recordOf<DynamicValue>({ type, coordinates: type === 'Polygon' ? out[0]! : out });
  }),
];
