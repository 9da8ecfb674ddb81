/**
 * A run that met one of its limits (the time limit, the engine's memory) says so in a notification too,
 * with a button to the setting that holds the limit: the panel or the cell may be out of sight, and the
 * Settings editor is where the limit changes. A cancel is the user's own doing and gets none.
 */
import * as vscode from 'vscode';
import { isLimitSetting } from './limitNotices';
import { failureWords, type RunFailureText } from './runFailure';

const OPEN_SETTING = 'Open Setting';

/**
 * Opens the Settings editor at `setting`, on the tab where its value is set: a limit a workspace's
 * settings give (the user's 1 s in .vscode/settings.json) would look unchanged on the User tab.
 */
export function openLimitSetting(setting: string): void {
  const at = vscode.workspace.getConfiguration().inspect(setting);
  const command =
    at?.workspaceValue !== undefined ? 'workbench.action.openWorkspaceSettings' : 'workbench.action.openSettings';
  void vscode.commands.executeCommand(command, setting);
}

export function notifyLimit(failure: RunFailureText): void {
  const setting = failure.setting;
  if (failure.kind === 'cancelled' || !setting || !isLimitSetting(setting)) {
    return;
  }
  void vscode.window.showWarningMessage(`${failure.heading}: ${failureWords(failure)}`, OPEN_SETTING).then((picked) => {
    if (picked === OPEN_SETTING) openLimitSetting(setting);
  });
}
