/**
 * Analysed and lowered queries by text, per database: a query run again (Run after an edit elsewhere,
 * Refresh, a report's re-run) skips Kusto.Language's parse and bind, 10-70 ms a query, which is often
 * more than the execution itself. A plan holds no values of a run (`now()`, the time range and the
 * row limit come with each run's context), so reusing one cannot change a result.
 */
import type { AnalyzedQuery } from '../kql';
import type { Database } from './database';
import type { QueryPlan } from './plan/types';

export interface PreparedQuery {
  readonly query: AnalyzedQuery;
  readonly plan: QueryPlan;
}

/** Distinct texts kept per database; the oldest is dropped first. */
const CAPACITY = 64;

/** A plan with what it was bound against: a table replaced or new stored functions make it stale. */
interface CachedPlan {
  readonly prepared: PreparedQuery;
  readonly schemas: Database['schemas'];
  readonly functions: Database['functions'];
}

const byDatabase = new WeakMap<Database, Map<string, CachedPlan>>();

export function cachedPlan(db: Database, text: string): PreparedQuery | undefined {
  const plans = byDatabase.get(db);
  const hit = plans?.get(text);
  if (!hit) {
    return undefined;
  }
  plans!.delete(text);
  if (hit.schemas !== db.schemas || hit.functions !== db.functions) {
    return undefined;
  }
  // Re-insert: Map order is then least recently used first.
  plans!.set(text, hit);
  return hit.prepared;
}

export function rememberPlan(db: Database, text: string, prepared: PreparedQuery): void {
  let plans = byDatabase.get(db);
  if (!plans) {
    plans = new Map();
    byDatabase.set(db, plans);
  }
  plans.set(text, { prepared, schemas: db.schemas, functions: db.functions });
  if (plans.size > CAPACITY) {
    plans.delete(plans.keys().next().value as string);
  }
}
