/**
 * What the lazily loaded geo libraries cost and who pays it. H3 (h3-js, 550 KB of compiled C) is loaded
 * only when a query calls an H3 function (src/engine/functions/h3Library.ts), JTS (jsts, dist/geometry.js)
 * only when one clips, unions or buffers lines and polygons (src/engine/functions/geometryLibrary.ts), so:
 *  - the bundles that start the language server, the CLI and the engine worker must not contain it
 *    (checked here by looking for the library's own code in them);
 *  - loading it, in a fresh Node, against `node -e 0` run in turns with it;
 *  - the `kql` command (from dist/, the startup snapshot when one is built for this Node) running
 *    `print 1` against the same with an H3 call, an S2 call (S2 is the project's own code) and a
 *    union of two polygons (JTS).
 * Needs `npm run build` first.
 *
 *   node --import tsx bench/h3Load.ts      (BENCH_RUNS=n sets the runs per figure; default 9)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 9);
const dist = path.join(repo, 'dist');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/** CPU (user + system of the child, from the shell's `times`) and wall-clock milliseconds of one run. */
function runOnce(args: readonly string[]): { cpu: number; wall: number } {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', '"$0" "$@" >/dev/null; s=$?; times; exit $s', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) {
    throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(r.stdout);
  if (!m) {
    throw new Error(`no times in ${JSON.stringify(r.stdout)}`);
  }
  return { cpu: (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000, wall };
}

function measure(title: string, cases: readonly (readonly [string, readonly string[]])[]): void {
  const cpu = cases.map(() => [] as number[]);
  const wall = cases.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    cases.forEach(([, args], k) => {
      const t = runOnce(args);
      cpu[k]!.push(t.cpu);
      wall[k]!.push(t.wall);
    });
  }
  console.log(`${title} (median of ${runs}, in turns):`);
  cases.forEach(([label], k) => {
    const c = median(cpu[k]!),
      w = median(wall[k]!);
    console.log(
      `  ${label.padEnd(44)} CPU ${(c / median(cpu[0]!)).toFixed(2)}×  wall ${(w / median(wall[0]!)).toFixed(2)}×  (${c.toFixed(0)} ms CPU, ${w.toFixed(0)} ms wall)`,
    );
  });
}

for (const lib of ['h3.js', 'geometry.js']) {
  if (!fs.existsSync(path.join(dist, lib))) {
    throw new Error(`dist/${lib} is missing: run \`npm run build\` first`);
  }
}
// Each library's own error messages: strings, so they survive minifying, and never in the project's code.
const h3Marker = 'Resolution argument was outside of acceptable range';
const jtsMarker = 'side location conflict';
console.log('The libraries in the start-up bundles (they must be in none):');
for (const bundle of ['server.js', 'serverSnapshot.js', 'cli.js', 'engineWorker.js', 'extension.js']) {
  const file = path.join(dist, bundle);
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    const inside = (marker: string) => (text.includes(marker) ? 'YES' : 'no');
    console.log(
      `  dist/${bundle.padEnd(18)} ${(text.length / 1024).toFixed(0).padStart(6)} KB  H3 inside: ${inside(h3Marker)}  JTS inside: ${inside(jtsMarker)}`,
    );
  }
}
for (const [lib, when] of [
  ['h3.js', 'first H3 call'],
  ['geometry.js', 'first clipping, union or buffer call'],
]) {
  console.log(`  dist/${lib} (loaded on ${when}) ${(fs.statSync(path.join(dist, lib!)).size / 1024).toFixed(0)} KB`);
}

measure('Loading the library in a fresh Node, against `node -e 0`', [
  ['node -e 0', ['node', '-e', '0']],
  ["require('dist/h3.js')", ['node', '-e', `require(${JSON.stringify(path.join(dist, 'h3.js'))})`]],
  [
    "require('dist/h3.js') + one latLngToCell",
    ['node', '-e', `require(${JSON.stringify(path.join(dist, 'h3.js'))}).latLngToCell(47.6, -122.3, 10)`],
  ],
  ["require('dist/geometry.js')", ['node', '-e', `require(${JSON.stringify(path.join(dist, 'geometry.js'))})`]],
  [
    "require('dist/geometry.js') + one union",
    [
      'node',
      '-e',
      `const g = require(${JSON.stringify(path.join(dist, 'geometry.js'))}).library;` +
        'g.union([g.polygon([[[0,0],[2,0],[2,2],[0,0]]]), g.polygon([[[1,0],[3,0],[3,2],[1,0]]])]);',
    ],
  ],
]);

const kql = path.join(repo, 'bin', 'kql.js');
const UNION_QUERY =
  'print geo_union_polygons_array(dynamic([' +
  '{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,0]]]},' +
  '{"type":"Polygon","coordinates":[[[1,0],[3,0],[3,2],[1,0]]]}]))';
measure('The kql command (as users run it), against `kql "print 1"`', [
  ['kql "print 1"', [kql, 'print 1']],
  ['kql "print geo_point_to_h3cell(-122.3, 47.6)"', [kql, 'print geo_point_to_h3cell(-122.3, 47.6)']],
  ['kql "print geo_point_to_s2cell(-122.3, 47.6)"', [kql, 'print geo_point_to_s2cell(-122.3, 47.6)']],
  ['kql "print geo_union_polygons_array(…two…)"', [kql, UNION_QUERY]],
]);
