/**
 * S2 cells, the grid Kusto's geospatial functions are built on: the sphere projected onto the six faces
 * of a cube, each face's (u, v) square warped by S2's quadratic projection to (s, t) and cut into 2^30 ×
 * 2^30 leaf cells numbered along a Hilbert curve. A cell id is 64 bits: 3 of face, 2 per level of
 * position on the curve, then a 1 marking the level; its token is the id in hex without trailing zeros.
 * Written from the S2 geometry library's published definitions (cell ids, the quadratic projection,
 * the Hilbert tables, neighbours across faces); the reference's tokens ('89c259', '1234567') check it.
 */

const MAX_LEVEL = 30;
const MAX_SIZE = 2 ** MAX_LEVEL;
const RADIANS = Math.PI / 180;

/** Position on the Hilbert curve (0–3) of the child at (i bit, j bit), by the parent's orientation. */
const IJ_TO_POS = [
  [0, 1, 3, 2],
  [0, 3, 1, 2],
  [2, 3, 1, 0],
  [2, 1, 3, 0],
];
/** The (i bit, j bit) of the child at each curve position, by orientation (the inverse of IJ_TO_POS). */
const POS_TO_IJ = [
  [0, 1, 3, 2],
  [0, 2, 3, 1],
  [3, 2, 0, 1],
  [3, 1, 0, 2],
];
/** How a child's orientation differs from its parent's (bit 1: axes swapped, bit 2: curve inverted). */
const POS_TO_ORIENTATION = [1, 0, 0, 3];

export interface S2Cell {
  readonly face: number;
  /** The cell's lower-left leaf coordinates on its face. */
  readonly i: number;
  readonly j: number;
  readonly level: number;
}

type Vector = [number, number, number];

