/**
 * geo_polygon_to_s2cells and geo_line_to_s2cells: the S2 cell tokens of one level (default 11) that
 * cover a shape, and with a radius (meters) everything within it (s2Covering.ts). The reference's
 * count (286 level-5 cells for its triangle) comes out; invalid shapes, levels outside [0, 30], a
 * negative radius or more than 65,536 cells give null, as it says.
 */
import type { Value } from '../values';
import { num, scalar } from './define';
import { linesOf, type Polygon, polygonsOf } from './geoShapes';
import { type CoverShape, s2Covering } from './s2Covering';
import { EARTH_RADIUS_METERS, ringContains, type Vec } from './sphereGeometry';
import type { ScalarFunction } from './types';

const DEFAULT_LEVEL = 11;
const MAX_LEVEL = 30;

function edgesOf(chains: readonly (readonly Vec[])[]): [Vec, Vec][] {
  return chains.flatMap((chain) => chain.slice(1).map((b, i): [Vec, Vec] => [chain[i]!, b]));
}

/** A polygon or multipolygon as a shape to cover: its rings' edges, and its interior (shells less holes). */
export function polygonShape(polygons: readonly Polygon[]): CoverShape {
  return {
    edges: edgesOf(polygons.flat()),
    contains: (p) =>
      polygons.some(([shell, ...holes]) => ringContains(shell!, p) && !holes.some((hole) => ringContains(hole, p))),
  };
}

export function lineShape(lines: readonly (readonly Vec[])[]): CoverShape {
  return { edges: edgesOf(lines) };
}

/** The level and radius (radians) arguments, or undefined when either is invalid. */
function levelAndRadius(args: readonly Value[]): { level: number; radius: number } | undefined {
  const level = args.length > 1 ? num(args[1] ?? null) : DEFAULT_LEVEL;
  const radius = args.length > 2 ? num(args[2] ?? null) : 0;
  if (level === null || !Number.isInteger(level) || level < 0 || level > MAX_LEVEL) {
    return undefined;
  }
  if (radius === null || !(radius >= 0) || !Number.isFinite(radius)) {
    return undefined;
  }
  return { level, radius: radius / EARTH_RADIUS_METERS };
}

/** A covering function over the shape its first argument parses to (read once when it is a constant). */
function covering(name: string, shapeOf: (v: Value) => CoverShape | undefined): ScalarFunction {
  return scalar(name, (_types, _result, _ctx, constArgs) => {
    const constant = constArgs[0] !== undefined ? shapeOf(constArgs[0]) : undefined;
    return (args) => {
      const shape = constArgs[0] !== undefined ? constant : shapeOf(args[0] ?? null);
      const options = levelAndRadius(args);
      return shape && options ? (s2Covering(shape, options.level, options.radius) ?? null) : null;
    };
  });
}

export const geoS2Coverings: ScalarFunction[] = [
  covering('geo_polygon_to_s2cells', (v) => {
    const polygons = polygonsOf(v);
    return polygons ? polygonShape(polygons) : undefined;
  }),
  covering('geo_line_to_s2cells', (v) => {
    const lines = linesOf(v);
    return lines ? lineShape(lines) : undefined;
  }),
];
