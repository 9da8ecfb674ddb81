/**
 * Scenarios 41–43, the dependency map beyond its first picture. The map is a canvas; what it draws is
 * read from the list it keeps for screen readers (#shown: every node and link, each link with the
 * colour it is drawn in). The whole fleet's drawing (machines, external groups, the links between them)
 * is the oracle for focus mode: one hop out of a machine is its neighbours there.
 *  41 focus on one machine from the map's search: it and its neighbours only; "+ hop" on a neighbour adds its neighbours.
 *  42 expand a group: an "N external endpoints" node opens into its N endpoints; a machine into its processes.
 *  43 the diff of yesterday and today: changed links drawn in the legend's colours, the table lists
 *     the changes, and Export CSV writes them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { crashNotices } from '../resultsPanel';
import { waitFor, type Workbench } from '../workbench';
import { openFleetMap } from './dependencyMap';
import { answerSaveDialog } from '../saveDialog';

interface ShownNode {
  id: string;
  kind: string;
  label: string;
  parent: string;
}
interface ShownLink {
  source: string;
  target: string;
  change: string;
  color: string;
}
interface Shown {
  nodes: ShownNode[];
  links: ShownLink[];
  status: string;
  mode: string;
}

type Doc = {
  getElementById(
    id: string,
  ): { value?: string; textContent: string | null; classList: { contains(c: string): boolean } } | null;
  querySelectorAll(s: string): Iterable<{ dataset: Record<string, string | undefined> }>;
};

/** What the map shows once its layout is done; undefined while it is laying out. */
async function readShown(frame: Frame): Promise<Shown | undefined> {
  return frame.evaluate(() => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    if (!doc.getElementById('busy')?.classList.contains('hidden') || !doc.getElementById('map')) {
      return undefined;
    }
    const nodes: ShownNode[] = [];
    const links: ShownLink[] = [];
    for (const li of doc.querySelectorAll('#shown li')) {
      const d = li.dataset;
      if (d.kind) {
        nodes.push({ id: d.id ?? '', kind: d.kind, label: d.label ?? '', parent: d.parent ?? '' });
      } else if (d.source) {
        links.push({ source: d.source, target: d.target ?? '', change: d.change ?? '', color: d.color ?? '' });
      }
    }
    const mode = (doc.getElementById('mode') as { value?: string } | null)?.value ?? '';
    return nodes.length ? { nodes, links, status: doc.getElementById('status')?.textContent ?? '', mode } : undefined;
  });
}

export function waitShown(frame: Frame, what: string, ok: (s: Shown) => boolean, ms = 90_000): Promise<Shown> {
  return waitFor(
    what,
    async () => {
      const s = await readShown(frame).catch(() => undefined);
      return s && ok(s) ? s : undefined;
    },
    ms,
  );
}

/** Undirected neighbours among the top-level nodes (machines and groups) of a drawing. */
function neighbours(s: Shown, id: string): Set<string> {
  const out = new Set<string>();
  for (const l of s.links) {
    if (l.source === id) {
      out.add(l.target);
    } else if (l.target === id) {
      out.add(l.source);
    }
  }
  out.delete(id);
  return out;
}

const topLevel = (s: Shown): Set<string> => new Set(s.nodes.filter((n) => !n.parent).map((n) => n.id));

function sorted(xs: Iterable<string>): string[] {
  return [...xs].sort();
}

/** Types into the map's search box and presses Enter, then waits until the match is centred and selected. */
async function find(frame: Frame, text: string, id: string): Promise<void> {
  await frame.fill('#search', text);
  await frame.press('#search', 'Enter');
  await waitFor(
    `${text} found and selected`,
    async () => ((await frame.getAttribute('#map', 'data-selected')) === id ? true : undefined),
    60_000,
  );
}

export async function mapFocusScenario(wb: Workbench): Promise<void> {
  const { frame } = await openFleetMap(wb);
  const fleet = await waitShown(frame, 'the fleet drawn', (s) => s.mode === 'fleet' && s.links.length > 0);
  const seed = fleet.nodes.find((n) => n.label === 'acme-demo' && n.kind === 'machine');
  assert.ok(seed, 'acme-demo is not on the fleet map');
  const hop1 = neighbours(fleet, seed.id);
  assert.ok(hop1.size > 0 && hop1.size < topLevel(fleet).size - 1, `acme-demo has ${hop1.size} neighbours`);

  // Focus from the map's search: find the machine (it is selected), then "Focus selection".
  await find(frame, 'acme-demo', seed.id);
  await frame.click('#focus-selection');
  const focus = await waitShown(
    frame,
    'acme-demo in focus',
    (s) => s.mode === 'focus' && topLevel(s).size < topLevel(fleet).size,
  );
  assert.deepEqual(
    sorted(topLevel(focus)),
    sorted([seed.id, ...hop1]),
    'focus mode must draw acme-demo and its neighbours, nothing else',
  );
  assert.match(focus.status, /\d+ not shown in this view/);
  await wb.screenshot(41, 'focus-one-machine');

  // A neighbour whose own neighbours are not all drawn yet: "+ hop" on it adds exactly those.
  const drawn = topLevel(focus);
  const next = [...hop1]
    .map((id) => fleet.nodes.find((n) => n.id === id)!)
    .filter((n) => n.kind === 'machine')
    .map((n) => ({ n, added: [...neighbours(fleet, n.id)].filter((x) => !drawn.has(x)) }))
    .sort((a, b) => b.added.length - a.added.length)[0];
  assert.ok(next && next.added.length > 0, 'no neighbour of acme-demo reaches further');
  await find(frame, next.n.label, next.n.id);
  await frame.click('#hop');
  const grown = await waitShown(frame, `the next hop from ${next.n.label}`, (s) => topLevel(s).size > drawn.size);
  assert.deepEqual(
    sorted(topLevel(grown)),
    sorted([...drawn, ...next.added]),
    `"+ hop" on ${next.n.label} must add its neighbours, nothing else`,
  );
  await wb.screenshot(41, 'focus-next-hop');
  assert.deepEqual(await crashNotices(wb), []);
}

