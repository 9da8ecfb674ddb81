/**
 * What a running notebook cell says while something holds it up. A cell's output is all a user looks
 * at while it runs: a throttled Log Analytics waits up to a minute per retry (Retry-After) behind a bare
 * spinner unless the cell says so, and a data folder's first load takes as long.
 */

/** "Running on Log Analytics: 7c2e4b1a…: Log Analytics is throttling requests (…): waiting 4 s …". */
export function runningNote(backendLabel: string, progress: string): string {
  return `Running on ${backendLabel}: ${progress}`;
}
