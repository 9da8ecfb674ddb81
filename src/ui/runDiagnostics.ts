/**
 * Query errors reported by a run, as editor diagnostics ('kql-run'), kept apart from the language
 * server's so each side clears only its own. A run's diagnostic lives until that block runs again or
 * is edited; an edit that adds or removes lines above a block also drops it, since its place moved.
 */
import * as vscode from 'vscode';
import type { KqlError } from '../kql/errors';
import { toDocumentRange, type TextOrigin } from '../protocol/queryOrigin';

interface RunDiagnostic {
  /** The lines of the block that ran, in document coordinates. */
  readonly block: vscode.Range;
  readonly diagnostic: vscode.Diagnostic;
}

export class RunDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kql-run');
  private readonly byDocument = new Map<string, RunDiagnostic[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor() {
    vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e), null, this.disposables);
    vscode.workspace.onDidCloseTextDocument((d) => this.set(d.uri, []), null, this.disposables);
  }

  /** Underlines a query error (unless `underline` is false); returns its document range. */
  report(uri: vscode.Uri, block: vscode.Range, origin: TextOrigin, error: KqlError, underline = true): vscode.Range {
    const r = toDocumentRange(error.range, origin);
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    if (!underline) {
      this.clearBlock(uri, block);
      return range;
    }
    const diagnostic = new vscode.Diagnostic(range, error.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'kql (run)';
    diagnostic.code = error.code;
    const kept = (this.byDocument.get(uri.toString()) ?? []).filter((d) => !d.block.intersection(block));
    this.set(uri, [...kept, { block, diagnostic }]);
    return range;
  }

  /** Drops the diagnostics of the block about to run again. */
  clearBlock(uri: vscode.Uri, block: vscode.Range): void {
    const list = this.byDocument.get(uri.toString());
    if (list?.length) {
      this.set(
        uri,
        list.filter((d) => !d.block.intersection(block)),
      );
    }
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const list = this.byDocument.get(e.document.uri.toString());
    if (!list?.length || e.contentChanges.length === 0) {
      return;
    }
    const kept = list.filter((d) =>
      e.contentChanges.every((c) => {
        const touches = c.range.start.line <= d.block.end.line && c.range.end.line >= d.block.start.line;
        const linesMoved =
          c.range.end.line < d.block.start.line && (c.text.includes('\n') || c.range.start.line !== c.range.end.line);
        return !touches && !linesMoved;
      }),
    );
    if (kept.length !== list.length) {
      this.set(e.document.uri, kept);
    }
  }

  private set(uri: vscode.Uri, list: RunDiagnostic[]): void {
    if (list.length) {
      this.byDocument.set(uri.toString(), list);
    } else {
      this.byDocument.delete(uri.toString());
    }
    this.collection.set(
      uri,
      list.map((d) => d.diagnostic),
    );
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
