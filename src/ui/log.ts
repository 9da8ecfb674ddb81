import * as vscode from 'vscode';

/** The extension's one output channel ("Connection Analytics"), with log levels. */
export const log: vscode.LogOutputChannel = vscode.window.createOutputChannel('Connection Analytics', { log: true });
