/**
 * A cell index over many shapes, for the geo lookup plugins: each shape is covered by S2 cells of a
 * level fitted to its size (s2Covering.ts), and a point is tested only against the shapes whose cells
 * hold it: one map read per level in use, not one test per shape. Cells wholly inside a polygon match
 * without the exact test. Levels follow S2's average cell edge (kAvgEdge: 1.4592 × 2^-level radians).
 */
import { type CoverShape, s2CoveringCells } from './s2Covering';
import { type S2Cell, s2CellOfVec } from './s2Cells';
import { angle, EARTH_RADIUS_METERS, type Vec } from './sphereGeometry';

/** S2's kAvgEdge derivative: a level-k cell's edge is on average this × 2^-k radians. */
const AVG_EDGE = 1.459213746386106;
const MAX_LEVEL = 30;
/** A shape's covering aims at about this many cells; past it the level is lowered. */
const CELLS_PER_SHAPE = 64;
const MAX_CELLS_PER_SHAPE = 1024;

/**
 * The level whose cells' average edge is closest to `meters` (S2's GetClosestLevel on kAvgEdge);
 * 30 for 0 and less. Kusto.Language declares this as the hidden __geo_length_to_s2cell_level.
 */
export function lengthToS2Level(meters: number): number {
  const value = (Math.SQRT2 * meters) / EARTH_RADIUS_METERS;
  if (!(value > 0)) {
    return MAX_LEVEL;
  }
  const level = -Math.floor(Math.log2(value / AVG_EDGE));
  return Math.max(0, Math.min(MAX_LEVEL, level));
}

/** The angle (radians) across the smallest cap around the vertices' mean direction that holds them. */
function extent(shape: CoverShape): number {
  let x = 0,
    y = 0,
    z = 0;
  for (const [a] of shape.edges) {
    x += a[0];
    y += a[1];
    z += a[2];
  }
  const n = Math.hypot(x, y, z);
  if (n === 0) {
    return Math.PI;
  }
  const centre: Vec = [x / n, y / n, z / n];
  let radius = 0;
  for (const [a, b] of shape.edges) {
    radius = Math.max(radius, angle(centre, a), angle(centre, b));
  }
  return 2 * radius;
}

/**
 * The level a shape is indexed at: cells about a quarter of its extent (with the radius around it),
 * so some dozens cover it. Kusto.Language declares this as the hidden __geo_polygon_s2cell_covering_level
 * and __geo_line_s2cell_covering_level, whose rule the reference does not give.
 */
export function coveringLevel(shape: CoverShape, radius = 0): number {
  return lengthToS2Level(((extent(shape) + 2 * radius) * EARTH_RADIUS_METERS) / 4);
}

interface Entry {
  readonly shape: number;
  readonly interior: boolean;
}

function keyOf(cell: S2Cell): number {
  // face, then i and j at the cell's level: below 2^53 for every level up to 25.
  const shift = 2 ** (MAX_LEVEL - cell.level);
  const side = 2 ** cell.level;
  return (cell.face * side + cell.i / shift) * side + cell.j / shift;
}

export class S2ShapeIndex {
  /** By level: the shapes whose covering holds each cell. */
  private readonly levels = new Map<number, Map<number | string, Entry[]>>();

  /**
   * `radius` (radians) widens every shape; `level`, when given, is used for every shape (the plugins'
   * lookup_area_radius) instead of each shape's own.
   */
  constructor(
    shapes: readonly (CoverShape | undefined)[],
    radius: number,
    level?: number,
    /** Called between shapes, so a long build can be cancelled (it throws to stop). */
    check?: () => void,
  ) {
    shapes.forEach((shape, n) => {
      if ((n & 63) === 63) {
        check?.();
      }
      if (!shape || shape.edges.length === 0) {
        return;
      }
      let at = Math.min(level ?? coveringLevel(shape, radius), 25);
      for (;;) {
        const interior = new Set<number>();
        const cells = s2CoveringCells(shape, at, radius, level === undefined ? MAX_CELLS_PER_SHAPE : 1 << 16, interior);
        if (cells && (cells.length <= CELLS_PER_SHAPE * 4 || at === 0 || level !== undefined)) {
          this.add(at, cells, interior, n);
          return;
        }
        at = Math.max(0, at - 1);
      }
    });
  }

  private add(level: number, cells: readonly S2Cell[], interior: ReadonlySet<number>, shape: number): void {
    let byCell = this.levels.get(level);
    if (!byCell) {
      byCell = new Map();
      this.levels.set(level, byCell);
    }
    const seen = new Set<number>();
    cells.forEach((cell, k) => {
      const key = keyOf(cell);
      if (seen.has(key)) {
        return;
      }
      seen.add(key);
      const list = byCell.get(key);
      const entry = { shape, interior: interior.has(k) };
      if (list) {
        list.push(entry);
      } else {
        byCell.set(key, [entry]);
      }
    });
  }

  /** Calls `found` with each shape whose covering holds p, and whether p is certainly inside it. */
  candidates(p: Vec, found: (shape: number, inside: boolean) => void): void {
    for (const [level, byCell] of this.levels) {
      const list = byCell.get(keyOf(s2CellOfVec(p, level)));
      if (list) {
        for (const e of list) {
          found(e.shape, e.interior);
        }
      }
    }
  }
}
