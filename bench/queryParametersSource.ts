/**
 * What a parameterised Run waits for before its prompt, both ways the extension host can read the
 * `declare query_parameters` statements: parsing in the host, whose first call loads Kusto.Language
 * (a fresh process, as a window's first such Run is), against the request to a language server that
 * has the library loaded (a document open, as when the user runs from an editor). Interleaved, paired
 * per round, medians and their ratio. Run: `nice npx tsx bench/queryParametersSource.ts [rounds]`.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { QueryParametersRequest } from '../src/protocol/lsp';
import { startServer } from '../test/server/lspHarness';

const ROOT = path.resolve(__dirname, '..');
const QUERY = 'declare query_parameters(minCpus:long);\nVMComputer | where Cpus >= minCpus | project Computer, Cpus';
const rounds = Number(process.argv[2] ?? 5);

/** Milliseconds of the first parameterDeclarations call in a fresh process (the library loads in it). */
function hostCold(): number {
  const script = `
    const { parameterDeclarations } = require('./src/kql/queryParameters');
    const t = performance.now();
    const d = parameterDeclarations(${JSON.stringify(QUERY)});
    if (d[0].parameters[0].name !== 'minCpus') throw new Error('wrong declarations');
    console.log(performance.now() - t);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const server = await startServer();
  try {
    await server.open('file:///bench.kql', QUERY);
    const host: number[] = [];
    const viaServer: number[] = [];
    for (let i = 0; i < rounds; i++) {
      host.push(hostCold());
      const t = performance.now();
      const answer = (await server.connection.sendRequest(QueryParametersRequest, { text: QUERY })) as {
        declarations: { parameters: { name: string }[] }[];
      };
      viaServer.push(performance.now() - t);
      if (answer.declarations[0]?.parameters[0]?.name !== 'minCpus') throw new Error('wrong answer');
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
    console.log(`host, first parse (library loads): median ${median(host).toFixed(0)} ms [${fmt(host)}]`);
    console.log(`server request (library warm):     median ${median(viaServer).toFixed(1)} ms [${fmt(viaServer)}]`);
    console.log(
      `ratio host/server: ${(median(host) / median(viaServer)).toFixed(0)}×  (load ${os.loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    await server.stop();
  }
}

void main();
