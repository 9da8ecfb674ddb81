/**
 * Runs notebook cells on the active backend (local engine or Log Analytics). A cell runs with the
 * definitions of the code cells above it (src/notebook/cellScope.ts); a cell of definitions only is
 * checked and shows what it defines. Each run has its execution order, duration, row count and Cancel;
 * errors show in the output with line:column inside the cell and as a diagnostic on the cell. A cell
 * that reads a table the workspace does not have (a Service Map-only workspace has no VMConnection) is
 * not run: its output says which table it needs and where that comes from, and Run All goes on.
 */
import * as vscode from 'vscode';
import { isUnplaced } from '../../backends/logAnalytics';
import { analyze, firstError } from '../../kql';
import type { KqlError } from '../../kql/errors';
import {
  type CellOutputMetadata,
  cannotRunColumnsNote,
  cannotRunNote,
  cellRowsText,
  describeCellError,
  describeDefinitions,
  ExecutionOrders,
  missingColumns,
  missingTables,
  NOTEBOOK_TYPE,
  placeCellError,
  RESULT_MIME,
  resultOutputMetadata,
  resultPayload,
  runningNote,
  scopeCell,
  tablesRowsText,
  wrapWords,
} from '../../notebook';
import { truncationNote } from '../../render/truncationNote';
import { BackendError, MissingTableError } from '../../results/errors';
import { offerSignInOnAuthError } from '../backendCommands';
import type { Ctx } from '../ctx';
import { resultWarnings } from '../limitNotices';
import { log } from '../log';
import { parameterValuesForRun } from '../queryParameterInput';
import { notifyLimit } from '../limitNotification';
import { failureWords, queryFailureText, runFailureText } from '../runFailure';

function asKqlError(e: unknown): KqlError | undefined {
  return e instanceof Error && e.name === 'KqlError' && typeof (e as Partial<KqlError>).range === 'object'
    ? (e as KqlError)
    : undefined;
}

/**
 * A note as a cell's output: plain text, as every output this extension writes (a reopened file shows
 * no markup, SHOWN_MIMES), broken into lines that fit the cell (wrapWords.ts).
 */
const noteOutput = (text: string): vscode.NotebookCellOutput =>
  new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(wrapWords(text))]);

/**
 * A failure as a cell's output: VS Code's error item (the heading as its name), with the backend that
 * failed, when one ran it, in the output's metadata for the cell's status bar.
 */
const failureOutput = (heading: string, message: string, backend: string | undefined): vscode.NotebookCellOutput =>
  new vscode.NotebookCellOutput(
    [vscode.NotebookCellOutputItem.error({ name: heading, message })],
    (backend ? { backend } : {}) satisfies CellOutputMetadata,
  );

const kqlCells = (notebook: vscode.NotebookDocument): vscode.NotebookCell[] =>
  notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'kql');

/** A query that filters TimeGenerated itself runs with "set in query", as the Log Analytics portal does. */
const setsOwnTimeRange = (text: string): boolean => /\bTimeGenerated\b/.test(text);

export class KqlNotebookController implements vscode.Disposable {
  readonly controller: vscode.NotebookController;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kql-notebook');
  private readonly orders = new ExecutionOrders();

