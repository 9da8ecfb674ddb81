/**
 * A run that met one of its limits (the time limit, the engine's memory) says so in a notification too,
 * with a button to the setting that holds the limit: the panel or the cell may be out of sight, and the
 * Settings editor is where the limit changes. A cancel is the user's own doing and gets none.
 */
import * as vscode from 'vscode';
import { isLimitSetting } from './limitNotices';
import { failureWords, type RunFailureText } from './runFailure';

const OPEN_SETTING = 'Open Setting';

export function notifyLimit(failure: RunFailureText): void {
  const setting = failure.setting;
  if (failure.kind === 'cancelled' || !setting || !isLimitSetting(setting)) {
    return;
  }
  void vscode.window.showWarningMessage(`${failure.heading}: ${failureWords(failure)}`, OPEN_SETTING).then((picked) => {
    if (picked === OPEN_SETTING) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
  });
}
