/**
 * The geospatial functions VM insights users reach for with RemoteLatitude/RemoteLongitude: distance
 * between two points, a point within a circle, and geohash clustering.
 *
 * Kusto computes distances on a sphere of radius 6,371,010 m (the radius of the S2 geometry library it
 * is built on): the reference's Seattle → Los Angeles example, 1546754.35197381 m, is that radius times
 * the central angle, to all 15 digits. Coordinates are WGS-84 degrees; a longitude outside [-180, 180] or a
 * latitude outside [-90, 90] gives null, as the reference says.
 */
import type { DynamicValue, Value } from '../values';
import { num, scalar } from './define';
import { spheroidDistance } from './geoSpheroid';
import type { ScalarFunction } from './types';
import { recordOf } from '../../results/jsonData';

const EARTH_RADIUS_METERS = 6_371_010;
const RADIANS = Math.PI / 180;
const GEOHASH_ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';
const GEOHASH_MAX_LENGTH = 18;

export function validPoint(longitude: number | null, latitude: number | null): boolean {
  return (
    longitude !== null &&
    latitude !== null &&
    Number.isFinite(longitude) &&
    Number.isFinite(latitude) &&
    Math.abs(longitude) <= 180 &&
    Math.abs(latitude) <= 90
  );
}

/** The central angle between two points, by the haversine form (stable for near and antipodal points alike). */
function centralAngle(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RADIANS;
  const dLon = (lon2 - lon1) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RADIANS) * Math.cos(lat2 * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Meters between two points on Kusto's sphere, or null when a coordinate is out of range. */
export function sphereDistance(args: readonly Value[]): number | null {
  const [lon1, lat1, lon2, lat2] = [
    num(args[0] ?? null),
    num(args[1] ?? null),
    num(args[2] ?? null),
    num(args[3] ?? null),
  ];
  if (!validPoint(lon1, lat1) || !validPoint(lon2, lat2)) {
    return null;
  }
  return centralAngle(lon1!, lat1!, lon2!, lat2!) * EARTH_RADIUS_METERS;
}

/** The geohash of a point: bits alternate longitude, latitude, each halving its interval, 5 bits a character. */
export function geohashOf(longitude: number, latitude: number, length: number): string {
  let lonLow = -180,
    lonHigh = 180,
    latLow = -90,
    latHigh = 90;
  let text = '';
  let bits = 0,
    bitCount = 0,
    isLongitude = true;
  while (text.length < length) {
    if (isLongitude) {
      const mid = (lonLow + lonHigh) / 2;
      bits = bits * 2 + (longitude >= mid ? 1 : 0);
      if (longitude >= mid) lonLow = mid;
      else lonHigh = mid;
    } else {
      const mid = (latLow + latHigh) / 2;
      bits = bits * 2 + (latitude >= mid ? 1 : 0);
      if (latitude >= mid) latLow = mid;
      else latHigh = mid;
    }
    isLongitude = !isLongitude;
    if (++bitCount === 5) {
      text += GEOHASH_ALPHABET[bits];
      bits = 0;
      bitCount = 0;
    }
  }
  return text;
}

interface GeohashCell {
  readonly west: number;
  readonly east: number;
  readonly south: number;
  readonly north: number;
}

/** The rectangle a geohash stands for, or undefined for a text that is not a 1–18 character geohash. */
export function geohashCell(hash: string): GeohashCell | undefined {
  if (hash.length < 1 || hash.length > GEOHASH_MAX_LENGTH) {
    return undefined;
  }
  let west = -180,
    east = 180,
    south = -90,
    north = 90;
  let isLongitude = true;
  for (const ch of hash.toLowerCase()) {
    const code = GEOHASH_ALPHABET.indexOf(ch);
    if (code < 0) {
      return undefined;
    }
    for (let bit = 4; bit >= 0; bit--) {
      const on = (code >> bit) & 1;
      if (isLongitude) {
        const mid = (west + east) / 2;
        if (on) west = mid;
        else east = mid;
      } else {
        const mid = (south + north) / 2;
        if (on) south = mid;
        else north = mid;
      }
      isLongitude = !isLongitude;
    }
  }
  return { west, east, south, north };
}

function point(longitude: number, latitude: number): { [key: string]: DynamicValue } {
  return recordOf<DynamicValue>({ type: 'Point', coordinates: [longitude, latitude] });
}

export const geoFunctions: ScalarFunction[] = [
  scalar('geo_distance_2points', (types) => (args) => {
    if (types.length < 5) {
      return sphereDistance(args);
    }
    const spheroid = args[4];
    if (spheroid === null || spheroid === undefined) {
      return null;
    }
    if (spheroid !== true && !(typeof spheroid === 'number' && spheroid !== 0)) {
      return sphereDistance(args);
    }
    // use_spheroid = true: the WGS-84 ellipsoid (geoSpheroid.ts), the library loaded only for such a call.
    const [lon1, lat1, lon2, lat2] = [0, 1, 2, 3].map((i) => num(args[i] ?? null));
    return validPoint(lon1!, lat1!) && validPoint(lon2!, lat2!)
      ? spheroidDistance([lon1!, lat1!], [lon2!, lat2!])
      : null;
  }),

  scalar('geo_point_in_circle', () => (args) => {
    const radius = num(args[4] ?? null);
    const distance = sphereDistance([args[0] ?? null, args[1] ?? null, args[2] ?? null, args[3] ?? null]);
    if (distance === null || radius === null || !(radius >= 0)) {
      return null;
    }
    return distance <= radius;
  }),

  scalar('geo_point_to_geohash', () => (args) => {
    const longitude = num(args[0] ?? null);
    const latitude = num(args[1] ?? null);
    const accuracy = args.length > 2 ? num(args[2] ?? null) : 5;
    if (
      !validPoint(longitude, latitude) ||
      accuracy === null ||
      !Number.isInteger(accuracy) ||
      accuracy < 1 ||
      accuracy > GEOHASH_MAX_LENGTH
    ) {
      return '';
    }
    return geohashOf(longitude!, latitude!, accuracy);
  }),

  scalar('geo_geohash_to_central_point', () => (args) => {
    const cell = typeof args[0] === 'string' ? geohashCell(args[0]) : undefined;
    return cell ? point((cell.west + cell.east) / 2, (cell.south + cell.north) / 2) : null;
  }),

  scalar('geo_geohash_to_polygon', () => (args) => {
    const cell = typeof args[0] === 'string' ? geohashCell(args[0]) : undefined;
    if (!cell) {
      return null;
    }
    // GeoJSON's outer ring: counter-clockwise, closed by repeating its first corner.
    const ring: DynamicValue[] = [
      [cell.west, cell.south],
      [cell.east, cell.south],
      [cell.east, cell.north],
      [cell.west, cell.north],
      [cell.west, cell.south],
    ];
    return recordOf<DynamicValue>({ type: 'Polygon', coordinates: [ring] });
  }),
];
