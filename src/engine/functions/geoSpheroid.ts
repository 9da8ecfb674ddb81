/**
 * Measuring along a line on the WGS-84 spheroid (use_spheroid = true): edges are geodesics of the
 * ellipsoid, computed by GeographicLib (geodesicLibrary.ts). geo_line_locate_point's fraction is the
 * ellipsoidal length from the line's start to the point of the line nearest the given point (nearest
 * by ellipsoidal distance), over the line's ellipsoidal length.
 */
import { geodesicLibrary } from './geodesicLibrary';

/** [longitude, latitude] in degrees. */
export type Position = readonly [number, number];

const MAX_STEPS = 50;
/** Meters: the foot of the perpendicular is found to within this along the edge. */
const TOLERANCE = 1e-9;

/**
 * The point of the edge a→b nearest p: its distance along the edge from a and its distance from p.
 * The foot of the geodesic perpendicular is found by Newton steps: from a point x of the edge, the
 * foot lies d·cos δ back along it, d being x's distance from p and δ the angle at x between the edge
 * and the geodesic from p (exact on a plane, and converging in a few steps on the ellipsoid).
 */
function nearestOnEdge(a: Position, b: Position, p: Position): { along: number; distance: number; length: number } {
  const { Geodesic } = geodesicLibrary();
  const g = Geodesic.WGS84;
  const line = g.InverseLine(a[1], a[0], b[1], b[0], Geodesic.STANDARD | Geodesic.DISTANCE_IN);
  const length = line.s13 as number;
  const at = (s: number) => {
    const x = line.Position(s, Geodesic.STANDARD);
    const r = g.Inverse(p[1], p[0], x.lat2!, x.lon2!, Geodesic.STANDARD);
    return { s, distance: r.s12!, lineAzimuth: x.azi2!, fromP: r.azi2! };
  };
  let x = at(length / 2);
  for (let k = 0; k < MAX_STEPS && x.distance > 0; k++) {
    const delta = ((x.lineAzimuth - x.fromP) * Math.PI) / 180;
    const next = Math.max(0, Math.min(length, x.s - x.distance * Math.cos(delta)));
    if (Math.abs(next - x.s) <= TOLERANCE) {
      x = at(next);
      break;
    }
    x = at(next);
  }
  // The ends compete too: the perpendicular's foot may be off the edge, or the search stopped at an end.
  const ends = [at(0), at(length)];
  const best = [x, ...ends].reduce((m, c) => (c.distance < m.distance ? c : m));
  return { along: best.s, distance: best.distance, length };
}

/** The fraction of a line's ellipsoidal length at which it comes nearest to p. */
export function spheroidLocate(line: readonly Position[], p: Position): number {
  let total = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  let bestAt = 0;
  for (let i = 1; i < line.length; i++) {
    const near = nearestOnEdge(line[i - 1]!, line[i]!, p);
    if (near.distance < bestDistance) {
      bestDistance = near.distance;
      bestAt = total + near.along;
    }
    total += near.length;
  }
  return total === 0 ? 0 : Math.min(1, bestAt / total);
}

/** The ellipsoidal distance (meters) between two points, GeographicLib's inverse problem. */
export function spheroidDistance(a: Position, b: Position): number {
  const { Geodesic } = geodesicLibrary();
  return Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0], Geodesic.DISTANCE).s12!;
}
