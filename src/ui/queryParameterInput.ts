/**
 * Asks the user for query parameter values: before a Run of a query (a .kql block or a notebook cell)
 * that declares parameters without a default and without a value yet, and when they choose
 * "Set Query Parameters…" for the document (every parameter, defaults included). Each value is checked
 * as it is typed against the declared type, the way the engine reads it, with the reason shown; Escape
 * cancels (the Run does not happen; values already kept stay). "Clear Query Parameters" forgets them.
 */
import * as vscode from 'vscode';
import { parameterExample, parameterType } from '../engine/parameterLiteral';
import type { DeclaredParameter, ParameterDeclaration } from '../kql/queryParameters';
import type { BackendId } from '../results/queryResult';
import type { Ctx } from './ctx';
import { askServerForParameters, askServerForValues } from './languageClient';
import { log } from './log';
import { declarationsFor } from './parameterDeclarationSource';
import { literalsFor, valueProblemFor } from './parameterValueSource';
import {
  declaredParameters,
  editPrefill,
  missingValues,
  ParameterValueStore,
  type ParameterValues,
  valuesFor,
} from './parameterValues';

/** One store for the window: the editor's Runs, the notebooks' cells and the commands share it. */
export const parameterValues = new ParameterValueStore();

/** The document (a .kql file, or the notebook of a cell) whose values a query's parameters take. */
function documentKey(uri: vscode.Uri): string {
  return (
    vscode.workspace.notebookDocuments
      .find((nb) => nb.getCells().some((c) => c.document.uri.toString() === uri.toString()))
      ?.uri.toString() ?? uri.toString()
  );
}

/**
 * What a Run gives its backend: the values, the declarations they were asked for (offsets into the text),
 * and, for a backend that writes values into the query, their literals as the language server read them.
 */
export interface RunParameters {
  readonly values: ParameterValues;
  readonly declarations: readonly ParameterDeclaration[];
  readonly literals?: Readonly<Record<string, string>>;
}

/** The declarations of `text`, read by the language server (by this process when it cannot answer). */
function declarationsOf(text: string): Promise<readonly ParameterDeclaration[]> {
  return declarationsFor(text, askServerForParameters, (line) => log.info(line));
}

/**
 * The values to run `text` with: the document's kept values, after asking for the missing ones, and their
 * literals when the backend writes them into the query (`forBackend`: Log Analytics; the local engine
 * reads the values in its own process). Undefined when the user pressed Escape: the Run is cancelled,
 * which is not an error.
 */
export async function parameterValuesForRun(
  documentUri: vscode.Uri,
  text: string,
  forBackend: BackendId,
): Promise<RunParameters | undefined> {
  const key = documentKey(documentUri);
  const declarations = await declarationsOf(text);
  const missing = missingValues(declarations, parameterValues.values(key));
  if (missing.length > 0) {
    const given = await askValues(missing, () => '', 'run');
    if (!given) {
      log.info(`Run cancelled: no value given for the query parameter(s) ${missing.map((p) => p.name).join(', ')}.`);
      return undefined;
    }
    parameterValues.set(key, given);
  }
  const values = valuesFor(declarations, parameterValues.values(key));
  if (forBackend === 'local' || declarations.length === 0) {
    return { values, declarations };
  }
  const literals = await literalsFor(declaredParameters(declarations), values, askServerForValues, (line) =>
    log.info(line),
  );
  return { values, declarations, literals };
}

/** One input box per parameter, in turn; undefined when one is escaped. */
async function askValues(
  parameters: readonly DeclaredParameter[],
  prefill: (p: DeclaredParameter) => string,
  purpose: 'run' | 'edit',
): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = {};
  for (const [i, p] of parameters.entries()) {
    const value = await askValue(p, prefill(p), i + 1, parameters.length, purpose);
    if (value === undefined) {
      return undefined;
    }
    values[p.name] = value;
  }
  return values;
}

