/**
 * A progress notification's title, "Running query on Log Analytics: 7c2e4b1a…": the trailing ellipsis
 * says work is under way, and is left off when the backend's label already ends in one (a workspace
 * id cut short), so the title never shows "……". No `vscode` import: tested in plain Node.
 */
export function progressTitle(action: string, backendLabel: string): string {
  const label = backendLabel.trimEnd();
  return label.endsWith('…') || label.endsWith('...') ? `${action} on ${label}` : `${action} on ${label}…`;
}
