/**
 * geo_point_buffer, geo_line_buffer and geo_polygon_buffer: the reference prints no coordinates, so
 * these check its semantics: every vertex lies within the tolerance of the radius from the shape,
 * the shape lies inside, the buffers of its union examples unite as it says, invalid input is null.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed } from './helpers';

type Polygon = { type: string; coordinates: number[][][] };

const R = 6_371_010;
function meters(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b[1]! - a[1]!) * rad) / 2) ** 2 +
    Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(((b[0]! - a[0]!) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

test('geo_point_buffer: vertices on the 20 km circle, edges within the tolerance; invalid input is null', () => {
  const centre = [-115.1745008278, 36.1497251277];
  for (const tolerance of [10, 1, 500]) {
    const b = printed(`print r = geo_point_buffer(${centre[0]}, ${centre[1]}, 20000, ${tolerance})`)
      .r as unknown as Polygon;
    assert.equal(b.type, 'Polygon');
    const ring = b.coordinates[0]!;
    assert.deepEqual(ring[0], ring[ring.length - 1]);
    for (let i = 1; i < ring.length; i++) {
      assert.ok(Math.abs(meters(centre, ring[i]!) - 20000) < 1e-6);
      const mid = [(ring[i - 1]![0]! + ring[i]![0]!) / 2, (ring[i - 1]![1]! + ring[i]![1]!) / 2];
      assert.ok(20000 - meters(centre, mid) <= tolerance * 1.01, `edge ${i} sags more than ${tolerance} m`);
    }
    // The fewest vertices: one fewer would sag past the tolerance.
    const n = ring.length - 1;
    const sag = (k: number) => 20000 - R * Math.atan(Math.tan(20000 / R) * Math.cos(Math.PI / k));
    assert.ok(sag(n) <= tolerance && sag(n - 1) > tolerance, `${n} vertices for ${tolerance} m`);
  }
  const r = printed('print a = isnull(geo_point_buffer(200, 1, 0.1)), b = isnull(geo_point_buffer(10, 10, -1))');
  assert.deepEqual(r, { a: true, b: true });
});

test('geo_point_buffer: the reference union example gives two apart circles as a MultiPolygon', () => {
  const r = printed(`datatable(longitude:real, latitude:real, radius:real)
    [real(-80.3212217992616), 25.268683367546604, 5000, real(-80.81717403605833), 24.82658441221962, 3000]
    | project buffer = geo_point_buffer(longitude, latitude, radius)
    | summarize polygons = make_list(buffer)
    | project r = geo_union_polygons_array(polygons)`).r as unknown as Polygon;
  assert.equal(r.type, 'MultiPolygon');
});

test('geo_line_buffer: a 4 m buffer within 0.1 m of 4 m from the line; crossing buffers unite into one polygon', () => {
  const line = [
    [-80.66634997047466, 24.894526340592122],
    [-80.67373241820246, 24.890808090321286],
  ];
  const b = printed(
    `print r = geo_line_buffer(dynamic({"type":"LineString","coordinates":${JSON.stringify(line)}}), 4, 0.1)`,
  ).r as unknown as Polygon;
  assert.equal(b.type, 'Polygon');
  // Distance from a vertex to the (short, so nearly planar) segment, in meters.
  const toSegment = (p: number[]) => {
    const k = Math.cos((line[0]![1]! * Math.PI) / 180);
    const [ax, ay, bx, by, px, py] = [line[0]![0]! * k, line[0]![1]!, line[1]![0]! * k, line[1]![1]!, p[0]! * k, p[1]!];
    const t = Math.max(
      0,
      Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    return Math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay)) * (Math.PI / 180) * R;
  };
  for (const p of b.coordinates[0]!) {
    assert.ok(Math.abs(toSegment(p) - 4) < 0.1, `${JSON.stringify(p)} is ${toSegment(p)} m from the line`);
  }
  const union = printed(`datatable(line:dynamic)
    [dynamic({"type":"LineString","coordinates":[[14.429214068940496,50.10043066548272],[14.431184174126173,50.10046525983731]]}),
     dynamic({"type":"LineString","coordinates":[[14.43030222687753,50.100780677801936],[14.4303847111523,50.10020274910934]]})]
    | project buffer = geo_line_buffer(line, 2, 0.1)
    | summarize polygons = make_list(buffer)
    | project r = geo_union_polygons_array(polygons)`).r as unknown as Polygon;
  assert.equal(union.type, 'Polygon');
  const r = printed(
    'print a = isnull(geo_line_buffer(dynamic({"type":"LineString"}), 5)), b = isnull(geo_line_buffer(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 0))',
  );
  assert.deepEqual(r, { a: true, b: true });
});

test('geo_polygon_buffer: 10 km around a Tokyo polygon holds its corners; overlapping buffers unite; invalid input is null', () => {
  const corners = [
    [139.813757, 35.719666],
    [139.72558, 35.71813],
    [139.727471, 35.653231],
    [139.818721, 35.657264],
  ];
  const b = printed(
    `print r = geo_polygon_buffer(dynamic({"type":"Polygon","coordinates":[${JSON.stringify([...corners, corners[0]])}]}), 10000)`,
  ).r as unknown as Polygon;
  assert.equal(b.type, 'Polygon');
  const nearest = corners.map((c) => Math.min(...b.coordinates[0]!.map((p) => meters(c, p))));
  nearest.forEach((d) => assert.ok(Math.abs(d - 10000) < 15, `a corner is ${d} m from the buffer's edge`));
  const union = printed(`datatable(polygon:dynamic, radius:real)
    [dynamic({"type":"Polygon","coordinates":[[[12.451218693639277,41.906457003556625],[12.445753852969375,41.90160968881543],[12.453514425793855,41.90361551885886],[12.451218693639277,41.906457003556625]]]}), 100,
     dynamic({"type":"Polygon","coordinates":[[[12.4566086734784,41.905119850039995],[12.453913683559591,41.903652663265234],[12.455485761012113,41.90146110630562],[12.4566086734784,41.905119850039995]]]}), 20]
    | project buffer = geo_polygon_buffer(polygon, radius)
    | summarize polygons = make_list(buffer)
    | project r = geo_union_polygons_array(polygons)`).r as unknown as Polygon;
  assert.equal(union.type, 'Polygon');
  const r = printed(
    'print a = isnull(geo_polygon_buffer(dynamic({"type":"p"}), 1)), b = isnull(geo_polygon_buffer(dynamic({"type":"Polygon","coordinates":[[[10,10],[0,10],[0,0],[10,10]]]}), 0))',
  );
  assert.deepEqual(r, { a: true, b: true });
});
