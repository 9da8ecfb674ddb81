/**
 * The language server's startup snapshot in the editor: where the extension host runs on plain Node
 * (code-server, remote servers), the first start builds a snapshot of the server with Kusto.Language
 * initialised, in the background and at the lowest priority, into the extension's global storage; the
 * next starts fork the server from it. Desktop VS Code (Electron) cannot, and starts it normally.
 * A blob Node refuses is deleted and the server started the normal way (see languageClient.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { log } from '../log';
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
  private key: string | undefined;
  private building: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: Ctx) {
    this.dir = path.join(ctx.extension.globalStorageUri.fsPath, 'startup-snapshot');
    this.entry = ctx.extension.asAbsolutePath(path.join('dist', 'serverSnapshot.js'));
  }

  /** Why no snapshot is used or built here, or undefined when one is. */
  private unavailable(): string | undefined {
    if (!this.ctx.config.startupSnapshot) return 'turned off by kql.startup.snapshot';
    const why = snapshotUnsupported(process);
    if (why) return why;
    if (!fs.existsSync(this.entry)) return 'this build has no snapshot entry (dist/serverSnapshot.js)';
    return undefined;
  }

  private currentKey(): string {
    this.key ??= snapshotKey({
      runtime: process,
      extensionVersion: String((this.ctx.extension.extension.packageJSON as { version?: string }).version ?? '0'),
      entryText: fs.readFileSync(this.entry, 'utf8'),
    });
    return this.key;
  }

  /** How to fork the server from the snapshot, or undefined to start it normally. */
  forServer(): ServerStart | undefined {
    const why = this.unavailable();
    if (why) {
      log.info(`Language server: started without a start-up snapshot (${why}).`);
      return undefined;
    }
    try {
      const blob = usableSnapshot(this.dir, this.currentKey(), (m) => log.info(m));
      if (!blob) {
        log.info('Language server: no start-up snapshot yet; one is built in the background.');
        return undefined;
      }
      return {
        blob,
        execArgv: ['--snapshot-blob', blob],
        env: { GLIBC_TUNABLES: withHugePages(process.env.GLIBC_TUNABLES) },
      };
    } catch (e) {
      log.warn(`Language server: the start-up snapshot could not be read (${message(e)}); starting without it.`);
      return undefined;
    }
  }

  /** The server did not start from `blob`: it is deleted, and built again later. */
  discard(start: ServerStart, why: string): void {
    log.warn(`Language server: could not start from the start-up snapshot (${why}); deleted it, starting without it.`);
    try {
      discardSnapshot(this.dir, this.currentKey());
    } catch (e) {
      log.warn(`Could not delete ${start.blob}: ${message(e)}`);
    }
  }

  /** Builds the snapshot a while after activation when there is none; never blocks anything. */
  scheduleBuild(delayMs = BUILD_DELAY_MS): void {
    if (this.timer || this.building || this.unavailable()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.build();
    }, delayMs);
  }

  private async build(): Promise<void> {
    if (this.building || this.unavailable()) return;
    const key = this.currentKey();
    if (usableSnapshot(this.dir, key, (m) => log.info(m))) return;
    const abort = new AbortController();
    this.building = abort;
    log.info('Building the language server start-up snapshot in the background (low priority)…');
    try {
      const { meta } = await buildSnapshot({
        dir: this.dir,
        key,
        nodePath: process.execPath,
        entry: this.entry,
        signal: abort.signal,
      });
      log.info(
        `Language server start-up snapshot built in ${(meta.buildMs / 1000).toFixed(1)} s (${(meta.size / 1048576).toFixed(0)} MB); the server starts from it next time.`,
      );
    } catch (e) {
      if (!abort.signal.aborted) log.warn(`The language server start-up snapshot could not be built: ${message(e)}`);
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
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Creates the snapshot manager and its command, "Connection Analytics: Clear Start-up Cache". */
export function registerServerSnapshot(ctx: Ctx): ServerSnapshot {
  const snapshot = new ServerSnapshot(ctx);
  ctx.subscriptions.push(
    snapshot,
    vscode.commands.registerCommand('kql.clearStartupCache', () => {
      const freed = snapshot.clear();
      void vscode.window.showInformationMessage(
        `Cleared the start-up cache (${(freed / 1048576).toFixed(1)} MB). The language server's snapshot is built again after the next start.`,
      );
    }),
  );
  return snapshot;
}
