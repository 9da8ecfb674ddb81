/** A query's text to its lowered plan: Kusto.Language's parse and bind (src/kql), then plan/. */
import { analyze, deferQueryGrammar, firstError, textLimitError } from '../kql';
import type { Database } from './database';
import { aliasesToLocalDatabase } from './plan/databasePaths';
import { withoutMissingFuzzyLegs } from './plan/fuzzyUnion';
import { lowerQuery } from './plan/lower';
import { undeclaredPatternError } from './plan/patterns';
import type { PreparedQuery } from './planCache';

/** Kusto.Language's warning for a name in `union isfuzzy=true` that no table has. */
export const FUZZY_SOURCE_MISSING = 'KS205';

export interface LowerOptions {
  isCancelled?: () => boolean;
  deadline?: number;
  /** Values of `declare query_parameters`, by name, as text. */
  parameters?: Readonly<Record<string, string>>;
}

/** Parses, binds and lowers a query; the first error in it is thrown as a KqlError. */
export function lowerText(text: string, db: Database, options: LowerOptions = {}): PreparedQuery {
  // Text the library would refuse after seconds of uncancellable parsing is refused before it.
  const tooLarge = textLimitError(text);
  if (tooLarge) {
    throw tooLarge;
  }
  // The engine never completes nor runs commands: its first query need not build the library's grammar.
  deferQueryGrammar();
  const analyzeOptions = {
    tables: db.schemas,
    functions: db.functions,
    isCancelled: () =>
      options.isCancelled?.() === true || (options.deadline !== undefined && Date.now() > options.deadline),
  };
  let query = analyze(text, analyzeOptions);
  const aliased = aliasesToLocalDatabase(query.code);
  if (aliased !== undefined) {
    // The one database here is what every alias names (databasePaths.ts).
    query = { ...analyze(aliased, analyzeOptions), text };
  }
  const fuzzyTrimmed = withoutMissingFuzzyLegs(query.code);
  if (fuzzyTrimmed === undefined) {
    const error = undeclaredPatternError(query) ?? firstError(query);
    if (error) {
      throw error;
    }
  } else {
    // The blanked text binds as Kusto would: a leg's unknown columns no longer hide a misspelt name,
    // and a wildcard that matches no table (the library's error, not KS205's warning) is gone with its leg.
    const trimmed = analyze(fuzzyTrimmed, analyzeOptions);
    const trimmedError = undeclaredPatternError(trimmed) ?? firstError(trimmed);
    if (trimmedError) {
      throw trimmedError;
    }
    // The warnings about the missing tables stay.
    query = {
      ...trimmed,
      text,
      diagnostics: [...trimmed.diagnostics, ...query.diagnostics.filter((d) => d.code === FUZZY_SOURCE_MISSING)],
    };
  }
  const parameters = options.parameters ? new Map(Object.entries(options.parameters)) : undefined;
  return { query, plan: lowerQuery(query, db.tableNames, parameters) };
}
