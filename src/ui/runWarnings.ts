/**
 * The warnings of the latest local run, for the features that show them elsewhere than the results
 * panel: a data folder's records skipped while a query loaded its table become Problems at once,
 * without waiting for the next read of the folder's schema.
 */
import * as vscode from 'vscode';

const emitter = new vscode.EventEmitter<readonly string[]>();

export const onDidSeeRunWarnings = emitter.event;

export function noteRunWarnings(warnings: readonly string[]): void {
  if (warnings.length > 0) emitter.fire(warnings);
}
