/**
 * A data folder that follows its files: a change, new file or deletion in `kql.local.dataFolder`
 * reloads the tables whose files changed, keeping the others loaded (debounced, so saving several files
 * reloads once), and each file that
 * fails to load, or line of one that was skipped, is listed in the Problems panel at its line and column
 * (as the folder's schema is read, and as soon as a query's load of a table skipped lines). A folder that
 * is not there yet, or is deleted, created again or renamed, is followed too: its tables load when it
 * appears, without a reload of the window.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { dataFileProblems } from './dataFileProblems';
import { FolderPresence, tooWideToWatch } from './folderPresence';
import { log } from './log';
import { onDidSeeRunWarnings } from './runWarnings';

const RELOAD_DELAY_MS = 400;
/** How often the folder itself is looked at: whether it is there, and the same folder (folderPresence.ts). */
const PRESENCE_POLL_MS = 2000;

export function registerDataFolderWatch(ctx: Ctx, folder: () => string | undefined): void {
  const problems = vscode.languages.createDiagnosticCollection('kql-data');
  let watcher: vscode.FileSystemWatcher | undefined;
  let watched: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let presence: FolderPresence | undefined;
  let poll: NodeJS.Timeout | undefined;

  const reload = (uri: vscode.Uri): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      log.info(`Data folder changed (${uri.fsPath}): reloading the tables whose files changed.`);
      ctx.backends.reloadFiles();
    }, RELOAD_DELAY_MS);
  };

  /** A watch on the folder as it is now (none while it is not there): a new folder needs a new watch. */
  const watchFiles = (dir: string): void => {
    watcher?.dispose();
    watcher = undefined;
    if (!presence?.exists) return;
    if (tooWideToWatch(dir, os.homedir())) {
      log.warn(
        `The data folder ${dir} is the root or your home folder: its files are not watched (that would follow every file below it). Point kql.local.dataFolder at the folder your exports land in.`,
      );
      return;
    }
    // Everything below the folder, folders too: an export rule creates each hour's folder and writes
    // its PT1H.json at once, before a watch on the new folder exists, so often only the folder's
    // creation is reported. A reload re-reads only tables whose files changed, so a stray event is cheap.
    watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '**/*'));
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
  };

  const watch = (): void => {
    const dir = ctx.config.backend === 'local' ? folder() : undefined;
    if (dir === watched) return;
    clearInterval(poll);
    poll = undefined;
    watched = dir;
    presence = dir ? new FolderPresence(dir) : undefined;
    if (!dir) {
      watcher?.dispose();
      watcher = undefined;
      return;
    }
    watchFiles(dir);
    poll = setInterval(() => {
      const change = presence?.check();
      if (!change) return;
      log.info(`The data folder ${dir} ${change}: reloading its tables.`);
      watchFiles(dir);
      reload(vscode.Uri.file(dir));
    }, PRESENCE_POLL_MS);
  };

  // Warnings of the latest local runs since the schema was last read: a reload forgets them.
  let runLines: readonly string[] = [];
  const showProblems = (): void => {
    problems.clear();
    const schema = ctx.schemas.current;
    if (schema.source.kind !== 'folder') return;
    const lines = [...(schema.source.note ?? '').split('\n'), ...runLines];
    const loaded = new Set(schema.tables.map((t) => t.name));
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of dataFileProblems(lines, loaded)) {
      const at = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
      const d = new vscode.Diagnostic(
        new vscode.Range(at, at.translate(0, 1)),
        p.message,
        p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'Connection Analytics';
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
    }
    for (const [file, list] of byFile) problems.set(vscode.Uri.file(file), list);
  };

  watch();
  ctx.subscriptions.push(
    problems,
    {
      dispose: () => {
        watcher?.dispose();
        clearTimeout(timer);
        clearInterval(poll);
      },
    },
    ctx.backends.onDidChange(watch),
    ctx.schemas.onDidChange(() => {
      runLines = [];
      showProblems();
    }),
    onDidSeeRunWarnings((warnings) => {
      if (ctx.schemas.current.source.kind !== 'folder') return;
      // Each run reports the warnings of the tables it read: together they are the folder's.
      runLines = [...new Set([...runLines, ...warnings])];
      showProblems();
    }),
  );
}
