/**
 * After the user cancelled the Log Analytics sign-in, nothing prompts again on its own; this status
 * bar item is the way back ("Sign in"), shown only while the sign-in stays cancelled.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { logAnalyticsScope, signInGate } from './microsoftCredential';

export function registerSignInStatus(ctx: Ctx): void {
  const item = vscode.window.createStatusBarItem('kql.signInStatus', vscode.StatusBarAlignment.Right, 101);
  item.name = 'Log Analytics Sign-in';
  item.text = '$(account) Sign in';
  item.tooltip =
    'Sign-in to Log Analytics was cancelled; the tree, live values and schema wait for it. Click to sign in.';
  item.command = 'kql.signIn';
  let subscription: { dispose(): void } | undefined;
  const watch = (): void => {
    subscription?.dispose();
    const gate = signInGate(logAnalyticsScope(ctx));
    const update = (): void => {
      if (ctx.config.backend === 'logAnalytics' && gate.state === 'declined') item.show();
      else item.hide();
    };
    subscription = gate.onDidChangeState(update);
    update();
  };
  watch();
  ctx.subscriptions.push(item, ctx.backends.onDidChange(watch), { dispose: () => subscription?.dispose() });
}
