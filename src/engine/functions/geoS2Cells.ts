/**
 * The S2 cell functions over the S2 arithmetic of s2Cells.ts: a point's cell token, a token's centre,
 * corners and neighbours. The reference's examples come out to the digits it prints ('88d9b' at level 8,
 * '1234567''s centre, '89c259''s polygon); invalid input gives the empty string or null as it says.
 */

import { recordOf } from '../../results/jsonData';
import { type DynamicValue, realInDynamic, type Value } from '../values';
import { num, scalar } from './define';
import { validPoint } from './geoFunctions';
import {
  type S2Cell,
  s2CellCenter,
  s2CellNeighbors,
  s2CellOfPoint,
  s2CellOfToken,
  s2CellVertices,
  s2Token,
} from './s2Cells';
import type { ScalarFunction } from './types';

const DEFAULT_LEVEL = 11;
const MAX_LEVEL = 30;

function cellOf(v: Value | undefined): S2Cell | undefined {
  return typeof v === 'string' ? s2CellOfToken(v) : undefined;
}

export const geoS2Cells: ScalarFunction[] = [
  scalar('geo_point_to_s2cell', () => (args) => {
    const longitude = num(args[0] ?? null);
    const latitude = num(args[1] ?? null);
    const level = args.length > 2 ? num(args[2] ?? null) : DEFAULT_LEVEL;
    if (
      !validPoint(longitude, latitude) ||
      level === null ||
      !Number.isInteger(level) ||
      level < 0 ||
      level > MAX_LEVEL
    ) {
      return '';
    }
    return s2Token(s2CellOfPoint(longitude!, latitude!, level));
  }),

  scalar('geo_s2cell_to_central_point', () => (args) => {
    const cell = cellOf(args[0]);
    if (!cell) {
      return null;
    }
    const [longitude, latitude] = s2CellCenter(cell);
    return recordOf<DynamicValue>({ type: 'Point', coordinates: [realInDynamic(longitude), realInDynamic(latitude)] });
  }),

  scalar('geo_s2cell_to_polygon', () => (args) => {
    const cell = cellOf(args[0]);
    if (!cell) {
      return null;
    }
    // GeoJSON's outer ring: S2's corner order (counter-clockwise), closed by repeating the first.
    const corners = s2CellVertices(cell);
    const ring: DynamicValue[] = [...corners, corners[0]!].map(([x, y]) => [realInDynamic(x), realInDynamic(y)]);
    return recordOf<DynamicValue>({ type: 'Polygon', coordinates: [ring] });
  }),

  scalar('geo_s2cell_neighbors', () => (args) => {
    const cell = cellOf(args[0]);
    return cell ? s2CellNeighbors(cell).map(s2Token) : null;
  }),
];
