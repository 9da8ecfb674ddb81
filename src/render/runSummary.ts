/**
 * The last run as the status bar states it: rows and time after a result, what went wrong after a
 * failure. A failed run never leaves the previous run's figures standing.
 */
import type { QueryStats } from '../results/queryResult';

/** After a partial answer's row count, wherever the count is shown (status bar, panel, notebook cell). */
export const PARTIAL_MARK = ' (partial)';
/** The results panel's status line, and a notebook cell's output's, say why the count is partial. */
export const PARTIAL_ANSWER_NOTE = 'partial answer: the service stopped early (see the note below)';

export type RunFailureKind = 'query' | 'backend' | 'cancelled' | 'timeout';

export function formatRunStats(stats: QueryStats): string {
  const ms =
    stats.durationMs < 1000 ? `${Math.round(stats.durationMs)} ms` : `${(stats.durationMs / 1000).toFixed(1)} s`;
  const rows = `${stats.rowCount.toLocaleString('en-US')}${stats.truncated ? '+' : ''} ${stats.rowCount === 1 && !stats.truncated ? 'row' : 'rows'}`;
  // A partial answer's count is not the whole answer: said where the count is.
  return `${stats.partial ? '$(warning) ' : ''}${rows}${stats.partial ? PARTIAL_MARK : ''} · ${ms}`;
}

export function formatRunFailure(kind: RunFailureKind): string {
  return {
    query: '$(error) query error',
    backend: '$(error) failed',
    cancelled: 'cancelled',
    timeout: '$(error) timed out',
  }[kind];
}
