/**
 * Scenario 114: a .kql file naming a table of the user's own exports, opened before the folder's schema
 * has reached the language server. A second VS Code opens a folder whose `kql.local.dataFolder` holds
 * Hostile_CL.json (a few thousand rows, so its scan takes a moment); its `own.kql` names Hostile_CL and a
 * table no export has.
 * - From the workbench's first paint, sampled every few milliseconds: the status bar's error count never
 *   counts Hostile_CL (never 2 errors), and no error squiggle is ever drawn on its line.
 * - The truly unknown table gets its error once the schema has arrived: one error, in Problems, naming it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DomDocument, DomElement } from '../browserTypes';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { type Workbench, waitFor } from '../workbench';

declare const document: DomDocument;

const ROWS = Number(process.env.KQL_E2E_114_ROWS ?? 5_000);
/** Other tables of the folder (a few rows each): their scan is what keeps the schema from the first check. */
const EXTRA_TABLES = Number(process.env.KQL_E2E_114_TABLES ?? 1500);
const FILE = 'own.kql';
/** Line 1 (index 0) is the user's own table, line 3 (index 2) a table no export has. */
const TEXT = 'Hostile_CL | take 10\n\nNoSuchTable_CL | take 1\n';

export interface Sample {
  readonly ms: number;
  /** The status bar's problems item, as shown ("1 0"), '' before it is drawn. */
  readonly status: string;
  /** The page `top` of each error squiggle in the active editor, in px. */
  readonly squiggleTops: readonly number[];
}

interface Sampler {
  samples: Sample[];
  timer: unknown;
}

function writeExport(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const lines = Array.from({ length: ROWS }, (_, i) =>
    JSON.stringify({
      TimeGenerated: new Date(Date.UTC(2026, 11, 5, 0, 0, i)).toISOString(),
      Computer: `vm-${i % 40}`,
      Payload_s: `event ${i}`,
    }),
  );
  fs.writeFileSync(path.join(dir, 'Hostile_CL.json'), `${lines.join('\n')}\n`);
  // A big folder: each file is read for its columns before the schema is known.
  for (let t = 0; t < EXTRA_TABLES; t++) {
    const name = `Extra${String(t).padStart(4, '0')}_CL.json`;
    fs.writeFileSync(path.join(dir, name), `${lines.slice(0, 3).join('\n')}\n`);
  }
}

/** Starts recording the status bar's error count and the editor's error squiggles, every 10 ms. */
export async function startSampling(wb: Workbench): Promise<void> {
  await wb.page.evaluate(() => {
    const g = globalThis as unknown as { __kqlSamples?: Sampler; setInterval(f: () => void, ms: number): unknown };
    const started = performance.now();
    const sampler: Sampler = { samples: [], timer: undefined };
    sampler.timer = g.setInterval(() => {
      const status = document.querySelector('.statusbar-item#status\\.problems')?.textContent ?? '';
      const squiggleTops = [
        ...document.body.querySelectorAll('.editor-group-container.active .monaco-editor .squiggly-error'),
      ].map((el) => Math.round(el.getBoundingClientRect().top));
      sampler.samples.push({ ms: Math.round(performance.now() - started), status, squiggleTops });
    }, 10);
    g.__kqlSamples = sampler;
  });
}

export async function stopSampling(wb: Workbench): Promise<Sample[]> {
  return wb.page.evaluate(() => {
    const g = globalThis as unknown as { __kqlSamples: Sampler; clearInterval(t: unknown): void };
    g.clearInterval(g.__kqlSamples.timer);
    return g.__kqlSamples.samples;
  });
}

/** The first number the problems item shows: its error count. */
export const errorsIn = (status: string) => Number(/\d+/.exec(status)?.[0] ?? 0);

/** The language server's log (its output channel's file in the window's log folder), '' before it has one. */
export function serverLog(userDataDir: string): string {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return '';
  for (const window of fs.readdirSync(logs).sort().reverse()) {
    const dir = path.join(logs, window);
    for (const host of fs.readdirSync(dir).filter((d) => d.startsWith('exthost'))) {
      const file = path.join(
        dir,
        host,
        'connection-analytics.connection-analytics',
        'Connection Analytics Language Server.log',
      );
      if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    }
  }
  return '';
}

export async function schemaPendingScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-schema-pending-');
  writeExport(exports);
  fs.writeFileSync(path.join(workspace, FILE), TEXT);
  await inOwnWorkspace(main, 114, workspace, async (wb, server) => {
    // Before the .kql file opens, nothing of the extension runs (it activates on the KQL language).
    await startSampling(wb);
    await wb.openFile(FILE);
    const editor = wb.activeEditor();
    /** The page `top` of the editor's line `index` (0-based). */
    const lineTop = async (index: number) =>
      editor
        .locator('.view-lines .view-line')
        .evaluateAll(
          (els: DomElement[], i: number) =>
            els.map((el) => Math.round(el.getBoundingClientRect().top)).sort((a, b) => a - b)[i]!,
          index,
        );
    const near = (a: number, b: number) => Math.abs(a - b) <= 3;
    // The truly unknown table's error arrives once the schema has: one error, on line 3.
    await waitFor(
      'the error on the truly unknown table',
      async () => {
        return (await editor.locator('.squiggly-error').count()) > 0 ? true : undefined;
      },
      120_000,
    );
    // Settled: a moment more of samples after the error came (a late false error would show in them).
    await new Promise((r) => setTimeout(r, 1500));
    const samples = await stopSampling(wb);
    const ownTop = await lineTop(0);
    const unknownTop = await lineTop(2);
    const counts = samples.map((s) => errorsIn(s.status));
    const falseSquiggles = samples.filter((s) => s.squiggleTops.some((t) => near(t, ownTop)));
    const firstError = samples.find((s) => errorsIn(s.status) > 0);
    const log = serverLog(server.userDataDir);
    const held = /Unknown names held (\d+) ms[^\n]*/.exec(log)?.[0];
    const bound = /The workspace schema [^\n]*has not arrived[^\n]*/.exec(log)?.[0];
    const firstSent = /First diagnostics sent [^\n]*/.exec(log)?.[0];
    console.log(
      `e2e 114: ${samples.length} samples over ${samples.at(-1)?.ms} ms; most errors counted ${Math.max(...counts)}; first error at ${firstError?.ms} ms; ${held ?? bound ?? 'no hold logged'}; ${firstSent}`,
    );
    assert.equal(
      falseSquiggles.length,
      0,
      `an error squiggle on Hostile_CL's line in ${falseSquiggles.length} samples`,
    );
    assert.ok(Math.max(...counts) <= 1, `the status bar counted ${Math.max(...counts)} errors: ${counts.join(',')}`);
    assert.ok(!bound, `the schema took longer than the bound: ${bound}`);
    assert.ok(held, `the server logged no hold:\n${log}`);
    assert.equal(errorsIn(samples.at(-1)!.status), 1, `finally: ${samples.at(-1)!.status}`);
    assert.ok(
      samples.at(-1)!.squiggleTops.length > 0 && samples.at(-1)!.squiggleTops.every((t) => near(t, unknownTop)),
      `squiggles at ${samples.at(-1)!.squiggleTops} (own ${ownTop}, unknown ${unknownTop})`,
    );
    const problems = await wb.problems();
    assert.equal(problems.length, 2, `a file row and one problem: ${problems.join(' | ')}`);
    assert.match(problems.join('\n'), /NoSuchTable_CL/);
    assert.doesNotMatch(problems.join('\n'), /Hostile_CL/);
    await wb.screenshot(114, 'schema-pending');
  });
}
