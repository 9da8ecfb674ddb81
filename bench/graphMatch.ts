/**
 * graph-match against the same question asked by a self-join: which machines reach the same remote
 * endpoints (the query of e2e scenario 71, test/e2e/workspace/graph-match.kql), over the sample
 * workspace at scales 1 and 10; and the matcher alone on a 30-node clique (870 edges), two hops, so the
 * cost per match shows. Median wall time of the runs, the queries taken in turns.
 *
 *   node --import tsx bench/graphMatch.ts      (BENCH_RUNS=n sets the runs per figure; default 5)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSampleWorkspace } from '../src/data/sample';
import { timeInTurns } from './queriesInTurns';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const graphQuery = fs.readFileSync(path.join(__dirname, '../test/e2e/workspace/graph-match.kql'), 'utf8');
const joinQuery = `let E = VMConnection | where Direction == "outbound" | distinct Computer, Endpoint = strcat(RemoteIp, ":", DestinationPort);
E | join kind=inner (E) on Endpoint | where strcmp(Computer, Computer1) < 0
| summarize SharedEndpoints = count() by Machine1 = Computer, Machine2 = Computer1 | where SharedEndpoints >= 2
| order by SharedEndpoints desc, Machine1 asc, Machine2 asc | count`;
const clique = `range i from 1 to 30 step 1 | extend j = range(1, 30) | mv-expand j to typeof(long) | where i != j
| make-graph i --> j with_node_id=id`;

for (const scale of [1, 10]) {
  const ws = generateSampleWorkspace({ now: new Date('2026-12-01T00:00:00Z'), scale });
  const { medians, answers } = timeInTurns(ws.database, [`${graphQuery} | count`, joinQuery], runs);
  console.log(
    `scale ${scale} (${ws.database.table('VMConnection')!.rowCount} connections): graph-match ${medians[0]!.toFixed(1)} ms, ` +
      `self-join ${medians[1]!.toFixed(1)} ms (${(medians[0]! / medians[1]!).toFixed(2)}×); pairs ${answers[0]} / ${answers[1]}`,
  );
}
const ws = generateSampleWorkspace({ now: new Date('2026-12-01T00:00:00Z'), scale: 1 });
const { medians, answers } = timeInTurns(
  ws.database,
  [`${clique} | graph-match (a)-[e*2..2]->(b) project a.id | count`],
  runs,
);
const matches = Number(answers[0]);
console.log(
  `clique of 30, two hops: ${matches} matches in ${medians[0]!.toFixed(1)} ms (${((medians[0]! * 1000) / matches).toFixed(2)} µs a match)`,
);
