/**
 * What a parameterised Run waits for, both ways the extension host can read what it needs: before its
 * prompt, the `declare query_parameters` statements; in the prompt, the first typed value the user gives
 * (a datetime, checked as it is typed). Each read in the host, whose first call loads Kusto.Language (a
 * fresh process, as a window's first such Run is), against the request to a language server that has the
 * library loaded (a document open, as when the user runs from an editor). Interleaved, paired per round,
 * medians and their ratio. Run: `nice npx tsx bench/queryParametersSource.ts [rounds]`.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { ParameterValuesRequest, QueryParametersRequest } from '../src/protocol/lsp';
import { startServer } from '../test/server/lspHarness';

const ROOT = path.resolve(__dirname, '..');
const QUERY = 'declare query_parameters(minCpus:long);\nVMComputer | where Cpus >= minCpus | project Computer, Cpus';
const rounds = Number(process.argv[2] ?? 5);

/**
 * Milliseconds of `call` (which checks its own answer) run first in a fresh process, after `setup` (the
 * modules, loaded in the extension's bundle already): the library loads in it.
 */
function hostCold([setup, call]: readonly [string, string]): number {
  const script = `
    ${setup};
    const t = performance.now();
    ${call};
    console.log(performance.now() - t);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

const HOST_DECLARATIONS = [
  "const { parameterDeclarations } = require('./src/kql/queryParameters')",
  `const d = parameterDeclarations(${JSON.stringify(QUERY)});
    if (d[0].parameters[0].name !== 'minCpus') throw new Error('wrong declarations')`,
] as const;
const VALUE = { text: 'last tuesday', type: 'datetime' };
const HOST_VALUE = [
  "const { declaredParameterLiteral } = require('./src/engine/parameterLiteral')",
  `const r = declaredParameterLiteral(${JSON.stringify(VALUE.text)}, 'datetime');
    if (!/^Not a datetime/.test(r.problem)) throw new Error('wrong reading')`,
] as const;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const server = await startServer();
  try {
    await server.open('file:///bench.kql', QUERY);
    const rows: [string, number[], number[]][] = [
      ['declarations', [], []],
      ['first typed value', [], []],
    ];
    for (let i = 0; i < rounds; i++) {
      rows[0]![1].push(hostCold(HOST_DECLARATIONS));
      let t = performance.now();
      const answer = (await server.connection.sendRequest(QueryParametersRequest, { text: QUERY })) as {
        declarations: { parameters: { name: string }[] }[];
      };
      rows[0]![2].push(performance.now() - t);
      if (answer.declarations[0]?.parameters[0]?.name !== 'minCpus') throw new Error('wrong answer');
      rows[1]![1].push(hostCold(HOST_VALUE));
      t = performance.now();
      const read = (await server.connection.sendRequest(ParameterValuesRequest, { values: [VALUE] })) as {
        readings: { problem?: string }[];
      };
      rows[1]![2].push(performance.now() - t);
      if (!/^Not a datetime/.test(read.readings[0]?.problem ?? '')) throw new Error('wrong reading');
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
    for (const [what, host, viaServer] of rows) {
      console.log(`${what}:`);
      console.log(`  host, first read (library loads): median ${median(host).toFixed(0)} ms [${fmt(host)}]`);
      console.log(`  server request (library warm):   median ${median(viaServer).toFixed(1)} ms [${fmt(viaServer)}]`);
      console.log(`  ratio host/server: ${(median(host) / median(viaServer)).toFixed(0)}×`);
    }
    console.log(`load ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await server.stop();
  }
}

void main();
