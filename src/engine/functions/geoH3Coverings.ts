/**
 * geo_polygon_to_h3cells: the H3 cells of one resolution (default 6) whose centres lie in a polygon
 * or multipolygon, the reference's containment rule, computed by the H3 library's polygonToCells
 * (center containment, edges straight in longitude/latitude as the reference says). The reference's
 * example gives its 13 cells; the library lists them in its own order, not the one printed there.
 * With a radius (meters), the cells whose centres lie within it of the polygon are added: a flood over
 * neighbouring cells from those inside and those holding a vertex. Invalid input, a resolution outside
 * [0, 15], a negative radius or more than 61,680 cells give null, as the reference says.
 */
import { dynamicNumber, type Value } from '../values';
import { num, scalar } from './define';
import { type Polygon, polygonsOf } from './geoShapes';
import { h3 } from './h3Library';
import { angleToChain, EARTH_RADIUS_METERS, ringArea, ringContains, type Vec, vecOf } from './sphereGeometry';
import type { ScalarFunction } from './types';

const DEFAULT_RESOLUTION = 6;
const MAX_RESOLUTION = 15;
/** The reference's limit on cells per polygon. */
export const MAX_H3_CELLS = 61_680;

/** The polygons' rings as the library takes them: [longitude, latitude] pairs, GeoJSON order. */
function ringsOf(v: Value): number[][][][] {
  const s = v as { type: string; coordinates: unknown[] };
  const polygons = (s.type === 'Polygon' ? [s.coordinates] : s.coordinates) as unknown[][][][];
  return polygons.map((rings) =>
    rings.map((ring) => ring.map((p) => [dynamicNumber(p[0]) ?? 0, dynamicNumber(p[1]) ?? 0])),
  );
}

function distanceAngle(polygons: readonly Polygon[], p: Vec): number {
  let best = Number.POSITIVE_INFINITY;
  for (const [shell, ...holes] of polygons) {
    if (ringContains(shell!, p) && !holes.some((hole) => ringContains(hole, p))) {
      return 0;
    }
    for (const ring of [shell!, ...holes]) {
      best = Math.min(best, angleToChain(p, ring));
    }
  }
  return best;
}

/** The cells, or undefined when there would be more than the limit. */
function cellsOf(v: Value, polygons: readonly Polygon[], resolution: number, radius: number): string[] | undefined {
  const lib = h3();
  // Too many cells is known from the area before the library is asked to list them (and allocate for them).
  const area = polygons.reduce((sum, [shell]) => sum + ringArea(shell!), 0) * EARTH_RADIUS_METERS ** 2;
  if (area / lib.getHexagonAreaAvg(resolution, 'm2') > 2 * MAX_H3_CELLS) {
    return undefined;
  }
  const found = new Set<string>();
  for (const rings of ringsOf(v)) {
    for (const cell of lib.polygonToCells(rings, resolution, true)) {
      found.add(cell);
    }
  }
  if (radius > 0) {
    const seeds = [...found, ...polygons.flat(2).map((p) => cellOfVec(p, resolution))];
    const seen = new Set<string>(seeds);
    const queue = [...seeds];
    while (queue.length > 0) {
      const cell = queue.pop()!;
      const [lat, lng] = lib.cellToLatLng(cell);
      if (!found.has(cell) && distanceAngle(polygons, vecOf(lng, lat)) > radius) {
        continue;
      }
      found.add(cell);
      if (found.size > MAX_H3_CELLS) {
        return undefined;
      }
      for (const next of lib.gridDisk(cell, 1)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return found.size > MAX_H3_CELLS ? undefined : [...found];
}

function cellOfVec(p: Vec, resolution: number): string {
  const lat = (Math.atan2(p[2], Math.hypot(p[0], p[1])) * 180) / Math.PI;
  const lng = (Math.atan2(p[1], p[0]) * 180) / Math.PI;
  return h3().latLngToCell(lat, lng, resolution);
}

export const geoH3Coverings: ScalarFunction[] = [
  scalar('geo_polygon_to_h3cells', () => (args) => {
    const shape = args[0] ?? null;
    const polygons = polygonsOf(shape);
    const resolution = args.length > 1 ? num(args[1] ?? null) : DEFAULT_RESOLUTION;
    const radius = args.length > 2 ? num(args[2] ?? null) : 0;
    if (
      !polygons ||
      resolution === null ||
      !Number.isInteger(resolution) ||
      resolution < 0 ||
      resolution > MAX_RESOLUTION ||
      radius === null ||
      !(radius >= 0 && Number.isFinite(radius))
    ) {
      return null;
    }
    try {
      return cellsOf(shape, polygons, resolution, radius / EARTH_RADIUS_METERS) ?? null;
    } catch {
      // The library refuses shapes it cannot fill (its own limits): null, as for any invalid polygon.
      return null;
    }
  }),
];
