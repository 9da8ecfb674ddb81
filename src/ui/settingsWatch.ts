/**
 * Settings as the user changes them: each change is checked at once (a bad value is told when it is
 * saved, not at the next query), and a change the running extension cannot apply says "reload to apply"
 * with the button, as VS Code's own settings do, instead of being silently ignored until a restart.
 * Everything else applies itself where it is read (backendManager.ts, languageClient.ts, …); the
 * few that cannot are listed in reloadToApply.ts.
 */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { log } from './log';
import { reloadToApplyMessage } from './reloadToApply';

const RELOAD = 'Reload Window';
const OPEN_SETTINGS = 'Open Settings';

/** Shows a problem with a setting (once per bad value: see settingReader.ts), with a button to it. */
export function tellSettingProblem(problem: string, key: string): void {
  log.warn(problem);
  void vscode.window.showWarningMessage(problem, OPEN_SETTINGS).then((picked) => {
    if (picked === OPEN_SETTINGS) void vscode.commands.executeCommand('workbench.action.openSettings', `kql.${key}`);
  });
}

export function registerSettingsWatch(ctx: Ctx): void {
  ctx.config.checkAll();
  ctx.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kql')) return;
      ctx.config.checkAll();
      const message = reloadToApplyMessage((key) => e.affectsConfiguration(key));
      if (!message) return;
      log.info(message);
      void vscode.window.showInformationMessage(message, RELOAD).then((picked) => {
        if (picked === RELOAD) void vscode.commands.executeCommand('workbench.action.reloadWindow');
      });
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => ctx.config.checkAll()),
  );
}
