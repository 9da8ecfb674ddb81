/**
 * evaluate basket, diffpatterns and autocluster. The reference's examples all run on the help
 * cluster's StormEvents, which is not here; so each test runs on a small hand-made table whose answer
 * is worked out by hand from the documented semantics (the working is in the comments), and the last
 * ones check the sample workspace's failed connections against plain `where … | count` queries.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleDatabase } from '../../src/data/sample';
import type { Value } from '../../src/engine/values';
import { explainQuery } from '../../src/engine';
import { run, smallDatabase } from './helpers';

// Ten connections: Computer, Port, Outcome.
const LINKS = `let Links = datatable(Computer:string, Port:long, Outcome:string)
[
  'web01', 443, 'fail', 'web01', 443, 'fail', 'web01', 443, 'fail', 'web01', 80, 'fail',
  'web02', 443, 'ok', 'web02', 443, 'ok', 'db01', 1433, 'fail', 'db01', 1433, 'ok',
  'web01', 443, 'ok', 'web02', 80, 'ok'
];
`;

/** Each pattern as "Count Percent | values…", in the result's order. */
function patterns(query: string, stats = 3): string[] {
  return run(query).rows.map((r) => `${r.slice(1, stats).join(' ')} | ${r.slice(stats).map(show).join(',')}`);
}

function show(v: Value): string {
  return v === null ? 'null' : String(v);
}

test('basket: every closed frequent pattern, largest first (worked by hand)', () => {
  // Threshold 0.3 = 3 of 10 rows. Frequent: web01 5, web02 3, 443 6, fail 5, ok 5; web01+443 4,
  // web01+fail 4, web02+ok 3, 443+fail 3, 443+ok 3; web01+443+fail 3. Not closed: web02 (its rows
  // are web02+ok's) and 443+fail (web01+443+fail's). Nine remain.
  const r = run(`${LINKS}Links | evaluate basket(0.3)`);
  assert.deepEqual(r.columns, ['SegmentId', 'Count', 'Percent', 'Computer', 'Port', 'Outcome']);
  assert.deepEqual(r.types, ['long', 'long', 'real', 'string', 'long', 'string']);
  assert.deepEqual(
    r.rows.map((row) => row[0]),
    r.rows.map((_, i) => i),
  );
  const got = patterns(`${LINKS}Links | evaluate basket(0.3)`);
  assert.deepEqual(got.slice(0, 1), ['6 60 | ,443,']);
  assert.deepEqual(
    [...got].sort(),
    [
      '6 60 | ,443,',
      '5 50 | web01,null,',
      '5 50 | ,null,fail',
      '5 50 | ,null,ok',
      '4 40 | web01,443,',
      '4 40 | web01,null,fail',
      '3 30 | web02,null,ok',
      '3 30 | ,443,ok',
      '3 30 | web01,443,fail',
    ].sort(),
  );
  const counts = got.map((g) => Number(g.split(' ')[0]));
  assert.deepEqual(
    counts,
    [...counts].sort((a, b) => b - a),
  );
});

test('basket: MaxDimensions, custom wildcards by type, and a weight column counting as that many rows', () => {
  // Two picked dimensions at most: web01+443+fail (three picks) goes.
  assert.equal(patterns(`${LINKS}Links | evaluate basket(0.3, '~', 2)`).length, 8);
  assert.ok(patterns(`${LINKS}Links | evaluate basket(0.3, '~', '~', '*', long(-1))`).includes('5 50 | web01,-1,*'));
  // The same rows summarized with a count as the weight: the same patterns, the weight column a wildcard.
  const weighted = patterns(
    `${LINKS}Links | summarize n = count() by Computer, Port, Outcome | evaluate basket(0.3, n)`,
  );
  const plain = patterns(`${LINKS}Links | evaluate basket(0.3)`);
  assert.deepEqual([...weighted].sort(), plain.map((p) => `${p},null`).sort());
  // Below the threshold nothing is frequent.
  assert.equal(patterns(`${LINKS}Links | evaluate basket(0.7)`).length, 0);
});

test('basket: constant columns come with every pattern as one picked dimension', () => {
  // Every row has Region = 'eu': the empty pattern's closure, 100%, and part of every other pattern.
  const got = patterns(`${LINKS}Links | extend Region = 'eu' | evaluate basket(0.5)`);
  assert.deepEqual(got, [
    '10 100 | ,null,,eu',
    '6 60 | ,443,,eu',
    '5 50 | web01,null,,eu',
    '5 50 | ,null,fail,eu',
    '5 50 | ,null,ok,eu',
  ]);
});

