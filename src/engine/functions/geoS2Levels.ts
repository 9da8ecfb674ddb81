/**
 * The S2 level helpers Kusto.Language declares but hides and the reference does not describe:
 * __geo_length_to_s2cell_level(length) is the level whose cells' average edge is closest to a length
 * in meters (S2's own GetClosestLevel on kAvgEdge), and __geo_polygon_s2cell_covering_level /
 * __geo_line_s2cell_covering_level the level the geo lookup plugins index a shape at here (cells about
 * a quarter of its extent, see s2ShapeIndex.ts): Kusto's own choice is not documented, so these give
 * this engine's. Invalid input gives null.
 */
import { num, scalar } from './define';
import { lineShape, polygonShape } from './geoS2Coverings';
import { linesOf, polygonsOf } from './geoShapes';
import { coveringLevel, lengthToS2Level } from './s2ShapeIndex';
import type { ScalarFunction } from './types';

export const geoS2Levels: ScalarFunction[] = [
  scalar('__geo_length_to_s2cell_level', () => (args) => {
    const length = num(args[0] ?? null);
    return length === null || !Number.isFinite(length) || length < 0 ? null : lengthToS2Level(length);
  }),
  scalar('__geo_polygon_s2cell_covering_level', () => (args) => {
    const polygons = polygonsOf(args[0] ?? null);
    return polygons ? coveringLevel(polygonShape(polygons)) : null;
  }),
  scalar('__geo_line_s2cell_covering_level', () => (args) => {
    const lines = linesOf(args[0] ?? null);
    return lines ? coveringLevel(lineShape(lines)) : null;
  }),
];
