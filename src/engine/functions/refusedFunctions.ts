/**
 * Functions the local engine refuses on purpose, with the reason its error gives: each needs what a
 * local workspace does not have (licensed data, the caller's identity, a cluster, ingestion metadata,
 * persisted entities), so any answer here would differ from Kusto's. test/engine/coverage.test.ts
 * checks that every function Kusto.Language knows either runs or is listed here, and
 * docs/engine-coverage.md's list follows this one.
 */
const ON_LOG_ANALYTICS = 'run the query on Log Analytics';

const IDENTITY = `it describes the caller's Microsoft Entra identity, and the local engine runs for no signed-in principal; ${ON_LOG_ANALYTICS}`;
const CURSOR = `database cursors count ingestion into the database, and the local tables hold files with no IngestionTime policy and no cursor; ${ON_LOG_ANALYTICS}`;
const PERSISTED = (what: string) => `the local workspace has no ${what}; ${ON_LOG_ANALYTICS}`;

const REASONS: Readonly<Record<string, string>> = {
  geo_info_from_ip_address: `it looks addresses up in MaxMind's GeoLite2-City database, which is licensed data (downloaded only with a MaxMind account, about 70 MB, replaced weekly) that the extension cannot ship, so no local answer would match Kusto's; ${ON_LOG_ANALYTICS}`,
  current_principal: IDENTITY,
  current_principal_details: IDENTITY,
  current_principal_is_member_of: IDENTITY,
  current_cluster_endpoint: `it names the Kusto cluster or database the query runs on, and the local engine runs on this workspace's files, not on a cluster; ${ON_LOG_ANALYTICS}`,
  cursor_after: CURSOR,
  cursor_before_or_at: CURSOR,
  cursor_current: CURSOR,
  row_id: `no Kusto reference page says what it returns, so the engine cannot answer as Kusto does; ${ON_LOG_ANALYTICS}`,
  labels: PERSISTED('graph models, where labels come from'),
  graph: PERSISTED('persisted graph models'),
  external_table: PERSISTED('external tables'),
  materialized_view: PERSISTED('materialized views'),
  stored_query_result: PERSISTED('stored query results'),
  entity_group: PERSISTED('entity groups of clusters and databases: it holds one database'),
  cluster: PERSISTED('other clusters: it holds one database, named by database()'),
};

/** Why the engine does not run `name`, when it refuses it on purpose. */
export function refusalReason(name: string): string | undefined {
  return Object.hasOwn(REASONS, name) ? REASONS[name] : undefined;
}

/** Every function refused on purpose, for the coverage test and docs/engine-coverage.md. */
export function refusedFunctionNames(): string[] {
  return Object.keys(REASONS).sort();
}
