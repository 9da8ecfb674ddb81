/**
 * What a notebook cell says about where it runs. A cell's output is all a user looks at while it runs
 * and after: a throttled Log Analytics waits up to a minute per retry behind a bare spinner unless the
 * cell says so, and in Restricted Mode a notebook written for Log Analytics runs on the local engine,
 * which the cell must say, or a result from the sample workspace passes for the user's own data.
 */

/** The backend that runs the cell, and the one the folder's settings asked for. */
export interface CellBackend {
  readonly label: string;
  /** Log Analytics was asked for (`kql.backend`) but the folder is untrusted: the local engine runs it. */
  readonly restrictedFromLogAnalytics: boolean;
}

/** The cell's output while it runs and something holds it up: "Running on Log Analytics: 7c2e…: waiting 5 s…". */
export function runningNote(label: string, progress: string): string {
  return `Running on ${label}: ${progress}`;
}

/** Said under a result (or a note) when Restricted Mode kept the cell off Log Analytics. */
export const RESTRICTED_MODE_NOTE =
  'Ran on the local engine, not Log Analytics: this folder is not trusted (Restricted Mode), so its kql.backend setting is not used. Trust the folder to run on Log Analytics.';

/**
 * A result's warnings as the cell shows them (in its grid's notes and its text summary), with the
 * Restricted Mode note last when it applies.
 */
export function cellWarnings(warnings: readonly string[], backend: CellBackend): string[] {
  return [...warnings, ...(backend.restrictedFromLogAnalytics ? [RESTRICTED_MODE_NOTE] : [])];
}

/** A cannot-run note, with why the workspace is the local one when Restricted Mode made it so. */
export function cannotRunText(note: string, backend: CellBackend): string {
  return [
    `Cannot run here. ${note}`,
    ...(backend.restrictedFromLogAnalytics ? [`It was checked against ${backend.label}. ${RESTRICTED_MODE_NOTE}`] : []),
  ].join('\n');
}
