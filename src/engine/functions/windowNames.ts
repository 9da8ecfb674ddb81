/**
 * The window functions: their value at a row depends on the rows before or after it, so Kusto admits
 * them only over serialized input. The one list both the lowering (plan/expressions.ts: prev, next and
 * plain row_number become plan nodes of their own) and the executor (exec/windowFunctions.ts: the rest)
 * read.
 */
export const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set([
  'row_number', 'prev', 'next', 'row_cumsum', 'row_rank_dense', 'row_rank_min', 'row_window_session',
]);