export async function mapExpandScenario(wb: Workbench): Promise<void> {
  const { frame } = await openFleetMap(wb);
  const fleet = await waitShown(frame, 'the fleet drawn', (s) => s.mode === 'fleet' && s.links.length > 0);
  // The largest group of unmonitored endpoints, "N external endpoints …".
  const groups = fleet.nodes
    .filter((n) => n.kind === 'group')
    .map((n) => ({ n, count: Number(/^(\d+) external endpoints?/.exec(n.label)?.[1] ?? 0) }))
    .sort((a, b) => b.count - a.count);
  const group = groups[0];
  assert.ok(group && group.count > 1, `no group of external endpoints: ${fleet.nodes.map((n) => n.label).join(', ')}`);
  await find(frame, group.n.label, group.n.id);
  await frame.press('#map', 'Enter');
  const opened = await waitShown(frame, `${group.n.label} expanded`, (s) =>
    s.nodes.some((n) => n.parent === group.n.id),
  );
  const endpoints = opened.nodes.filter((n) => n.parent === group.n.id);
  assert.equal(endpoints.length, group.count, `"${group.n.label}" opened into ${endpoints.length} endpoints`);
  assert.ok(
    endpoints.every((n) => n.kind === 'endpoint' && /\d+\.\d+\.\d+\.\d+|:/.test(n.label)),
    endpoints.map((n) => n.label).join(', '),
  );
  await wb.screenshot(42, 'group-expanded');

  // A machine opens into its processes, and links now start at them.
  const machine = fleet.nodes.find((n) => n.label === 'acme-demo')!;
  await find(frame, 'acme-demo', machine.id);
  await frame.press('#map', 'Enter');
  const withProcesses = await waitShown(frame, 'acme-demo expanded', (s) =>
    s.nodes.some((n) => n.parent === machine.id),
  );
  const processes = withProcesses.nodes.filter((n) => n.parent === machine.id);
  assert.ok(processes.every((n) => n.kind === 'process'));
  assert.ok(
    processes.some((p) => withProcesses.links.some((l) => l.source === p.id)),
    'no link starts at an acme-demo process',
  );
  assert.ok(
    withProcesses.nodes.some((n) => n.parent === group.n.id),
    'expanding the machine closed the group',
  );
  await wb.screenshot(42, 'machine-expanded');
  assert.deepEqual(await crashNotices(wb), []);
}

export async function mapDiffScenario(wb: Workbench, workspace: string): Promise<void> {
  const { frame } = await openFleetMap(wb);
  await waitShown(frame, 'the fleet drawn', (s) => s.mode === 'fleet' && s.links.length > 0);
  await frame.selectOption('#compare', 'days');
  const diff = await waitShown(
    frame,
    'the diff of yesterday and today drawn',
    (s) => s.links.some((l) => l.change !== ''),
    120_000,
  );
  const table = await waitFor('the diff table', async () => {
    const text = await frame.locator('#diff').textContent();
    return text && /What changed/.test(text) ? text : undefined;
  });
  // Each change is drawn in the colour its legend entry shows.
  const legendColour = async (entry: string): Promise<string> =>
    (
      await frame
        .locator(`#legend [data-legend="${entry}"] .line`)
        .evaluate(
          (e) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string } }).getComputedStyle(e)
              .borderTopColor,
        )
    ).replace(/\s+/g, '');
  for (const [change, entry] of [
    ['new', 'new'],
    ['worse', 'failure rate rose'],
  ] as const) {
    const links = diff.links.filter((l) => l.change === change);
    assert.ok(links.length > 0, `no ${change} link drawn`);
    const colour = await legendColour(entry);
    assert.deepEqual(
      [...new Set(links.map((l) => l.color))],
      [colour],
      `${change} links are not drawn in the legend's colour ${colour}`,
    );
  }
  for (const l of diff.links.filter((x) => x.change === 'vanished')) {
    assert.equal(l.color, await legendColour('vanished'));
  }
  // The table lists the sample's change of today: a machine talks to a new remote port, a link starts failing.
  assert.match(table, /new\s*connection\s*acme-app02/);
  assert.match(table, /worse\s*connection\s*acme-app01/);
  // Listening ports and processes are rows of the same table; the sample changes none of them (test/map/mapDiff.test.ts).
  assert.match(table, /change\s*kind\s*computer\s*process\s*remote\s*port/);
  await wb.screenshot(43, 'diff-two-windows');

  // Export CSV: the save dialog (a path in code-server's simple dialog), then the file.
  const target = path.join(workspace, 'map-changes.csv');
  fs.rmSync(target, { force: true });
  await frame.click('#export-csv');
  await answerSaveDialog(wb, target);
  const csv = await waitFor('the exported diff', async () =>
    fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined,
  );
  const lines = csv.trim().split(/\r?\n/);
  assert.match(lines[0]!, /change/i);
  assert.equal(
    lines.length - 1,
    Number(/(\d+) changes?/.exec(table)?.[1]),
    'the export does not hold every change the table counts',
  );
  assert.ok(
    lines.some((l) => l.includes('new') && l.includes('acme-app02')),
    'the export lacks the new connection',
  );
  assert.deepEqual(await crashNotices(wb), []);
}
