// Takes the map screenshots of docs/screenshots.md from the sample workspace: `npx tsx test/map/screenshotMap.ts`
// (after `npm run build`, which makes dist/webview/map.js).
import * as path from 'node:path';
import { closeMap, renderMap, sampleMessage, TODAY, YESTERDAY } from './mapPage';

async function shoot(
  name: string,
  message: ReturnType<typeof sampleMessage>,
  keys: readonly string[] = [],
): Promise<void> {
  const map = await renderMap(message);
  for (const k of keys) {
    await map.page.keyboard.press(k);
    await map.page.waitForTimeout(400);
  }
  const out = path.resolve(`docs/screenshots/${name}.png`);
  await map.page.screenshot({ path: out });
  console.log(`${out}: problems: ${map.problems.length ? map.problems.join('; ') : 'none'}`);
  await closeMap(map);
}

async function main(): Promise<void> {
  await shoot('dependency-map', sampleMessage());
  await shoot('dependency-map-focus', sampleMessage({ focus: ['acme-demo'] }));
  await shoot('dependency-map-diff', sampleMessage({ compare: { before: YESTERDAY, after: TODAY } }));
}

void main();
