/** geo_from_wkt against the Kusto reference's examples. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed } from './helpers';

test('geo_from_wkt: every documented shape, coordinates as reals', () => {
  const cases: [string, unknown][] = [
    ['POINT (1 2)', { type: 'Point', coordinates: [1, 2] }],
    [
      'LINESTRING (1 2, 3 4)',
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    [
      'POLYGON ((0 0, 2 0, 2 2, 0 0))',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'MULTIPOINT (1 1, 2 2, 3 3)',
      {
        type: 'MultiPoint',
        coordinates: [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
      },
    ],
    [
      'MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))',
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [1, 1],
            [2, 2],
            [3, 3],
          ],
          [
            [4, 4],
            [5, 5],
          ],
        ],
      },
    ],
    [
      'MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))',
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [2, 0],
              [2, 2],
              [0, 0],
            ],
          ],
          [
            [
              [10, 10],
              [12, 10],
              [12, 12],
              [10, 10],
            ],
          ],
        ],
      },
    ],
    [
      'GEOMETRYCOLLECTION (POINT (1 1),LINESTRING (2 2, 3 3, 4 4),POLYGON ((10 10, 12 10, 12 12, 10 10)))',
      {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [1, 1] },
          {
            type: 'LineString',
            coordinates: [
              [2, 2],
              [3, 3],
              [4, 4],
            ],
          },
          {
            type: 'Polygon',
            coordinates: [
              [
                [10, 10],
                [12, 10],
                [12, 12],
                [10, 10],
              ],
            ],
          },
        ],
      },
    ],
    [
      'MULTIPOINT ((1 1), (2.5 -3e1))',
      {
        type: 'MultiPoint',
        coordinates: [
          [1, 1],
          [2.5, -30],
        ],
      },
    ],
    ['point z (1 2 3)', { type: 'Point', coordinates: [1, 2] }],
  ];
  for (const [wkt, shape] of cases) {
    assert.deepEqual(printed(`print r = geo_from_wkt("${wkt}")`).r, shape, wkt);
  }
  assert.equal(printed('print t = gettype(geo_from_wkt("POINT (1 2)").coordinates[0])').t, 'real');
});

test('geo_from_wkt: invalid or unsupported text is null', () => {
  for (const wkt of [
    'LINESTRING',
    'POINT EMPTY',
    'POINT (1)',
    'POINT (1 2',
    'POINT (1 2) POINT (3 4)',
    'CIRCLE (1 2)',
    '',
  ]) {
    assert.equal(printed(`print r = isnull(geo_from_wkt("${wkt}"))`).r, true, wkt);
  }
});
