/**
 * Directions on the sphere, and a geohash's neighbours: geo_azimuth (the initial bearing from p1 to p2,
 * clockwise from true north, in radians in [0, 2π)), geo_angle (clockwise from line [p1, p2] to line
 * [p2, p3], the difference of the two bearings at p2), and geo_geohash_neighbors. The bearings match the
 * reference's examples to the digits it prints (3.05459939796449, 2.94493843406882). Equal points have
 * no direction: null, as the reference says; so does a coordinate out of range.
 */
import type { Value } from '../values';
import { num, scalar } from './define';
import { geohashCell, geohashOf, validPoint } from './geoFunctions';
import type { ScalarFunction } from './types';

const RADIANS = Math.PI / 180;
const TURN = 2 * Math.PI;

function bearing(lon1: number, lat1: number, lon2: number, lat2: number): number | null {
  if (lon1 === lon2 && lat1 === lat2) {
    return null;
  }
  const dLon = (lon2 - lon1) * RADIANS;
  const y = Math.sin(dLon) * Math.cos(lat2 * RADIANS);
  const x =
    Math.cos(lat1 * RADIANS) * Math.sin(lat2 * RADIANS) -
    Math.sin(lat1 * RADIANS) * Math.cos(lat2 * RADIANS) * Math.cos(dLon);
  const a = Math.atan2(y, x);
  return a < 0 ? a + TURN : a;
}

/** The arguments as (longitude, latitude) pairs, or null when one is missing or out of range. */
function points(args: readonly Value[], count: number): [number, number][] | null {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const lon = num(args[2 * i] ?? null);
    const lat = num(args[2 * i + 1] ?? null);
    if (!validPoint(lon, lat)) {
      return null;
    }
    out.push([lon!, lat!]);
  }
  return out;
}

/**
 * The eight neighbours of a geohash cell, in the order the reference lists those of 'sunny': south-west,
 * north-west, south-east, north, west, north-east, east, south. Longitude wraps at ±180; a neighbour past a
 * pole is left out.
 */
function neighbors(hash: string): string[] | null {
  const cell = geohashCell(hash);
  if (!cell) {
    return null;
  }
  const width = cell.east - cell.west;
  const height = cell.north - cell.south;
  const lon = (cell.west + cell.east) / 2;
  const lat = (cell.south + cell.north) / 2;
  const steps: [number, number][] = [
    [-1, -1],
    [-1, 1],
    [1, -1],
    [0, 1],
    [-1, 0],
    [1, 1],
    [1, 0],
    [0, -1],
  ];
  const out: string[] = [];
  for (const [dx, dy] of steps) {
    const y = lat + dy * height;
    if (y < -90 || y > 90) {
      continue;
    }
    let x = lon + dx * width;
    x = x > 180 ? x - 360 : x < -180 ? x + 360 : x;
    out.push(geohashOf(x, y, hash.length));
  }
  return out;
}

export const geoDirections: ScalarFunction[] = [
  scalar('geo_azimuth', () => (args) => {
    const p = points(args, 2);
    return p ? bearing(p[0]![0], p[0]![1], p[1]![0], p[1]![1]) : null;
  }),
  scalar('geo_angle', () => (args) => {
    const p = points(args, 3);
    if (!p) {
      return null;
    }
    const back = bearing(p[1]![0], p[1]![1], p[0]![0], p[0]![1]);
    const ahead = bearing(p[1]![0], p[1]![1], p[2]![0], p[2]![1]);
    return back === null || ahead === null ? null : (((ahead - back) % TURN) + TURN) % TURN;
  }),
  scalar('geo_geohash_neighbors', () => (args) => (typeof args[0] === 'string' ? neighbors(args[0]) : null)),
];
