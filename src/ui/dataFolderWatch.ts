/**
 * A data folder that follows its files: a change, new file or deletion in `kql.local.dataFolder`
 * reloads the tables whose files changed, keeping the others loaded (debounced, so saving several files
 * reloads once), and each file that
 * fails to load is listed in the Problems panel at its line and column.
 */
import * as vscode from 'vscode';
import { parseFailedFile } from '../backends/local/failedFiles';
import type { Ctx } from './ctx';
import { log } from './log';

const RELOAD_DELAY_MS = 400;

export function registerDataFolderWatch(ctx: Ctx, folder: () => string | undefined): void {
  const problems = vscode.languages.createDiagnosticCollection('kql-data');
  let watcher: vscode.FileSystemWatcher | undefined;
  let watched: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const reload = (uri: vscode.Uri): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      log.info(`Data folder changed (${uri.fsPath}): reloading the tables whose files changed.`);
      ctx.backends.reloadFiles();
    }, RELOAD_DELAY_MS);
  };

  const watch = (): void => {
    const dir = ctx.config.backend === 'local' ? folder() : undefined;
    if (dir === watched) return;
    watcher?.dispose();
    watcher = undefined;
    watched = dir;
    if (!dir) return;
    watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dir), '*.{csv,json,CSV,JSON}'),
    );
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
  };

  const showProblems = (): void => {
    problems.clear();
    const source = ctx.schemas.current.source;
    if (source.kind !== 'folder' || !source.note) return;
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const line of source.note.split('\n')) {
      const failed = parseFailedFile(line);
      if (!failed) continue;
      const at = new vscode.Position(Math.max(0, failed.line - 1), Math.max(0, failed.column - 1));
      const d = new vscode.Diagnostic(
        new vscode.Range(at, at.translate(0, 1)),
        `${failed.table} did not load: ${failed.reason}`,
        vscode.DiagnosticSeverity.Error,
      );
      d.source = 'Connection Analytics';
      byFile.set(failed.file, [...(byFile.get(failed.file) ?? []), d]);
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
      },
    },
    ctx.backends.onDidChange(watch),
    ctx.schemas.onDidChange(showProblems),
  );
}
