/**
 * The Getting Started walkthrough's own command (the walkthrough itself is package.json's
 * `contributes.walkthroughs`; its markdown is media/walkthrough/). "Try a Sample Query" is its first
 * step: a new user has no .kql file and no data, so it opens one query over the bundled sample
 * workspace in a new editor and runs it; the step completes on this command (onCommand).
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { FIRST_QUERY, FIRST_QUERY_LINE } from './firstQueryText';

/** The sample workspace on the local engine, changing only what differs: a rewrite would restart the engine. */
async function useSample(ctx: Ctx): Promise<void> {
  if (ctx.config.dataFolder !== '') {
    await ctx.config.update('local.dataFolder', '');
  }
  if (ctx.config.backend !== 'local') {
    await ctx.config.update('backend', 'local');
  }
}

async function trySampleQuery(ctx: Ctx): Promise<void> {
  await useSample(ctx);
  const document = await vscode.workspace.openTextDocument({ language: 'kql', content: FIRST_QUERY });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const at = new vscode.Position(FIRST_QUERY_LINE, 0);
  editor.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('kql.runQuery', document.uri, FIRST_QUERY_LINE);
}

export function registerWalkthrough(ctx: Ctx): void {
  ctx.subscriptions.push(vscode.commands.registerCommand('kql.trySampleQuery', () => trySampleQuery(ctx)));
}
