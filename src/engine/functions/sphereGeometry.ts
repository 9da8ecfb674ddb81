/**
 * Geometry on Kusto's sphere: points as unit vectors, edges as the shorter great-circle arc between
 * two vertices (the reference: "edges are geodesics on the sphere", "the shortest edge between the two
 * vertices will be chosen"), lengths and areas scaled by the sphere radius geo_distance_2points uses.
 */

export type Vec = readonly [number, number, number];

/** The sphere's radius in meters (see geoFunctions.ts: the reference's distances are this times the angle). */
export const EARTH_RADIUS_METERS = 6_371_010;
const RADIANS = Math.PI / 180;

export function vecOf(longitude: number, latitude: number): Vec {
  const lat = latitude * RADIANS;
  const lon = longitude * RADIANS;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

export function dot(a: Vec, b: Vec): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec, b: Vec): Vec {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function norm(a: Vec): number {
  return Math.sqrt(dot(a, a));
}

/** The angle between two unit vectors, accurate for near and antipodal points alike. */
export function angle(a: Vec, b: Vec): number {
  return Math.atan2(norm(cross(a, b)), dot(a, b));
}

/** The angle from point p to the arc a→b: to its nearest interior point, or to the nearer end. */
export function angleToArc(p: Vec, a: Vec, b: Vec): number {
  const n = cross(a, b);
  const nn = norm(n);
  if (nn > 0) {
    // p's projection onto the arc's great circle lies within the arc when it is on the inner side of
    // both ends' planes normal to the arc.
    if (dot(cross(n, a), p) >= 0 && dot(cross(b, n), p) >= 0) {
      return Math.abs(Math.asin(Math.max(-1, Math.min(1, dot(p, n) / nn))));
    }
  }
  return Math.min(angle(p, a), angle(p, b));
}

/** The sign of the triple product (a × b) · c: which side of the great circle a→b the point c lies. */
function side(a: Vec, b: Vec, c: Vec): number {
  return Math.sign(dot(cross(a, b), c));
}

/** Whether the arcs a→b and c→d cross at a point interior to both (S2's CrossingSign, without its tie-breaks). */
export function arcsCross(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  const acb = -side(a, b, c);
  if (acb === 0 || side(a, b, d) !== acb) {
    return false;
  }
  const cbd = -side(c, d, b);
  if (cbd !== acb) {
    return false;
  }
  return side(c, d, a) === acb;
}

/** The signed area (steradians) of the spherical triangle a, b, c: positive when counter-clockwise. */
function triangleArea(a: Vec, b: Vec, c: Vec): number {
  // Eriksson's formula: tan(E / 2) = a · (b × c) / (1 + a·b + b·c + c·a).
  return 2 * Math.atan2(dot(a, cross(b, c)), 1 + dot(a, b) + dot(b, c) + dot(c, a));
}

/**
 * The area (steradians) of the smaller of the two regions a closed ring bounds, which is the region the
 * reference says a ring stands for. `ring` repeats its first vertex at the end.
 */
export function ringArea(ring: readonly Vec[]): number {
  let signed = 0;
  for (let i = 1; i + 1 < ring.length; i++) {
    signed += triangleArea(ring[0]!, ring[i]!, ring[i + 1]!);
  }
  const left = ((signed % (4 * Math.PI)) + 4 * Math.PI) % (4 * Math.PI);
  return Math.min(left, 4 * Math.PI - left);
}

/** The length (radians) of a chain of vertices. */
export function chainLength(chain: readonly Vec[]): number {
  let total = 0;
  for (let i = 1; i < chain.length; i++) {
    total += angle(chain[i - 1]!, chain[i]!);
  }
  return total;
}

/** The angle from p to the nearest edge of a chain. */
export function angleToChain(p: Vec, chain: readonly Vec[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < chain.length; i++) {
    best = Math.min(best, angleToArc(p, chain[i - 1]!, chain[i]!));
  }
  return best;
}

/**
 * Whether p lies in the smaller region a closed ring bounds. The arc from p to a point certainly outside
 * (the antipode of the ring's mean vertex direction: the smaller region lies within the hemisphere
 * around that direction for any ring but a contrived one) crosses the ring an odd number of times.
 */
export function ringContains(ring: readonly Vec[], p: Vec): boolean {
  let sx = 0,
    sy = 0,
    sz = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sx += ring[i]![0];
    sy += ring[i]![1];
    sz += ring[i]![2];
  }
  const length = Math.hypot(sx, sy, sz);
  if (length === 0) {
    return false;
  }
  let outside: Vec = [-sx / length, -sy / length, -sz / length];
  if (dot(p, outside) < -1 + 1e-12) {
    // p is at the ring's centre direction: step the outside point aside so the arc is defined.
    const aside = Math.abs(outside[0]) < 0.9 ? ([1, 0, 0] as const) : ([0, 1, 0] as const);
    const t = cross(outside, aside);
    const tl = norm(t);
    outside = [outside[0] + (1e-6 * t[0]) / tl, outside[1] + (1e-6 * t[1]) / tl, outside[2] + (1e-6 * t[2]) / tl];
  }
  let crossings = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    if (arcsCross(p, outside, ring[i]!, ring[i + 1]!)) {
      crossings++;
    }
  }
  return crossings % 2 === 1;
}
