/**
 * The embedded KQL engine: Kusto.Language parses and binds the query (src/kql), the bound tree is
 * lowered into our plan (plan/), and the plan runs over columnar tables (exec/).
 */

import { type AnalyzedQuery, KqlError, LineMap } from '../kql';
import { QueryCancelledError, QueryTimeoutError, withStop } from '../results/errors';
import { queryStopAt } from '../results/stopPoint';
import { DEFAULT_ROW_LIMIT, type RenderInfo } from '../results/queryResult';
import type { Database } from './database';
import { type ExecContext, makeChecker } from './exec/context';
import { materializeTable, selectRows } from './exec/lazy';
import { asMemoryLimit, MemoryBudget, withMemoryBudget } from './exec/memoryBudget';
import { resultTablesOf } from './exec/moreTables';
import { runPlan } from './exec/run';
import { optimizeQuery } from './optimize';
import { ErrorFactory } from './plan/syntax';
import type { Plan, Span } from './plan/types';
import { cachedPlan, rememberPlan } from './planCache';
import { FUZZY_SOURCE_MISSING, lowerText } from './prepare';
import { renderInfo } from './render';
import type { Table } from './table';
import { ticksFromMs } from './values';

export type { Column } from './column';
export { Database } from './database';
export { DEFAULT_MEMORY_LIMIT_BYTES } from './exec/memoryBudget';
export { explainQuery } from './explain';
export { Table, type TableColumn } from './table';
export type { KqlType, Value } from './values';

export interface ExecuteOptions {
  /** "now" for now()/ago(), in ticks since the epoch; default: the current time. */
  now?: number;
  /** In ticks: every stored table with a TimeGenerated column is restricted to start <= TimeGenerated < end. */
  timeRange?: { start: number; end: number };
  /** Rows kept in the primary result (default 500,000); more rows set `truncated`. */
  rowLimit?: number;
  /** Polled while running; when it returns true the query stops with QueryCancelledError. */
  isCancelled?: () => boolean;
  /** Date.now() milliseconds after which the query stops with QueryTimeoutError. */
  deadline?: number;
  /** Bytes the query may grow (mv-expand, joins, groups, collections, long strings); default 1 GB. */
  memoryLimitBytes?: number;
  /** Reuse the analysed plan of an earlier run of the same text on the same database (default true). */
  planCache?: boolean;
  /** Run the plan through the optimizer (default true); false runs it as lowered and bypasses the cache (for tests). */
  optimize?: boolean;
  /**
   * Values of the query's `declare query_parameters`, by name, as text: read as a literal of the
   * declared type (`3`, `datetime(2024-01-01)` or `2024-01-01`), a string's text as it is. A declared
   * parameter without a value here takes its default.
   */
  parameters?: Readonly<Record<string, string>>;
}

export interface ExecutionResult {
  /** 'PrimaryResult' first; one table per query statement. */
  tables: { name: string; table: Table }[];
  render?: RenderInfo;
  truncated: boolean;
  warnings: string[];
}

/** Runs a KQL query. Every problem with the query is a KqlError; cancellation and timeout have their own errors. */
export function executeQuery(text: string, db: Database, options: ExecuteOptions = {}): ExecutionResult {
  const budget = new MemoryBudget(options.memoryLimitBytes);
  return withMemoryBudget(budget, () => executeWithinBudget(text, db, options, budget));
}

