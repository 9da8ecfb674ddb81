/**
 * Functions the local engine refuses on purpose, with the reason its error gives: each needs data that
 * cannot be shipped with the extension, or facts of a Kusto cluster (its identity, the caller's, the
 * storage behind its tables) that a local engine over files does not have, so any answer here would
 * differ from Kusto's.
 */
const ON_LOG_ANALYTICS = 'run the query on Log Analytics';
const CALLER = `it describes the caller's Microsoft Entra identity, and the local engine runs for no signed-in principal; ${ON_LOG_ANALYTICS}`;
const CLUSTER = `it names the Kusto cluster or database the query runs on, and the local engine runs on this workspace's files, not on a cluster; ${ON_LOG_ANALYTICS}`;
const STORAGE = `it reads how a cluster stored and ingested each row (extents, ingestion time, database cursors), which the tables the local engine loads from files do not record; ${ON_LOG_ANALYTICS}`;

const REASONS: Readonly<Record<string, string>> = {
  current_principal: CALLER,
  current_principal_details: CALLER,
  current_principal_is_member_of: CALLER,
  current_cluster_endpoint: CLUSTER,
  current_database: CLUSTER,
  extent_id: STORAGE,
  extent_tags: STORAGE,
  ingestion_time: STORAGE,
  cursor_after: STORAGE,
  cursor_before_or_at: STORAGE,
  cursor_current: STORAGE,
  parse_user_agent: `Kusto classifies user agents by a database of browser, OS and device patterns that the reference does not publish, so a local answer from another database could name another family or version; ${ON_LOG_ANALYTICS}`,
  geo_info_from_ip_address: `it looks addresses up in MaxMind's GeoLite2-City database, which is licensed data (downloaded only with a MaxMind account, about 70 MB, replaced weekly) that the extension cannot ship, so no local answer would match Kusto's; ${ON_LOG_ANALYTICS}`,
};

/** Why the engine does not run `name`, when it refuses it on purpose. */
export function refusalReason(name: string): string | undefined {
  return Object.hasOwn(REASONS, name) ? REASONS[name] : undefined;
}
