/**
 * Notebook cells in the language server: each KQL cell is checked, completed and hovered as the text it
 * runs as — the definitions of the cells above it (src/notebook/cellScope.ts), then its own text — so a
 * `let` of cell 1 completes in cell 3 and is no "unknown name" there. The client tells the order of a
 * notebook's cells (NotebookCellsNotification); positions map between the cell and that scoped text by
 * a line offset, and whatever falls in the prelude is left out (it is reported in its own cell).
 */
import type { CompletionList, Diagnostic, Position, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cellAsOneQuery, scopeCell } from '../notebook/cellScope';
import type { NotebookCellsParams } from '../protocol/lsp';

export interface ScopedView {
  /** Prelude + cell, under its own URI and version so per-document caches never mix the two. */
  readonly doc: TextDocument;
  readonly lineOffset: number;
}

type Lookup = (uri: string) => TextDocument | undefined;

export class NotebookScope {
  private readonly cellsOf = new Map<string, readonly string[]>();
  private readonly notebookOf = new Map<string, string>();
  private readonly versions = new Map<string, { text: string; version: number }>();

  /** Records a notebook's cells; returns the cells to check again. */
  setCells(params: NotebookCellsParams): string[] {
    for (const cell of this.cellsOf.get(params.notebook) ?? []) {
      this.notebookOf.delete(cell);
      this.versions.delete(cell);
    }
    if (params.cells.length === 0) {
      this.cellsOf.delete(params.notebook);
      return [];
    }
    this.cellsOf.set(params.notebook, [...params.cells]);
    params.cells.forEach((c) => this.notebookOf.set(c, params.notebook));
    return [...params.cells];
  }

  /** The cells below this one in its notebook: their scope changes when it does. */
  cellsAfter(uri: string): string[] {
    const notebook = this.notebookOf.get(uri);
    const cells = notebook ? (this.cellsOf.get(notebook) ?? []) : [];
    const at = cells.indexOf(uri);
    return at < 0 ? [] : cells.slice(at + 1);
  }

  /** The scoped text of a notebook cell; undefined for a document that is not a known cell. */
  view(doc: TextDocument, lookup: Lookup): ScopedView | undefined {
    const notebook = this.notebookOf.get(doc.uri);
    const cells = notebook ? this.cellsOf.get(notebook) : undefined;
    if (!cells) {
      return undefined;
    }
    const index = cells.indexOf(doc.uri);
    const texts = cells.map((c, i) => (i === index ? doc.getText() : (lookup(c)?.getText() ?? '')));
    const scoped = scopeCell(texts, index);
    const text = scoped.text.slice(0, scoped.offset) + cellAsOneQuery(doc.getText());
    const known = this.versions.get(doc.uri);
    const version = known?.text === text ? known.version : (known?.version ?? 0) + 1;
    this.versions.set(doc.uri, { text, version });
    return { doc: TextDocument.create(`kql-scoped:${doc.uri}`, 'kql', version, text), lineOffset: scoped.lineOffset };
  }

  forget(uri: string): void {
    this.versions.delete(uri);
  }
}

export function toScoped(view: ScopedView, p: Position): Position {
  return { line: p.line + view.lineOffset, character: p.character };
}

/** A range of the scoped text placed in the cell; undefined when it lies in the cells above. */
export function fromScopedRange(view: ScopedView, r: Range): Range | undefined {
  if (r.start.line < view.lineOffset) {
    return undefined;
  }
  return {
    start: { line: r.start.line - view.lineOffset, character: r.start.character },
    end: { line: r.end.line - view.lineOffset, character: r.end.character },
  };
}

/** The scoped text's diagnostics that fall in the cell, placed in the cell. */
export function cellDiagnostics(view: ScopedView, list: readonly Diagnostic[]): Diagnostic[] {
  return list.flatMap((d) => {
    const range = fromScopedRange(view, d.range);
    return range ? [{ ...d, range }] : [];
  });
}

/** A completion list of the scoped text with its edit ranges placed in the cell. */
export function cellCompletion(view: ScopedView, list: CompletionList | null): CompletionList | null {
  if (!list) {
    return list;
  }
  const editRange = list.itemDefaults?.editRange;
  if (editRange && 'start' in editRange) {
    const r = fromScopedRange(view, editRange);
    return { ...list, itemDefaults: { ...list.itemDefaults, ...(r ? { editRange: r } : {}) } };
  }
  return list;
}