function executeWithinBudget(
  text: string,
  db: Database,
  options: ExecuteOptions,
  budget: MemoryBudget,
): ExecutionResult {
  const startedAt = Date.now();
  const check = makeChecker(options.isCancelled, options.deadline, startedAt);
  budget.check = check;
  let query: AnalyzedQuery | undefined;
  let ctx: ExecContext | undefined;
  try {
    check();
    const useCache = options.planCache !== false && options.optimize !== false;
    // Parameter values are lowered into the plan: a plan is cached per text and values.
    const cacheKey = options.parameters
      ? `${text}\u0000${JSON.stringify(Object.entries(options.parameters).sort())}`
      : text;
    let prepared = useCache ? cachedPlan(db, cacheKey) : undefined;
    if (!prepared) {
      const lowered = lowerText(text, db, options);
      prepared = {
        query: lowered.query,
        plan: options.optimize === false ? lowered.plan : optimizeQuery(lowered.plan),
      };
      if (useCache) {
        rememberPlan(db, cacheKey, prepared);
      }
    }
    query = prepared.query;
    const plan = prepared.plan;
    if (plan.outputs.length === 0) {
      const end = text.trimEnd().length;
      throw new ErrorFactory(query.lines).at(
        { start: end, end },
        'KQL-NO-RESULT',
        'The query has no tabular expression to run (only let statements or comments).',
      );
    }
    ctx = {
      db,
      call: { now: options.now ?? ticksFromMs(Date.now()) },
      errors: new ErrorFactory(query.lines),
      timeRange: options.timeRange,
      shared: new Map(),
      tables: new Map(),
      check,
      current: { start: 0, end: text.length },
      runPlan,
    };
    const rowLimit = options.rowLimit ?? DEFAULT_ROW_LIMIT;
    const tables: { name: string; table: Table }[] = [];
    let truncated = false;
    // A fuzzy union's missing sources are left out with a warning, as Log Analytics reports them.
    const warnings: string[] = query.diagnostics.filter((d) => d.code === FUZZY_SOURCE_MISSING).map((d) => d.message);
    plan.outputs.forEach((p, index) => {
      // A plugin's further tables (exec/moreTables.ts) follow its statement's table.
      resultTablesOf(runPlan(p, ctx!)).forEach((output, more) => {
        let table = output;
        if (table.rowCount > rowLimit) {
          truncated = true;
          warnings.push(`The result has ${table.rowCount} rows; only the first ${rowLimit} are shown (the row limit).`);
          table = selectRows(
            table,
            Array.from({ length: rowLimit }, (_, r) => r),
          );
        }
        table = materializeTable(table);
        const i = tables.length;
        const given = more === 0 ? plan.names?.[index] : undefined;
        const name = given ?? (i === 0 ? 'PrimaryResult' : ((more === 0 ? asName(p) : undefined) ?? `Table_${i}`));
        tables.push({ name, table });
      });
    });
    return { tables, render: ctx.render ? renderInfo(ctx.render) : undefined, truncated, warnings };
  } catch (e) {
    throw asQueryError(e, text, query, ctx?.current, check, ctx?.stoppedIn);
  }
}

function asQueryError(
  e: unknown,
  text: string,
  query: AnalyzedQuery | undefined,
  at: Span | undefined,
  check: () => void,
  stoppedIn?: Span,
): Error {
  if (e instanceof KqlError) {
    return e;
  }
  // A stop names the operator that was running (a table's load has named itself already).
  const stopSpan = stoppedIn ?? at;
  const stopAt = stopSpan ? queryStopAt(text, stopSpan) : undefined;
  if (e instanceof QueryCancelledError || e instanceof QueryTimeoutError) {
    return withStop(e, stopAt);
  }
  if (isLibraryCancellation(e)) {
    try {
      check();
    } catch (stop) {
      return withStop(stop as Error, stopAt);
    }
    return new QueryCancelledError(undefined, stopAt);
  }
  const span = at ?? { start: 0, end: text.length };
  const factory = new ErrorFactory(query?.lines ?? new LineMap(text));
  const memory = asMemoryLimit(e, 'The query');
  if (memory) {
    return factory.at(span, 'KQL-MEMORY', memory.message);
  }
  const tooDeep = e instanceof RangeError && /call stack/i.test(e.message);
  const message = tooDeep
    ? 'The query is nested too deeply for the embedded engine.'
    : `The embedded engine failed while running this part of the query: ${e instanceof Error ? e.message : String(e)}`;
  const code = tooDeep ? 'KQL-TOO-COMPLEX' : 'KQL-INTERNAL';
  return factory.at(span, code, message);
}

/** The name an `as` operator at the end of a statement gives its result. */
function asName(plan: Plan): string | undefined {
  const inner = plan.k === 'shared' ? plan.plan : plan;
  return inner.k === 'as' ? inner.name : undefined;
}

function isLibraryCancellation(e: unknown): boolean {
  const name = (e as { constructor?: { $$name?: string } } | null)?.constructor?.$$name ?? '';
  return /OperationCanceled/.test(name);
}
