/**
 * The most bytes one record of a data file may take: a CSV record, a JSON Lines line, a record or string
 * of a JSON document, a decompressed Parquet page. A record past it is left out while the file is read,
 * before it is ever held whole (a gzip holding one 1 GB line loaded at 3 GB of memory without it).
 *
 * Why 64 MB: Log Analytics itself keeps a field to 32 KB (Data Collector API) or 64 KB (Logs Ingestion
 * API, whose whole call is at most 1 MB), so a VM insights record of a few dozen columns is at most a
 * few MB, and even a custom table of 500 columns each at 64 KB stays under 32 MB. 64 MB leaves that
 * twice over while keeping a hostile record's cost to a few hundred MB of memory.
 *
 * One value per process, set where a data folder is opened (the engine worker, `kql --record-limit`):
 * the loaders read it deep inside their scanners, and CSV parts read on worker threads get it in their job.
 */

export const DEFAULT_RECORD_LIMIT_MB = 64;
export const RECORD_LIMIT_SETTING = 'kql.local.recordLimitMB';

let limitBytes = DEFAULT_RECORD_LIMIT_MB << 20;

/** The limit in bytes now in force. */
export function recordLimit(): number {
  return limitBytes;
}

/** Sets the limit (bytes, at least 1); returns the one it replaced, so a test can put it back. */
export function setRecordLimit(bytes: number): number {
  const before = limitBytes;
  limitBytes = Math.max(1, Math.floor(bytes));
  return before;
}

function showBytes(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) {
    return `${bytes >> 20} MB`;
  }
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${bytes.toLocaleString('en-US')} bytes`;
}

/** Why a record was left out: `what` is "the line", "the record", "a string"... */
export function tooLongReason(what: string): string {
  return `${what} is longer than ${showBytes(limitBytes)}, the limit for one record (${RECORD_LIMIT_SETTING}, kql --record-limit)`;
}
