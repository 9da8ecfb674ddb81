/**
 * What a user reads when a run meets one of the local engine's limits: the message names the limit and
 * the setting that raises it. The engine's own messages cannot (the CLI shares them, where the same
 * limit is a command-line option), so the results panel's are completed here, never duplicated. No `vscode` import: the
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

/** Whether `setting` is one of the limits' settings: the only ones a results panel may ask to open. */
export function isLimitSetting(setting: string): boolean {
  return (Object.values(LIMIT_SETTINGS) as string[]).includes(setting);
}

/** The setting that gives a query longer on `backend`. */
export function timeoutSetting(backend: BackendId): string {
  return backend === 'local' ? LIMIT_SETTINGS.localTimeout : LIMIT_SETTINGS.serverTimeout;
}

/** A time-out's message, with the setting that gives the query longer on the backend that stopped it. */
export function timeoutMessage(message: string, backend: BackendId): string {
  const setting = timeoutSetting(backend);
  return `${message} The limit is the setting ${setting}: raise it to let queries run longer.`;
}

/**
 * The engine's memory-limit errors get their setting; others are kept. Two word them: the budget of
 * one query (src/engine/exec/memoryBudget.ts) and the heap guard (heapGuard.ts), whose heap is sized
 * from the same setting.
 */
export function queryErrorMessage(message: string, backend: BackendId): string {
  if (backend !== 'local' || !/more memory than the embedded engine's (limit of|heap allows)/.test(message)) {
    return message;
  }
  return `${message} The limit is the setting ${LIMIT_SETTINGS.memory}: raise it to give a query more memory, or filter or summarize earlier.`;
}

/** The engine's notices of a cut result (src/engine/index.ts, src/backends/local/runQuery.ts word them), and what raises each limit. */
const CUT_NOTICES: readonly { readonly notice: RegExp; readonly hint: string }[] = [
  {
    notice: /only the first \d+ are shown \(the row limit\)\.$/,
    hint: `The limit is the setting ${LIMIT_SETTINGS.rows}: raise it to keep more rows, or filter, take or summarize in the query.`,
  },
  {
    notice: /only its first \d+ rows are shown \(the size limit\)\.$/,
    hint: `The limit is the setting ${LIMIT_SETTINGS.resultSize}: raise it to keep more, or project fewer columns.`,
  },
];

/**
 * Log Analytics' notice of an answer cut at the row limit (src/backends/logAnalytics/logAnalyticsBackend.ts):
 * the extension cut it, with the same setting as the local engine's, so the user is told which.
 */
const LOG_ANALYTICS_ROW_CUT = /^Showing the first [\d,]+ of [\d,]+ rows\.$/;

/** The warnings a result is shown with: a notice of a result cut at a limit names the setting that raises it. */
export function resultWarnings(result: QueryResult): string[] {
  if (result.stats.backend === 'logAnalytics') {
    return result.warnings.map((w) =>
      LOG_ANALYTICS_ROW_CUT.test(w)
        ? `${w} The limit is the setting ${LIMIT_SETTINGS.rows}, which caps Log Analytics answers too: raise it to keep more rows (the service itself sends at most 500,000), or filter, take or summarize in the query.`
        : w,
    );
  }
  if (result.stats.backend !== 'local') {
    return [...result.warnings];
  }
  return result.warnings.map((w) => {
    const cut = CUT_NOTICES.find((c) => c.notice.test(w));
    return cut ? `${w} ${cut.hint}` : w;
  });
}
