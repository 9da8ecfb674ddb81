/**
 * The start-up snapshots in the editor, one for the language server and one for the local engine: where
 * the extension host runs on plain Node (code-server, remote servers), the first start builds a snapshot
 * of each with Kusto.Language initialised, in the background and at the lowest priority, into the
 * extension's global storage; the next starts fork the process from it. Desktop VS Code (Electron)
 * cannot, and starts the server normally and the engine in a worker thread. A blob Node refuses is
 * deleted and the process started the normal way (see languageClient.ts and engineProcess.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { log } from '../log';
import { clearLibraryCodeCache } from './libraryCodeCache';
import {
  buildSnapshot,
  discardSnapshot,
  removeOtherSnapshots,
  snapshotKey,
  snapshotUnsupported,
  usableSnapshot,
} from './snapshotCache';

/**
 * How long after activation the build starts: after the first diagnostics and the first Run, which it
 * would otherwise compete with for the CPU (it takes some 5 s of CPU, 15 s or more of wall clock).
 */
const BUILD_DELAY_MS = 20_000;

/** Which process a snapshot starts. */
export interface SnapshotKind {
  readonly name: 'server' | 'engine';
  /** The entry under dist/, and the folder under global storage. */
  readonly entryFile: string;
  readonly dirName: string;
  /** For the log: "Language server", "Local engine". */
  readonly label: string;
}

export const SERVER_SNAPSHOT: SnapshotKind = {
  name: 'server',
  entryFile: 'serverSnapshot.js',
  dirName: 'startup-snapshot',
  label: 'Language server',
};
export const ENGINE_SNAPSHOT: SnapshotKind = {
  name: 'engine',
  entryFile: 'engineSnapshot.js',
  dirName: 'startup-snapshot-engine',
  label: 'Local engine',
};

/** Every snapshot manager of this window: Clear Start-up Cache clears them all. */
const managers = new Set<ServerSnapshot>();

/** glibc: transparent huge pages for Node's large mallocs, which halves the page faults of reading the blob. */
function withHugePages(tunables: string | undefined): string {
  return `${tunables ? `${tunables}:` : ''}glibc.malloc.hugetlb=1`;
}

export interface ServerStart {
  /** The blob the server is forked from. */
  readonly blob: string;
  /** Node options for the fork. */
  readonly execArgv: string[];
  readonly env: Record<string, string>;
}

