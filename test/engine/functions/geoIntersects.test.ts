/** Whether shapes on Earth meet: lines with lines, lines with polygons, polygons with polygons. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed } from './helpers';

const line = (coords: string) => `dynamic({'type':'LineString','coordinates':${coords}})`;
const polygon = (...rings: string[]) => `dynamic({'type':'Polygon','coordinates':[${rings.join(',')}]})`;
const SQUARE = '[[0,0],[2,0],[2,2],[0,2],[0,0]]';
const HOLE = '[[0.5,0.5],[0.5,1.5],[1.5,1.5],[1.5,0.5],[0.5,0.5]]';

test('geo_intersects_2lines: crossing, touching at a vertex, apart; MultiLineString; invalid is null', () => {
  assert.equal(printed(`print b = geo_intersects_2lines(${line('[[0,0],[1,1]]')}, ${line('[[0,1],[1,0]]')})`).b, true);
  assert.equal(printed(`print b = geo_intersects_2lines(${line('[[0,0],[1,1]]')}, ${line('[[1,1],[2,0]]')})`).b, true);
  assert.equal(printed(`print b = geo_intersects_2lines(${line('[[0,0],[1,0]]')}, ${line('[[0,1],[1,1]]')})`).b, false);
  // The reference's example: two roads in Manhattan that cross.
  assert.equal(
    printed(
      `print b = geo_intersects_2lines(${line('[[-73.978929,40.785155],[-73.980903,40.782621]]')}, ${line('[[-73.985195,40.788275],[-73.974552,40.779761]]')})`,
    ).b,
    true,
  );
  const multi = "dynamic({'type':'MultiLineString','coordinates':[[[10,10],[11,11]],[[0,1],[1,0]]]})";
  assert.equal(printed(`print b = geo_intersects_2lines(${line('[[0,0],[1,1]]')}, ${multi})`).b, true);
  assert.equal(printed(`print b = geo_intersects_2lines(${line('[[0,0]]')}, ${multi})`).b, null);
});

test('geo_intersects_line_with_polygon: crossing an edge, wholly inside, inside the hole, outside', () => {
  const holed = polygon(SQUARE, HOLE);
  assert.equal(printed(`print b = geo_intersects_line_with_polygon(${line('[[-1,1],[0.2,1]]')}, ${holed})`).b, true);
  assert.equal(
    printed(`print b = geo_intersects_line_with_polygon(${line('[[0.1,0.1],[0.3,0.2]]')}, ${holed})`).b,
    true,
  );
  assert.equal(
    printed(`print b = geo_intersects_line_with_polygon(${line('[[0.9,0.9],[1.1,1.1]]')}, ${holed})`).b,
    false,
  );
  assert.equal(printed(`print b = geo_intersects_line_with_polygon(${line('[[5,5],[6,6]]')}, ${holed})`).b, false);
  assert.equal(
    printed(`print b = geo_intersects_line_with_polygon(${line('[[5,5],[6,6]]')}, ${line('[[0,0],[1,1]]')})`).b,
    null,
  );
});

test('geo_intersects_2polygons: overlapping, one inside the other, inside a hole, across a hole edge, apart', () => {
  const holed = polygon(SQUARE, HOLE);
  const at = (x0: number, y0: number, x1: number, y1: number) =>
    polygon(`[[${x0},${y0}],[${x1},${y0}],[${x1},${y1}],[${x0},${y1}],[${x0},${y0}]]`);
  assert.equal(printed(`print b = geo_intersects_2polygons(${holed}, ${at(1.8, 1.8, 3, 3)})`).b, true);
  assert.equal(printed(`print b = geo_intersects_2polygons(${at(-1, -1, 3, 3)}, ${at(0.1, 0.1, 0.3, 0.3)})`).b, true);
  assert.equal(printed(`print b = geo_intersects_2polygons(${holed}, ${at(0.8, 0.8, 1.2, 1.2)})`).b, false);
  assert.equal(printed(`print b = geo_intersects_2polygons(${holed}, ${at(0.8, 0.8, 1.2, 1.7)})`).b, true);
  assert.equal(printed(`print b = geo_intersects_2polygons(${holed}, ${at(5, 5, 6, 6)})`).b, false);
});
