/**
 * Points along a line on Earth: geo_line_interpolate_point (the point a fraction of the line's length
 * from its start), geo_line_locate_point (the fraction at which the line comes closest to a point) and
 * geo_closest_point_on_line and _polygon (the point itself when the polygon holds it). Edges are great-circle arcs, walked by spherical interpolation. The
 * reference's example (25% along its line) comes out to every digit it prints. Only a LineString is
 * taken, as the reference says; invalid input gives null.
 */
import { realInDynamic, type DynamicValue, type Value } from '../values';
import { recordOf } from '../../results/jsonData';
import { num, scalar } from './define';
import { validPoint } from './geoFunctions';
import { linesOf, polygonsOf } from './geoShapes';
import { angle, chainLength, cross, dot, ringContains, type Vec, vecOf } from './sphereGeometry';
import { spheroidLocate } from './geoSpheroid';
import type { ScalarFunction } from './types';

/** The one LineString of a value (a MultiLineString is refused), or undefined. */
function singleLine(v: Value): Vec[] | undefined {
  const lines = linesOf(v);
  return lines && lines.length === 1 && (v as { type?: unknown }).type === 'LineString' ? lines[0] : undefined;
}

function lineArg(constArgs: readonly (Value | undefined)[]): (args: readonly Value[]) => Vec[] | undefined {
  const constant = constArgs[0];
  if (constant !== undefined) {
    const parsed = singleLine(constant);
    return () => parsed;
  }
  return (args) => singleLine(args[0] ?? null);
}

/** The point at angle `s` from a along the arc a→b of angle `theta`. */
function along(a: Vec, b: Vec, theta: number, s: number): Vec {
  if (theta === 0) {
    return a;
  }
  const wa = Math.sin(theta - s) / Math.sin(theta);
  const wb = Math.sin(s) / Math.sin(theta);
  return [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]];
}

/** The point of arc a→b nearest p, and its angle from a. */
function nearestOnArc(p: Vec, a: Vec, b: Vec): { point: Vec; offset: number } {
  const n = cross(a, b);
  const nn = dot(n, n);
  if (nn > 0 && dot(cross(n, a), p) >= 0 && dot(cross(b, n), p) >= 0) {
    const k = dot(p, n) / nn;
    const q: Vec = [p[0] - k * n[0], p[1] - k * n[1], p[2] - k * n[2]];
    const length = Math.sqrt(dot(q, q));
    if (length > 0) {
      const point: Vec = [q[0] / length, q[1] / length, q[2] / length];
      return { point, offset: angle(a, point) };
    }
  }
  return angle(p, a) <= angle(p, b) ? { point: a, offset: 0 } : { point: b, offset: angle(a, b) };
}

/** The point of a line nearest p, and the angle along the line from its start to it. */
function nearestOnLine(p: Vec, line: readonly Vec[]): { point: Vec; distance: number } {
  let best = { point: line[0]!, distance: 0 };
  let bestAngle = Number.POSITIVE_INFINITY;
  let walked = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!,
      b = line[i]!;
    const near = nearestOnArc(p, a, b);
    const gap = angle(p, near.point);
    if (gap < bestAngle) {
      bestAngle = gap;
      best = { point: near.point, distance: walked + near.offset };
    }
    walked += angle(a, b);
  }
  return best;
}

/** The point nearest p over several chains of edges. */
function nearestOnChains(p: Vec, chains: readonly (readonly Vec[])[]): Vec {
  let best: Vec = chains[0]![0]!;
  let bestAngle = Number.POSITIVE_INFINITY;
  for (const chain of chains) {
    const near = nearestOnLine(p, chain).point;
    const gap = angle(p, near);
    if (gap < bestAngle) {
      bestAngle = gap;
      best = near;
    }
  }
  return best;
}

function degreesOf(v: Vec): [number, number] {
  const [x, y, z] = v;
  return [(Math.atan2(y, x) * 180) / Math.PI, (Math.atan2(z, Math.sqrt(x * x + y * y)) * 180) / Math.PI];
}

function pointValue(v: Vec): DynamicValue {
  const [x, y, z] = v;
  const longitude = (Math.atan2(y, x) * 180) / Math.PI;
  const latitude = (Math.atan2(z, Math.sqrt(x * x + y * y)) * 180) / Math.PI;
  return recordOf<DynamicValue>({ type: 'Point', coordinates: [realInDynamic(longitude), realInDynamic(latitude)] });
}

function pointArgs(args: readonly Value[], from: number): Vec | undefined {
  const longitude = num(args[from] ?? null);
  const latitude = num(args[from + 1] ?? null);
  return validPoint(longitude, latitude) ? vecOf(longitude!, latitude!) : undefined;
}

export const geoLinePoints: ScalarFunction[] = [
  scalar('geo_line_interpolate_point', (_types, _result, _ctx, constArgs) => {
    const lines = lineArg(constArgs);
    return (args) => {
      const line = lines(args);
      const fraction = num(args[1] ?? null);
      if (!line || fraction === null || !(fraction >= 0 && fraction <= 1)) {
        return null;
      }
      let remaining = fraction * chainLength(line);
      for (let i = 1; i < line.length; i++) {
        const theta = angle(line[i - 1]!, line[i]!);
        if (remaining <= theta || i === line.length - 1) {
          return pointValue(along(line[i - 1]!, line[i]!, theta, Math.min(remaining, theta)));
        }
        remaining -= theta;
      }
      return pointValue(line[line.length - 1]!);
    };
  }),

  scalar('geo_line_locate_point', (types, _result, _ctx, constArgs) => {
    const lines = lineArg(constArgs);
    const withSpheroid = types.length > 3;
    return (args) => {
      const line = lines(args);
      const p = pointArgs(args, 1);
      const spheroid = withSpheroid ? args[3] : false;
      if (!line || !p || spheroid === null || spheroid === undefined) {
        return null;
      }
      if (spheroid === true || (typeof spheroid === 'number' && spheroid !== 0)) {
        // On WGS-84 (geoSpheroid.ts): the library is loaded only for such a call.
        return spheroidLocate(line.map(degreesOf), [num(args[1] ?? null)!, num(args[2] ?? null)!]);
      }
      const total = chainLength(line);
      return total === 0 ? 0 : Math.min(1, nearestOnLine(p, line).distance / total);
    };
  }),

  scalar('geo_closest_point_on_line', () => (args) => {
    const p = pointArgs(args, 0);
    const lines = linesOf(args[2] ?? null);
    return p && lines ? pointValue(nearestOnChains(p, lines)) : null;
  }),

  scalar('geo_closest_point_on_polygon', () => (args) => {
    const p = pointArgs(args, 0);
    const polygons = polygonsOf(args[2] ?? null);
    if (!p || !polygons) {
      return null;
    }
    const inside = polygons.some(
      ([shell, ...holes]) => ringContains(shell!, p) && !holes.some((hole) => ringContains(hole, p)),
    );
    if (inside) {
      // The reference: a point the polygon holds is its own closest point (its coordinates as given).
      return recordOf<DynamicValue>({
        type: 'Point',
        coordinates: [realInDynamic(num(args[0] ?? null)!), realInDynamic(num(args[1] ?? null)!)],
      });
    }
    return pointValue(nearestOnChains(p, polygons.flat()));
  }),
];
