/**
 * GeoJSON lines and polygons as the geo functions take them (dynamic values), checked against the
 * reference's constraints: a LineString has at least two positions, a LinearRing at least four with
 * the last equal to the first, every position a [longitude, latitude] in range. Anything else is
 * undefined, which the functions turn into null, as the reference says for invalid shapes.
 */
import { dynamicNumber, isDynamicBag, type Value } from '../values';
import { type Vec, vecOf } from './sphereGeometry';

/** A polygon: its shell ring, then its holes, each closed (the first vertex repeated last). */
export type Polygon = readonly (readonly Vec[])[];

function position(v: unknown): [number, number] | undefined {
  if (!Array.isArray(v) || v.length < 2) {
    return undefined;
  }
  const longitude = dynamicNumber(v[0]);
  const latitude = dynamicNumber(v[1]);
  if (
    longitude === undefined ||
    latitude === undefined ||
    !(Math.abs(longitude) <= 180) ||
    !(Math.abs(latitude) <= 90)
  ) {
    return undefined;
  }
  return [longitude, latitude];
}

function chain(v: unknown, minimum: number): Vec[] | undefined {
  if (!Array.isArray(v) || v.length < minimum) {
    return undefined;
  }
  const out: Vec[] = [];
  for (const p of v) {
    const at = position(p);
    if (!at) {
      return undefined;
    }
    out.push(vecOf(at[0], at[1]));
  }
  return out;
}

function ring(v: unknown): Vec[] | undefined {
  const r = chain(v, 4);
  if (!r) {
    return undefined;
  }
  const first = (v as unknown[])[0] as unknown[];
  const last = (v as unknown[])[r.length - 1] as unknown[];
  return dynamicNumber(first[0]) === dynamicNumber(last[0]) && dynamicNumber(first[1]) === dynamicNumber(last[1])
    ? r
    : undefined;
}

function polygon(v: unknown): Polygon | undefined {
  if (!Array.isArray(v) || v.length < 1) {
    return undefined;
  }
  const rings: Vec[][] = [];
  for (const r of v) {
    const parsed = ring(r);
    if (!parsed) {
      return undefined;
    }
    rings.push(parsed);
  }
  return rings;
}

function shape(v: Value): { type: string; coordinates: unknown } | undefined {
  if (!isDynamicBag(v) || typeof v.type !== 'string') {
    return undefined;
  }
  return { type: v.type, coordinates: v.coordinates };
}

/** The lines of a LineString or MultiLineString, or undefined when it is neither or invalid. */
export function linesOf(v: Value): Vec[][] | undefined {
  const s = shape(v);
  if (s?.type === 'LineString') {
    const line = chain(s.coordinates, 2);
    return line ? [line] : undefined;
  }
  if (s?.type === 'MultiLineString' && Array.isArray(s.coordinates) && s.coordinates.length > 0) {
    const lines: Vec[][] = [];
    for (const c of s.coordinates) {
      const line = chain(c, 2);
      if (!line) {
        return undefined;
      }
      lines.push(line);
    }
    return lines;
  }
  return undefined;
}

/** The polygons of a Polygon or MultiPolygon, or undefined when it is neither or invalid. */
export function polygonsOf(v: Value): Polygon[] | undefined {
  const s = shape(v);
  if (s?.type === 'Polygon') {
    const p = polygon(s.coordinates);
    return p ? [p] : undefined;
  }
  if (s?.type === 'MultiPolygon' && Array.isArray(s.coordinates) && s.coordinates.length > 0) {
    const out: Polygon[] = [];
    for (const c of s.coordinates) {
      const p = polygon(c);
      if (!p) {
        return undefined;
      }
      out.push(p);
    }
    return out;
  }
  return undefined;
}
