// Takes docs/screenshots/dependency-map.png from the sample workspace: `npx tsx test/map/screenshotMap.ts`
// (after `npm run build`, which makes dist/webview/map.js).
import * as path from 'node:path';
import { closeMap, renderMap, sampleGraph } from './mapPage';

async function main(): Promise<void> {
  const machines = ['acme-demo', 'admdemo-appsvr', 'onprem-web01'];
  const graph = sampleGraph(machines);
  const map = await renderMap(graph, `Dependency map: ${machines.join(', ')}`);
  const out = path.resolve('docs/screenshots/dependency-map.png');
  await map.page.screenshot({ path: out });
  console.log(`${out}: ${graph.nodes.length} nodes, ${graph.edges.length} edges; problems: ${map.problems.length ? map.problems.join('; ') : 'none'}`);
  await closeMap(map);
}

void main();
