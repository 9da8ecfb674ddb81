/**
 * Where the map page's main thread goes while it draws a synthetic fleet: a V8 CPU profile of the page
 * from the host's message until the map is laid out, cut into the busy stretches between idle moments;
 * for each stretch longer than 50 ms, the functions that took most of it (inclusive). Run:
 * `npx tsx bench/map/profileMap.ts [machines] [connections]` after `npm run build`.
 */
import { closeMap, renderMap } from '../../test/map/mapPage';
import { fleetMessage } from './fleet';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

function frameName(n: ProfileNode): string {
  const f = n.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
}

function report(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) {
      parent.set(c, n.id);
    }
  }
  const idle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)';
  let t = 0;
  let stretch: { start: number; ms: number; samples: [number, number][] } | undefined;
  const stretches: NonNullable<typeof stretch>[] = [];
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (idle(id)) {
      if (stretch) {
        stretches.push(stretch);
      }
      stretch = undefined;
    } else {
      stretch ??= { start: t, ms: 0, samples: [] };
      stretch.ms += dt;
      stretch.samples.push([id, dt]);
    }
    t += dt;
  });
  if (stretch) {
    stretches.push(stretch);
  }
  for (const s of stretches.filter((x) => x.ms > 50)) {
    const incl = new Map<string, number>();
    for (const [id, dt] of s.samples) {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const key = frameName(byId.get(cur)!);
        if (!seen.has(key)) {
          seen.add(key);
          incl.set(key, (incl.get(key) ?? 0) + dt);
        }
      }
    }
    console.log(`\nbusy from ${s.start.toFixed(0)} ms for ${s.ms.toFixed(0)} ms:`);
    const top = [...incl.entries()].filter(([k]) => !k.startsWith('(root)')).sort((a, b) => b[1] - a[1]);
    for (const [k, v] of top.slice(0, 18)) {
      console.log(`  ${v.toFixed(0).padStart(6)}  ${k}`);
    }
  }
}

async function main(): Promise<void> {
  const machines = Number(process.argv[2] ?? 300);
  const connections = Number(process.argv[3] ?? 1000);
  const message = fleetMessage(machines, connections);
  const map = await renderMap({ type: 'mapLoading', note: 'waiting' }, { width: 1400, height: 900 }, false);
  const cdp = await map.page.context().newCDPSession(map.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const started = Date.now();
  await map.page.evaluate(
    (m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'),
    message,
  );
  await map.page.waitForFunction(
    () => {
      const d = (
        globalThis as unknown as {
          document: { getElementById(id: string): { classList: { contains(c: string): boolean } } | null };
        }
      ).document;
      return (
        d.getElementById('busy')?.classList.contains('hidden') &&
        d.getElementById('map')?.classList.contains('pending') === false
      );
    },
    undefined,
    { timeout: 300_000, polling: 50 },
  );
  console.log(`laid out after ${Date.now() - started} ms (as seen from outside the page)`);
  await map.page.waitForTimeout(1000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  report(profile);
  await closeMap(map);
}

void main();
