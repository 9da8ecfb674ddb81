/**
 * The S2 cells of one level that cover a shape (S2's region coverer with its minimum and maximum level
 * both the requested one, as Kusto's coverings are): starting from the six face cells, a cell the shape
 * stays away from is dropped, one wholly inside a polygon yields all its descendants at the level, and
 * one the shape's boundary passes through is split into its four children until the level is reached.
 * A cell counts when it touches the shape (S2's MayIntersect pads the cell, so a polygon edge lying on
 * a cell's side takes the cells on both sides); with a radius, when the shape comes within that angle.
 * Cells come out in S2 cell id order (along the Hilbert curve), as an S2CellUnion holds them.
 */
import {
  type S2Cell,
  s2CellCentre,
  s2CellChildren,
  s2CellCorners,
  s2CellId,
  s2CellNeighbors,
  s2CellOfVec,
  s2TokenOfId,
} from './s2Cells';
import { angle, angleToArc, arcsCross, type Vec } from './sphereGeometry';

/** The reference: at most 65,536 tokens per shape; more gives null. */
export const MAX_COVERING_CELLS = 65_536;
/** Rounding room, in radians (some µm on Earth): a boundary on a cell's side counts as touching it. */
const TOUCH = 1e-12;

export interface CoverShape {
  /** Every edge of the shape's lines or rings, as arcs between unit vectors. */
  readonly edges: readonly (readonly [Vec, Vec])[];
  /** Whether a point lies in a polygon's interior; absent for lines, which have none. */
  readonly contains?: (p: Vec) => boolean;
}

function inCell(p: Vec, cell: S2Cell): boolean {
  const at = s2CellOfVec(p, cell.level);
  return at.face === cell.face && at.i === cell.i && at.j === cell.j;
}

/** Whether the arc a→b comes within `within` radians of the cell (its sides are great-circle arcs too). */
function edgeNearCell(
  a: Vec,
  b: Vec,
  cell: S2Cell,
  corners: readonly Vec[],
  within: number,
  centre: Vec,
  reach: number,
): boolean {
  // The cheap test first: an arc farther from the cell's centre than its corners plus `within` misses it.
  if (angleToArc(centre, a, b) > reach) {
    return false;
  }
  if (inCell(a, cell) || inCell(b, cell)) {
    return true;
  }
  for (let k = 0; k < 4; k++) {
    const c = corners[k]!;
    const d = corners[(k + 1) % 4]!;
    if (
      arcsCross(a, b, c, d) ||
      angleToArc(a, c, d) <= within ||
      angleToArc(b, c, d) <= within ||
      angleToArc(c, a, b) <= within ||
      angleToArc(d, a, b) <= within
    ) {
      return true;
    }
  }
  return false;
}

/** S2's kMinWidth derivative: every level-k cell is at least this × 2^-k radians across. */
const MIN_WIDTH = 0.9428090415820634;

/**
 * Where the covering starts: the six faces, or for a shape within a small cap (under 60°, so a
 * polygon's region lies in it too) the cell holding the cap's centre at the deepest level whose cells
 * are wider than the cap, and its eight neighbours, which then hold all of the cap.
 */
function startCells(shape: CoverShape, level: number, within: number): S2Cell[] {
  const faces = [0, 1, 2, 3, 4, 5].map((face) => ({ face, i: 0, j: 0, level: 0 }));
  let x = 0,
    y = 0,
    z = 0;
  for (const [a, b] of shape.edges) {
    x += a[0] + b[0];
    y += a[1] + b[1];
    z += a[2] + b[2];
  }
  const n = Math.hypot(x, y, z);
  if (n === 0) {
    return faces;
  }
  const centre: Vec = [x / n, y / n, z / n];
  let cap = 0;
  for (const [a, b] of shape.edges) {
    cap = Math.max(cap, angle(centre, a), angle(centre, b));
  }
  cap += within;
  if (cap > Math.PI / 3) {
    return faces;
  }
  const start = Math.max(0, Math.min(level, Math.floor(Math.log2(MIN_WIDTH / (2 * cap)))));
  if (start === 0) {
    return faces;
  }
  const home = s2CellOfVec(centre, start);
  const seen = new Set<bigint>();
  return [home, ...s2CellNeighbors(home)].filter((cell) => {
    const id = s2CellId(cell);
    if (seen.has(id)) {
      return false;
    }
    seen.add(id);
    return true;
  });
}

/**
 * The level-`level` cells within `radius` radians of the shape (a cell reached from two faces' sides
 * may be listed twice), or undefined when there would be more than `max` of them. `interior`, when
 * given, receives the positions of the cells wholly inside the polygon (no boundary within reach).
 */
export function s2CoveringCells(
  shape: CoverShape,
  level: number,
  radius = 0,
  max = MAX_COVERING_CELLS,
  interior?: Set<number>,
): S2Cell[] | undefined {
  const within = radius + TOUCH;
  const cells: S2Cell[] = [];
  const leaves = (cell: S2Cell, inside: boolean): boolean => {
    const count = 4 ** (level - cell.level);
    if (cells.length + count > max) {
      return false;
    }
    if (cell.level === level) {
      cells.push(cell);
      if (inside) {
        interior?.add(cells.length - 1);
      }
      return true;
    }
    return s2CellChildren(cell).every((child) => leaves(child, inside));
  };
  const visit = (cell: S2Cell, edges: readonly (readonly [Vec, Vec])[]): boolean => {
    const corners = s2CellCorners(cell);
    const centre = s2CellCentre(cell);
    const reach = Math.max(...corners.map((c) => angle(centre, c))) + within + TOUCH;
    const near = edges.filter(([a, b]) => edgeNearCell(a, b, cell, corners, within, centre, reach));
    if (near.length === 0) {
      // Nothing of the boundary reaches the cell: it is wholly inside the polygon or wholly outside.
      return shape.contains?.(centre) ? leaves(cell, true) : true;
    }
    if (cell.level === level) {
      return leaves(cell, false);
    }
    return s2CellChildren(cell).every((child) => visit(child, near));
  };
  for (const start of startCells(shape, level, within)) {
    if (!visit(start, shape.edges)) {
      return undefined;
    }
  }
  return cells;
}

/**
 * The tokens of the level-`level` cells within `radius` radians of the shape, in cell id order, or
 * undefined when there would be more than `max` of them.
 */
export function s2Covering(
  shape: CoverShape,
  level: number,
  radius = 0,
  max = MAX_COVERING_CELLS,
): string[] | undefined {
  const cells = s2CoveringCells(shape, level, radius, max);
  if (!cells) {
    return undefined;
  }
  const ids = cells.map(s2CellId);
  ids.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const tokens: string[] = [];
  for (let k = 0; k < ids.length; k++) {
    // A cell reached from two faces' sides (a shape across a face edge) is listed once.
    if (k === 0 || ids[k] !== ids[k - 1]) {
      tokens.push(s2TokenOfId(ids[k]!));
    }
  }
  return tokens;
}
