/**
 * What a user reads when a run meets one of the local engine's limits: the message names the limit and
 * the setting that raises it. The engine's own messages cannot (the CLI shares them, where the same
 * limit is a command-line option), so the results panel's are completed here. No `vscode` import: the
 * texts are tested in plain Node.
 */
import type { BackendId, QueryResult } from '../results/queryResult';

/** The setting that sets each limit, as the Settings editor's search finds it. */
export const LIMIT_SETTINGS = {
  rows: 'kql.local.rowLimit',
  resultSize: 'kql.local.resultLimitMB',
  memory: 'kql.local.memoryLimitMB',
  localTimeout: 'kql.local.timeoutSeconds',
  serverTimeout: 'kql.logAnalytics.serverTimeoutSeconds',
} as const;

/** A time-out's message, with the setting that gives the query longer on the backend that stopped it. */
export function timeoutMessage(message: string, backend: BackendId): string {
  const setting = backend === 'local' ? LIMIT_SETTINGS.localTimeout : LIMIT_SETTINGS.serverTimeout;
  return `${message} The limit is the setting ${setting}: raise it to let queries run longer.`;
}

/** The engine's memory-limit error (src/engine/exec/memoryBudget.ts words it) gets its setting; others are kept. */
export function queryErrorMessage(message: string, backend: BackendId): string {
  if (backend !== 'local' || !/more memory than the embedded engine's limit of/.test(message)) {
    return message;
  }
  return `${message} The limit is the setting ${LIMIT_SETTINGS.memory}: raise it to give a query more memory, or filter or summarize earlier.`;
}

/**
 * The warnings a local result is shown with: a result cut at the row limit says so (the engine only
 * flags it), and the size limit's warning names its setting.
 */
export function resultWarnings(result: QueryResult, rowLimit: number): string[] {
  const warnings = [...result.warnings];
  if (result.stats.backend !== 'local') {
    return warnings;
  }
  let sized = false;
  for (let i = 0; i < warnings.length; i++) {
    if (/only its first \d+ rows are shown \(the size limit\)\.$/.test(warnings[i]!)) {
      sized = true;
      warnings[i] =
        `${warnings[i]} The limit is the setting ${LIMIT_SETTINGS.resultSize}: raise it to keep more, or project fewer columns.`;
    }
  }
  if (result.stats.truncated && !sized && result.stats.rowCount >= rowLimit) {
    const n = rowLimit.toLocaleString('en-US');
    warnings.unshift(
      `Only the first ${n} rows are kept: the query returned more than the row limit of ${n}, the setting ${LIMIT_SETTINGS.rows}. Raise it to keep more rows, or add a filter or take/summarize to the query.`,
    );
  }
  return warnings;
}
