/**
 * Composition root: builds the Ctx and hands it to each feature's register function.
 * Features live in src/ui/; everything they compute comes from the pure layers.
 */
import * as vscode from 'vscode';
import { log } from './ui/log';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(log, vscode.commands.registerCommand('kql.showOutput', () => log.show()));
  log.info('Connection Analytics activated');
}

export function deactivate(): void {
  // Disposables registered on the context are disposed by VS Code.
}
