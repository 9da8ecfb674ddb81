/**
 * Query operators (and tabular sources) Kusto.Language knows that the local engine refuses, by syntax kind, with the reason
 * its error gives. test/engine/coverage.test.ts checks that every operator kind either runs or is
 * listed here, and docs/engine-coverage.md's list follows this one.
 */
const UNDOCUMENTED = 'no Kusto reference page documents it, so the engine cannot run it as Kusto does';
const NOT_PARSED = `Kusto.Language does not parse it in a query (it stops at "Query operator expected"), and ${UNDOCUMENTED}`;

const REASONS: Readonly<Record<string, string>> = {
  MacroExpandOperator:
    "it runs its subquery once per cluster or database of an entity group, and the local engine holds a single workspace's tables (no cluster() or database() to expand over); run it on Log Analytics",
  AssertSchemaOperator: UNDOCUMENTED,
  GraphWhereNodesOperator: UNDOCUMENTED,
  GraphWhereEdgesOperator: UNDOCUMENTED,
  // A tabular source rather than a piped operator (tabular.ts asks here too).
  ExternalDataExpression:
    'it reads files from storage URLs (Azure Blob, Data Lake or https), and the local engine never reaches the network on behalf of a query text; save the files in the data folder to query them as tables, or run the query on Log Analytics',
  ExecuteAndCacheOperator: NOT_PARSED,
  PartitionByOperator: NOT_PARSED,
};

/** Why the engine does not run the operator of this syntax kind, when it refuses it on purpose. */
export function operatorRefusal(kind: string): string | undefined {
  return Object.hasOwn(REASONS, kind) ? REASONS[kind] : undefined;
}

/** The syntax kinds refused on purpose, for the coverage test. */
export function refusedOperatorKinds(): string[] {
  return Object.keys(REASONS).sort();
}