// Set A (fail): web01:443 ×4, web02:80. Set B (ok): web01:80 ×3, web02:443 ×2.
const SPLIT = `let Split = datatable(Computer:string, Port:long, Outcome:string)
[
  'web01', 443, 'fail', 'web01', 443, 'fail', 'web01', 443, 'fail', 'web01', 443, 'fail', 'web02', 80, 'fail',
  'web01', 80, 'ok', 'web01', 80, 'ok', 'web01', 80, 'ok', 'web02', 443, 'ok', 'web02', 443, 'ok'
];
`;

test('diffpatterns: the local peaks of |PercentA - PercentB| (worked by hand)', () => {
  // Shares A/B: web01 80/60, web02 20/40, 443 80/40, 80 20/60, web01+443 80/0, web01+80 0/60,
  // web02+443 0/40, web02+80 20/0. web01+443 (80) and web01+80 (60) beat every pattern more general
  // or more specific than them; web02+443 (40) ties 443, the more general, and goes; the rest are beaten.
  const r = run(`${SPLIT}Split | evaluate diffpatterns(Outcome, 'fail', 'ok')`);
  assert.deepEqual(r.columns, [
    'SegmentId',
    'CountA',
    'CountB',
    'PercentA',
    'PercentB',
    'PercentDiffAB',
    'Computer',
    'Port',
    'Outcome',
  ]);
  assert.deepEqual(r.rows, [
    [0, 4, 0, 80, 0, 80, 'web01', 443, ''],
    [1, 0, 3, 0, 60, 60, 'web01', 80, ''],
  ]);
  // Set A and B swapped: the same patterns, the counts swapped.
  assert.deepEqual(
    run(`${SPLIT}Split | evaluate diffpatterns(Outcome, 'ok', 'fail')`).rows.map((row) => row.slice(1, 3)),
    [
      [0, 4],
      [3, 0],
    ],
  );
});

test('diffpatterns: the general pattern wins when it differs most; Threshold; a bool split column by its text', () => {
  // LINKS split by Outcome: web01 80/20 and web02 0/60 (both 60) beat web01+443 (60/20), web02+443 (0/40) …
  assert.deepEqual(patterns(`${LINKS}Links | evaluate diffpatterns(Outcome, 'fail', 'ok')`, 6), [
    '4 1 80 20 60 | web01,null,',
    '0 3 0 60 60 | web02,null,',
  ]);
  assert.equal(patterns(`${LINKS}Links | evaluate diffpatterns(Outcome, 'fail', 'ok', '~', 0.61)`, 6).length, 0);
  // A numeric split column, its values given as text (the reference's example splits Damage by "0" and "1").
  assert.deepEqual(
    patterns(
      `${LINKS}Links | extend Damage = iff(Outcome == 'fail', 1, 0) | project-away Outcome | evaluate diffpatterns(Damage, '1', '0')`,
      6,
    ),
    ['4 1 80 20 60 | web01,null,null', '0 3 0 60 60 | web02,null,null'],
  );
  assert.match(
    explainQuery(`${LINKS}Links | evaluate diffpatterns(Outcome, 'fail', 'ok')`, smallDatabase()),
    /evaluate diffpatterns\(Outcome, 'fail', 'ok'\)/,
  );
  assert.deepEqual(
    patterns(
      `${LINKS}Links | extend Failed = Outcome == 'fail' | project-away Outcome | evaluate diffpatterns(Failed, 'true', 'false')`,
      6,
    ),
    ['4 1 80 20 60 | web01,null,null', '0 3 0 60 60 | web02,null,null'],
  );
});

// 6 × web01/nginx/443, 3 × db01/sqlservr/1433, 1 × web02/nginx/80.
const PROCS = `let Procs = datatable(Computer:string, Process:string, Port:long)
[
  'web01', 'nginx', 443, 'web01', 'nginx', 443, 'web01', 'nginx', 443,
  'web01', 'nginx', 443, 'web01', 'nginx', 443, 'web01', 'nginx', 443,
  'db01', 'sqlservr', 1433, 'db01', 'sqlservr', 1433, 'db01', 'sqlservr', 1433,
  'web02', 'nginx', 80
];
`;

