/**
 * What the extension and a language server started from its startup snapshot agree on (see
 * src/server/snapshot.ts and src/ui/startupSnapshot/).
 */

/** Set by the builder's check run: a process started from the snapshot prints the answer and exits. */
export const SNAPSHOT_CHECK_ENV = 'KQL_SERVER_SNAPSHOT_CHECK';
export const SNAPSHOT_CHECK_ANSWER = 'kql-server-snapshot-ok';
/** The library's folder, for the snapshot builder (the built entry's own `kusto/` folder otherwise). */
export const SNAPSHOT_KUSTO_DIR_ENV = 'KQL_KUSTO_DIR';
