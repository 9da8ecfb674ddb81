/**
 * The scenarios that need VS Code's API but no browser, run inside a real VS Code by
 * runElectronTests.ts: the extension activates on a .kql file, every contributed command is registered,
 * and the machines tree provider returns the sample workspace's machines with processes and ports.
 * A small runner of its own (no mocha): each check runs in turn, failures are listed, and run() rejects
 * when any failed so @vscode/test-electron exits non-zero.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LocalBackend } from '../../src/backends/local';
import { buildFleet } from '../../src/data/sample/fleet';
import { type FleetNode, MachinesModel, viewOf } from '../../src/ui/machines';
import { MachinesTreeProvider } from '../../src/ui/machines/machinesTreeProvider';

const EXTENSION_ID = 'connection-analytics.connection-analytics';

interface Check {
  readonly name: string;
  readonly run: () => Promise<void>;
}

async function until<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${ms / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in the test instance`);
  return ext;
}

/** The extension's own tree provider when activate() exports it; else one built the same way. */
function machinesProvider(ext: vscode.Extension<unknown>): { provider: MachinesTreeProvider; dispose: () => void } {
  const exported = (ext.exports as { machinesTree?: { provider?: MachinesTreeProvider } } | undefined)?.machinesTree;
  if (exported?.provider) {
    return { provider: exported.provider, dispose: () => undefined };
  }
  const backend = new LocalBackend({
    source: { kind: 'sample' },
    workerScript: path.join(ext.extensionPath, 'dist/engineWorker.js'),
  });
  const provider = new MachinesTreeProvider(
    new MachinesModel({ backend: () => backend, runOptions: () => ({}) }),
    () => backend.label,
  );
  return {
    provider,
    dispose: () => {
      provider.dispose();
      backend.dispose?.();
    },
  };
}

const checks: Check[] = [
  {
    name: 'the extension activates when a .kql file opens',
    run: async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the test instance opened no workspace folder');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'syntax-error.kql'));
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'kql');
      const ext = extension();
      await until('activation on onLanguage:kql', () => (ext.isActive ? true : undefined));
    },
  },
  {
    name: 'every contributed command is registered',
    run: async () => {
      const ext = extension();
      await ext.activate();
      const declared = (
        ext.packageJSON as { contributes: { commands: { command: string }[] } }
      ).contributes.commands.map((c) => c.command);
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(
        declared.filter((c) => !registered.has(c)),
        [],
        'commands declared in package.json but not registered',
      );
    },
  },
  {
    name: 'the machines tree provider returns the sample machines, their processes and bound ports',
    run: async () => {
      const ext = extension();
      await ext.activate();
      const { provider, dispose } = machinesProvider(ext);
      try {
        const roots = await provider.getChildren();
        const labels = roots.map((n) => provider.getTreeItem(n).label);
        const fleet = buildFleet().machines.map((m) => m.name);
        assert.deepEqual([...labels].sort(), [...fleet].sort());
        const demo = roots.find((n) => viewOf(n).label === 'acme-demo');
        assert.ok(demo, 'acme-demo is not listed');
        const groups = await provider.getChildren(demo);
        const group = (label: string): FleetNode => {
          const g = groups.find((n) => viewOf(n).label === label);
          assert.ok(g, `acme-demo has no "${label}" group`);
          return g;
        };
        const processes = await provider.getChildren(group('Processes'));
        assert.ok(
          processes.some((n) => n.kind === 'process'),
          'no processes under acme-demo',
        );
        const ports = await provider.getChildren(group('Bound ports'));
        assert.ok(
          ports.some((n) => n.kind === 'port'),
          'no bound ports under acme-demo',
        );
      } finally {
        dispose();
      }
    },
  },
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const check of checks) {
    const started = Date.now();
    try {
      await check.run();
      console.log(`ok - ${check.name} (${Date.now() - started} ms)`);
    } catch (e) {
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
      console.log(`not ok - ${check.name}\n${message}`);
      failures.push(check.name);
    }
  }
  console.log(`# ${checks.length - failures.length} of ${checks.length} passed`);
  if (failures.length > 0) {
    throw new Error(`${failures.length} check(s) failed: ${failures.join('; ')}`);
  }
}
