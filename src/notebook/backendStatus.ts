/**
 * Where the backend status bar item ("Log Analytics: 7c2e4b1a… · Last 24 hours") shows: in a KQL editor,
 * and in a KQL notebook even when no cell's editor has the focus (VS Code then has no active text
 * editor), since a notebook's cells run on that backend with that time range too.
 */
import { NOTEBOOK_TYPE } from './notebookFile';

export function showsBackendStatus(
  activeTextLanguage: string | undefined,
  activeNotebookType: string | undefined,
): boolean {
  return activeTextLanguage === 'kql' || activeNotebookType === NOTEBOOK_TYPE;
}
