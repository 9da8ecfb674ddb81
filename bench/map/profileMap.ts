/**
 * Where the map page's main thread goes while it draws a synthetic fleet: a V8 CPU profile of the page
 * from the host's message until the map is laid out (the benchmark's run, wheel zoom included), cut into
 * the busy stretches between idle moments;
 * for each stretch longer than 50 ms, the functions that took most of it (inclusive, then self). Run:
 * `npx tsx bench/map/profileMap.ts [machines] [connections]` after `npm run build`.
 */
import { closeMap, renderMap } from '../../test/map/mapPage';
import { fleetMessage } from './fleet';
import { shippedRun } from './shippedRun';

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
    // Self time too: inclusive time names the callers, self time the work itself.
    const self = new Map<string, number>();
    for (const [id, dt] of s.samples) {
      const key = frameName(byId.get(id)!);
      self.set(key, (self.get(key) ?? 0) + dt);
    }
    const selfTop = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
    console.log(`  self: ${selfTop.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' · ')}`);
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
  // The benchmark's own run (a wheel zoom as soon as the picture shows), so the stretches are its tasks.
  const run = await shippedRun(map.page, message, true);
  console.log(
    `picture ${run.firstPicture.toFixed(0)} ms, zoom answered ${run.answered.toFixed(0)} ms, laid out ${run.laidOut.toFixed(0)} ms (page clock, from the message; the profiler slows it)`,
  );
  await map.page.waitForTimeout(1000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  report(profile);
  await closeMap(map);
}

void main();