export function pointOf(longitude: number, latitude: number): Vector {
  const lat = latitude * RADIANS;
  const lon = longitude * RADIANS;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

/** The face a point projects to (its largest coordinate's axis, +3 when negative) and its (u, v) there. */
export function faceUv(p: Vector): [number, number, number] {
  const [x, y, z] = p;
  const ax = Math.abs(x),
    ay = Math.abs(y),
    az = Math.abs(z);
  let face = ax > ay ? (ax > az ? 0 : 2) : ay > az ? 1 : 2;
  if (p[face]! < 0) {
    face += 3;
  }
  switch (face) {
    case 0:
      return [0, y / x, z / x];
    case 1:
      return [1, -x / y, z / y];
    case 2:
      return [2, -x / z, -y / z];
    case 3:
      return [3, z / x, y / x];
    case 4:
      return [4, z / y, -x / y];
    default:
      return [5, -y / z, -x / z];
  }
}

function faceUvToPoint(face: number, u: number, v: number): Vector {
  switch (face) {
    case 0:
      return [1, u, v];
    case 1:
      return [-u, 1, v];
    case 2:
      return [-u, -v, 1];
    case 3:
      return [-1, -v, -u];
    case 4:
      return [v, -1, -u];
    default:
      return [v, u, -1];
  }
}

/** S2's quadratic projection from u ∈ [-1, 1] to s ∈ [0, 1], and back. */
export function uvToSt(u: number): number {
  return u >= 0 ? 0.5 * Math.sqrt(1 + 3 * u) : 1 - 0.5 * Math.sqrt(1 - 3 * u);
}
function stToUv(s: number): number {
  return s >= 0.5 ? (4 * s * s - 1) / 3 : (1 - 4 * (1 - s) * (1 - s)) / 3;
}

function stToIj(s: number): number {
  return Math.max(0, Math.min(MAX_SIZE - 1, Math.floor(MAX_SIZE * s)));
}

/** The level-`level` cell holding leaf (i, j) of `face`. */
function cellAt(face: number, i: number, j: number, level: number): S2Cell {
  const size = 2 ** (MAX_LEVEL - level);
  return { face, i: i - (i % size), j: j - (j % size), level };
}

/** The cell of a point (degrees) at a level. */
export function s2CellOfPoint(longitude: number, latitude: number, level: number): S2Cell {
  return s2CellOfVec(pointOf(longitude, latitude), level);
}

/** The cell of a point (a vector from the centre, any length) at a level. */
export function s2CellOfVec(p: readonly [number, number, number], level: number): S2Cell {
  const [face, u, v] = faceUv(p as Vector);
  return cellAt(face, stToIj(uvToSt(u)), stToIj(uvToSt(v)), level);
}

/** A cell's 64-bit id (face, position on the Hilbert curve, level marker): ids sort along the curve. */
export function s2CellId(cell: S2Cell): bigint {
  let id = BigInt(cell.face);
  let orientation = cell.face & 1;
  for (let k = MAX_LEVEL - 1; k >= MAX_LEVEL - cell.level; k--) {
    const ij = ((Math.floor(cell.i / 2 ** k) & 1) << 1) | (Math.floor(cell.j / 2 ** k) & 1);
    const pos = IJ_TO_POS[orientation]![ij]!;
    id = (id << 2n) | BigInt(pos);
    orientation ^= POS_TO_ORIENTATION[pos]!;
  }
  // The level marker, then zeros to 64 bits.
  id = (id << 1n) | 1n;
  return id << BigInt(2 * (MAX_LEVEL - cell.level));
}

/** A cell id's token: the id in hex, trailing zeros dropped. */
export function s2TokenOfId(id: bigint): string {
  return id.toString(16).padStart(16, '0').replace(/0+$/, '');
}

/** A cell's token: its 64-bit id in hex, trailing zeros dropped. */
export function s2Token(cell: S2Cell): string {
  return s2TokenOfId(s2CellId(cell));
}

/** The cell a token names, or undefined for a text that is not a valid S2 token. */
export function s2CellOfToken(token: string): S2Cell | undefined {
  if (token.length < 1 || token.length > 16 || !/^[0-9a-fA-F]+$/.test(token)) {
    return undefined;
  }
  const id = BigInt(`0x${token.padEnd(16, '0')}`);
  if (id === 0n) {
    return undefined;
  }
  const face = Number(id >> 61n);
  let trailing = 0;
  while (((id >> BigInt(trailing)) & 1n) === 0n) {
    trailing++;
  }
  if (face > 5 || trailing % 2 !== 0) {
    return undefined;
  }
  const level = MAX_LEVEL - trailing / 2;
  let orientation = face & 1;
  let i = 0,
    j = 0;
  for (let n = 1; n <= level; n++) {
    const pos = Number((id >> BigInt(61 - 2 * n)) & 3n);
    const ij = POS_TO_IJ[orientation]![pos]!;
    const bit = 2 ** (MAX_LEVEL - n);
    i += (ij >> 1) * bit;
    j += (ij & 1) * bit;
    orientation ^= POS_TO_ORIENTATION[pos]!;
  }
  return { face, i, j, level };
}

function toDegrees(p: Vector): [number, number] {
  const [x, y, z] = p;
  return [Math.atan2(y, x) / RADIANS, Math.atan2(z, Math.sqrt(x * x + y * y)) / RADIANS];
}

/** The point at face coordinates (s, t) as [longitude, latitude]. */
function stPoint(face: number, s: number, t: number): [number, number] {
  return toDegrees(faceUvToPoint(face, stToUv(s), stToUv(t)));
}

/** A cell's centre as [longitude, latitude]. */
export function s2CellCenter(cell: S2Cell): [number, number] {
  const size = 2 ** (MAX_LEVEL - cell.level);
  return stPoint(cell.face, (cell.i + size / 2) / MAX_SIZE, (cell.j + size / 2) / MAX_SIZE);
}

/** A cell's four corners as unit vectors, counter-clockwise from (low s, low t). */
export function s2CellCorners(cell: S2Cell): Vector[] {
  const size = 2 ** (MAX_LEVEL - cell.level);
  const at = (i: number, j: number): Vector => {
    const [x, y, z] = faceUvToPoint(cell.face, stToUv(i / MAX_SIZE), stToUv(j / MAX_SIZE));
    const n = Math.hypot(x, y, z);
    return [x / n, y / n, z / n];
  };
  return [at(cell.i, cell.j), at(cell.i + size, cell.j), at(cell.i + size, cell.j + size), at(cell.i, cell.j + size)];
}

/** A cell's centre as a unit vector. */
export function s2CellCentre(cell: S2Cell): Vector {
  const size = 2 ** (MAX_LEVEL - cell.level);
  const [x, y, z] = faceUvToPoint(
    cell.face,
    stToUv((cell.i + size / 2) / MAX_SIZE),
    stToUv((cell.j + size / 2) / MAX_SIZE),
  );
  const n = Math.hypot(x, y, z);
  return [x / n, y / n, z / n];
}

/** A cell's four children, in no particular order. */
export function s2CellChildren(cell: S2Cell): S2Cell[] {
  const half = 2 ** (MAX_LEVEL - cell.level - 1);
  const { face, i, j } = cell;
  const level = cell.level + 1;
  return [
    { face, i, j, level },
    { face, i: i + half, j, level },
    { face, i, j: j + half, level },
    { face, i: i + half, j: j + half, level },
  ];
}

/** A cell's four corners as [longitude, latitude], counter-clockwise from (low s, low t). */
export function s2CellVertices(cell: S2Cell): [number, number][] {
  const size = 2 ** (MAX_LEVEL - cell.level);
  const s0 = cell.i / MAX_SIZE,
    s1 = (cell.i + size) / MAX_SIZE;
  const t0 = cell.j / MAX_SIZE,
    t1 = (cell.j + size) / MAX_SIZE;
  return [
    stPoint(cell.face, s0, t0),
    stPoint(cell.face, s1, t0),
    stPoint(cell.face, s1, t1),
    stPoint(cell.face, s0, t1),
  ];
}

/**
 * The cell at a level holding leaf (i, j) of `face`, where (i, j) may lie just off the face: it is then
 * carried onto the face that point belongs to (S2's FromFaceIJWrap, which uses the linear projection
 * on purpose: only the face and the cell next to the edge matter).
 */
function wrapped(face: number, i: number, j: number, level: number): S2Cell {
  if (i >= 0 && j >= 0 && i < MAX_SIZE && j < MAX_SIZE) {
    return cellAt(face, i, j, level);
  }
  const limit = 1 + Number.EPSILON;
  const clampUv = (n: number) =>
    Math.max(-limit, Math.min(limit, (2 * (Math.max(-1, Math.min(MAX_SIZE, n)) - MAX_SIZE / 2) + 1) / MAX_SIZE));
  const [f, u, v] = faceUv(faceUvToPoint(face, clampUv(i), clampUv(j)));
  return cellAt(f, stToIj(0.5 * (u + 1)), stToIj(0.5 * (v + 1)), level);
}

/**
 * A cell's eight neighbours at its own level, in S2's order (GetAllNeighbors): the column to its left
 * and right from below, then the cells below and above, then the row beside it, then the column above.
 */
export function s2CellNeighbors(cell: S2Cell): S2Cell[] {
  const size = 2 ** (MAX_LEVEL - cell.level);
  const { face, i, j, level } = cell;
  const out: S2Cell[] = [];
  for (let k = -size; ; k += size) {
    if (k >= 0 && k < size) {
      out.push(wrapped(face, i + k, j - size, level));
      out.push(wrapped(face, i + k, j + size, level));
    }
    out.push(wrapped(face, i - size, j + k, level));
    out.push(wrapped(face, i + size, j + k, level));
    if (k >= size) {
      break;
    }
  }
  return out;
}