export class ServerSnapshot implements vscode.Disposable {
  private readonly dir: string;
  private readonly entry: string;
  private readonly keys = new Map<string, string>();
  /** Set when Node refused a blob: in this window the process starts the normal way (a new blob waits). */
  private refused = false;
  private building: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly config: { readonly startupSnapshot: boolean },
    private readonly kind: SnapshotKind = SERVER_SNAPSHOT,
  ) {
    this.dir = path.join(extension.globalStorageUri.fsPath, kind.dirName);
    this.entry = extension.asAbsolutePath(path.join('dist', kind.entryFile));
    managers.add(this);
  }

  /** Why no snapshot is used or built here, or undefined when one is. */
  private unavailable(): string | undefined {
    if (!this.config.startupSnapshot) return 'turned off by kql.startup.snapshot';
    const why = snapshotUnsupported(process);
    if (why) return why;
    if (!fs.existsSync(this.entry)) return `this build has no snapshot entry (dist/${this.kind.entryFile})`;
    return undefined;
  }

  private currentKey(flags: readonly string[]): string {
    const id = flags.join(' ');
    let key = this.keys.get(id);
    if (!key) {
      key = snapshotKey({
        runtime: process,
        extensionVersion: String((this.extension.extension.packageJSON as { version?: string }).version ?? '0'),
        entryText: fs.readFileSync(this.entry, 'utf8'),
        name: this.kind.name,
        flags,
      });
      this.keys.set(id, key);
    }
    return key;
  }

  /** How to fork the server from the snapshot, or undefined to start it normally. */
  forServer(): ServerStart | undefined {
    return this.forStart([]);
  }

  /**
   * How to fork the engine from its snapshot with this heap cap (part of the blob's V8 flags), or
   * undefined to start a worker thread; then one is built in the background.
   */
  forEngine(heapMb: number): ServerStart | undefined {
    const flags = [`--max-old-space-size=${heapMb}`];
    const start = this.forStart(flags);
    if (!start) this.scheduleBuild(BUILD_DELAY_MS, flags);
    return start;
  }

  private forStart(flags: readonly string[]): ServerStart | undefined {
    const { label } = this.kind;
    const why = this.refused ? 'Node refused the last one in this window' : this.unavailable();
    if (why) {
      log.info(`${label}: started without a start-up snapshot (${why}).`);
      return undefined;
    }
    try {
      const blob = usableSnapshot(this.dir, this.currentKey(flags), (m) => log.info(m));
      if (!blob) {
        log.info(`${label}: no start-up snapshot yet; one is built in the background.`);
        return undefined;
      }
      return {
        blob,
        execArgv: [...flags, '--snapshot-blob', blob],
        env: { GLIBC_TUNABLES: withHugePages(process.env.GLIBC_TUNABLES) },
      };
    } catch (e) {
      log.warn(`${label}: the start-up snapshot could not be read (${message(e)}); starting without it.`);
      return undefined;
    }
  }

  /** The process did not start from `blob`: it is deleted, and built again later. */
  discard(start: ServerStart, why: string): void {
    const { label } = this.kind;
    this.refused = true;
    log.warn(`${label}: could not start from the start-up snapshot (${why}); deleted it, starting without it.`);
    try {
      fs.rmSync(start.blob, { force: true });
      for (const key of this.keys.values()) discardSnapshot(this.dir, key);
    } catch (e) {
      log.warn(`Could not delete ${start.blob}: ${message(e)}`);
    }
  }

  /** Builds the snapshot a while after activation when there is none; never blocks anything. */
  scheduleBuild(delayMs = BUILD_DELAY_MS, flags: readonly string[] = []): void {
    if (this.timer || this.building || this.unavailable()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.build(flags);
    }, delayMs);
  }

  private async build(flags: readonly string[]): Promise<void> {
    if (this.building || this.unavailable()) return;
    const key = this.currentKey(flags);
    if (usableSnapshot(this.dir, key, (m) => log.info(m))) return;
    const abort = new AbortController();
    this.building = abort;
    const { label } = this.kind;
    log.info(`Building the ${label.toLowerCase()} start-up snapshot in the background (low priority)…`);
    try {
      const { meta } = await buildSnapshot({
        dir: this.dir,
        key,
        nodePath: process.execPath,
        entry: this.entry,
        signal: abort.signal,
        flags,
      });
      log.info(
        `${label} start-up snapshot built in ${(meta.buildMs / 1000).toFixed(1)} s (${(meta.size / 1048576).toFixed(0)} MB); it starts from it next time.`,
      );
    } catch (e) {
      if (!abort.signal.aborted)
        log.warn(`The ${label.toLowerCase()} start-up snapshot could not be built: ${message(e)}`);
    } finally {
      this.building = undefined;
    }
  }

  /** The command: deletes every snapshot (a running build is stopped) and says how much was freed. */
  clear(): number {
    this.building?.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    let freed = 0;
    try {
      for (const name of fs.readdirSync(this.dir)) freed += fs.statSync(path.join(this.dir, name)).size;
    } catch {
      // No folder yet: nothing to free.
    }
    removeOtherSnapshots(this.dir, undefined, () => undefined, Number.POSITIVE_INFINITY);
    return freed;
  }

  dispose(): void {
    this.building?.abort();
    clearTimeout(this.timer);
    managers.delete(this);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Creates the language server's snapshot manager and the command "Connection Analytics: Clear Start-up
 * Cache", which clears every snapshot of the window (the engine's too).
 */
export function registerServerSnapshot(ctx: Ctx): ServerSnapshot {
  const snapshot = new ServerSnapshot(ctx.extension, ctx.config);
  ctx.subscriptions.push(
    snapshot,
    vscode.commands.registerCommand('kql.clearStartupCache', () => {
      let freed = clearLibraryCodeCache(ctx.extension);
      for (const manager of managers) freed += manager.clear();
      void vscode.window.showInformationMessage(
        `Cleared the start-up cache (${(freed / 1048576).toFixed(1)} MB). The snapshots and code caches of the language server and the local engine are built again after the next start.`,
      );
    }),
  );
  return snapshot;
}
