/**
 * The panel's exports as a user meets them: the save dialog first (in the document's folder, else the
 * workspace's, named after what the result is of), then the file written as it is made, under a
 * progress notification with Cancel. A cancelled or failed export leaves nothing under the chosen name
 * (exportFile.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { csvPieces, type ExportPiece, jsonRecordPieces } from '../render/exportData';
import type { ResultTable } from '../results/queryResult';
import { UTF8_BOM, writeExportFile } from './exportFile';
import { log } from './log';

/** Below this many rows an export takes well under a second: no notification flashes up for it. */
const PROGRESS_ROWS = 20_000;

/** Asks where to save, proposing `name` in the document's folder (a saved file) or the workspace folder. */
export async function askExportTarget(documentUri: vscode.Uri, name: string): Promise<vscode.Uri | undefined> {
  const folder =
    documentUri.scheme === 'file'
      ? vscode.Uri.joinPath(documentUri, '..')
      : vscode.workspace.workspaceFolders?.[0]?.uri;
  const ext = path.extname(name).slice(1);
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [ext.toUpperCase()]: [ext] },
  });
}

/** Writes small bytes (an image) to the chosen file. */
export async function saveBytes(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(target, bytes);
  log.info(`Saved ${target.fsPath} (${bytes.byteLength.toLocaleString()} bytes).`);
  vscode.window.setStatusBarMessage(`Saved ${path.basename(target.fsPath)}.`, 3000);
}

/**
 * Writes the table as CSV (with the UTF-8 byte order mark Excel needs to read it as UTF-8) or JSON
 * records, with progress and Cancel. A file on another file system (a remote or virtual workspace) is
 * written through VS Code in one piece.
 */
export async function saveTable(
  target: vscode.Uri,
  table: ResultTable,
  format: 'csv' | 'json',
  neutraliseFormulas: boolean,
): Promise<void> {
  const pieces = (): Iterable<ExportPiece> =>
    format === 'csv' ? csvPieces(table, { neutraliseFormulas }) : jsonRecordPieces(table);
  const prefix = format === 'csv' ? UTF8_BOM : '';
  const name = path.basename(target.fsPath);
  if (target.scheme !== 'file') {
    let text = prefix;
    for (const p of pieces()) text += p.text;
    await saveBytes(target, Buffer.from(text, 'utf8'));
    return;
  }
  const total = table.rows.length;
  const started = Date.now();
  const outcome =
    total < PROGRESS_ROWS
      ? await writeExportFile(target.fsPath, pieces(), { prefix })
      : await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Exporting ${total.toLocaleString('en-US')} rows to ${name}`,
            cancellable: true,
          },
          async (progress, token) => {
            let reported = 0;
            return writeExportFile(target.fsPath, pieces(), {
              prefix,
              isCancelled: () => token.isCancellationRequested,
              onProgress: (rows) => {
                // withProgress adds up increments: report the share written since the last report.
                const share = (rows / total) * 100;
                progress.report({ increment: share - reported, message: `${rows.toLocaleString('en-US')} rows` });
                reported = share;
              },
            });
          },
        );
  if (outcome.kind === 'cancelled') {
    log.info(`Export to ${target.fsPath} cancelled; nothing was written.`);
    vscode.window.setStatusBarMessage(`Export cancelled: ${name} was not written.`, 5000);
    return;
  }
  log.info(
    `Saved ${target.fsPath} (${outcome.rows.toLocaleString('en-US')} rows, ${outcome.bytes.toLocaleString('en-US')} bytes, ${Date.now() - started} ms).`,
  );
  vscode.window.setStatusBarMessage(`Saved ${name} (${outcome.rows.toLocaleString('en-US')} rows).`, 5000);
}
