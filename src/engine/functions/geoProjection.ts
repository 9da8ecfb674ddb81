/**
 * Planes the sphere's shapes are clipped, unioned and buffered in, each centred on the shapes at hand:
 *  - gnomonic: every great circle is a straight line in it, so planar clipping of geodesic edges is
 *    exact (the reference's union and intersection vertices come back to ~1e-14°); it reaches less
 *    than a hemisphere, so shapes with a vertex 85° or more from their centre are refused;
 *  - azimuthal equidistant: distances from the centre are true, so a planar buffer is a geodesic
 *    buffer at the centre and off by a factor within (extent/R)² elsewhere (2.5e-4 at 100 km).
 */
import { angle, cross, dot, type Vec, vecOf } from './sphereGeometry';
import type { PlanePoint } from './geometryLibraryTypes';

const DEGREES = 180 / Math.PI;
/** The farthest a vertex may lie from the centre for the gnomonic plane (cos 85°). */
const MIN_GNOMONIC_COS = Math.cos((85 * Math.PI) / 180);

export interface Projection {
  toPlane(longitude: number, latitude: number): PlanePoint;
  /** [longitude in [-180, 180], latitude] */
  fromPlane(p: PlanePoint): [number, number];
}

function normalize(v: Vec): Vec {
  const n = Math.sqrt(dot(v, v));
  return [v[0] / n, v[1] / n, v[2] / n];
}

export function lonLatOf(v: Vec): [number, number] {
  return [Math.atan2(v[1], v[0]) * DEGREES, Math.atan2(v[2], Math.hypot(v[0], v[1])) * DEGREES];
}

/** East and north unit vectors at c. */
function frame(c: Vec): { east: Vec; north: Vec } {
  const up: Vec = [0, 0, 1];
  const e = cross(up, c);
  const east = dot(e, e) > 1e-24 ? normalize(e) : ([0, 1, 0] as Vec);
  return { east, north: cross(c, east) };
}

/** The mean direction of the positions, or undefined when they cancel out. */
export function centreOf(positions: readonly (readonly [number, number])[]): Vec | undefined {
  let s: [number, number, number] = [0, 0, 0];
  for (const [lon, lat] of positions) {
    const v = vecOf(lon, lat);
    s = [s[0] + v[0], s[1] + v[1], s[2] + v[2]];
  }
  const n = Math.sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
  return n > 1e-9 * Math.max(1, positions.length) ? [s[0] / n, s[1] / n, s[2] / n] : undefined;
}

/** The gnomonic plane at the positions' centre, or undefined when some lie too far from it. */
export function gnomonicFor(positions: readonly (readonly [number, number])[]): Projection | undefined {
  const c = centreOf(positions);
  if (!c || positions.some(([lon, lat]) => dot(vecOf(lon, lat), c) <= MIN_GNOMONIC_COS)) {
    return undefined;
  }
  const { east, north } = frame(c);
  return {
    toPlane(lon, lat) {
      const p = vecOf(lon, lat);
      const k = dot(p, c);
      return [dot(p, east) / k, dot(p, north) / k];
    },
    fromPlane([x, y]) {
      return lonLatOf(
        normalize([
          c[0] + x * east[0] + y * north[0],
          c[1] + x * east[1] + y * north[1],
          c[2] + x * east[2] + y * north[2],
        ]),
      );
    },
  };
}

/** The azimuthal equidistant plane at the positions' centre, in radians of arc. */
export function equidistantFor(positions: readonly (readonly [number, number])[]): Projection | undefined {
  const c = centreOf(positions);
  if (!c) {
    return undefined;
  }
  const { east, north } = frame(c);
  return {
    toPlane(lon, lat) {
      const p = vecOf(lon, lat);
      const x = dot(p, east);
      const y = dot(p, north);
      const h = Math.hypot(x, y);
      const rho = angle(c, p);
      return h === 0 ? [0, 0] : [(x / h) * rho, (y / h) * rho];
    },
    fromPlane([x, y]) {
      const rho = Math.hypot(x, y);
      if (rho === 0) {
        return lonLatOf(c);
      }
      const s = Math.sin(rho) / rho;
      const k = Math.cos(rho);
      return lonLatOf(
        normalize([
          c[0] * k + (east[0] * x + north[0] * y) * s,
          c[1] * k + (east[1] * x + north[1] * y) * s,
          c[2] * k + (east[2] * x + north[2] * y) * s,
        ]),
      );
    },
  };
}
