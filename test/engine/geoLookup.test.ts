/** evaluate geo_polygon_lookup and geo_line_lookup, against the reference's examples. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleDatabase } from '../../src/data/sample';
import { explainQuery } from '../../src/engine';
import { run, smallDatabase } from './helpers';

const POLYGONS = `let polygons = datatable(polygon_name:string, polygon:dynamic)
[
    "New York", dynamic({"type":"Polygon", "coordinates":[[[-73.97375470114766,40.74300078124614],[-73.98653921014294,40.75486501361894],[-73.99910622331991,40.74112695466084],[-73.97375470114766,40.74300078124614]]]}),
    "Paris", dynamic({"type":"Polygon","coordinates":[[[2.57564669886321,48.769567764921334],[2.420098611499384,49.05163394896812],[2.1016783119165723,48.80113794475062],[2.57564669886321,48.769567764921334]]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "NY National Museum of Mathematics", -73.98778501496217, 40.743565232771545,
    "Eiffel Tower", 2.294489426068907, 48.858263476169185,
    "London", -0.13245599272019604, 51.49879464208368,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
];
`;

const ROADS = `let roads = datatable(road_name:string, road:dynamic)
[
    "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
    "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
    "Kensington Palace", -0.1885272501232862,  51.504906159672316
];
`;

/** Location and matched name per row, in a fixed order (Kusto's row order is not defined). */
function matches(query: string, nameColumn: string): string[][] {
  const r = run(query);
  const at = r.columns.indexOf(nameColumn);
  return r.rows.map((row) => [row[0] as string, row[at] as string]).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

test('geo_polygon_lookup: only matching rows; the key column when return_lookup_key = true', () => {
  const r = run(
    `${POLYGONS}locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, return_lookup_key = true)`,
  );
  assert.deepEqual(r.columns, ['location_name', 'longitude', 'latitude', 'polygon_name', 'polygon']);
  assert.deepEqual(
    matches(
      `${POLYGONS}locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude)`,
      'polygon_name',
    ),
    [
      ['Eiffel Tower', 'Paris'],
      ['Empire State Building', 'New York'],
      ['NY National Museum of Mathematics', 'New York'],
    ],
  );
  const plain = run(`${POLYGONS}locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude)`);
  assert.deepEqual(plain.columns, ['location_name', 'longitude', 'latitude', 'polygon_name']);
});

test('geo_polygon_lookup: return_unmatched keeps the others with empty lookup columns; radius = 7000 takes the Statue of Liberty', () => {
  assert.deepEqual(
    matches(
      `${POLYGONS}locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, return_unmatched = true)`,
      'polygon_name',
    ),
    [
      ['Eiffel Tower', 'Paris'],
      ['Empire State Building', 'New York'],
      ['London', ''],
      ['NY National Museum of Mathematics', 'New York'],
      ['Statue of Liberty', ''],
    ],
  );
  assert.deepEqual(
    matches(
      `${POLYGONS}locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, radius = 7000, return_unmatched = true, return_lookup_key = true)`,
      'polygon_name',
    ),
    [
      ['Eiffel Tower', 'Paris'],
      ['Empire State Building', 'New York'],
      ['London', ''],
      ['NY National Museum of Mathematics', 'New York'],
      ['Statue of Liberty', 'New York'],
    ],
  );
  assert.deepEqual(
    run(
      `${POLYGONS}locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude) | summarize count() by polygon_name | order by polygon_name asc`,
    ).rows,
    [
      ['New York', 2],
      ['Paris', 1],
    ],
  );
});

test('geo_line_lookup: the reference examples at 100 m and 350 m', () => {
  assert.deepEqual(
    matches(
      `${ROADS}locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 100, return_lookup_key = true)`,
      'road_name',
    ),
    [
      ['Empire State Building', '5th Avenue NY'],
      ['Kensington Palace', 'Palace Ave'],
    ],
  );
  assert.deepEqual(
    matches(
      `${ROADS}locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 350, return_unmatched = true)`,
      'road_name',
    ),
    [
      ['Empire State Building', '5th Avenue NY'],
      ['Grand Central Terminal', '5th Avenue NY'],
      ['Kensington Palace', 'Palace Ave'],
      ['Statue of Liberty', ''],
    ],
  );
  assert.deepEqual(
    run(
      `${ROADS}locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 350) | summarize count() by road_name | order by road_name asc`,
    ).rows,
    [
      ['5th Avenue NY', 2],
      ['Palace Ave', 1],
    ],
  );
});

test('geo lookups: a point in two overlapping polygons gives a row for each; lookup_area_radius does not change the answer', () => {
  const q = `let polygons = datatable(name:string, p:dynamic)[
    "big", dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}),
    "small", dynamic({"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,2],[1,1]]]}),
    "bad", dynamic({"type":"Polygon","coordinates":[[[1,1],[2,2]]]}),
  ];
  range i from 0 to 99 step 1 | extend lon = (i % 10) * 1.0 + 0.5, lat = (i / 10) * 1.0 + 0.5`;
  const plain = run(
    `${q} | evaluate geo_polygon_lookup(polygons, p, lon, lat) | summarize count() by name | order by name asc`,
  );
  assert.deepEqual(plain.rows, [
    ['big', 100],
    ['small', 1],
  ]);
  for (const area of [1000, 100000, 5000000]) {
    assert.deepEqual(
      run(
        `${q} | evaluate geo_polygon_lookup(polygons, p, lon, lat, lookup_area_radius = ${area}) | summarize count() by name | order by name asc`,
      ).rows,
      plain.rows,
    );
  }
  assert.match(
    explainQuery(`${q} | evaluate geo_polygon_lookup(polygons, p, lon, lat)`, smallDatabase()),
    /S2 cell index/,
  );
});

test('geo lookups: a radius that is not a literal length is an error, not a wrong answer', () => {
  assert.throws(
    () => run(`${ROADS}locations | evaluate geo_line_lookup(roads, road, longitude, latitude, -5)`),
    /literal|radius/,
  );
});

test('geo_polygon_lookup over the sample workspace: the same regions and counts as every connection tested against every region', () => {
  // The e2e scenario 61's query: the sample's rows depend on the minute they are generated at, so the exact
  // cross-check against the slow way is made here, at a fixed "now", in one engine.
  const db = sampleDatabase({ now: new Date('2026-03-04T05:06:00Z') });
  const regions = `let Regions = datatable(Region:string, Area:dynamic)
[
    "US West Coast", dynamic({"type":"Polygon","coordinates":[[[-125,32],[-117,32],[-117,49],[-125,49],[-125,32]]]}),
    "Western Europe", dynamic({"type":"Polygon","coordinates":[[[-10,40],[20,40],[20,60],[-10,60],[-10,40]]]}),
    "Australia", dynamic({"type":"Polygon","coordinates":[[[110,-45],[155,-45],[155,-10],[110,-10],[110,-45]]]}),
];
`;
  const tail = '| summarize Connections = count(), Endpoints = dcount(RemoteIp) by Region | order by Region asc';
  const lookup = run(
    `${regions}VMConnection | where isnotnull(RemoteLatitude) | evaluate geo_polygon_lookup(Regions, Area, RemoteLongitude, RemoteLatitude) ${tail}`,
    db,
  );
  const slow = run(
    `${regions}VMConnection | where isnotnull(RemoteLatitude) | extend k = 1 | join kind=inner (Regions | extend k = 1) on k | where geo_point_in_polygon(RemoteLongitude, RemoteLatitude, Area) ${tail}`,
    db,
  );
  assert.equal(lookup.rows.length, 3);
  assert.ok(lookup.rows.every((row) => Number(row[1]) > 0));
  assert.deepEqual(lookup.rows, slow.rows);
});