  constructor(private readonly ctx: Ctx) {
    this.controller = vscode.notebooks.createNotebookController(
      'kql-notebook-controller',
      NOTEBOOK_TYPE,
      'KQL (Connection Analytics)',
    );
    this.controller.supportedLanguages = ['kql'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs on the active query backend';
    this.controller.executeHandler = (cells, notebook) => this.runCells(cells, notebook);
    this.closed = vscode.workspace.onDidCloseNotebookDocument((n) => this.orders.forget(n.uri.toString()));
  }

  private readonly closed: vscode.Disposable;

  private async runCells(cells: readonly vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    for (const cell of cells) {
      // Run All stops at the first cell that fails, as later cells usually depend on it.
      if (!(await this.runCell(cell, notebook))) {
        return;
      }
    }
  }

  private async runCell(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<boolean> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = this.orders.next(
      notebook.uri.toString(),
      notebook.getCells().map((c) => c.executionSummary?.executionOrder),
    );
    const started = Date.now();
    execution.start(started);
    await execution.clearOutput();
    this.diagnostics.delete(cell.document.uri);

    const code = kqlCells(notebook);
    const index = code.findIndex((c) => c.document.uri.toString() === cell.document.uri.toString());
    const scoped = scopeCell(
      code.map((c) => c.document.getText()),
      Math.max(index, 0),
      { onlyNeeded: true },
    );
    const cellNumber = (i: number): number => (code[i]?.index ?? i) + 1;
    // Read once: a backend switched while the cell runs changes the next run, not what this one says.
    const backend = this.ctx.backends.active;
    const config = this.ctx.config;
    /** `checkedHere`: the extension's own check found it (a cell of definitions only), no backend ran it. */
    const fail = async (error: KqlError, checkedHere = false): Promise<false> => {
      // Log Analytics' errors have no position unless the backend found the name they are about.
      const placed = !(backend.id === 'logAnalytics' && isUnplaced(error));
      const place = placeCellError(scoped, index, error.range, placed);
      const target = code[place.cellIndex];
      if (place.inOwnCell && !place.unplaced && target) {
        const r = place.range;
        const d = new vscode.Diagnostic(
          new vscode.Range(
            r.start.line,
            r.start.character,
            r.end.line,
            Math.max(r.end.character, r.start.character + 1),
          ),
          error.message,
          vscode.DiagnosticSeverity.Error,
        );
        d.source = 'kql (run)';
        d.code = error.code;
        this.diagnostics.set(target.document.uri, [d]);
      }
      // The panel's heading and message (a limit's names its setting), placed in the cell.
      const failure = queryFailureText(error, checkedHere ? 'local' : backend.id);
      const message = describeCellError(place, failure.message, cellNumber);
      await execution.replaceOutput(failureOutput(failure.heading, message, checkedHere ? undefined : backend.label));
      notifyLimit(failure);
      execution.end(false, Date.now());
      return false;
    };

    if (scoped.definitionsOnly) {
      const error = firstError(analyze(scoped.text));
      if (error) {
        return fail(error, true);
      }
      await execution.replaceOutput(noteOutput(describeDefinitions(scoped.defines)));
      execution.end(true, Date.now());
      return true;
    }

    const tables = this.ctx.schemas.current.tables.map((t) => t.name);
    const missing = missingTables(scoped.text, tables);
    if (missing.length > 0) {
      await this.cannotRun(execution, cell.index, missing, tables);
      return true;
    }
    // Columns too: an export without BytesSent stops no Run All at the first traffic part.
    const missingCols = missingColumns(scoped.text, this.ctx.schemas.current.tables);
    if (missingCols.length > 0) {
      const what = missingCols.map((m) => `${m.table}.${m.column}`).join(', ');
      await this.skip(
        execution,
        cannotRunColumnsNote(missingCols),
        `Notebook cell ${cell.index + 1} not run: no ${what}.`,
      );
      return true;
    }

    // A cell sees the parameters declared in the cells above it: values missing for those are asked now.
    const parameters = await parameterValuesForRun(cell.document.uri, scoped.text, backend.id);
    if (!parameters) {
      await execution.replaceOutput(noteOutput('Not run: no value was given for its query parameters.'));
      execution.end(undefined, Date.now());
      return false;
    }
    const abort = new AbortController();
    execution.token.onCancellationRequested(() => abort.abort());
    // What holds the run up (a throttled service's wait, files loading) shows as the cell's output
    // meanwhile; each shown in turn, all before the outcome replaces them.
    let progressShown = Promise.resolve();
    const onProgress = (message: string): void => {
      progressShown = progressShown
        .then(() => execution.replaceOutput(noteOutput(runningNote(backend.label, message))))
        .catch(() => undefined);
    };
    try {
      const result = await backend.run(scoped.text, {
        timeRange: setsOwnTimeRange(scoped.text) ? undefined : this.ctx.backends.timeRange,
        signal: abort.signal,
        onProgress,
        parameters: parameters.values,
        parameterDeclarations: parameters.declarations,
        parameterLiterals: parameters.literals,
        rowLimit: config.rowLimit,
        timeoutMs: backend.id === 'local' ? config.localTimeoutMs : config.serverTimeoutSeconds * 1000,
      });
      await progressShown;
      const shown = { ...result, warnings: resultWarnings(result) };
      // Every table of the result in one output: the renderer heads each with its name when there are several.
      const payload = resultPayload(shown, backend.label);
      const rows = tablesRowsText(shown);
      const summary = [
        rows,
        ...(result.stats.truncated ? [truncationNote(result.warnings)] : []),
        ...shown.warnings,
      ].join('; ');
      await execution.replaceOutput(
        new vscode.NotebookCellOutput(
          [vscode.NotebookCellOutputItem.json(payload, RESULT_MIME), vscode.NotebookCellOutputItem.text(summary)],
          resultOutputMetadata(payload),
        ),
      );
      log.info(`Notebook cell ${cell.index + 1} on ${backend.label}: ${rows} in ${Date.now() - started} ms`);
      execution.end(true, Date.now());
      return true;
    } catch (e) {
      await progressShown;
      if (e instanceof MissingTableError) {
        // The service found the table missing (the schema had not said so yet): the same note as above.
        const missingNow = e.tables;
        await this.cannotRun(
          execution,
          cell.index,
          missingNow,
          tables.filter((t) => !missingNow.includes(t)),
        );
        return true;
      }
      const kqlError = asKqlError(e);
      if (kqlError) {
        return fail(kqlError);
      }
      // The results panel's words for the same failure: a time-out names its limit and setting.
      const failure = runFailureText(e, backend.id, abort.signal.aborted);
      if (e instanceof BackendError) {
        void offerSignInOnAuthError(this.ctx, e);
      }
      // Where a stopped run was, after the message: the cell's output is one text.
      const words = failureWords(failure);
      log.info(`Notebook cell ${cell.index + 1} on ${backend.label}: ${words}`);
      await execution.replaceOutput(failureOutput(failure.heading, words, backend.label));
      notifyLimit(failure);
      execution.end(false, Date.now());
      return false;
    }
  }

  /** Not a failure of the query: the workspace lacks the data. Run All goes on to the parts it can run. */
  private async cannotRun(
    execution: vscode.NotebookCellExecution,
    index: number,
    missing: readonly string[],
    tables: readonly string[],
  ): Promise<void> {
    await this.skip(
      execution,
      cannotRunNote(missing, tables),
      `Notebook cell ${index + 1} not run: the workspace has no ${missing.join(', ')}.`,
    );
  }

  /** A part left out with the note saying why; neither success nor failure, so Run All goes on. */
  private async skip(execution: vscode.NotebookCellExecution, note: string, logLine: string): Promise<void> {
    await execution.replaceOutput(noteOutput(`Cannot run here. ${note}`));
    log.info(logLine);
    execution.end(undefined, Date.now());
  }

  dispose(): void {
    this.controller.dispose();
    this.diagnostics.dispose();
    this.closed.dispose();
  }
}

/**
 * "12,345 rows" (or "12 + 3 rows in 2 tables") under each cell that ran a query, and the backend it ran
 * on, from its output's metadata.
 */
export class RowCountStatusBar implements vscode.NotebookCellStatusBarItemProvider {
  provideCellStatusBarItems(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem[] {
    const meta = cell.outputs[0]?.metadata as Partial<Record<keyof CellOutputMetadata, unknown>> | undefined;
    const items: vscode.NotebookCellStatusBarItem[] = [];
    const backend = typeof meta?.backend === 'string' ? meta.backend : undefined;
    if (backend) {
      // Where the cell ran, beside its rows: after a backend switch cells above may have run elsewhere.
      const ranOn = new vscode.NotebookCellStatusBarItem(
        `$(database) ${backend}`,
        vscode.NotebookCellStatusBarAlignment.Right,
      );
      ranOn.tooltip = `This cell last ran on ${backend}; the next run uses the active query backend (the status bar's).`;
      items.push(ranOn);
    }
    if (typeof meta?.rowCount === 'number') {
      const counts = Array.isArray(meta.tableRows) ? meta.tableRows.filter((n) => typeof n === 'number') : [];
      const rows = new vscode.NotebookCellStatusBarItem(
        cellRowsText(counts.length > 1 ? counts : [meta.rowCount], meta.partial === true),
        vscode.NotebookCellStatusBarAlignment.Right,
      );
      rows.tooltip = `${backend ? `Rows returned by ${backend}` : 'Rows returned'}${
        meta.partial === true ? ': a partial answer, the service stopped early (see the note in the output)' : ''
      }`;
      items.push(rows);
    }
    return items;
  }
}
