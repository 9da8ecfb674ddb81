/**
 * Machines tree at fleet scale: 1,000 machines with 50 bound ports each, answered by a synthetic
 * backend (prebuilt wire-form results, so only the tree's own work is timed). Prints the time to build
 * and describe the machines level (one query), and to expand every machine's bound ports (one query
 * per expansion), as ratios to a reference measured in the same run: one plain pass over the same rows
 * that copies each into an object (the floor for touching every row once).
 *
 *   npx tsx bench/machinesTree.ts [machines] [portsPerMachine]
 */
import { performance } from 'node:perf_hooks';
import type { QueryResult, WireValue } from '../src/results/queryResult';
import type { QueryBackend } from '../src/backends/queryBackend';
import { MachinesModel, viewOf, type FleetNode } from '../src/ui/machines/machinesModel';

const MACHINES = Number(process.argv[2] ?? 1000);
const PORTS = Number(process.argv[3] ?? 50);

function result(columns: [string, string][], rows: WireValue[][]): QueryResult {
  return {
    tables: [
      { name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type: type as 'string' })), rows },
    ],
    stats: { backend: 'local', durationMs: 0, rowCount: rows.length, truncated: false },
    warnings: [],
  };
}

const machineRows: WireValue[][] = Array.from({ length: MACHINES }, (_, i) => [
  `m-${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
  `host-${String(i).padStart(4, '0')}.fleet.example`,
  i % 3 ? 'linux' : 'windows',
  i % 3 ? 'Ubuntu 22.04' : 'Windows Server 2022',
  [`10.${(i >> 8) & 255}.${i & 255}.4`],
  '',
  i * 1000,
  i * 2000,
  i % 7,
  i % 97 === 0 ? ['', '203.0.113.9'] : [''],
  i % 97 === 0 ? ['Botnet'] : [''],
]);
const machinesResult = result(
  [
    ['Machine', 'string'],
    ['Computer', 'string'],
    ['OsFamily', 'string'],
    ['Os', 'string'],
    ['Ipv4Addresses', 'dynamic'],
    ['ResourceId', 'string'],
    ['BytesSent', 'long'],
    ['BytesReceived', 'long'],
    ['LinksFailed', 'long'],
    ['MaliciousIps', 'dynamic'],
    ['Threats', 'dynamic'],
  ],
  machineRows,
);
const portRows: WireValue[][] = Array.from({ length: PORTS }, (_, j) => [
  j % 10 === 0 ? '127.0.0.1' : j % 2 ? '0.0.0.0' : '10.0.0.4',
  1000 + j,
  'tcp',
  `proc${j % 7}`,
  `p-${j % 7}`,
  j % 2 === 1,
  j,
  j * 10,
  j * 20,
  j % 13 === 0 ? 2 : null,
]);
const portsResult = result(
  [
    ['Ip', 'string'],
    ['Port', 'int'],
    ['Protocol', 'string'],
    ['ProcessName', 'string'],
    ['Process', 'string'],
    ['IsWildcardBind', 'bool'],
    ['LinksLive', 'long'],
    ['BytesSent', 'long'],
    ['BytesReceived', 'long'],
    ['LinksFailed', 'long'],
  ],
  portRows,
);

let queries = 0;
const backend: QueryBackend = {
  id: 'local',
  label: 'synthetic fleet',
  async run(query) {
    queries++;
    return query.includes('let traffic') ? machinesResult : portsResult;
  },
};

function reference(): number {
  const t0 = performance.now();
  let n = 0;
  const copy = (rows: readonly (readonly WireValue[])[]): void => {
    for (const row of rows) {
      const o: Record<number, WireValue> = {};
      for (let k = 0; k < row.length; k++) {
        o[k] = row[k]!;
      }
      n += Object.keys(o).length;
    }
  };
  copy(machineRows);
  for (let i = 0; i < MACHINES; i++) {
    copy(portRows);
  }
  if (n === 0) {
    throw new Error('unreachable');
  }
  return performance.now() - t0;
}

async function tree(): Promise<{ rootsMs: number; portsMs: number; longestPortsMs: number; items: number }> {
  const model = new MachinesModel({ backend: () => backend, runOptions: () => ({}) });
  let t0 = performance.now();
  const roots = await model.children();
  let items = roots.map(viewOf).length;
  const rootsMs = performance.now() - t0;
  t0 = performance.now();
  let longest = 0;
  for (const machine of roots) {
    const s = performance.now();
    const groups = await model.children(machine);
    const ports = groups.find((g) => g.kind === 'group' && g.group === 'ports') as FleetNode;
    const children = await model.children(ports);
    items += children.map(viewOf).length;
    longest = Math.max(longest, performance.now() - s);
  }
  return { rootsMs, portsMs: performance.now() - t0, longestPortsMs: longest, items };
}

async function main(): Promise<void> {
  // Warm up the JIT on both, then measure.
  reference();
  await tree();
  queries = 0;
  const ref = Math.min(reference(), reference(), reference());
  const runs = [await tree(), await tree(), await tree()];
  const best = runs.reduce((a, b) => (a.rootsMs + a.portsMs <= b.rootsMs + b.portsMs ? a : b));
  console.log(
    `machines tree: ${MACHINES} machines × ${PORTS} ports, ${queries / 3} queries per full expansion, ${best.items} items`,
  );
  console.log(`reference (copy every row once): ${ref.toFixed(1)} ms`);
  console.log(`machines level (1 query, ${MACHINES} items built and described): ${best.rootsMs.toFixed(1)} ms`);
  console.log(
    `all bound-ports groups expanded (${MACHINES} queries): ${best.portsMs.toFixed(1)} ms = ${(best.portsMs / ref).toFixed(2)}× reference; longest single expansion ${best.longestPortsMs.toFixed(2)} ms`,
  );
  console.log(`total = ${((best.rootsMs + best.portsMs) / ref).toFixed(2)}× reference`);
}

void main();
