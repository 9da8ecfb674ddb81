/**
 * `.kqlnb` files ↔ VS Code notebooks. The format (src/notebook/notebookFile.ts) is pure; this maps it to
 * VS Code's NotebookData and back, and caps the rows a saved output keeps by `kql.notebook.savedRows`.
 */
import * as vscode from 'vscode';
import {
  type CellJson,
  ERROR_MIME,
  errorTextWithBackend,
  isJsonMime,
  NotebookFormatError,
  type NotebookJson,
  type OutputItemJson,
  ranWithoutError,
  readNotebook,
  runDurationMs,
  savedOutputMetadata,
  writeNotebook,
} from '../../notebook';
import { asSentence } from '../../results/sentence';
import type { Config } from '../config';
import { log } from '../log';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** `backend`: the output's metadata's, kept inside a failure's error item (VS Code saves no metadata). */
function itemToJson(item: vscode.NotebookCellOutputItem, backend: unknown): OutputItemJson {
  const text = decoder.decode(item.data);
  if (item.mime === ERROR_MIME) {
    return { mime: item.mime, value: errorTextWithBackend(text, backend) };
  }
  if (isJsonMime(item.mime)) {
    try {
      return { mime: item.mime, value: JSON.parse(text) as unknown };
    } catch {
      return { mime: 'text/plain', value: text };
    }
  }
  return { mime: item.mime, value: text };
}

function itemFromJson(item: OutputItemJson): vscode.NotebookCellOutputItem {
  return isJsonMime(item.mime)
    ? vscode.NotebookCellOutputItem.json(item.value, item.mime)
    : new vscode.NotebookCellOutputItem(encoder.encode(String(item.value)), item.mime);
}

export function toNotebookData(notebook: NotebookJson): vscode.NotebookData {
  const cells = notebook.cells.map((c) => {
    const cell = new vscode.NotebookCellData(
      c.kind === 'markdown' ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code,
      c.source,
      c.language,
    );
    if (c.outputs?.length) {
      // A result's rows and backend come back from its payload, a failure's backend from its error item:
      // VS Code saved no output metadata.
      cell.outputs = c.outputs.map((items) => {
        const metadata = savedOutputMetadata(items);
        return new vscode.NotebookCellOutput(items.map(itemFromJson), metadata ? { ...metadata } : undefined);
      });
    }
    if (c.executionOrder !== undefined) {
      cell.executionSummary = { executionOrder: c.executionOrder, success: ranWithoutError(c) };
    }
    cell.metadata = c.durationMs !== undefined ? { durationMs: c.durationMs } : {};
    return cell;
  });
  return new vscode.NotebookData(cells);
}

export function fromNotebookData(data: vscode.NotebookData): NotebookJson {
  const cells = data.cells.map((c): CellJson => {
    // A cell run in this session has VS Code's timing; one only opened keeps the duration its file saved.
    const duration = runDurationMs(
      c.executionSummary?.timing,
      (c.metadata as { durationMs?: unknown } | undefined)?.durationMs,
    );
    return {
      kind: c.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'code',
      language: c.languageId,
      source: c.value,
      ...(c.outputs?.length
        ? { outputs: c.outputs.map((o) => o.items.map((i) => itemToJson(i, o.metadata?.backend))) }
        : {}),
      ...(c.executionSummary?.executionOrder !== undefined
        ? { executionOrder: c.executionSummary.executionOrder }
        : {}),
      ...(duration !== undefined ? { durationMs: duration } : {}),
    };
  });
  return { cells };
}

export class KqlNotebookSerializer implements vscode.NotebookSerializer {
  constructor(private readonly config: Config) {}

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    // Saved results come capped as a save would cap them, so a hand-made 50 MB output opens light.
    try {
      return toNotebookData(readNotebook(decoder.decode(content), this.config.notebookSavedRows));
    } catch (e) {
      // Thrown on, so VS Code opens no notebook and nothing can save over the file; but VS Code's own
      // page only says "an unexpected error": the reason (which cell, which line) is told here.
      if (e instanceof NotebookFormatError) {
        log.warn(`A notebook could not be opened: ${e.message}`);
        void vscode.window.showErrorMessage(
          `This notebook cannot be opened: ${asSentence(e.message)} The file is unchanged; "Open in Text Editor" shows it as text to mend.`,
        );
      }
      throw e;
    }
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return encoder.encode(writeNotebook(fromNotebookData(data), this.config.notebookSavedRows));
  }
}