test('autocluster: seed-expand by the documented score (worked by hand)', () => {
  // SizeWeight 0.5: score = sqrt(share × fixed/3). Seed web01/nginx/443 climbs nginx (0.48), web01
  // (0.63), 443 (0.77); seed db01/… climbs to all three (0.55); seed web02/nginx/80 stops at nginx
  // (0.48), which is more general than the first and goes.
  const r = run(`${PROCS}Procs | evaluate autocluster()`);
  assert.deepEqual(r.columns, ['SegmentId', 'Count', 'Percent', 'Computer', 'Process', 'Port']);
  assert.deepEqual(r.rows, [
    [0, 6, 60, 'web01', 'nginx', 443],
    [1, 3, 30, 'db01', 'sqlservr', 1433],
  ]);
  // SizeWeight 0.9 favours coverage: the first seed stops at nginx (0.7^0.9 × (1/3)^0.1 = 0.65 beats
  // 0.6^0.9 × (2/3)^0.1 = 0.61), which then covers the third seed's row.
  assert.deepEqual(patterns(`${PROCS}Procs | evaluate autocluster(0.9, '~', '~', '*')`), [
    '7 70 | *,nginx,null',
    '3 30 | db01,sqlservr,1433',
  ]);
  // A weight column counts each row as that many: the summarized table gives the same segments.
  assert.deepEqual(
    patterns(`${PROCS}Procs | summarize n = count() by Computer, Process, Port | evaluate autocluster(0.5, n)`),
    ['6 60 | web01,nginx,443,null', '3 30 | db01,sqlservr,1433,null'],
  );
  // One seed: one pattern.
  assert.equal(run(`${PROCS}Procs | evaluate autocluster(0.5, '~', 1)`).rows.length, 1);
});

test('the plugins say which argument is wrong, and where', () => {
  const bad: [string, RegExp][] = [
    [`${LINKS}Links | evaluate basket(2)`, /basket: Threshold is a number from 0.015 to 1, not 2/],
    [`${LINKS}Links | evaluate basket(0.3, Computer)`, /WeightColumn 'Computer' is string; it must be a numeric/],
    [`${LINKS}Links | evaluate basket(0.3, '~', 0)`, /MaxDimensions is a whole number, 1 or more/],
    [`${LINKS}Links | evaluate autocluster(1.5)`, /SizeWeight is a number from 0 to 1/],
    [`${LINKS}Links | evaluate autocluster(0.5, '~', 0)`, /NumSeeds is a whole number/],
    [`${LINKS}Links | evaluate diffpatterns(Outcome, 'fail', 'fail')`, /the two sets must differ/],
    [`${LINKS}Links | evaluate diffpatterns(Outcome, 'fail', 'nothing')`, /no row has Outcome = 'nothing'/],
    [`${LINKS}Links | evaluate basket(0.3, '~', '~', '*', '-')`, /two CustomWildcard values of type string/],
  ];
  for (const [query, message] of bad) {
    assert.throws(() => run(query), message, query);
  }
});

test('empty input: no patterns, the bound columns', () => {
  const r = run(`${LINKS}Links | where Port < 0 | evaluate autocluster()`);
  assert.equal(r.rows.length, 0);
  assert.deepEqual(r.columns, ['SegmentId', 'Count', 'Percent', 'Computer', 'Port', 'Outcome']);
  assert.equal(run(`${LINKS}Links | where Port < 0 | evaluate basket()`).rows.length, 0);
});

test("the sample's failed connections: each pattern's count is the count of the rows holding its values", () => {
  const db = sampleDatabase({ now: new Date('2024-01-01T03:00:00Z') });
  const failed = 'VMConnection | where LinksFailed > 0 | project Computer, ProcessName, DestinationPort';
  const total = run(`${failed} | count`, db).rows[0]![0] as number;
  assert.ok(total > 0, 'the sample has failed connections');
  for (const plugin of ['autocluster()', 'basket(0.1)']) {
    const r = run(`${failed} | evaluate ${plugin}`, db);
    assert.ok(r.rows.length > 0, plugin);
    for (const row of r.rows) {
      const where = (['Computer', 'ProcessName', 'DestinationPort'] as const)
        .map((c, i) => (row[3 + i] === null || row[3 + i] === '' ? '' : ` | where ${c} == ${literal(row[3 + i]!)}`))
        .join('');
      const count = run(`${failed}${where} | count`, db).rows[0]![0];
      assert.equal(row[1], count, `${plugin}: ${where}`);
      assert.ok(Math.abs((row[2] as number) - (100 * (count as number)) / total) < 1e-9);
    }
  }
});

function literal(v: Value): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}
