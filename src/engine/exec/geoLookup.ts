/**
 * evaluate geo_polygon_lookup / geo_line_lookup: a lookup join of points to shapes. The lookup table's
 * shapes are put in an S2 cell index (functions/s2ShapeIndex.ts) so each point is tested only against
 * the shapes whose cells hold it, then exactly: in the polygon (geo_point_in_polygon), or within the
 * radius (geo_distance_point_to_polygon / _to_line). A point matching several shapes gives a row per
 * shape, in the lookup table's order; one matching none is dropped, or kept with nulls when
 * return_unmatched is true. Invalid shapes and points never match.
 */
import { num } from '../functions/define';
import { validPoint } from '../functions/geoFunctions';
import { lineShape, polygonShape } from '../functions/geoS2Coverings';
import { linesOf, type Polygon, polygonsOf } from '../functions/geoShapes';
import type { CoverShape } from '../functions/s2Covering';
import { lengthToS2Level, S2ShapeIndex } from '../functions/s2ShapeIndex';
import { angleToChain, EARTH_RADIUS_METERS, ringContains, type Vec, vecOf } from '../functions/sphereGeometry';
import type { Plan } from '../plan/types';
import { Table } from '../table';
import { columnReader } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { output, RowList } from './join';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type GeoLookupPlan = Extract<Plan, { k: 'geoLookup' }>;

/** The exact test of one shape against a point: its distance in radians (0 inside a polygon). */
type Distance = (p: Vec) => number;

function polygonDistance(polygons: readonly Polygon[], withEdges: boolean): Distance {
  return (p) => {
    let best = Number.POSITIVE_INFINITY;
    for (const [shell, ...holes] of polygons) {
      if (ringContains(shell!, p) && !holes.some((hole) => ringContains(hole, p))) {
        return 0;
      }
      if (withEdges) {
        for (const ring of [shell!, ...holes]) {
          best = Math.min(best, angleToChain(p, ring));
        }
      }
    }
    return best;
  };
}

function lineDistance(lines: readonly (readonly Vec[])[]): Distance {
  return (p) => Math.min(...lines.map((line) => angleToChain(p, line)));
}

export function runGeoLookup(plan: GeoLookupPlan, input: Table, lookup: Table, ctx: ExecContext): Table {
  const keyColumn = lookup.column(plan.key);
  const readShape = keyColumn ? columnReader(keyColumn) : () => null;
  // The radius in radians; without one a polygon must hold the point (a line always has a radius).
  const radius = plan.radius !== undefined && plan.radius > 0 ? plan.radius / EARTH_RADIUS_METERS : 0;
  // A radius given, even 0, takes points on the boundary (rounding aside); without one, only inside.
  const within = plan.radius !== undefined ? radius + 1e-12 : 0;
  const shapes: (CoverShape | undefined)[] = [];
  const distances: (Distance | undefined)[] = [];
  for (let r = 0; r < lookup.rowCount; r++) {
    const v = readShape(r);
    if (plan.shape === 'polygon') {
      const polygons = polygonsOf(v);
      shapes.push(polygons && polygonShape(polygons));
      distances.push(polygons && polygonDistance(polygons, plan.radius !== undefined));
    } else {
      const lines = linesOf(v);
      shapes.push(lines && lineShape(lines));
      distances.push(lines && lineDistance(lines));
    }
  }
  const areaLevel =
    plan.lookupAreaRadius !== undefined && plan.lookupAreaRadius > 0
      ? lengthToS2Level(plan.lookupAreaRadius)
      : undefined;
  const index = new S2ShapeIndex(shapes, radius, areaLevel, () => ctx.check());

  const longitudeOf = compileExpr(plan.longitude, input, ctx);
  const latitudeOf = compileExpr(plan.latitude, input, ctx);
  const left = new RowList(input.rowCount);
  const right = new RowList(input.rowCount);
  const matched: number[] = [];
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const longitude = num(longitudeOf(i));
    const latitude = num(latitudeOf(i));
    matched.length = 0;
    if (validPoint(longitude, latitude)) {
      const p = vecOf(longitude!, latitude!);
      index.candidates(p, (shape, inside) => {
        if (inside || distances[shape]!(p) <= within) {
          matched.push(shape);
        }
      });
    }
    if (matched.length > 1) {
      matched.sort((a, b) => a - b);
    }
    for (const shape of matched) {
      left.push(i);
      right.push(shape);
    }
    if (matched.length === 0 && plan.returnUnmatched) {
      left.push(i);
      right.push(-1);
    }
  }
  const lookupColumns = plan.returnKey ? lookup.columns : lookup.columns.filter((c) => c.name !== plan.key);
  return output(plan.schema, [
    { table: input, rows: left },
    { table: new Table(lookupColumns, lookup.rowCount), rows: right },
  ]);
}