function askValue(
  p: DeclaredParameter,
  value: string,
  step: number,
  totalSteps: number,
  purpose: 'run' | 'edit',
): Promise<string | undefined> {
  const type = parameterType(p.type);
  const box = vscode.window.createInputBox();
  box.title = `Query parameter ${p.name}: ${p.type}`;
  box.step = step;
  box.totalSteps = totalSteps;
  box.value = value;
  box.placeholder = type ? parameterExample(type) : p.type;
  box.prompt =
    purpose === 'run'
      ? `The query declares ${p.name} without a default: its value for this run, kept for this document until the window closes ("Set Query Parameters…" changes it).`
      : p.defaultText !== undefined
        ? `Value of ${p.name}; empty to use the default (${p.defaultText}).`
        : `Value of ${p.name}.`;
  box.ignoreFocusOut = true;
  const optionalEmpty = purpose === 'edit' && p.defaultText !== undefined;
  const check = valueCheck(p.type);
  const problemOf = async (text: string): Promise<string | undefined> =>
    optionalEmpty && text === '' ? undefined : check(text);
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: string | undefined): void => {
      if (!done) {
        done = true;
        resolve(result);
        box.dispose();
      }
    };
    // The checks answer asynchronously (the language server reads the value): only the answer for the
    // text the box holds when it arrives is shown, so a slow answer for an older text never overwrites.
    const show = async (text: string): Promise<string | undefined> => {
      const problem = await problemOf(text);
      if (!done && box.value === text) {
        box.validationMessage = problem;
      }
      return problem;
    };
    box.onDidChangeValue((text) => void show(text));
    box.onDidAccept(async () => {
      const text = box.value;
      box.busy = true;
      const problem = await show(text);
      box.busy = false;
      if (problem === undefined && box.value === text) {
        finish(text);
      }
    });
    box.onDidHide(() => finish(undefined));
    if (value !== '') {
      void show(value);
    }
    box.show();
  });
}

/**
 * The check of a parameter's typed value: read by the language server (parameterValueSource.ts), by this
 * process when it cannot answer, which the log says once per input box rather than at every keystroke.
 */
function valueCheck(declaredType: string): (text: string) => Promise<string | undefined> {
  let noted = false;
  const note = (line: string): void => {
    if (!noted) {
      noted = true;
      log.info(line);
    }
  };
  return (text) => valueProblemFor(text, declaredType, askServerForValues, note);
}

/** The text whose parameters the commands edit: the whole .kql file, or every KQL cell of the notebook. */
function documentText(): { key: string; text: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'kql' && editor.document.uri.scheme !== 'vscode-notebook-cell') {
    return { key: editor.document.uri.toString(), text: editor.document.getText() };
  }
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (!notebook) {
    return undefined;
  }
  const cells = notebook.getCells().filter((c) => c.document.languageId === 'kql');
  return { key: notebook.uri.toString(), text: cells.map((c) => c.document.getText()).join('\n;\n') };
}

async function setQueryParameters(): Promise<void> {
  const doc = documentText();
  const declared = doc ? declaredParameters(await declarationsOf(doc.text)) : [];
  if (!doc || declared.length === 0) {
    void vscode.window.showInformationMessage(
      'This document declares no query parameters (declare query_parameters(name:type [= default], …);).',
    );
    return;
  }
  const stored = parameterValues.values(doc.key);
  const given = await askValues(declared, (p) => editPrefill(p, stored), 'edit');
  if (!given) {
    return;
  }
  // An emptied value of a parameter with a default goes back to the default.
  const kept = Object.fromEntries(Object.entries(stored).filter(([name]) => !declared.some((p) => p.name === name)));
  for (const p of declared) {
    const value = given[p.name]!;
    if (!(value === '' && p.defaultText !== undefined)) {
      kept[p.name] = value;
    }
  }
  parameterValues.clear(doc.key);
  parameterValues.set(doc.key, kept);
  log.info(`Query parameters set for ${doc.key}: ${Object.keys(kept).join(', ') || 'none (defaults)'}.`);
}

function clearQueryParameters(): void {
  const doc = documentText();
  const cleared = doc ? parameterValues.clear(doc.key) : false;
  void vscode.window.showInformationMessage(
    cleared
      ? 'Query parameter values forgotten for this document: the next Run asks again.'
      : 'No query parameter values are kept for this document.',
  );
}

export function registerQueryParameterCommands(ctx: Ctx): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('kql.setQueryParameters', setQueryParameters),
    vscode.commands.registerCommand('kql.clearQueryParameters', clearQueryParameters),
  );
}
