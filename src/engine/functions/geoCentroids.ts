/**
 * Centroids on Earth, as S2 defines them (the reference's functions are built on S2): a line's is the
 * length-weighted mean of its edges' true centroids, a polygon's the area-weighted mean of its fan
 * triangles' true centroids, each normalised back onto the sphere. geo_line_centroid gives the
 * reference's examples to every digit printed. Holes count negatively; a ring stands for the smaller
 * region it bounds, as in geoPolygons.ts; a MultiLineString's parts are added up, a MultiPolygon's are
 * united first (geoUnions.ts), as the reference does.
 */
import { realInDynamic, type DynamicValue, type Value } from '../values';
import { recordOf } from '../../results/jsonData';
import { scalar } from './define';
import { linesOf } from './geoShapes';
import { unitedPolygonsOf } from './geoUnions';
import { angle, cross, dot, type Vec } from './sphereGeometry';
import type { ScalarFunction } from './types';

type Sum = [number, number, number];

function add(sum: Sum, v: Vec, factor: number): void {
  sum[0] += v[0] * factor;
  sum[1] += v[1] * factor;
  sum[2] += v[2] * factor;
}

/** An edge's true centroid times its length: (a + b) scaled by tan(θ / 2) (S2's TrueCentroid(a, b)). */
function edgeCentroid(sum: Sum, a: Vec, b: Vec): void {
  const m: Vec = [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
  const d: Vec = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  const cos2 = dot(m, m);
  if (cos2 > 0) {
    add(sum, m, Math.sqrt(dot(d, d) / cos2));
  }
}

/** A spherical triangle's true centroid times its area (S2's TrueCentroid(a, b, c)), signed by orientation. */
function triangleCentroid(a: Vec, b: Vec, c: Vec): Vec {
  const ratio = (x: number) => (x === 0 ? 1 : x / Math.sin(x));
  const ra = ratio(angle(b, c));
  const rb = ratio(angle(c, a));
  const rc = ratio(angle(a, b));
  // Solves [a; b; c] · m = det(a, b, c) / 2 · [ra, rb, rc], with the first row taken from the others
  // for numerical stability, as S2 does.
  const x: Vec = [a[0], b[0] - a[0], c[0] - a[0]];
  const y: Vec = [a[1], b[1] - a[1], c[1] - a[1]];
  const z: Vec = [a[2], b[2] - a[2], c[2] - a[2]];
  const r: Vec = [ra, rb - ra, rc - ra];
  return [0.5 * dot(cross(y, z), r), 0.5 * dot(cross(z, x), r), 0.5 * dot(cross(x, y), r)];
}

/** A closed ring's centroid times its area, for the smaller region it bounds. */
function ringCentroid(ring: readonly Vec[]): Vec {
  const sum: Sum = [0, 0, 0];
  for (let i = 1; i + 1 < ring.length; i++) {
    add(sum, triangleCentroid(ring[0]!, ring[i]!, ring[i + 1]!), 1);
  }
  // A clockwise ring's fan sums to minus the centroid of the region it bounds on its right, the smaller one.
  return ringIsClockwise(ring) ? [-sum[0], -sum[1], -sum[2]] : sum;
}

/** Whether a ring runs clockwise around the smaller region it bounds (its fan's signed area is negative). */
function ringIsClockwise(ring: readonly Vec[]): boolean {
  let signed = 0;
  for (let i = 1; i + 1 < ring.length; i++) {
    const a = ring[0]!,
      b = ring[i]!,
      c = ring[i + 1]!;
    signed += 2 * Math.atan2(dot(a, cross(b, c)), 1 + dot(a, b) + dot(b, c) + dot(c, a));
  }
  return signed < 0;
}

function pointOf(sum: Sum): DynamicValue {
  const [x, y, z] = sum;
  if (x === 0 && y === 0 && z === 0) {
    return null;
  }
  const longitude = (Math.atan2(y, x) * 180) / Math.PI;
  const latitude = (Math.atan2(z, Math.sqrt(x * x + y * y)) * 180) / Math.PI;
  return recordOf<DynamicValue>({ type: 'Point', coordinates: [realInDynamic(longitude), realInDynamic(latitude)] });
}

function constantOr<T>(constArgs: readonly (Value | undefined)[], parse: (v: Value) => T | undefined) {
  const constant = constArgs[0];
  if (constant !== undefined) {
    const parsed = parse(constant);
    return () => parsed;
  }
  return (args: readonly Value[]) => parse(args[0] ?? null);
}

export const geoCentroids: ScalarFunction[] = [
  scalar('geo_line_centroid', (_types, _result, _ctx, constArgs) => {
    const lines = constantOr(constArgs, linesOf);
    return (args) => {
      const shapes = lines(args);
      if (!shapes) {
        return null;
      }
      const sum: Sum = [0, 0, 0];
      for (const line of shapes) {
        for (let i = 1; i < line.length; i++) {
          edgeCentroid(sum, line[i - 1]!, line[i]!);
        }
      }
      return pointOf(sum);
    };
  }),

  scalar('geo_polygon_centroid', (_types, _result, _ctx, constArgs) => {
    // The reference takes a MultiPolygon's centroid over the union of its parts.
    const polygons = constantOr(constArgs, unitedPolygonsOf);
    return (args) => {
      const shapes = polygons(args);
      if (!shapes) {
        return null;
      }
      const sum: Sum = [0, 0, 0];
      for (const [shell, ...holes] of shapes) {
        add(sum, ringCentroid(shell!), 1);
        for (const hole of holes) {
          add(sum, ringCentroid(hole), -1);
        }
      }
      return pointOf(sum);
    };
  }),
];
