/**
 * Where a command that changes a setting (Select Query Backend, Select Time Range, the workspace id)
 * writes it: in the user's settings, unless the open folder sets it too. A folder's value wins over
 * the user's, so writing the user's would leave the pick without effect: a folder whose
 * `.vscode/settings.json` says `"kql.backend": "local"` stayed on the local engine after the user
 * picked Log Analytics. No `vscode` import: tested in plain Node.
 */

/** The parts of VS Code's `inspect()` of a setting this reads. */
export interface InspectedSetting {
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

export function settingTarget(inspected: InspectedSetting | undefined): 'user' | 'workspace' {
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined
    ? 'workspace'
    : 'user';
}
